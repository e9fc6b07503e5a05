import { apportion, apportionEqually } from "./apportion";
import { assertNonNegativeInteger, CarbonInputError } from "./errors";
import { DESNZ_2025, METHOD_VERSION, resolveVehicleFactor, type FactorSet, type VehicleSpec } from "./factors";
import { computeFoodMiles } from "./food-miles";
import { routeEmissionsGrams, type DistanceKind } from "./route-emissions";

/**
 * How stop distances from the depot were measured. One basis per calculation (ISO 14083): a
 * uniform circuity cancels out of the shares, mixing bases does not.
 */
export type DistanceBasis = "ROAD_NETWORK" | "GREAT_CIRCLE_X_CIRCUITY" | "GREAT_CIRCLE";

/**
 * COLLECTION: hub van collecting at farms (depot = hub). DELIVERY: hub van delivering to buyers.
 * FARM_DROP_OFF: a farm's own trip to the hub and back (depot = farm, one stop = the hub).
 */
export type RouteKind = "COLLECTION" | "DELIVERY" | "FARM_DROP_OFF";

export type LegKind = "FARM_TO_HUB" | "HUB_TO_BUYER";

export interface Consignment {
  orderId: string;
  /** The farm the goods came from (collection, drop-off); null on delivery stops. */
  farmId: string | null;
  /** Grams of this order handled at this stop; null when the products carry no weight. */
  grams: number | null;
}

export interface StopInput {
  id: string;
  distanceFromDepotMetres: number;
  consignments: readonly Consignment[];
}

export interface RouteInput {
  id: string;
  kind: RouteKind;
  /** The whole round, return to depot included. */
  metres: number;
  distanceKind: DistanceKind;
  vehicle: VehicleSpec;
  stops: readonly StopInput[];
}

/** MASS_DISTANCE is the method; the others are the documented fallbacks when every stop weighs 0 t·km. */
export type AllocationBasis = "MASS_DISTANCE" | "MASS" | "EQUAL" | "NONE";

export interface StopAllocation {
  stopId: string;
  gramsCo2e: number;
  consignments: Array<{ orderId: string; farmId: string | null; gramsCo2e: number }>;
  /** Part of the stop's share with no consignment to carry it (a stop with no consignments). */
  unallocatedGrams: number;
}

export interface RouteAllocation {
  routeId: string;
  kind: RouteKind;
  factorKey: string;
  refrigerated: boolean;
  factorSetId: string;
  kgPerKm: number;
  metres: number;
  routeGrams: number;
  basis: AllocationBasis;
  stops: StopAllocation[];
  /** Route grams no order carries (an empty round): reported, never silently dropped. */
  unallocatedGrams: number;
}

export function legOf(kind: RouteKind): LegKind {
  return kind === "DELIVERY" ? "HUB_TO_BUYER" : "FARM_TO_HUB";
}

function validateRoute(route: RouteInput): void {
  if (route.kind !== "COLLECTION" && route.kind !== "DELIVERY" && route.kind !== "FARM_DROP_OFF") {
    throw new CarbonInputError(`Route "${route.id}" has unknown kind "${String(route.kind)}"`);
  }
  assertNonNegativeInteger(route.metres, `route "${route.id}" metres`);
  for (const stop of route.stops) {
    assertNonNegativeInteger(stop.distanceFromDepotMetres, `stop "${stop.id}" distanceFromDepotMetres`);
    for (const c of stop.consignments) {
      if (c.grams !== null) assertNonNegativeInteger(c.grams, `stop "${stop.id}" grams of order "${c.orderId}"`);
    }
  }
}

const stopMass = (stop: StopInput): number => stop.consignments.reduce((s, c) => s + (c.grams ?? 0), 0);

/**
 * Route emissions shared out to stops by mass × distance from depot, then within a stop to its
 * consignments by mass. Both steps apportion integer grams exactly, so consignments + unallocated
 * always equal the route total.
 */
