// The open cycle's provisional plan (issue 17, decision 031): made by the periodic task from the
// orders placed so far, re-made only when they changed, forgotten when the cycle closes, and read
// by the checkout estimate (an order being changed is taken back out of it first).
import { afterEach, describe, expect, it } from "vitest";
import { parseCarbonDetail } from "~/domain/carbon";
import { solveLegs } from "~/domain/planning";
import {
  forgetProvisionalPlans,
  getProvisionalPlan,
  PROVISIONAL_MIN_INTERVAL_MS,
  PROVISIONAL_MIN_ORDERS,
  refreshProvisionalPlans,
  type ProvisionalSolve,
} from "~/services/provisional-plan.server";
import { loadCheckoutCarbonContext, estimateOrderForCheckout } from "~/services/carbon-estimate.server";
import { prisma } from "~/utils/db.server";
import {
  createTestCycle,
  createTestFarm,
  createTestHub,
  createTestProduct,
  createTestUser,
  createTestVehicle,
} from "../factories";

const DEPOT = { lat: 51.4545, lng: -2.5879 };

/** The solver in this thread, briefly; counts its calls. */
function countingSolve() {
  const calls: number[] = [];
  const solve: ProvisionalSolve = async (problems, spec, options) => {
    calls.push(problems.delivery.stops.length);
    return solveLegs(problems, spec, { ...options, timeLimitMs: Number.POSITIVE_INFINITY, iterationLimit: 20 });
  };
  return { solve, calls };
}

async function openCycleWithOrders(count: number) {
  const hub = await createTestHub({ depotLat: DEPOT.lat, depotLng: DEPOT.lng });
  await createTestVehicle(hub.id, { energyType: "van-diesel-class-iii", capacityGrams: 900_000 });
  const farm = await createTestFarm({ hubId: hub.id, lat: 51.52, lng: -2.62, name: "Near Farm" });
  const product = await createTestProduct(farm.id, { name: "Carrots" });
  const cycle = await createTestCycle(hub.id);
  const addOrder = async (i: number, status: "CONFIRMED" | "PENDING_PAYMENT" = "CONFIRMED") => {
    const buyer = await createTestUser({ hubId: hub.id });
    return prisma.order.create({
      data: {
        buyerId: buyer.id,
        hubId: hub.id,
        cycleId: cycle.id,
        slotId: cycle.slots[0]!.id,
        status,
        fulfilment: "DELIVERY",
        paymentMethod: "ON_DELIVERY",
        address: `${i} Test Street`,
        lat: 51.46 + i * 0.004,
        lng: -2.57 + (i % 2 === 0 ? 0.01 : -0.01) + i * 0.002, // a zig-zag: every stop is a detour
        subtotalMinor: 1200,
        totalMinor: 1200,
        totalGrams: 4_000,
        lines: {
          create: [
            {
              productId: product.id,
              farmId: farm.id,
              productName: product.name,
              unit: product.unit,
              quantityMilli: 4_000,
              unitPriceMinor: 300,
              lineTotalMinor: 1200,
              grams: 4_000,
              chilled: false,
            },
          ],
        },
      },
    });
  };
  const orders = [];
  for (let i = 0; i < count; i++) orders.push(await addOrder(i));
  return { hub, farm, cycle, orders, addOrder };
}

afterEach(() => forgetProvisionalPlans());

