// Read models for carbon estimates: a hub's depot, farms and fleet, and its recent planned routes.
// Everything is scoped by hubId; rows leave as plain types.
import { RECENT_CYCLES, type PlannedCycle, type PlannedRoute, type RouteInput } from "~/domain/carbon";
import { COUNTED_ORDER_STATUSES } from "~/domain/order-status";
import { prisma } from "~/utils/db.server";

export interface CarbonHub {
  id: string;
  depot: { lat: number; lng: number };
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
    select: { id: true, depotLat: true, depotLng: true },
  });
  return hub ? { id: hub.id, depot: { lat: hub.depotLat, lng: hub.depotLng } } : null;
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

/**
 * The routes of the latest plan of each of the hub's `cycles` most recent planned cycles, as
 * carbon route inputs (one consignment per stop: what the stop handled). Enough to learn a typical
 * round's length, load and stop distance (`typicalRoundFromRoutes`).
 */
export async function listRecentHubRoutes({
  hubId,
  cycles = 6,
}: {
  hubId: string;
  cycles?: number;
}): Promise<RouteInput[]> {
  const rows = await prisma.deliveryCycle.findMany({
    where: { hubId, routePlans: { some: {} } },
    orderBy: { deliveryDate: "desc" },
    take: cycles,
    select: {
      routePlans: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: {
          routes: {
            select: {
              id: true,
              kind: true,
              distanceM: true,
              vehicle: { select: { energyType: true, refrigerated: true } },
              stops: {
                orderBy: { sequence: "asc" },
                select: { id: true, farmId: true, orderId: true, gramsHandled: true, distanceFromDepotM: true },
              },
            },
          },
        },
      },
    },
  });
  return rows.flatMap((cycle) =>
    cycle.routePlans.flatMap((plan) =>
      plan.routes.map((route): RouteInput => ({
        id: route.id,
        kind: route.kind,
        metres: Math.max(0, Math.round(route.distanceM)),
        distanceKind: "PLANNED",
        vehicle: { energyType: route.vehicle.energyType, refrigerated: route.vehicle.refrigerated },
        stops: route.stops.map((stop) => ({
          id: stop.id,
          distanceFromDepotMetres: Math.max(0, Math.round(stop.distanceFromDepotM)),
          consignments: [
            {
              orderId: stop.orderId ?? stop.farmId ?? stop.id,
              farmId: stop.farmId,
              grams: Math.max(0, stop.gramsHandled),
            },
          ],
        })),
      })),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// What the checkout estimate reads of a hub's recent plans, cached in the process per hub.

/** Cycles whose latest plan feeds the typical rounds (`typicalRoundFromRoutes`), as before. */
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
                  order: { select: { lat: true, lng: true } },
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
