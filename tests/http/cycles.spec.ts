// Two delivery cycles open at once: the buyer chooses which one the basket is for, on the basket
// and at checkout, and the order is placed for that cycle; the server refuses a cycle of another
// hub or one that is not open. Coordinators cannot put two cycles on one delivery day.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { inputValue, loggedInAs, signedUp } from "./support/client";

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function fillBasket(client: APIRequestContext) {
  const search = await client.get("/api/products/search?stock=1&r=100");
  const { results } = (await search.json()) as {
    results: Array<{ id: string; unit: string; priceMinor: number; stockMilli: number }>;
  };
  const product = results.find(
    (p) => ["EACH", "BUNCH", "DOZEN"].includes(p.unit) && p.priceMinor >= 200 && p.stockMilli >= 40_000,
  )!;
  const added = await client.post("/basket", {
    form: { intent: "add", productId: product.id, quantity: String(Math.ceil(2000 / product.priceMinor)) },
  });
  expect(added.status()).toBeLessThan(400);
}

test("a buyer orders for the second open cycle; the coordinator cannot double-book a delivery day", async () => {
  const coordinator = await loggedInAs("coordinator@foodshed.test");
  // A second cycle open now, delivering on a day of its own (unique per run: days ahead by the clock).
  const offset = 60 + (Math.floor(Date.now() / 60_000) % 200);
  const name = `Second open ${offset}`;
  const form = {
    name,
    opensAt: `${day(-1)}T09:00`,
    cutoffAt: `${day(offset - 2)}T18:00`,
    deliveryDate: day(offset),
    slots: "09:00-12:00",
  };
  const created = await coordinator.post("/hub/cycles/new", { form });
  expect(created.status(), await created.text()).toBe(302);
  const twice = await coordinator.post("/hub/cycles/new", { form: { ...form, name: `${name} again` } });
  expect(twice.status()).toBe(400);
  expect(await twice.text()).toContain("already delivers on that day");

  const { client } = await signedUp("HOUSEHOLD", "Second cycle");
  await fillBasket(client);
  const basket = await (await client.get("/basket")).text();
  expect(basket).toContain("This basket is for");
  // React's server rendering separates text parts with <!-- -->.
  const option = new RegExp(`<option value="([^"]+)"[^>]*>${name}(?:<!-- -->)? — delivery`).exec(basket);
  expect(option, "the second cycle is offered").not.toBeNull();
  const secondId = option![1]!;

  const checkout = await (await client.get(`/checkout?fulfilment=PICKUP&cycle=${secondId}`)).text();
  expect(inputValue(checkout, "cycleId")).toBe(secondId);
  expect(checkout).toContain(name);
  const placed = await client.post("/checkout", {
    form: {
      cycleId: secondId,
      expectedTotalMinor: inputValue(checkout, "expectedTotalMinor")!,
      idempotencyKey: inputValue(checkout, "idempotencyKey")!,
      fulfilment: "PICKUP",
      paymentMethod: "ON_DELIVERY",
    },
  });
  expect(placed.status(), await placed.text()).toBe(302);
  const orderPath = placed.headers()["location"]!.replace(/\?.*$/, "");
  expect(await (await client.get(orderPath)).text()).toContain(name);

  // A made-up or closed cycle is refused with a message, and nothing is placed.
  await fillBasket(client);
  const again = await (await client.get("/checkout?fulfilment=PICKUP")).text();
  const refused = await client.post("/checkout", {
    form: {
      cycleId: "not-a-cycle-of-this-hub",
      expectedTotalMinor: inputValue(again, "expectedTotalMinor")!,
      idempotencyKey: inputValue(again, "idempotencyKey")!,
      fulfilment: "PICKUP",
      paymentMethod: "ON_DELIVERY",
    },
  });
  expect(refused.status()).toBe(400);
  expect(await refused.text()).toContain("Choose a delivery cycle of your hub");
});
