// Checkout, payments and standing orders over real HTTP: a double (or fivefold) submit of the same
// checkout form places one order and every response leads to it; a card checkout makes one pending
// order and one Checkout Session (at the local Stripe fake); the page Stripe sends a cancelling
// buyer back to changes nothing on GET; "Repeat every cycle" clicked twice makes one standing order.
// Fresh accounts only, so the demo accounts' baskets and orders stay as the journeys expect.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { inputValue, location, signedUp } from "./support/client";

interface SearchResult {
  id: string;
  unit: string;
  priceMinor: number;
  stockMilli: number;
}

/** Puts one product into the basket, enough to pass the demo hub's minimum order. */
async function fillBasket(client: APIRequestContext) {
  const search = await client.get("/api/products/search?stock=1&r=100");
  expect(search.status()).toBe(200);
  const { results } = (await search.json()) as { results: SearchResult[] };
  const product = results.find(
    (p) => ["EACH", "BUNCH", "DOZEN"].includes(p.unit) && p.priceMinor >= 200 && p.stockMilli >= 40_000,
  );
  expect(product, "a demo product sold by the piece with stock").toBeDefined();
  const quantity = Math.ceil(2000 / product!.priceMinor);
  const added = await client.post("/basket", {
    form: { intent: "add", productId: product!.id, quantity: String(quantity) },
  });
  expect(added.status(), await added.text()).toBeLessThan(400);
  return product!;
}

/** The checkout form as the page renders it (with its one-time key). */
async function checkoutForm(client: APIRequestContext, paymentMethod: "ON_DELIVERY" | "CARD") {
  const page = await client.get("/checkout?fulfilment=PICKUP");
  expect(page.status()).toBe(200);
  const html = await page.text();
  const idempotencyKey = inputValue(html, "idempotencyKey");
  expect(idempotencyKey, "the checkout form carries a one-time key").toMatch(/^[A-Za-z0-9_-]{16,}$/);
  return {
    cycleId: inputValue(html, "cycleId")!,
    expectedTotalMinor: inputValue(html, "expectedTotalMinor")!,
    idempotencyKey: idempotencyKey!,
    fulfilment: "PICKUP",
    paymentMethod,
  };
}

async function orderIds(client: APIRequestContext) {
  const html = await (await client.get("/orders")).text();
  return [...new Set([...html.matchAll(/href="\/orders\/([a-z0-9]+)"/g)].map((m) => m[1]))];
}

test("concurrent and repeated submits of one checkout (pay on delivery) place one order and lead to it", async () => {
  for (const n of [2, 5]) {
    const { client } = await signedUp("HOUSEHOLD", `Double submit ${n}`);
    await fillBasket(client);
    const form = await checkoutForm(client, "ON_DELIVERY");
    const responses = await Promise.all(Array.from({ length: n }, () => client.post("/checkout", { form })));
    const orders = await orderIds(client);
    expect(orders, "exactly one order").toHaveLength(1);
    for (const response of responses) {
      expect(response.status()).toBe(302);
      expect(location(response)).toMatch(new RegExp(`^/orders/${orders[0]}(\\?placed=1)?$`));
    }
    // The same form again (back button and submit): the first order, not an error page.
    const again = await client.post("/checkout", { form });
    expect(again.status()).toBe(302);
    expect(location(again)).toBe(`/orders/${orders[0]}`);
    const page = await client.get(location(again)!);
    expect(page.status()).toBe(200);
    expect(await orderIds(client)).toHaveLength(1);
  }
});

