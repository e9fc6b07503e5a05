// A buyer changes the quantities of a placed order before the cut-off: stock moves with the
// change, changed lines are priced as now (wholesale at the minimum for restaurants), totals and
// the carbon estimate follow; every refusal (another buyer, bad quantity, stock, minimum, card,
// cut-off) answers 4xx and changes nothing.
import { describe, expect, it } from "vitest";
import { action as basketAction } from "~/routes/basket";
import { action as checkoutAction } from "~/routes/checkout";
import { action as orderAction, loader as orderLoader } from "~/routes/orders.$orderId";
import { prisma } from "~/utils/db.server";
import { makeRequest } from "../factories";
import { args, catchResponse, orderingWorld, postForm } from "../support/ordering";

type World = Awaited<ReturnType<typeof orderingWorld>>;

async function placeOrder(w: World, userId: string, { carrots = "2", eggs = "1", paymentMethod = "ON_DELIVERY" } = {}) {
  await postForm(basketAction, "/basket", { intent: "add", productId: w.carrots.id, quantity: carrots }, userId);
  await postForm(basketAction, "/basket", { intent: "add", productId: w.eggs.id, quantity: eggs }, userId);
  const form = {
    cycleId: w.cycle.id,
    fulfilment: "DELIVERY",
    address: "1 Test Street, Bristol",
    lat: "51.46",
    lng: "-2.59",
    paymentMethod,
    ...(paymentMethod === "INVOICE" ? { invoiceTermsDays: "30" } : {}),
  };
  const response = await postForm(checkoutAction, "/checkout", form, userId);
  expect(response.status).toBe(302);
  return prisma.order.findFirstOrThrow({
    where: { buyerId: userId },
    orderBy: { placedAt: "desc" },
    include: { lines: true },
  });
}

async function change(orderId: string, userId: string, quantities: Record<string, string>) {
  const form: Record<string, string> = { intent: "change" };
  for (const [lineId, quantity] of Object.entries(quantities)) form[`quantity.${lineId}`] = quantity;
  return catchResponse(orderAction(args(await makeRequest(`/orders/${orderId}`, { userId, form }), { orderId })));
}

const stockOf = async (productId: string) =>
  (await prisma.product.findUniqueOrThrow({ where: { id: productId } })).stockMilli;
const snapshot = async (orderId: string) =>
  prisma.order.findUniqueOrThrow({ where: { id: orderId }, include: { lines: { orderBy: { productName: "asc" } } } });

