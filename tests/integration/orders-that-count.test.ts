// One rule for which orders count (domain/order-status): an order awaiting its card payment is on
// neither the farmer's order page, the farmer's home, the hub's pick list nor its dashboard count;
// once paid it is on all of them.
import { describe, expect, it } from "vitest";
import { action as basketAction } from "~/routes/basket";
import { action as checkoutAction } from "~/routes/checkout";
import { getCycleLines } from "~/models/aggregation.server";
import { getFarmDashboard } from "~/services/farm.server";
import { getFarmOrders } from "~/services/order-views.server";
import { prisma } from "~/utils/db.server";
import { orderingWorld, postForm } from "../support/ordering";

type World = Awaited<ReturnType<typeof orderingWorld>>;

async function order(w: World, userId: string, carrots: string) {
  await postForm(basketAction, "/basket", { intent: "add", productId: w.carrots.id, quantity: carrots }, userId);
  const form = { cycleId: w.cycle.id, fulfilment: "PICKUP", paymentMethod: "ON_DELIVERY" };
  const response = await postForm(checkoutAction, "/checkout", form, userId);
  expect(response.status).toBe(302);
  return prisma.order.findFirstOrThrow({ where: { buyerId: userId }, orderBy: { placedAt: "desc" } });
}

describe("orders that count", () => {
  it("an unpaid card order shows nowhere a farmer or the hub works from; once paid it shows everywhere", async () => {
    const w = await orderingWorld();
    await order(w, w.household.id, "2");
    const unpaid = await order(w, w.restaurant.id, "3");
    await prisma.order.update({ where: { id: unpaid.id }, data: { status: "PENDING_PAYMENT", paymentMethod: "CARD" } });

    const farmerView = async () =>
      (await getFarmOrders({ ownerId: w.farmA.ownerId, cycleId: w.cycle.id }))!.lines.map((l) => l.quantityMilli);
    const pickList = async () =>
      (await getCycleLines({ hubId: w.hub.id, cycleId: w.cycle.id })).map((l) => l.quantityMilli);
    const home = async () => (await getFarmDashboard({ ownerId: w.farmA.ownerId }))!.openCycle!;

    expect(await farmerView()).toEqual([2000]);
    expect(await pickList()).toEqual([2000]);
    expect(await home()).toMatchObject({ orderCount: 1, products: [{ quantityMilli: 2000 }] });

    await prisma.order.update({ where: { id: unpaid.id }, data: { status: "CONFIRMED", paymentStatus: "PAID" } });
    expect((await farmerView()).sort()).toEqual([2000, 3000]);
    expect((await pickList()).sort()).toEqual([2000, 3000]);
    expect(await home()).toMatchObject({ orderCount: 2, products: [{ quantityMilli: 5000 }] });
  });
});
