// Lower-carbon choices at checkout over real HTTP (issue 17): the checkout page figures what each
// delivery slot and collecting at the hub add for the basket, marks the lowest, follows the slot
// chosen in its estimate, and the order placed in that slot stores that very estimate. A slot id
// that is not the cycle's is refused with a message, and ignored by the page.
import { expect, test } from "@playwright/test";
import { inputValue, location, signedUp } from "./support/client";

/** Near the demo hub, inside its zone (Redland, Bristol). */
const HOME = { lat: "51.465863", lng: "-2.60181", address: "66 Whiteladies Road, Bristol" };

interface Choice {
  kind: "DELIVERY" | "PICKUP";
  slotId: string | null;
  co2eGrams: number | null;
  metres: number | null;
  lowest: boolean;
}
interface CheckoutData {
  view: {
    carbonChoices: { options: Choice[]; deliveryLower: boolean } | null;
    slotId: string | null;
    basket: { cycle: { id: string; slots: Array<{ id: string; startMinute: number }> } };
    quote: { totalMinor: number; estimate: { status: string; co2eGrams?: number } };
  };
}

test("the checkout figures each slot and collecting, the estimate follows the slot, and the order stores it", async () => {
  const { client } = await signedUp("HOUSEHOLD", "Carbon choices");
  const search = await client.get("/api/products/search?stock=1&r=100");
  const { results } = (await search.json()) as {
    results: Array<{ id: string; unit: string; priceMinor: number; stockMilli: number }>;
  };
  const product = results.find((p) => ["EACH", "BUNCH", "DOZEN"].includes(p.unit) && p.stockMilli >= 40_000)!;
  const added = await client.post("/basket", {
    form: { intent: "add", productId: product.id, quantity: String(Math.ceil(2000 / product.priceMinor)) },
  });
  expect(added.status()).toBeLessThan(400);

  const data = async (query: string) => {
    const response = await client.get(`/checkout?lat=${HOME.lat}&lng=${HOME.lng}${query}&_data=routes%2Fcheckout`);
    expect(response.status()).toBe(200);
    return ((await response.json()) as CheckoutData).view;
  };
  const view = await data("");
  const choices = view.carbonChoices!;
  const slots = view.basket.cycle.slots;
  expect(slots.length).toBeGreaterThan(1);
  // Any time, each slot, then collecting; every option figured on the demo's delivered cycle.
  expect(choices.options.map((o) => [o.kind, o.slotId])).toEqual([
    ["DELIVERY", null],
    ...slots.map((s) => ["DELIVERY", s.id]),
    ["PICKUP", null],
  ]);
  for (const o of choices.options) {
    expect(o.co2eGrams).not.toBeNull();
    expect(o.metres).not.toBeNull();
  }
  // Collecting: the drive there and back, several km; more than any van detour here.
  const pickup = choices.options.at(-1)!;
  expect(pickup.metres).toBeGreaterThan(2_000);
  expect(choices.deliveryLower).toBe(true);
  expect(pickup.lowest).toBe(false);
  // The lowest slot is marked, and is the minimum of the slots.
  const bySlot = choices.options.filter((o) => o.kind === "DELIVERY" && o.slotId !== null);
  const least = Math.min(...bySlot.map((o) => o.co2eGrams!));
  for (const o of bySlot) if (o.lowest) expect(o.co2eGrams!).toBeLessThanOrEqual(least * 1.05);

  // The estimate follows the slot asked for; an unknown slot is "any time".
  const chosen = bySlot.reduce((a, b) => (b.co2eGrams! < a.co2eGrams! ? b : a));
  const inSlot = await data(`&slotId=${chosen.slotId}`);
  expect(inSlot.slotId).toBe(chosen.slotId);
  expect(inSlot.quote.estimate.status).toBe("ESTIMATED");
  expect((await data("&slotId=not-a-slot")).slotId).toBeNull();

  // The page renders the choices as radio buttons with their figures.
  const html = await (await client.get(`/checkout?lat=${HOME.lat}&lng=${HOME.lng}`)).text();
  expect(html).toContain('name="slotId"');
  expect(html).toMatch(/more van driving/);
  expect(html).toMatch(/if you drive there and back/);

  const form = {
    cycleId: inputValue(html, "cycleId")!,
    expectedTotalMinor: String(inSlot.quote.totalMinor),
    idempotencyKey: inputValue(html, "idempotencyKey")!,
    fulfilment: "DELIVERY",
    address: HOME.address,
    lat: HOME.lat,
    lng: HOME.lng,
    paymentMethod: "ON_DELIVERY",
  };
  // A slot of another cycle (or none at all): refused, nothing placed.
  const refused = await client.post("/checkout", { form: { ...form, slotId: "not-a-slot" } });
  expect(refused.status()).toBe(400);
  expect(await refused.text()).toMatch(/slot/i);

  const placed = await client.post("/checkout", { form: { ...form, slotId: chosen.slotId! } });
  expect(placed.status()).toBe(302);
  const orderPath = location(placed)!.split("?")[0]!;
  const order = await client.get(`${orderPath}?_data=routes%2Forders.%24orderId`);
  expect(order.status()).toBe(200);
  const { order: stored } = (await order.json()) as {
    order: { estCo2eGrams: number | null; slot: { startMinute: number } | null };
  };
  expect(stored.slot?.startMinute).toBe(slots.find((s) => s.id === chosen.slotId)!.startMinute);
  expect(stored.estCo2eGrams).toBe(inSlot.quote.estimate.co2eGrams);
});
