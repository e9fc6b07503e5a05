/**
 * The coordinator's view of a planned cycle's carbon by farm and across cycles.
 *
 * By farm: what each farm's goods cost to bring to the hub — its collection stops' shares of the
 * collection routes (stored on the stops by the allocation: mass × distance from the hub), and its
 * own trips when it brings its goods itself (the orders' FARM_DROP_OFF legs) — per kg delivered.
 * The rows add up with the cycle: collection shares + the part of collection routes at no farm
 * (a route without stops) = collection routes; + delivery routes + own trips = the cycle total.
 *
 * Across cycles: the hub's planned cycles side by side — total CO2e (hub routes and farms' own
 * trips), kg delivered, g CO2e per kg and food km per order.
 */

/** How a farm's goods reached the hub in this plan. */
export type FarmArrival = "COLLECTED" | "OWN_TRIP" | "BOTH" | "NOT_ON_A_ROUTE";

export interface FarmCarbonInput {
  farms: ReadonlyArray<{ farmId: string; farmName: string; selfDelivers: boolean }>;
  /** Grams of the counted orders' goods, per farm. */
  delivered: ReadonlyArray<{ farmId: string; grams: number }>;
  /** The plan's hub routes with their stored grams CO2e and their stops' shares. */
  routes: ReadonlyArray<{
    kind: "COLLECTION" | "DELIVERY";
    co2eGrams: number;
    stops: ReadonlyArray<{ farmId: string | null; co2eGrams: number }>;
  }>;
  /** Farms' own trips to the hub: the sum of the orders' FARM_DROP_OFF legs, per farm. */
  ownTrips: ReadonlyArray<{ farmId: string; co2eGrams: number }>;
}

export interface FarmCarbonRow {
  farmId: string;
  farmName: string;
  arrival: FarmArrival;
  deliveredGrams: number;
  /** The farm's collection stops' shares of the collection routes. */
  collectionCo2eGrams: number;
  /** Its own trips to the hub; null when it does not bring its goods itself. */
  ownTripCo2eGrams: number | null;
  /** Collection share + own trips: farm → hub. */
  farmToHubCo2eGrams: number;
  /** Farm → hub grams CO2e per kg delivered; null when nothing was delivered. */
  co2eGramsPerKg: number | null;
}

export interface FarmCarbonTable {
  rows: FarmCarbonRow[];
  totals: {
    deliveredGrams: number;
    collectionCo2eGrams: number;
    ownTripCo2eGrams: number;
    farmToHubCo2eGrams: number;
    co2eGramsPerKg: number | null;
  };
  /** How the farms' figures sit in the cycle's total. */
  cycle: {
    collectionRoutesCo2eGrams: number;
    /** Collection route grams at no farm's stop (a route without stops): reported, never dropped. */
    collectionAtNoFarmCo2eGrams: number;
    deliveryRoutesCo2eGrams: number;
    ownTripsCo2eGrams: number;
    /** Hub routes + farms' own trips. */
    totalCo2eGrams: number;
  };
}

export const perKg = (co2eGrams: number, grams: number): number | null =>
  grams > 0 ? Math.round((co2eGrams * 1000) / grams) : null;

function add(map: Map<string, number>, key: string, value: number) {
  map.set(key, (map.get(key) ?? 0) + value);
}

