/**
 * The open cycle's provisional plan (issue 17, decision 031): the orders placed so far, solved as
 * the planning job would solve them, with the plan's carbon allocated by the same rule, in the
 * shape the checkout estimate reads for a saved plan (carbon/marginal.ts PlannedCycle). Nothing is
 * stored: it is the estimate's picture of how the hub will drive this cycle.
 */
import {
  DEFAULT_ESTIMATE_ASSUMPTIONS,
  type DistanceBasis,
  type FactorSet,
  type PlannedCycle,
  type PlannedRoute,
} from "../carbon";
import { allocatePlanCarbon, type StoredRoute } from "./carbon";
import type { PlanningData, PlanningProblems } from "./problems";
import type { LegSolutions } from "./solve-legs";
import { toPlanResult } from "./to-routes";

/** A vehicle the data does not describe is taken as the estimate's default van. */
const UNKNOWN_VEHICLE = DEFAULT_ESTIMATE_ASSUMPTIONS.deliveryRound.vehicle;

export function provisionalCycle({
  id,
  data,
  problems,
  solved,
  distanceBasis = "GREAT_CIRCLE_X_CIRCUITY",
  factorSet,
}: {
  id: string;
  data: PlanningData;
  problems: PlanningProblems;
  solved: LegSolutions;
  distanceBasis?: DistanceBasis;
  factorSet?: FactorSet;
}): PlannedCycle {
  const result = toPlanResult(data, problems, solved);
  const vehicles = new Map(data.vehicles.map((v) => [v.id, v]));
  const farms = new Map(data.farms.map((f) => [f.id, f]));
  const orders = new Map(data.orders.map((o) => [o.id, o]));
  const vehicleOf = (vehicleId: string) => {
    const v = vehicles.get(vehicleId);
    return {
      energyType: v?.energyType ?? UNKNOWN_VEHICLE.energyType,
      refrigerated: v?.refrigerated ?? UNKNOWN_VEHICLE.refrigerated,
    };
  };
  const stored: StoredRoute[] = result.routes.map((route, r) => ({
    id: `r${r}`,
    kind: route.kind,
    distanceM: route.distanceM,
    vehicle: vehicleOf(route.vehicleId),
    stops: route.stops.map((stop, s) => ({
      id: `r${r}s${s}`,
      farmId: stop.farmId,
      orderId: stop.orderId,
      distanceFromDepotM: stop.distanceFromDepotM,
      cargo: stop.cargo,
    })),
  }));
  const lines = data.orders.flatMap((o) =>
    o.lines.map((l) => ({ orderId: o.id, farmId: l.farmId, grams: l.grams, chilled: l.chilled })),
  );
  const carbon = allocatePlanCarbon({ routes: stored, lines, selfDelivering: [], distanceBasis, factorSet });
  const co2eOfStop = new Map(carbon.stops.map((s) => [s.stopId, s.co2eGrams]));

  const routes: PlannedRoute[] = result.routes.map((route, r) => ({
    kind: route.kind,
    metres: Math.max(0, Math.round(route.distanceM)),
    distanceKind: "PLANNED",
    vehicle: vehicleOf(route.vehicleId),
    capacityGrams: vehicles.get(route.vehicleId)?.capacityGrams ?? null,
    stops: route.stops.map((stop, s) => {
      const place =
        stop.farmId !== null ? farms.get(stop.farmId) : stop.orderId !== null ? orders.get(stop.orderId) : null;
      const order = stop.orderId !== null ? orders.get(stop.orderId) : undefined;
      return {
        point: place && place.lat !== null && place.lng !== null ? { lat: place.lat, lng: place.lng } : null,
        distanceFromDepotMetres: Math.max(0, Math.round(stop.distanceFromDepotM)),
        gramsHandled: Math.max(0, stop.gramsHandled),
        co2eGrams: Math.max(0, co2eOfStop.get(`r${r}s${s}`) ?? 0),
        farmId: stop.farmId,
        orderId: stop.orderId,
        cargo: stop.cargo,
        slot: order?.slot ?? null,
      };
    }),
  }));
  const farmGrams: Record<string, number> = {};
  for (const l of lines) farmGrams[l.farmId] = (farmGrams[l.farmId] ?? 0) + l.grams;
  return { id, routes, farmGrams, provisional: true };
}
