// Read models for carbon estimates: a hub's depot, farms and fleet, and its recent planned routes;
// and for the cycle carbon report: goods per farm, farms' own trips, earlier planned cycles.
// Everything is scoped by hubId; rows leave as plain types.
import { Prisma } from "~generated/prisma/client.ts";
import { RECENT_CYCLES, type PlannedCycle, type PlannedRoute, type RouteInput } from "~/domain/carbon";
import { COUNTED_ORDER_STATUSES } from "~/domain/order-status";
import { prisma } from "~/utils/db.server";

export interface CarbonHub {
  id: string;
  depot: { lat: number; lng: number };
  /** The hub's regional baseline profile id (Hub.carbonBaselineProfile). */
  baselineProfileId: string;
}

export interface CarbonFarm {
  id: string;
  name: string;
  lat: number;
  lng: number;
  selfDelivers: boolean;
}

export interface CarbonVehicle {
  energyType: string;
  refrigerated: boolean;
}

export async function getCarbonHub({ hubId }: { hubId: string }): Promise<CarbonHub | null> {
  const hub = await prisma.hub.findUnique({
    where: { id: hubId },
    select: { id: true, depotLat: true, depotLng: true, carbonBaselineProfile: true },
  });
  return hub
    ? { id: hub.id, depot: { lat: hub.depotLat, lng: hub.depotLng }, baselineProfileId: hub.carbonBaselineProfile }
    : null;
}

/** The hub's farms among `farmIds` (a farm of another hub is simply not returned). */
export async function listCarbonFarms({
  hubId,
  farmIds,
}: {
  hubId: string;
  farmIds: readonly string[];
}): Promise<CarbonFarm[]> {
  if (farmIds.length === 0) return [];
  return prisma.farm.findMany({
    where: { hubId, id: { in: [...new Set(farmIds)] } },
    select: { id: true, name: true, lat: true, lng: true, selfDelivers: true },
  });
}