export function farmCarbonTable(input: FarmCarbonInput): FarmCarbonTable {
  const delivered = new Map<string, number>();
  for (const d of input.delivered) add(delivered, d.farmId, d.grams);
  const collection = new Map<string, number>();
  let collectionRoutes = 0;
  let collectionAtFarms = 0;
  let deliveryRoutes = 0;
  for (const route of input.routes) {
    if (route.kind === "DELIVERY") {
      deliveryRoutes += route.co2eGrams;
      continue;
    }
    collectionRoutes += route.co2eGrams;
    for (const stop of route.stops) {
      if (stop.farmId === null) continue;
      add(collection, stop.farmId, stop.co2eGrams);
      collectionAtFarms += stop.co2eGrams;
    }
  }
  const ownTrips = new Map<string, number>();
  for (const trip of input.ownTrips) add(ownTrips, trip.farmId, trip.co2eGrams);

  const farmById = new Map(input.farms.map((f) => [f.farmId, f]));
  const ids = new Set([...delivered.keys(), ...collection.keys(), ...ownTrips.keys()]);
  const rows: FarmCarbonRow[] = [...ids].map((farmId) => {
    const farm = farmById.get(farmId);
    const collected = collection.has(farmId);
    const ownTrip = ownTrips.has(farmId);
    const selfDelivers = ownTrip || farm?.selfDelivers === true;
    const deliveredGrams = delivered.get(farmId) ?? 0;
    const collectionCo2eGrams = collection.get(farmId) ?? 0;
    const ownTripCo2eGrams = selfDelivers ? (ownTrips.get(farmId) ?? 0) : null;
    const farmToHub = collectionCo2eGrams + (ownTripCo2eGrams ?? 0);
    return {
      farmId,
      farmName: farm?.farmName ?? farmId,
      arrival: collected && ownTrip ? "BOTH" : collected ? "COLLECTED" : selfDelivers ? "OWN_TRIP" : "NOT_ON_A_ROUTE",
      deliveredGrams,
      collectionCo2eGrams,
      ownTripCo2eGrams,
      farmToHubCo2eGrams: farmToHub,
      co2eGramsPerKg: perKg(farmToHub, deliveredGrams),
    };
  });
  // The most carbon per kg first: where a change of collection would help most.
  rows.sort(
    (a, b) =>
      (b.co2eGramsPerKg ?? -1) - (a.co2eGramsPerKg ?? -1) ||
      b.farmToHubCo2eGrams - a.farmToHubCo2eGrams ||
      a.farmName.localeCompare(b.farmName),
  );
  const sum = (pick: (r: FarmCarbonRow) => number | null) => rows.reduce((s, r) => s + (pick(r) ?? 0), 0);
  const deliveredGrams = sum((r) => r.deliveredGrams);
  const ownTripsTotal = sum((r) => r.ownTripCo2eGrams);
  const farmToHub = sum((r) => r.farmToHubCo2eGrams);
  return {
    rows,
    totals: {
      deliveredGrams,
      collectionCo2eGrams: collectionAtFarms,
      ownTripCo2eGrams: ownTripsTotal,
      farmToHubCo2eGrams: farmToHub,
      co2eGramsPerKg: perKg(farmToHub, deliveredGrams),
    },
    cycle: {
      collectionRoutesCo2eGrams: collectionRoutes,
      collectionAtNoFarmCo2eGrams: collectionRoutes - collectionAtFarms,
      deliveryRoutesCo2eGrams: deliveryRoutes,
      ownTripsCo2eGrams: ownTripsTotal,
      totalCo2eGrams: collectionRoutes + deliveryRoutes + ownTripsTotal,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Across cycles.

export interface CycleCarbonInput {
  cycleId: string;
  name: string;
  deliveryDate: Date;
  /** The latest plan's hub routes (Σ route grams). */
  hubRoutesCo2eGrams: number;
  ownTripsCo2eGrams: number;
  /** Counted orders and their goods. */
  orders: number;
  deliveredGrams: number;
  /** Sum and count of the allocated food distances of the orders that have one. */
  foodMetresSum: number;
  ordersWithFoodMetres: number;
}

export interface CycleCarbonSummary {
  cycleId: string;
  name: string;
  deliveryDate: Date;
  /** The cycle the report is about. */
  current: boolean;
  orders: number;
  deliveredGrams: number;
  totalCo2eGrams: number;
  co2eGramsPerKg: number | null;
  foodMetresPerOrder: number | null;
}

/**
 * The report's cycle first, then the previous planned cycles, newest first (the caller picks up
 * to five before this one's delivery date).
 */
export function compareCycles(currentCycleId: string, cycles: readonly CycleCarbonInput[]): CycleCarbonSummary[] {
  return [...cycles]
    .sort(
      (a, b) =>
        Number(b.cycleId === currentCycleId) - Number(a.cycleId === currentCycleId) ||
        b.deliveryDate.getTime() - a.deliveryDate.getTime(),
    )
    .map((c) => {
      const total = c.hubRoutesCo2eGrams + c.ownTripsCo2eGrams;
      return {
        cycleId: c.cycleId,
        name: c.name,
        deliveryDate: c.deliveryDate,
        current: c.cycleId === currentCycleId,
        orders: c.orders,
        deliveredGrams: c.deliveredGrams,
        totalCo2eGrams: total,
        co2eGramsPerKg: perKg(total, c.deliveredGrams),
        foodMetresPerOrder: c.ordersWithFoodMetres > 0 ? Math.round(c.foodMetresSum / c.ordersWithFoodMetres) : null,
      };
    });
}