test("concurrent submits of a card checkout make one pending order and one Checkout Session; the cancel landing page changes nothing on GET", async () => {
  const { client } = await signedUp("HOUSEHOLD", "Double card submit");
  const product = await fillBasket(client);
  const form = await checkoutForm(client, "CARD");
  const responses = await Promise.all(Array.from({ length: 3 }, () => client.post("/checkout", { form })));
  const targets = responses.map((r) => r.headers()["location"]);
  for (const response of responses) expect(response.status()).toBe(302);
  expect(new Set(targets).size, `one Checkout Session: ${targets.join(", ")}`).toBe(1);
  expect(targets[0]).not.toMatch(/^\/orders\//);
  // A second tab (a new form) with the same basket goes to the same session.
  const secondTab = await client.post("/checkout", { form: await checkoutForm(client, "CARD") });
  expect(secondTab.headers()["location"]).toBe(targets[0]);
  const orders = await orderIds(client);
  expect(orders).toHaveLength(1);

  // Back from Stripe with "cancel": a GET shows a button and changes nothing.
  const landing = await client.get(`/checkout?cancelled=${orders[0]}`);
  expect(landing.status()).toBe(200);
  const html = await landing.text();
  expect(html).toContain("Return to basket");
  const order = await client.get(`/orders/${orders[0]}`);
  expect(await order.text()).not.toMatch(/Cancelled/);
  // The button POSTs and releases the unpaid order; the basket is kept.
  const back = await client.post("/checkout", { form: { intent: "return-to-basket", orderId: orders[0]! } });
  expect(back.status()).toBe(302);
  expect(location(back)).toBe("/basket");
  // The order page says the payment was not completed (not "Cancelled"), and shows no carbon for it.
  const abandoned = await (await client.get(`/orders/${orders[0]}`)).text();
  expect(abandoned).toContain("Payment not completed");
  expect(abandoned).toContain("nothing was charged");
  expect(abandoned).not.toContain("order-carbon-title");
  expect(await (await client.get("/orders")).text()).toContain("Payment not completed");
  const basket = await (await client.get("/basket")).text();
  expect(basket).toContain("Go to checkout");
  // Empty the basket again so nothing of this account holds stock.
  await client.post("/basket", { form: { intent: "remove", productId: product.id } });
});

test('"Repeat every cycle" submitted twice at once makes one standing order, and both lead to it', async () => {
  const { client } = await signedUp("HOUSEHOLD", "Double repeat");
  await fillBasket(client);
  const placed = await client.post("/checkout", { form: await checkoutForm(client, "ON_DELIVERY") });
  expect(placed.status()).toBe(302);
  const orderPath = location(placed)!.split("?")[0]!;
  const [first, second] = await Promise.all([
    client.post(orderPath, { form: { intent: "repeat" } }),
    client.post(orderPath, { form: { intent: "repeat" } }),
  ]);
  expect(first.status()).toBe(302);
  expect(second.status()).toBe(302);
  const target = (r: typeof first) => r.headers()["location"];
  expect(target(first)).toMatch(/^\/standing-orders#standing-/);
  expect(target(second)).toBe(target(first));
  const third = await client.post(orderPath, { form: { intent: "repeat" } });
  expect(target(third)).toBe(target(first));
  const page = await (await client.get("/standing-orders")).text();
  expect(page.match(/data-standing="/g) ?? []).toHaveLength(1);
  // Cancel it so no repeat runs for this account in the demo's next cycle.
  const id = target(first)!.split("#standing-")[1]!;
  expect((await client.post("/standing-orders", { form: { id, intent: "cancel" } })).status()).toBe(302);
});

test("the order page shows the phone and notes given for the driver", async () => {
  const { client } = await signedUp("HOUSEHOLD", "Driver notes");
  await fillBasket(client);
  const form = {
    ...(await checkoutForm(client, "ON_DELIVERY")),
    contactPhone: "07700 900123",
    notes: "Leave it in the green box by the gate",
  };
  const placed = await client.post("/checkout", { form });
  expect(placed.status()).toBe(302);
  const [orderId] = await orderIds(client);
  const page = await (await client.get(`/orders/${orderId}`)).text();
  expect(page).toContain("Phone for the driver");
  expect(page).toContain("07700 900123");
  expect(page).toContain("Leave it in the green box by the gate");
  // The buyer cancels (before the cut-off): the order page keeps saying so and drops the carbon block.
  const cancelled = await client.post(`/orders/${orderId}`, { form: { intent: "cancel" } });
  expect(cancelled.status()).toBe(302);
  const after = await (await client.get(`/orders/${orderId}`)).text();
  expect(after).toContain("This order was cancelled");
  expect(after).not.toContain("order-carbon-title");
});
