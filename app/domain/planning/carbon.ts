/**
 * A saved plan's routes → the carbon module's allocation (ISO 14083 / GLEC): every route's
 * emissions shared to its stops by mass × distance, and each order's share gathered across the
 * collection stops of each of its farms (or the farm's own drop-off trip) and its delivery stops.
 * A place with chilled and ambient goods is two stops (cargo CHILLED / AMBIENT): each carries only
 * the consignments of its goods, so an order's share is the sum over both parts. Every consignment
 * says how many of its grams are chilled: a refrigerated route's refrigeration part goes to those
 * grams only (decision 026).
 */
import {
  allocateCycle,
  DEFAULT_ESTIMATE_ASSUMPTIONS,
  DESNZ_2025,
  type AllocatedOrderCarbon,
  type CycleAllocation,
  type DistanceBasis,
  type FactorSet,
  type RouteInput,
  type VehicleSpec,
} from "../carbon";

export interface StoredRoute {
  id: string;
  kind: "COLLECTION" | "DELIVERY";
  distanceM: number;
  vehicle: VehicleSpec;
  stops: Array<{
    id: string;
    farmId: string | null;
    orderId: string | null;
    distanceFromDepotM: number;
    cargo?: StopCargo | null;
  }>;
}

/** The goods a stop handles; null (plans saved before the split): all the place's goods. */
export type StopCargo = "CHILLED" | "AMBIENT";

export interface CarbonOrderLine {
  orderId: string;
  farmId: string;
  grams: number;
  chilled?: boolean;
}

export interface SelfDeliveringFarm {
  farmId: string;
  /** One way, farm to hub. */
  metresToHub: number;
}

export interface PlanCarbonInput {
  routes: readonly StoredRoute[];
  lines: readonly CarbonOrderLine[];
  selfDelivering: readonly SelfDeliveringFarm[];
  distanceBasis: DistanceBasis;
  factorSet?: FactorSet;
  /** The vehicle a farm uses for its own trip (no data on farms' vehicles yet). */
  dropOffVehicle?: VehicleSpec;
}

export const dropOffRouteId = (farmId: string) => `drop-off:${farmId}`;

type CargoKey = "ALL" | StopCargo;

