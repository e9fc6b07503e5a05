/** Solver output back into the rows a route plan stores (routes with ordered stops). */
import type { PlannedRoute, RoutingSolution } from "../routing";
import { parseStopId, type LegKind, type LegProblem, type PlanningData, type PlanningProblems, type PlanUnassigned, stopLabel } from "./problems";
import type { LegSolutions } from "./solve-legs";

export interface PlanStopRow {
  stopId: string;
  farmId: string | null;
  orderId: string | null;
  /** Seconds from midnight (hub time) of the leg's day. */
  arrival: number;
  departure: number;
  gramsHandled: number;
  /** On board after the stop: grows on a collection run, shrinks on a delivery run. */
  loadGramsAfter: number;
  distanceFromDepotM: number;
}

export interface PlanRouteRow {
  kind: LegKind;
  vehicleId: string;
  position: number;
  locked: boolean;
  start: number;
  end: number;
  distanceM: number;
  durationS: number;
  loadGrams: number;
  stops: PlanStopRow[];
}

export function routeRows(
  leg: LegProblem,
  routes: readonly PlannedRoute[],
  fromDepot: readonly number[],
  firstPosition = 0,
): PlanRouteRow[] {
  const indexById = new Map(leg.stops.map((s, i) => [s.id, i]));
  const lockedVehicles = new Set(leg.initialRoutes.filter((r) => r.locked).map((r) => r.vehicleId));
  return routes
    .filter((r) => r.stops.length > 0)
    .map((route, n) => ({
      kind: leg.kind,
      vehicleId: route.vehicleId,
      position: firstPosition + n,
      locked: lockedVehicles.has(route.vehicleId),
      start: Math.round(route.start),
      end: Math.round(route.end),
      distanceM: Math.round(route.distanceMetres),
      durationS: Math.round(route.durationSeconds),
      loadGrams: route.loadGrams,
      stops: route.stops.map((s) => {
        const index = indexById.get(s.stopId) ?? -1;
        const demand = leg.stops[index]?.demandGrams ?? 0;
        const { kind, id } = parseStopId(s.stopId);
        return {
          stopId: s.stopId,
          farmId: kind === "FARM" ? id : null,
          orderId: kind === "ORDER" ? id : null,
          arrival: Math.round(s.start),
          departure: Math.round(s.departure),
          gramsHandled: demand,
          loadGramsAfter: leg.kind === "COLLECTION" ? s.loadAfterGrams : route.loadGrams - s.loadAfterGrams,
          distanceFromDepotM: Math.round(fromDepot[index] ?? 0),
        };
      }),
    }));
}

function unassignedOf(data: Pick<PlanningData, "farms" | "orders">, solution: RoutingSolution): PlanUnassigned[] {
  return solution.unassigned.map((u) => {
    const { kind, id } = parseStopId(u.stopId);
    const reason = u.reason.charAt(0).toUpperCase() + u.reason.slice(1);
    return { kind, id, label: stopLabel(data, u.stopId), reason: reason.endsWith(".") ? reason : `${reason}.` };
  });
}

export interface PlanResult {
  routes: PlanRouteRow[];
  unassigned: PlanUnassigned[];
  totalDistanceM: number;
}

export function toPlanResult(data: Pick<PlanningData, "farms" | "orders">, problems: PlanningProblems, solved: LegSolutions): PlanResult {
  const collection = routeRows(problems.collection, solved.collection.routes, solved.fromDepot.collection);
  const delivery = routeRows(problems.delivery, solved.delivery.routes, solved.fromDepot.delivery, collection.length);
  const routes = [...collection, ...delivery];
  return {
    routes,
    unassigned: [...problems.unassigned, ...unassignedOf(data, solved.collection), ...unassignedOf(data, solved.delivery)],
    totalDistanceM: routes.reduce((s, r) => s + r.distanceM, 0),
  };
}