describe("the open cycle's provisional plan", () => {
  it("is made from the cycle's counted orders, with every round's carbon allocated to its stops", async () => {
    const { hub, farm, cycle, orders, addOrder } = await openCycleWithOrders(PROVISIONAL_MIN_ORDERS);
    await addOrder(99, "PENDING_PAYMENT"); // not a sale yet: not on the plan
    const { solve } = countingSolve();
    const made = await refreshProvisionalPlans({ solve });
    expect(made).toContain(cycle.id);
    const { plan, elapsed } = getProvisionalPlan({ hubId: hub.id, cycleId: cycle.id })!;
    // The test cycle opened a day ago and closes in two: a third of its window has gone by.
    expect(elapsed).toBeCloseTo(1 / 3, 2);
    expect(plan.provisional).toBe(true);
    const delivered = plan.routes.filter((r) => r.kind === "DELIVERY").flatMap((r) => r.stops);
    expect(new Set(delivered.map((s) => s.orderId))).toEqual(new Set(orders.map((o) => o.id)));
    expect(delivered.every((s) => s.point !== null && s.slot?.startMinute === 540)).toBe(true);
    const collected = plan.routes.filter((r) => r.kind === "COLLECTION").flatMap((r) => r.stops);
    expect(collected.map((s) => [s.farmId, s.gramsHandled])).toEqual([[farm.id, 4_000 * orders.length]]);
    expect(plan.farmGrams).toEqual({ [farm.id]: 4_000 * orders.length });
    for (const route of plan.routes) {
      expect(route.metres).toBeGreaterThan(0);
      expect(route.stops.every((s) => s.co2eGrams > 0)).toBe(true);
    }
    // Another hub asking for this cycle gets nothing.
    expect(getProvisionalPlan({ hubId: "another-hub", cycleId: cycle.id })).toBeNull();
  });

  it("is re-made only when the orders changed, at most every few minutes unless they grew a lot", async () => {
    const { hub, cycle, addOrder } = await openCycleWithOrders(PROVISIONAL_MIN_ORDERS + 1);
    const { solve, calls } = countingSolve();
    const t0 = new Date();
    const at = (ms: number) => refreshProvisionalPlans({ now: new Date(t0.getTime() + ms), solve });
    expect(await at(0)).toContain(cycle.id);
    // Nothing changed: not solved again.
    expect(await at(60_000)).not.toContain(cycle.id);
    // One more order a minute later: too soon (a sixth more orders, not a fifth).
    await addOrder(50);
    expect(await at(120_000)).not.toContain(cycle.id);
    // Once the interval has passed, the plan follows the orders.
    expect(await at(PROVISIONAL_MIN_INTERVAL_MS + 1)).toContain(cycle.id);
    expect(calls.at(-1)).toBe(PROVISIONAL_MIN_ORDERS + 2);
    // Two more (a fifth more orders) are re-planned at once.
    await addOrder(51);
    await addOrder(52);
    expect(await at(PROVISIONAL_MIN_INTERVAL_MS + 60_000)).toContain(cycle.id);
    expect(calls.at(-1)).toBe(PROVISIONAL_MIN_ORDERS + 4);
    const grams = Object.values(getProvisionalPlan({ hubId: hub.id, cycleId: cycle.id })!.plan.farmGrams);
    expect(grams).toEqual([4_000 * (PROVISIONAL_MIN_ORDERS + 4)]);
  });

  it("is not made for a cycle with too few orders, and forgotten once the cycle closes", async () => {
    const small = await openCycleWithOrders(PROVISIONAL_MIN_ORDERS - 1);
    const big = await openCycleWithOrders(PROVISIONAL_MIN_ORDERS);
    const { solve } = countingSolve();
    await refreshProvisionalPlans({ solve });
    expect(getProvisionalPlan({ hubId: small.hub.id, cycleId: small.cycle.id })).toBeNull();
    expect(getProvisionalPlan({ hubId: big.hub.id, cycleId: big.cycle.id })).not.toBeNull();
    // After the cut-off (by the clock: the stored status is still OPEN) the plan is dropped.
    await refreshProvisionalPlans({ now: new Date(big.cycle.cutoffAt.getTime() + 1), solve });
    expect(getProvisionalPlan({ hubId: big.hub.id, cycleId: big.cycle.id })).toBeNull();
  });

  it("goes on with the other cycles when one fails, and says which", async () => {
    const failing = await openCycleWithOrders(PROVISIONAL_MIN_ORDERS);
    const working = await openCycleWithOrders(PROVISIONAL_MIN_ORDERS + 1);
    const { solve } = countingSolve();
    const lines: string[] = [];
    const made = await refreshProvisionalPlans({
      solve: async (problems, spec, options) => {
        // The failing cycle's orders are the only ones with PROVISIONAL_MIN_ORDERS delivery stops.
        if (problems.delivery.stops.length === PROVISIONAL_MIN_ORDERS) throw new Error("the worker stopped");
        return solve(problems, spec, options);
      },
      log: (line) => lines.push(line),
    });
    expect(made).toContain(working.cycle.id);
    expect(made).not.toContain(failing.cycle.id);
    expect(getProvisionalPlan({ hubId: working.hub.id, cycleId: working.cycle.id })).not.toBeNull();
    expect(getProvisionalPlan({ hubId: failing.hub.id, cycleId: failing.cycle.id })).toBeNull();
    // (Earlier tests' cycles of the same size fail the same way: each is named.)
    expect(lines).toContain(`[provisional-plans] cycle ${failing.cycle.id}: the worker stopped`);
    expect(lines.every((line) => line.endsWith(": the worker stopped"))).toBe(true);
  });

  it("is what the checkout estimate reads first; an order being changed is taken out of it", async () => {
    const { hub, farm, cycle, orders } = await openCycleWithOrders(PROVISIONAL_MIN_ORDERS + 1);
    const lines = [{ farmId: farm.id, grams: 4_000, chilled: false }];
    const input = { hubId: hub.id, cycleId: cycle.id, lines, delivery: { lat: 51.47, lng: -2.56 } };

    const before = await loadCheckoutCarbonContext(input);
    expect(before.history.cycles.some((c) => c.provisional)).toBe(false);
    const defaults = parseCarbonDetail((await estimateOrderForCheckout(input)).fields.carbonDetail)!.estimate!;

    await refreshProvisionalPlans({ solve: countingSolve().solve });
    const context = await loadCheckoutCarbonContext(input);
    expect(context.history.cycles[0]?.provisional).toBe(true);
    // No earlier plan to compare with: the plan is taken as full as the window gone by.
    expect(context.history.cycles[0]?.fill).toBeCloseTo(1 / 3, 2);
    const onPlan = parseCarbonDetail((await estimateOrderForCheckout(input)).fields.carbonDetail)!.estimate!;
    expect(onPlan.status).toBe("ESTIMATED");
    if (onPlan.status !== "ESTIMATED" || defaults.status !== "ESTIMATED") return;
    expect(onPlan.legs.every((l) => l.source === "HUB_ROUTES")).toBe(true);
    expect(defaults.legs.some((l) => l.source === "HUB_ROUTES")).toBe(false);

    // A buyer changing their order: the plan they see has no stop of theirs, and their goods are
    // out of the farm's stop.
    const mine = orders[2]!;
    const changing = await loadCheckoutCarbonContext({ ...input, orderId: mine.id });
    const plan = changing.history.cycles[0]!;
    expect(plan.provisional).toBe(true);
    expect(plan.routes.flatMap((r) => r.stops).some((s) => s.orderId === mine.id)).toBe(false);
    const farmStop = plan.routes.flatMap((r) => r.stops).find((s) => s.farmId === farm.id)!;
    expect(farmStop.gramsHandled).toBe(4_000 * orders.length - 4_000);
    const full = context.history.cycles[0]!;
    const metres = (c: typeof full) => c.routes.filter((r) => r.kind === "DELIVERY").reduce((s, r) => s + r.metres, 0);
    // (Never longer; how much shorter is the unit tests' business: these stops lie on two lines.)
    expect(metres(plan)).toBeLessThanOrEqual(metres(full));
  });
});
