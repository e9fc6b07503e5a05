// The order and cycle lifecycles (domain/order-status, domain/cycles) hold where statuses are
// written, and a service's transaction is all or nothing.
import { describe, expect, it } from "vitest";
import { OrderTransitionError } from "~/domain/order-status";
import { withTransaction } from "~/models/database.server";
import { setCycleStatus } from "~/models/hub.server";
import { releaseOrder } from "~/models/order.server";
import { createRoutePlan } from "~/models/route-plan.server";
import { prisma } from "~/utils/db.server";
import { createTestCycle, createTestFarm, createTestHub, createTestProduct, createTestUser } from "../factories";

async function deliveredOrder() {
  const coordinator = await createTestUser({ role: "COORDINATOR" });
  const hub = await createTestHub({ coordinatorId: coordinator.id });
  const farm = await createTestFarm({ hubId: hub.id });
  const product = await createTestProduct(farm.id, { name: "Leeks" });
  const buyer = await createTestUser({ role: "BUYER" });
  const cycle = await createTestCycle(hub.id, { status: "DELIVERED", cutoffAt: new Date(Date.now() - 86_400_000) });
  const order = await prisma.order.create({
    data: {
      buyerId: buyer.id,
      hubId: hub.id,
      cycleId: cycle.id,
      fulfilment: "PICKUP",
      paymentMethod: "ON_DELIVERY",
      status: "DELIVERED",
      subtotalMinor: 300,
      totalMinor: 300,
      totalGrams: 1000,
      lines: {
        create: [
          {
            productId: product.id,
            farmId: farm.id,
            productName: product.name,
            unit: product.unit,
            quantityMilli: 1000,
            unitPriceMinor: 300,
            lineTotalMinor: 300,
            grams: 1000,
            chilled: false,
          },
        ],
      },
    },
  });
  return { hub, cycle, order, product };
}

const EMPTY_PLAN = { createdById: null, distanceSource: "estimate", notice: null, unassigned: [], routes: [] };

describe("lifecycles where statuses are written", () => {
  it("never moves a delivered cycle back, and says so", async () => {
    const { hub, cycle } = await deliveredOrder();
    for (const status of ["OPEN", "CLOSED", "PLANNED"] as const) {
      expect(await setCycleStatus({ hubId: hub.id, cycleId: cycle.id, status })).toBe(false);
    }
    expect((await prisma.deliveryCycle.findUniqueOrThrow({ where: { id: cycle.id } })).status).toBe("DELIVERED");
  });

  it("refuses to cancel a delivered order and puts no stock back", async () => {
    const { order, product } = await deliveredOrder();
    await expect(releaseOrder({ id: order.id, from: ["DELIVERED"], to: "CANCELLED" })).rejects.toThrow(
      OrderTransitionError,
    );
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("DELIVERED");
    expect((await prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stockMilli).toBe(product.stockMilli);
  });

  it("saves no plan for a delivered cycle: the plan rows written before the refusal roll back", async () => {
    const { cycle } = await deliveredOrder();
    await expect(createRoutePlan({ ...EMPTY_PLAN, cycleId: cycle.id })).rejects.toThrow(/cannot be planned/);
    expect(await prisma.routePlan.count({ where: { cycleId: cycle.id } })).toBe(0);
  });

  it("rolls a service's whole transaction back when a later step fails", async () => {
    const { hub, cycle } = await deliveredOrder();
    const open = await createTestCycle(hub.id);
    await expect(
      withTransaction(async (tx) => {
        expect(await setCycleStatus({ db: tx, hubId: hub.id, cycleId: open.id, status: "CLOSED" })).toBe(true);
        await createRoutePlan({ ...EMPTY_PLAN, db: tx, cycleId: cycle.id });
      }),
    ).rejects.toThrow(/cannot be planned/);
    expect((await prisma.deliveryCycle.findUniqueOrThrow({ where: { id: open.id } })).status).toBe("OPEN");
  });
});
