import { apportion, apportionEqually } from "./apportion";
import { assertNonNegativeInteger, CarbonInputError } from "./errors";
import { DESNZ_2025, METHOD_VERSION, resolveVehicleFactor, type FactorSet, type VehicleSpec } from "./factors";
import { computeFoodMiles } from "./food-miles";
import { routeEmissionsParts, type DistanceKind } from "./route-emissions";

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
  /**
   * Of `grams`, the chilled goods (temperature-controlled: they ride a refrigerated vehicle);
   * omitted or 0: all ambient. A refrigerated route's refrigeration part is shared by these grams
   * only (decision 026).
   */
  chilledGrams?: number;
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

/**
 * Who carries a route's refrigeration part (decision 026). NONE: an ambient vehicle, no such part.
 * CHILLED: the chilled goods on board, by their own t·km. ALL_GOODS: the refrigerated vehicle
 * carried no chilled goods; its unit ran all the same, so the part is shared by all goods like
 * the base part, and the route is flagged for the coordinator.
 */
export type RefrigerationChargedTo = "NONE" | "CHILLED" | "ALL_GOODS";

export interface ConsignmentAllocation {
  orderId: string;
  farmId: string | null;
  /** Base part + refrigeration part. */
  gramsCo2e: number;
  /** Of gramsCo2e, the refrigeration part (0 on an ambient vehicle or for ambient goods). */
  refrigerationGramsCo2e: number;
}

export interface StopAllocation {
  stopId: string;
  /** Base part + refrigeration part. */
  gramsCo2e: number;
  /** Of gramsCo2e, the refrigeration part. */
  refrigerationGramsCo2e: number;
  consignments: ConsignmentAllocation[];
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
  /** baseGrams + refrigerationGrams. */
  routeGrams: number;
  /** Distance × the vehicle's factor without refrigeration: shared by all goods on board. */
  baseGrams: number;
  /** What the refrigeration unit adds (0 on an ambient vehicle): shared as refrigerationChargedTo says. */
  refrigerationGrams: number;
  refrigerationChargedTo: RefrigerationChargedTo;
  /** How the base part was keyed to stops. */
  basis: AllocationBasis;
  /** How the refrigeration part was keyed to stops (by chilled grams when CHILLED); NONE without one. */
  refrigerationBasis: AllocationBasis;
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
      if (c.chilledGrams !== undefined) {
        assertNonNegativeInteger(c.chilledGrams, `stop "${stop.id}" chilled grams of order "${c.orderId}"`);
        if (c.grams !== null && c.chilledGrams > c.grams) {
          throw new CarbonInputError(
            `stop "${stop.id}" chilled grams of order "${c.orderId}" (${c.chilledGrams}) exceed its grams (${c.grams})`,
          );
        }
      }
    }
  }
}

const massOf = (c: Consignment): number => c.grams ?? 0;
const chilledMassOf = (c: Consignment): number => (c.grams === null ? 0 : (c.chilledGrams ?? 0));

interface SharedOut {
  basis: AllocationBasis;
  stops: Array<{ grams: number; consignments: number[]; unallocated: number }>;
  unallocatedGrams: number;
}

/**
 * Shares `total` grams out to the stops by mass × distance from the depot (mass as `weigh` counts
 * it), then within each stop to its consignments by mass. Both steps apportion integer grams
 * exactly. Fallbacks when every stop weighs 0 t·km: mass alone, then equal shares; no stops at all:
 * everything unallocated.
 */