export async function listCarbonVehicles({ hubId }: { hubId: string }): Promise<CarbonVehicle[]> {
  return prisma.vehicle.findMany({
    where: { hubId, active: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { energyType: true, refrigerated: true },
  });
}

// ---------------------------------------------------------------------------------------------
// The cycle carbon report's per-farm table and comparison with earlier cycles.

const counted = Prisma.join([...COUNTED_ORDER_STATUSES]);

/** Grams of the counted orders' goods in a cycle, per farm. */
export async function listCycleFarmGrams({
  hubId,
  cycleId,
}: {
  hubId: string;
  cycleId: string;
}): Promise<Array<{ farmId: string; grams: number }>> {
  const groups = await prisma.orderLine.groupBy({
    by: ["farmId"],
    where: { order: { hubId, cycleId, status: { in: [...COUNTED_ORDER_STATUSES] } } },
    _sum: { grams: true },
  });
  return groups.map((g) => ({ farmId: g.farmId, grams: g._sum.grams ?? 0 }));
}

/** Names of farms that supply the hub or its orders, and whether they bring their goods themselves. */
export async function listReportFarms({
  hubId,
  farmIds,
}: {
  hubId: string;
  farmIds: readonly string[];
}): Promise<Array<{ id: string; name: string; selfDelivers: boolean }>> {
  if (farmIds.length === 0) return [];
  return prisma.farm.findMany({
    where: { id: { in: [...new Set(farmIds)] }, OR: [{ hubId }, { orderLines: { some: { order: { hubId } } } }] },
    select: { id: true, name: true, selfDelivers: true },
  });
}

/**
 * Farms' own trips to the hub, per cycle and farm: the sum of the FARM_DROP_OFF legs stored in the
 * counted orders' allocations (stored-detail.ts; the earlier shape kept its legs at the top level).
 */
export async function sumFarmOwnTrips({
  hubId,
  cycleIds,
}: {
  hubId: string;
  cycleIds: readonly string[];
}): Promise<Array<{ cycleId: string; farmId: string; co2eGrams: number }>> {
  if (cycleIds.length === 0) return [];
  const rows = await prisma.$queryRaw<Array<{ cycleId: string; farmId: string; co2eGrams: number | bigint }>>`
    SELECT o."cycleId" AS "cycleId", leg->>'farmId' AS "farmId",
           SUM(COALESCE(leg->>'co2eGrams', leg->>'gramsCo2e')::float8)::float8 AS "co2eGrams"
    FROM "Order" o
    CROSS JOIN LATERAL (
      SELECT CASE
        WHEN o."carbonDetail"->'allocation'->>'status' = 'ALLOCATED' THEN o."carbonDetail"->'allocation'->'legs'
        WHEN o."carbonDetail"->>'status' = 'ALLOCATED' THEN o."carbonDetail"->'legs'
      END AS legs
    ) d
    CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(d.legs) = 'array' THEN d.legs ELSE '[]'::jsonb END) AS leg
    WHERE o."hubId" = ${hubId}
      AND o."cycleId" IN (${Prisma.join([...cycleIds])})
      AND o.status::text IN (${counted})
      AND COALESCE(leg->>'via', leg->>'routeKind') = 'FARM_DROP_OFF'
      AND leg->>'farmId' IS NOT NULL
    GROUP BY 1, 2`;
  return rows.map((r) => ({ cycleId: r.cycleId, farmId: r.farmId, co2eGrams: Number(r.co2eGrams) }));
}

/** The hub's cycles with a route plan delivering before `before`, newest first, with their latest plan's hub-route total. */
export async function listPlannedCyclesBefore({
  hubId,
  before,
  take = 5,
}: {
  hubId: string;
  before: Date;
  take?: number;
}): Promise<Array<{ id: string; name: string; deliveryDate: Date; hubRoutesCo2eGrams: number }>> {
  const cycles = await prisma.deliveryCycle.findMany({
    where: { hubId, deliveryDate: { lt: before }, routePlans: { some: {} } },
    orderBy: { deliveryDate: "desc" },
    take,
    select: {
      id: true,
      name: true,
      deliveryDate: true,
      routePlans: { orderBy: { createdAt: "desc" }, take: 1, select: { totalCo2eGrams: true } },
    },
  });
  return cycles.map((c) => ({
    id: c.id,
    name: c.name,
    deliveryDate: c.deliveryDate,
    hubRoutesCo2eGrams: c.routePlans[0]?.totalCo2eGrams ?? 0,
  }));
}

/** Per cycle: the counted orders, their goods, and the sum and count of their allocated food distances. */
export async function summariseCycleOrders({
  hubId,
  cycleIds,
}: {
  hubId: string;
  cycleIds: readonly string[];
}): Promise<
  Array<{
    cycleId: string;
    orders: number;
    deliveredGrams: number;
    foodMetresSum: number;
    ordersWithFoodMetres: number;
  }>
> {
  if (cycleIds.length === 0) return [];
  const rows = await prisma.$queryRaw<
    Array<{ cycleId: string; orders: number; grams: number; food: number; withFood: number }>
  >`
    SELECT o."cycleId" AS "cycleId",
           COUNT(*)::float8 AS orders,
           COALESCE(SUM(g.grams), 0)::float8 AS grams,
           COALESCE(SUM(o."allocFoodMetres"), 0)::float8 AS food,
           COUNT(o."allocFoodMetres")::float8 AS "withFood"
    FROM "Order" o
    LEFT JOIN LATERAL (SELECT SUM(l.grams) AS grams FROM "OrderLine" l WHERE l."orderId" = o.id) g ON true
    WHERE o."hubId" = ${hubId}
      AND o."cycleId" IN (${Prisma.join([...cycleIds])})
      AND o.status::text IN (${counted})
    GROUP BY 1`;
  return rows.map((r) => ({
    cycleId: r.cycleId,
    orders: Number(r.orders),
    deliveredGrams: Number(r.grams),
    foodMetresSum: Number(r.food),
    ordersWithFoodMetres: Number(r.withFood),
  }));
}

// ---------------------------------------------------------------------------------------------
// What the checkout estimate reads of a hub's recent plans, cached in the process per hub.

/** Cycles whose latest plan feeds the typical rounds (`typicalRoundFromRoutes`). */
const TYPICAL_ROUND_CYCLES = 6;

export interface HubPlanHistory {
  /**
   * The latest plan of each of the hub's RECENT_CYCLES most recent cycles whose latest plan has
   * its carbon allocated, newest first: routes with their stops' places, loads and allocated
   * grams, and each farm's goods in the cycle.
   */
  cycles: PlannedCycle[];
  /** The latest plans of up to six recent cycles as carbon route inputs, for the typical rounds. */
  routes: RouteInput[];
}

export async function loadHubPlanHistory({
  hubId,
  before,
}: {
  hubId: string;
  /** Only cycles delivered before this moment (a measurement of what checkout knew then). */
  before?: Date;
}): Promise<HubPlanHistory> {
  const rows = await prisma.deliveryCycle.findMany({
    where: { hubId, routePlans: { some: {} }, ...(before ? { deliveryDate: { lt: before } } : {}) },
    orderBy: { deliveryDate: "desc" },
    take: TYPICAL_ROUND_CYCLES,
    select: {
      id: true,
      routePlans: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: {
          carbonMethodVersion: true,
          routes: {
            orderBy: { position: "asc" },
            select: {
              id: true,
              kind: true,
              distanceM: true,
              vehicle: { select: { energyType: true, refrigerated: true, capacityGrams: true } },
              stops: {
                orderBy: { sequence: "asc" },
                select: {
                  id: true,
                  farmId: true,
                  orderId: true,
                  cargo: true,
                  gramsHandled: true,
                  distanceFromDepotM: true,
                  co2eGrams: true,
                  farm: { select: { lat: true, lng: true } },
                  order: { select: { lat: true, lng: true, slot: { select: { startMinute: true, endMinute: true } } } },
                },
              },
            },
          },
        },
      },
    },
  });
  const metres = (m: number) => Math.max(0, Math.round(m));
  const routes: RouteInput[] = [];
  const allocated: Array<{ id: string; routes: PlannedRoute[] }> = [];
  for (const cycle of rows) {
    const plan = cycle.routePlans[0];
    if (!plan) continue;
    for (const route of plan.routes) {
      routes.push({
        id: route.id,
        kind: route.kind,
        metres: metres(route.distanceM),
        distanceKind: "PLANNED",
        vehicle: { energyType: route.vehicle.energyType, refrigerated: route.vehicle.refrigerated },
        stops: route.stops.map((stop) => ({
          id: stop.id,
          distanceFromDepotMetres: metres(stop.distanceFromDepotM),
          consignments: [
            {
              orderId: stop.orderId ?? stop.farmId ?? stop.id,
              farmId: stop.farmId,
              grams: Math.max(0, stop.gramsHandled),
              // A chilled part is all chilled; a whole place (cargo null, older plans) counts as ambient.
              chilledGrams: stop.cargo === "CHILLED" ? Math.max(0, stop.gramsHandled) : 0,
            },
          ],
        })),
      });
    }
    if (plan.carbonMethodVersion === null || allocated.length >= RECENT_CYCLES) continue;
    allocated.push({
      id: cycle.id,
      routes: plan.routes.map((route) => ({
        kind: route.kind,
        metres: metres(route.distanceM),
        distanceKind: "PLANNED",
        vehicle: { energyType: route.vehicle.energyType, refrigerated: route.vehicle.refrigerated },
        capacityGrams: route.vehicle.capacityGrams,
        stops: route.stops.map((stop) => {
          const place = stop.farm ?? stop.order;
          return {
            point: place && place.lat !== null && place.lng !== null ? { lat: place.lat, lng: place.lng } : null,
            distanceFromDepotMetres: metres(stop.distanceFromDepotM),
            gramsHandled: Math.max(0, stop.gramsHandled),
            co2eGrams: Math.max(0, stop.co2eGrams),
            farmId: stop.farmId,
            orderId: stop.orderId,
            cargo: stop.cargo,
            slot: stop.order?.slot ?? null,
          };
        }),
      })),
    });
  }
  // One after the other: PGlite runs one query at a time anyway.
  const cycles: PlannedCycle[] = [];
  for (const cycle of allocated) {
    const sums = await prisma.orderLine.groupBy({
      by: ["farmId"],
      where: { order: { cycleId: cycle.id, hubId, status: { in: [...COUNTED_ORDER_STATUSES] } } },
      _sum: { grams: true },
    });
    cycles.push({
      ...cycle,
      farmGrams: Object.fromEntries(sums.map((row) => [row.farmId, row._sum.grams ?? 0])),
    });
  }
  return { cycles, routes };
}

