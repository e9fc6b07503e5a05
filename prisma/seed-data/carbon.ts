// The demo region's carbon figures, made by the app's own code rather than invented: every order's
// checkout estimate (`estimateOrderForCheckout`, stored exactly as checkout stores it) and, for the
// delivered cycle, a route plan solved with the planning domain, saved and carbon-allocated through
// the route-planning service, locked, and driven (every stop completed on the day).
//
// The services read and write through the app's Prisma singleton (app/utils/db.server), the seed
// through the client it was given: `assertSameDatabase` checks that both reach the same database.
import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import { buildPlanningProblems, solveLegs, type MatrixSpec } from "../../app/domain/planning";
import { getPlanningSource } from "../../app/models/route-plan.server";
import { estimateOrderForCheckout, type CheckoutCarbonLine } from "../../app/services/carbon-estimate.server";
import { lockPlan, savePlan } from "../../app/services/route-planning.server";
import { prisma as appPrisma } from "../../app/utils/db.server";
import { getEnv } from "../../app/utils/env.server";

/**
 * The solver's seed and iteration budget for the demo plan. A fixed iteration count (and no time
 * limit) makes the plan the same on every machine; 30 iterations are a second or two of solving
 * and already give tidy routes for the demo's ~40 orders and ~45 farms.
 */
export const DEMO_PLAN_SEED = 1;
export const DEMO_PLAN_ITERATIONS = 30;

/** Fails loudly when the seed's client and the services' client are not the same database. */
export async function assertSameDatabase(hubId: string): Promise<void> {
  const seen = await appPrisma.hub.count({ where: { id: hubId } });
  if (seen !== 1) {
    throw new Error(
      "The seed wrote the hub through the client it was given, but the app's database (DATABASE_URL, " +
        "getDatabase()) does not have it: pass seedDemo the app's client (getDatabase().prisma or the " +
        "`prisma` of app/utils/db.server), since the carbon estimate and route planning use that one.",
    );
  }
}

export interface SeedOrderForEstimate {
  hubId: string;
  placedAt: Date;
  fulfilment: "DELIVERY" | "PICKUP";
  lat: number | null;
  lng: number | null;
}

/** The Order columns checkout stores for this order, computed as at the moment it was placed. */
export async function checkoutCarbonFields(
  order: SeedOrderForEstimate,
  lines: readonly CheckoutCarbonLine[],
  buyerKind: "HOUSEHOLD" | "RESTAURANT",
) {
  const delivery =
    order.fulfilment === "DELIVERY" && order.lat !== null && order.lng !== null
      ? { lat: order.lat, lng: order.lng }
      : null;
  const { fields } = await estimateOrderForCheckout({
    hubId: order.hubId,
    lines: lines.map((line) => ({ farmId: line.farmId, grams: line.grams, chilled: line.chilled })),
    delivery,
    buyerKind,
    now: order.placedAt,
  });
  return { ...fields, carbonDetail: fields.carbonDetail as unknown as Prisma.InputJsonValue };
}

export interface DeliveredPlanSummary {
  planId: string;
  routes: number;
  stops: number;
  unassigned: number;
  co2eGrams: number;
}

/**
 * Plans a cycle whose orders are written (status CLOSED) the way the planning job does — planning
 * source → problems → solver → `savePlan` (plan rows, carbon allocation) — but on this thread, with road
 * distances estimated (great circle × circuity, never OSRM) and a fixed seed and iteration count.
 * Then the coordinator locks the plan and the drivers complete every stop at its planned departure
 * (the stops of `failed` orders fail with the order's reason); delivered orders get the time their
 * last stop was completed (and paid-on-delivery orders were paid then); the cycle is DELIVERED.
 */
export async function planAndDeliverCycle(
  prisma: PrismaClient,
  {
    hubId,
    cycleId,
    coordinatorId,
    plannedAt,
  }: { hubId: string; cycleId: string; coordinatorId: string; plannedAt: Date },
): Promise<DeliveredPlanSummary> {
  const source = await getPlanningSource({ hubId, cycleId });
  if (!source) throw new Error(`The demo cycle ${cycleId} was not found for planning.`);
  const problems = buildPlanningProblems(source.data);
  const env = getEnv();
  const spec: MatrixSpec = { kind: "estimate", circuity: env.ROAD_CIRCUITY, speedKmh: env.AVERAGE_SPEED_KMH };
  const solved = solveLegs(problems, spec, {
    seed: DEMO_PLAN_SEED,
    timeLimitMs: Number.POSITIVE_INFINITY,
    iterationLimit: DEMO_PLAN_ITERATIONS,
  });
  const { planId, result, carbon } = await savePlan({
    source,
    problems,
    solved,
    createdById: coordinatorId,
    distanceSource: "haversine",
    notice: null,
    now: plannedAt,
  });
  if (!(await lockPlan({ hubId, planId, locked: true })).ok)
    throw new Error(`The demo plan ${planId} could not be locked.`);

  const routes = await prisma.route.findMany({
    where: { planId },
    select: { kind: true, stops: { select: { id: true, orderId: true, departureAt: true } } },
  });
  const orders = await prisma.order.findMany({
    where: { cycleId },
    select: { id: true, status: true, paymentMethod: true, paymentStatus: true, failureReason: true },
  });
  const orderById = new Map(orders.map((order) => [order.id, order]));
  const lastStopOf = new Map<string, Date>();
  for (const route of routes) {
    if (route.kind !== "DELIVERY") continue;
    for (const stop of route.stops) {
      if (!stop.orderId) continue;
      const last = lastStopOf.get(stop.orderId);
      if (!last || stop.departureAt > last) lastStopOf.set(stop.orderId, stop.departureAt);
    }
  }
  await prisma.$transaction(
    async (tx) => {
      for (const route of routes) {
        for (const stop of route.stops) {
          const order = stop.orderId ? orderById.get(stop.orderId) : undefined;
          const failed = route.kind === "DELIVERY" && order?.status === "FAILED";
          await tx.stop.update({
            where: { id: stop.id },
            data: {
              status: failed ? "FAILED" : "DONE",
              failureReason: failed ? order.failureReason : null,
              completedAt: stop.departureAt,
            },
          });
        }
      }
      for (const [orderId, deliveredAt] of lastStopOf) {
        const order = orderById.get(orderId);
        if (order?.status !== "DELIVERED") continue;
        const paidAtDoor = order.paymentMethod === "ON_DELIVERY" && order.paymentStatus === "PAID";
        await tx.order.update({
          where: { id: orderId },
          data: { deliveredAt, ...(paidAtDoor ? { paidAt: deliveredAt } : {}) },
        });
      }
      await tx.routePlan.update({ where: { id: planId }, data: { createdAt: plannedAt } });
      await tx.deliveryCycle.update({ where: { id: cycleId }, data: { status: "DELIVERED" } });
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
  return {
    planId,
    routes: routes.length,
    stops: routes.reduce((sum, route) => sum + route.stops.length, 0),
    unassigned: result.unassigned.length,
    co2eGrams: carbon.planCo2eGrams,
  };
}