function shareOut(total: number, stops: readonly StopInput[], weigh: (c: Consignment) => number): SharedOut {
  const masses = stops.map((stop) => stop.consignments.reduce((s, c) => s + weigh(c), 0));
  let basis: AllocationBasis = "MASS_DISTANCE";
  let stopGrams = apportion(
    total,
    stops.map((s, i) => BigInt(masses[i] as number) * BigInt(s.distanceFromDepotMetres)),
  );
  if (stopGrams === null) {
    // Every stop is at the depot or empty: t·km gives no answer, mass is the next fairest key.
    basis = "MASS";
    stopGrams = apportion(
      total,
      masses.map((m) => BigInt(m)),
    );
  }
  if (stopGrams === null) {
    basis = stops.length > 0 ? "EQUAL" : "NONE";
    stopGrams = apportionEqually(total, stops.length);
  }
  let unallocatedGrams = stops.length === 0 ? total : 0;
  const shared = stops.map((stop, i) => {
    const grams = stopGrams[i] as number;
    const n = stop.consignments.length;
    const consignments =
      apportion(
        grams,
        stop.consignments.map((c) => BigInt(weigh(c))),
      ) ?? apportionEqually(grams, n);
    const unallocated = n === 0 ? grams : 0;
    unallocatedGrams += unallocated;
    return { grams, consignments, unallocated };
  });
  return { basis, stops: shared, unallocatedGrams };
}

const nothingShared = (stops: readonly StopInput[]): SharedOut => ({
  basis: "NONE",
  stops: stops.map((s) => ({ grams: 0, consignments: s.consignments.map(() => 0), unallocated: 0 })),
  unallocatedGrams: 0,
});

/**
 * Route emissions shared out to stops by mass × distance from depot, then within a stop to its
 * consignments by mass. On a refrigerated vehicle the route's emissions are two parts (decision
 * 026): the base vehicle part, shared so by all goods; and the refrigeration part, shared the
 * same way by the chilled goods only (their chilled grams × distance) — or, when the route
 * carried no chilled goods, by all goods as the base part (RefrigerationChargedTo ALL_GOODS).
 * Every step apportions integer grams exactly, so consignments + unallocated always equal the
 * route total.
 */
export function allocateRoute(route: RouteInput, factorSet: FactorSet = DESNZ_2025): RouteAllocation {
  validateRoute(route);
  const factor = resolveVehicleFactor(factorSet, route.vehicle);
  const parts = routeEmissionsParts({ metres: route.metres, distanceKind: route.distanceKind, factor });

  const base = shareOut(parts.baseGrams, route.stops, massOf);
  const hasChilled = route.stops.some((s) => s.consignments.some((c) => chilledMassOf(c) > 0));
  const chargedTo: RefrigerationChargedTo = !factor.refrigerated ? "NONE" : hasChilled ? "CHILLED" : "ALL_GOODS";
  const cold =
    chargedTo === "NONE"
      ? nothingShared(route.stops)
      : shareOut(parts.refrigerationGrams, route.stops, chargedTo === "CHILLED" ? chilledMassOf : massOf);

  const stops: StopAllocation[] = route.stops.map((stop, i) => {
    const b = base.stops[i] as SharedOut["stops"][number];
    const r = cold.stops[i] as SharedOut["stops"][number];
    return {
      stopId: stop.id,
      gramsCo2e: b.grams + r.grams,
      refrigerationGramsCo2e: r.grams,
      consignments: stop.consignments.map((c, j) => {
        const refrigeration = r.consignments[j] as number;
        return {
          orderId: c.orderId,
          farmId: c.farmId,
          gramsCo2e: (b.consignments[j] as number) + refrigeration,
          refrigerationGramsCo2e: refrigeration,
        };
      }),
      unallocatedGrams: b.unallocated + r.unallocated,
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
    routeGrams: parts.totalGrams,
    baseGrams: parts.baseGrams,
    refrigerationGrams: parts.refrigerationGrams,
    refrigerationChargedTo: chargedTo,
    basis: base.basis,
    refrigerationBasis: cold.basis,
    stops,
    unallocatedGrams: base.unallocatedGrams + cold.unallocatedGrams,
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
  /** Of gramsCo2e, the refrigeration part. */
  refrigerationGramsCo2e: number;
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
      /** Of gramsCo2e, the refrigeration parts of the refrigerated routes its goods rode. */
      refrigerationGramsCo2e: number;
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
          gramsCo2e: (stopAllocation.consignments[j] as ConsignmentAllocation).gramsCo2e,
          refrigerationGramsCo2e: (stopAllocation.consignments[j] as ConsignmentAllocation).refrigerationGramsCo2e,
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
      refrigerationGramsCo2e: legs.reduce((s, l) => s + l.refrigerationGramsCo2e, 0),
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