/**
 * Plans change a few times a cycle and checkout runs for every basket, so the history is kept per
 * hub for a few minutes; saving a plan's carbon forgets it (`forgetHubPlanHistory`). Another app
 * instance sees a new plan when its copy expires.
 */
export const HUB_PLAN_HISTORY_TTL_MS = 5 * 60_000;
const MAX_CACHED_HUBS = 200;
const historyCache = new Map<string, { expiresAt: number; value: Promise<HubPlanHistory> }>();

export function getHubPlanHistory({
  hubId,
  now = Date.now(),
}: {
  hubId: string;
  now?: number;
}): Promise<HubPlanHistory> {
  const hit = historyCache.get(hubId);
  if (hit && hit.expiresAt > now) return hit.value;
  const value = loadHubPlanHistory({ hubId });
  historyCache.delete(hubId);
  if (historyCache.size >= MAX_CACHED_HUBS) {
    const oldest = historyCache.keys().next().value;
    if (oldest !== undefined) historyCache.delete(oldest);
  }
  historyCache.set(hubId, { expiresAt: now + HUB_PLAN_HISTORY_TTL_MS, value });
  // A failed load is not kept: the next checkout tries again.
  value.catch(() => {
    if (historyCache.get(hubId)?.value === value) historyCache.delete(hubId);
  });
  return value;
}