export function allocateRoute(route: RouteInput, factorSet: FactorSet = DESNZ_2025): RouteAllocation {
  validateRoute(route);
  const factor = resolveVehicleFactor(factorSet, route.vehicle);
  const routeGrams = routeEmissionsGrams({ metres: route.metres, distanceKind: route.distanceKind, factor });

  const masses = route.stops.map(stopMass);
  let basis: AllocationBasis = "MASS_DISTANCE";
  let stopGrams = apportion(
    routeGrams,
    route.stops.map((s, i) => BigInt(masses[i] as number) * BigInt(s.distanceFromDepotMetres)),
  );
  if (stopGrams === null) {
    // Every stop is at the depot or empty: t·km gives no answer, mass is the next fairest key.
    basis = "MASS";
    stopGrams = apportion(
      routeGrams,
      masses.map((m) => BigInt(m)),
    );
  }
  if (stopGrams === null) {
    basis = route.stops.length > 0 ? "EQUAL" : "NONE";
    stopGrams = apportionEqually(routeGrams, route.stops.length);
  }

  let unallocatedGrams = route.stops.length === 0 ? routeGrams : 0;
  const stops: StopAllocation[] = route.stops.map((stop, i) => {
    const grams = stopGrams[i] as number;
    const n = stop.consignments.length;
    const split =
      apportion(
        grams,
        stop.consignments.map((c) => BigInt(c.grams ?? 0)),
      ) ?? apportionEqually(grams, n);
    const stopUnallocated = n === 0 ? grams : 0;
    unallocatedGrams += stopUnallocated;
    return {
      stopId: stop.id,
      gramsCo2e: grams,
      consignments: stop.consignments.map((c, j) => ({
        orderId: c.orderId,
        farmId: c.farmId,
        gramsCo2e: split[j] as number,
      })),
      unallocatedGrams: stopUnallocated,
    };
  });

  return {
    routeId: route.id,
    kind: route.kind,
    factorKey: factor.key,
    refrigerated: factor.refrigerated,
    factorSetId: factorSet.id,
    kgPerKm: factor.kgPerKm,
    metres: route.metres,
    routeGrams,
    basis,
    stops,
    unallocatedGrams,
  };
}

export interface OrderLegShare {
  routeId: string;
  routeKind: RouteKind;
  leg: LegKind;
  stopId: string;
  farmId: string | null;
  grams: number;
  distanceFromDepotMetres: number;
  gramsCo2e: number;
}

export interface CarbonProvenance {
  methodVersion: string;
  factorSetId: string;
  distanceBasis: DistanceBasis;
}

export type AllocatedOrderCarbon =
  | (CarbonProvenance & {
      status: "ALLOCATED";
      orderId: string;
      gramsCo2e: number;
      farmToHubGramsCo2e: number;
      hubToBuyerGramsCo2e: number;
      byFarm: Array<{ farmId: string; gramsCo2e: number }>;
      legs: OrderLegShare[];
      /** Mass-weighted farm → hub → buyer distance; null when it cannot be computed. */
      foodMetres: number | null;
    })
  | (CarbonProvenance & { status: "NOT_ESTIMATED"; orderId: string; reason: string });

export interface CycleAllocation extends CarbonProvenance {
  routes: RouteAllocation[];
  /** Sorted by order id for stable output. */
  orders: AllocatedOrderCarbon[];
  totals: { routeGrams: number; orderGrams: number; unallocatedGrams: number; notEstimatedOrderGrams: number };
}

export interface AllocateCycleInput {
  routes: readonly RouteInput[];
  factorSet?: FactorSet;
  distanceBasis: DistanceBasis;
}

/**
 * Allocates every route of a planned cycle and gathers each order's shares across its legs:
 * the collection stops (or drop-off trips) of its farms in proportion to its grams from each,
 * and its delivery stop.
 */