export function carbonRouteInputs(input: PlanCarbonInput): RouteInput[] {
  // Grams per farm → order and per order, for all goods and for each part.
  const byFarm = new Map<string, Map<string, number>>();
  const byOrder = new Map<string, number>();
  const add = <K>(map: Map<K, number>, key: K, grams: number) => map.set(key, (map.get(key) ?? 0) + grams);
  const farmKey = (farmId: string, cargo: CargoKey) => `${cargo}|${farmId}`;
  const orderKey = (orderId: string, cargo: CargoKey) => `${cargo}|${orderId}`;
  for (const line of input.lines) {
    const part: StopCargo = line.chilled ? "CHILLED" : "AMBIENT";
    for (const cargo of ["ALL", part] as const) {
      const orders = byFarm.get(farmKey(line.farmId, cargo)) ?? new Map<string, number>();
      add(orders, line.orderId, line.grams);
      byFarm.set(farmKey(line.farmId, cargo), orders);
      add(byOrder, orderKey(line.orderId, cargo), line.grams);
    }
  }
  // Of a consignment's grams, the chilled ones: all of a CHILLED part, none of an AMBIENT part,
  // and the order's chilled lines of a whole place (cargo null, plans saved before the split).
  const chilledOf = (cargo: CargoKey, grams: number, chilledOfPlace: number | undefined): number =>
    cargo === "CHILLED" ? grams : cargo === "AMBIENT" ? 0 : (chilledOfPlace ?? 0);
  const consignmentsOfFarm = (farmId: string, cargo: CargoKey = "ALL") => {
    const chilled = byFarm.get(farmKey(farmId, "CHILLED"));
    return [...(byFarm.get(farmKey(farmId, cargo)) ?? new Map<string, number>())]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([orderId, grams]) => ({
        orderId,
        farmId,
        grams,
        chilledGrams: chilledOf(cargo, grams, chilled?.get(orderId)),
      }));
  };
  const consignmentOfOrder = (orderId: string, cargo: CargoKey) => {
    const grams = byOrder.get(orderKey(orderId, cargo)) ?? 0;
    return {
      orderId,
      farmId: null,
      grams,
      chilledGrams: chilledOf(cargo, grams, byOrder.get(orderKey(orderId, "CHILLED"))),
    };
  };

  const routes: RouteInput[] = input.routes.map((route) => ({
    id: route.id,
    kind: route.kind,
    metres: Math.round(route.distanceM),
    distanceKind: "PLANNED",
    vehicle: route.vehicle,
    stops: route.stops.map((stop) => ({
      id: stop.id,
      distanceFromDepotMetres: Math.round(stop.distanceFromDepotM),
      consignments:
        route.kind === "COLLECTION"
          ? stop.farmId
            ? consignmentsOfFarm(stop.farmId, stop.cargo ?? "ALL")
            : []
          : stop.orderId
            ? [consignmentOfOrder(stop.orderId, stop.cargo ?? "ALL")]
            : [],
    })),
  }));
  const vehicle = input.dropOffVehicle ?? DEFAULT_ESTIMATE_ASSUMPTIONS.farmDropOff.vehicle;
  for (const farm of input.selfDelivering) {
    const consignments = consignmentsOfFarm(farm.farmId);
    if (consignments.length === 0) continue;
    routes.push({
      id: dropOffRouteId(farm.farmId),
      kind: "FARM_DROP_OFF",
      metres: Math.round(farm.metresToHub) * 2,
      distanceKind: "PLANNED",
      vehicle,
      stops: [{ id: `hub:${farm.farmId}`, distanceFromDepotMetres: Math.round(farm.metresToHub), consignments }],
    });
  }
  return routes;
}

export interface PlanRouteCarbon {
  routeId: string;
  co2eGrams: number;
  factorKey: string;
  /** Of co2eGrams, the refrigeration part; 0 on an ambient vehicle. */
  refrigerationCo2eGrams: number;
  /** A refrigerated route with no chilled goods: its refrigeration part was shared by all goods. */
  refrigerationSharedByAll: boolean;
}

export interface PlanCarbon {
  allocation: CycleAllocation;
  routes: PlanRouteCarbon[];
  stops: Array<{ stopId: string; co2eGrams: number }>;
  orders: AllocatedOrderCarbon[];
  /** Hub routes only (the farms' own trips are in the orders' figures and reported apart). */
  planCo2eGrams: number;
  dropOffCo2eGrams: number;
}

export function allocatePlanCarbon(input: PlanCarbonInput): PlanCarbon {
  const allocation = allocateCycle({
    routes: carbonRouteInputs(input),
    factorSet: input.factorSet ?? DESNZ_2025,
    distanceBasis: input.distanceBasis,
  });
  const hubRoutes = allocation.routes.filter((r) => r.kind !== "FARM_DROP_OFF");
  return {
    allocation,
    routes: hubRoutes.map((r) => ({
      routeId: r.routeId,
      co2eGrams: r.routeGrams,
      factorKey: r.factorKey,
      refrigerationCo2eGrams: r.refrigerationGrams,
      refrigerationSharedByAll: r.refrigerationChargedTo === "ALL_GOODS",
    })),
    stops: hubRoutes.flatMap((r) => r.stops.map((s) => ({ stopId: s.stopId, co2eGrams: s.gramsCo2e }))),
    orders: allocation.orders,
    planCo2eGrams: hubRoutes.reduce((s, r) => s + r.routeGrams, 0),
    dropOffCo2eGrams: allocation.routes.filter((r) => r.kind === "FARM_DROP_OFF").reduce((s, r) => s + r.routeGrams, 0),
  };
}