/** Forgets every hub's cached plans: called when a plan's carbon is saved (rare; cheap to reload). */
export function forgetHubPlanHistory(): void {
  historyCache.clear();
}

/**
 * Grams of each of `farmIds` in the cycle's orders placed before `before` (not counting
 * `exceptOrderId`): a self-delivering farm's load so far in the open cycle.
 */
export async function sumCycleFarmGrams({
  hubId,
  cycleId,
  farmIds,
  before,
  exceptOrderId = null,
}: {
  hubId: string;
  cycleId: string;
  farmIds: readonly string[];
  before: Date;
  exceptOrderId?: string | null;
}): Promise<Record<string, number>> {
  if (farmIds.length === 0) return {};
  const sums = await prisma.orderLine.groupBy({
    by: ["farmId"],
    where: {
      farmId: { in: [...new Set(farmIds)] },
      order: {
        cycleId,
        hubId,
        status: { in: [...COUNTED_ORDER_STATUSES] },
        placedAt: { lt: before },
        ...(exceptOrderId ? { id: { not: exceptOrderId } } : {}),
      },
    },
    _sum: { grams: true },
  });
  return Object.fromEntries(sums.map((row) => [row.farmId, row._sum.grams ?? 0]));
}

/**
 * The cycles open for orders at `now` (by the clock, as domain/cycles reads a stored OPEN), each
 * with its counted orders' number and latest change: what says whether the cycle's provisional
 * plan (services/provisional-plan.server.ts) is still the plan of its orders.
 */
export async function listOpenCycleOrderStates({
  now,
}: {
  now: Date;
}): Promise<Array<{ cycleId: string; hubId: string; orders: number; changedAt: Date | null }>> {
  const cycles = await prisma.deliveryCycle.findMany({
    where: { status: "OPEN", opensAt: { lte: now }, cutoffAt: { gt: now } },
    orderBy: { cutoffAt: "asc" },
    select: { id: true, hubId: true },
  });
  if (cycles.length === 0) return [];
  const states = await prisma.order.groupBy({
    by: ["cycleId"],
    where: { cycleId: { in: cycles.map((c) => c.id) }, status: { in: [...COUNTED_ORDER_STATUSES] } },
    _count: { _all: true },
    _max: { updatedAt: true },
  });
  const byCycle = new Map(states.map((s) => [s.cycleId, s]));
  return cycles.map((c) => {
    const s = byCycle.get(c.id);
    return { cycleId: c.id, hubId: c.hubId, orders: s?._count._all ?? 0, changedAt: s?._max.updatedAt ?? null };
  });
}