export function allocateCycle({ routes, factorSet = DESNZ_2025, distanceBasis }: AllocateCycleInput): CycleAllocation {
  const provenance: CarbonProvenance = { methodVersion: METHOD_VERSION, factorSetId: factorSet.id, distanceBasis };
  const allocations: RouteAllocation[] = [];
  const legsByOrder = new Map<string, OrderLegShare[]>();
  const missingWeight = new Map<string, Set<string>>();

  for (const route of routes) {
    const allocation = allocateRoute(route, factorSet);
    allocations.push(allocation);
    const leg = legOf(route.kind);
    route.stops.forEach((stop, i) => {
      const stopAllocation = allocation.stops[i] as StopAllocation;
      stop.consignments.forEach((c, j) => {
        let legs = legsByOrder.get(c.orderId);
        if (legs === undefined) {
          legs = [];
          legsByOrder.set(c.orderId, legs);
        }
        if (c.grams === null) {
          const where = c.farmId === null ? `stop ${stop.id}` : `farm ${c.farmId}`;
          const set = missingWeight.get(c.orderId) ?? new Set<string>();
          set.add(where);
          missingWeight.set(c.orderId, set);
        }
        legs.push({
          routeId: route.id,
          routeKind: route.kind,
          leg,
          stopId: stop.id,
          farmId: c.farmId,
          grams: c.grams ?? 0,
          distanceFromDepotMetres: stop.distanceFromDepotMetres,
          gramsCo2e: (stopAllocation.consignments[j] as { gramsCo2e: number }).gramsCo2e,
        });
      });
    });
  }

  let orderGrams = 0;
  let notEstimatedOrderGrams = 0;
  const orders: AllocatedOrderCarbon[] = [];
  const orderIds = [...legsByOrder.keys()].sort();
  for (const orderId of orderIds) {
    const legs = legsByOrder.get(orderId) as OrderLegShare[];
    const total = legs.reduce((s, l) => s + l.gramsCo2e, 0);
    const missing = missingWeight.get(orderId);
    if (missing !== undefined) {
      // The grams its legs received are kept in the totals so the cycle still balances.
      notEstimatedOrderGrams += total;
      orders.push({
        ...provenance,
        status: "NOT_ESTIMATED",
        orderId,
        reason: `No weight data for goods at ${[...missing].join(", ")}; without mass its share cannot be allocated.`,
      });
      continue;
    }
    orderGrams += total;
    const byFarmMap = new Map<string, number>();
    let farmToHub = 0;
    let hubToBuyer = 0;
    let deliveryMetres = 0;
    const farmParts: Array<{ farmId: string; grams: number; farmToHubMetres: number }> = [];
    for (const l of legs) {
      if (l.leg === "FARM_TO_HUB") {
        farmToHub += l.gramsCo2e;
        const farmId = l.farmId ?? l.stopId;
        byFarmMap.set(farmId, (byFarmMap.get(farmId) ?? 0) + l.gramsCo2e);
        farmParts.push({ farmId, grams: l.grams, farmToHubMetres: l.distanceFromDepotMetres });
      } else {
        hubToBuyer += l.gramsCo2e;
        deliveryMetres = Math.max(deliveryMetres, l.distanceFromDepotMetres);
      }
    }
    const foodMiles = computeFoodMiles({ parts: farmParts, hubToBuyerMetres: deliveryMetres });
    orders.push({
      ...provenance,
      status: "ALLOCATED",
      orderId,
      gramsCo2e: total,
      farmToHubGramsCo2e: farmToHub,
      hubToBuyerGramsCo2e: hubToBuyer,
      byFarm: [...byFarmMap.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([farmId, gramsCo2e]) => ({ farmId, gramsCo2e })),
      legs,
      foodMetres: foodMiles.status === "ESTIMATED" ? foodMiles.metres : null,
    });
  }

  const routeGrams = allocations.reduce((s, a) => s + a.routeGrams, 0);
  const unallocatedGrams = allocations.reduce((s, a) => s + a.unallocatedGrams, 0);
  return {
    ...provenance,
    routes: allocations,
    orders,
    totals: { routeGrams, orderGrams, unallocatedGrams, notEstimatedOrderGrams },
  };
}