describe("changing an order", () => {
  it("raises, lowers and removes lines: stock, prices, totals and carbon follow, and the buyer gets an email", async () => {
    const w = await orderingWorld();
    const order = await placeOrder(w, w.household.id, { carrots: "2", eggs: "2" });
    const carrotsLine = order.lines.find((l) => l.productId === w.carrots.id)!;
    const eggsLine = order.lines.find((l) => l.productId === w.eggs.id)!;
    expect(await stockOf(w.carrots.id)).toBe(48_000);
    expect(await stockOf(w.eggs.id)).toBe(18_000);

    const page = await catchResponse(
      orderLoader(args(await makeRequest(`/orders/${order.id}`, { userId: w.household.id }), { orderId: order.id })),
    );
    expect(((await page.json()) as { order: { canChange: boolean } }).order.canChange).toBe(true);

    // Carrots 2 → 3.5 kg, eggs 2 → 1 dozen.
    const response = await change(order.id, w.household.id, { [carrotsLine.id]: "3.5", [eggsLine.id]: "1" });
    expect(response.status).toBe(302);
    const changed = await snapshot(order.id);
    expect(changed.lines.map((l) => [l.productName, l.quantityMilli, l.lineTotalMinor])).toEqual([
      ["Carrots", 3500, 875],
      ["Eggs", 1000, 400],
    ]);
    expect(changed.subtotalMinor).toBe(875 + 400);
    expect(changed.totalMinor).toBe(875 + 400 + order.deliveryFeeMinor);
    expect(changed.totalGrams).toBe(3500 + 720);
    expect(changed.estCo2eGrams).toBeGreaterThan(0);
    expect(changed.estCo2eGrams).not.toBe(order.estCo2eGrams);
    expect(await stockOf(w.carrots.id)).toBe(46_500);
    expect(await stockOf(w.eggs.id)).toBe(19_000);
    expect(await prisma.emailMessage.count({ where: { to: w.household.email, kind: "order-changed" } })).toBe(1);

    // Removing the eggs (0) gives them all back.
    expect((await change(order.id, w.household.id, { [eggsLine.id]: "0" })).status).toBe(302);
    const removed = await snapshot(order.id);
    expect(removed.lines.map((l) => l.productName)).toEqual(["Carrots"]);
    expect(removed.totalGrams).toBe(3500);
    expect(await stockOf(w.eggs.id)).toBe(20_000);
  });

  it("prices a changed line as now: a restaurant reaching the wholesale minimum gets the wholesale price", async () => {
    const w = await orderingWorld();
    const order = await placeOrder(w, w.restaurant.id, { carrots: "2", eggs: "1", paymentMethod: "INVOICE" });
    const carrotsLine = order.lines.find((l) => l.productId === w.carrots.id)!;
    expect(carrotsLine.wholesaleApplied).toBe(false);
    expect((await change(order.id, w.restaurant.id, { [carrotsLine.id]: "6" })).status).toBe(302);
    const line = (await snapshot(order.id)).lines.find((l) => l.id === carrotsLine.id)!;
    expect(line).toMatchObject({
      quantityMilli: 6000,
      unitPriceMinor: 180,
      lineTotalMinor: 1080,
      wholesaleApplied: true,
    });
  });

  it("refuses what it cannot do with 4xx and a message, changing nothing", async () => {
    const w = await orderingWorld({ stockMilli: 3000 });
    const order = await placeOrder(w, w.household.id, { carrots: "2", eggs: "1" });
    const carrotsLine = order.lines.find((l) => l.productId === w.carrots.id)!;
    const eggsLine = order.lines.find((l) => l.productId === w.eggs.id)!;
    const before = await snapshot(order.id);
    const unchanged = async () => {
      expect(await snapshot(order.id)).toEqual(before);
      expect(await stockOf(w.carrots.id)).toBe(1000);
    };
    const body = async (response: Response) => JSON.stringify(await response.json());

    // More than is left: 1 kg is left beyond the 2 kg already in the order.
    const short = await change(order.id, w.household.id, { [carrotsLine.id]: "4" });
    expect(short.status).toBe(409);
    expect(await body(short)).toMatch(/Only 1 kg of Carrots left/);
    await unchanged();
    // A fraction of a whole unit, a negative quantity, junk: per line.
    const bad = await change(order.id, w.household.id, { [eggsLine.id]: "1.5", [carrotsLine.id]: "-2" });
    expect(bad.status).toBe(400);
    const errors = (await bad.json()) as { change: { lineErrors: Record<string, string> } };
    expect(errors.change.lineErrors[eggsLine.id]).toMatch(/whole dozen/);
    expect(errors.change.lineErrors[carrotsLine.id]).toMatch(/more than zero/);
    // Removing everything: cancel instead.
    expect(await body(await change(order.id, w.household.id, { [eggsLine.id]: "0", [carrotsLine.id]: "0" }))).toMatch(
      /cancel the order/,
    );
    // A line of another order.
    expect((await change(order.id, w.household.id, { someOtherLine: "2" })).status).toBe(400);
    await unchanged();

    // Another buyer: 404, nothing changes.
    expect((await change(order.id, w.restaurant.id, { [carrotsLine.id]: "1" })).status).toBe(404);
    await unchanged();

    // Below the hub's minimum order.
    await prisma.hub.update({ where: { id: w.hub.id }, data: { orderMinimumMinor: 800 } });
    const small = await change(order.id, w.household.id, { [carrotsLine.id]: "1" });
    expect(small.status).toBe(400);
    expect(await body(small)).toMatch(/minimum order of £8.00/);
    await unchanged();

    // After the cut-off.
    await prisma.deliveryCycle.update({ where: { id: w.cycle.id }, data: { cutoffAt: new Date(Date.now() - 1000) } });
    const late = await change(order.id, w.household.id, { [carrotsLine.id]: "2.5" });
    expect(late.status).toBe(409);
    expect(await body(late)).toMatch(/cut-off/);
    await unchanged();
  });

  it("a change racing a cancel of the same order: both answer, and the stock adds up", async () => {
    const w = await orderingWorld();
    const order = await placeOrder(w, w.household.id, { carrots: "2", eggs: "1" });
    const carrotsLine = order.lines.find((l) => l.productId === w.carrots.id)!;
    const cancel = catchResponse(
      orderAction(
        args(await makeRequest(`/orders/${order.id}`, { userId: w.household.id, form: { intent: "cancel" } }), {
          orderId: order.id,
        }),
      ),
    );
    const [changed, cancelled] = await Promise.all([
      change(order.id, w.household.id, { [carrotsLine.id]: "5" }),
      cancel,
    ]);
    expect([302, 409]).toContain(changed.status);
    expect(cancelled.status).toBe(302);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("CANCELLED");
    // Whatever the order, the cancel gave back everything the order held at that moment.
    expect(await stockOf(w.carrots.id)).toBe(50_000);
    expect(await stockOf(w.eggs.id)).toBe(20_000);
  });

  it("keeps card orders as paid: the page explains, the action refuses", async () => {
    const w = await orderingWorld();
    const order = await placeOrder(w, w.household.id);
    await prisma.order.update({ where: { id: order.id }, data: { paymentMethod: "CARD", paymentStatus: "PAID" } });
    const before = await snapshot(order.id);
    const page = await catchResponse(
      orderLoader(args(await makeRequest(`/orders/${order.id}`, { userId: w.household.id }), { orderId: order.id })),
    );
    const data = (await page.json()) as { order: { canChange: boolean; changeNote: string | null } };
    expect(data.order).toMatchObject({ canChange: false, changeNote: expect.stringMatching(/Cancel it/) });
    const response = await change(order.id, w.household.id, { [order.lines[0]!.id]: "3" });
    expect(response.status).toBe(409);
    expect(await snapshot(order.id)).toEqual(before);
  });
});
