/** Solver output back into the rows a route plan stores (routes with ordered stops). */
import type { PlannedRoute, RoutingSolution } from "../routing";
import {
  parseStopId,
  SECOND_PART_SERVICE_SECONDS,
  stopLabel,
  type LegKind,
  type LegProblem,
  type PlanningData,
  type PlanningProblems,
  type PlanUnassigned,
  type StopPart,
} from "./problems";
import type { LegSolutions } from "./solve-legs";

export interface PlanStopRow {
  stopId: string;
  farmId: string | null;
  orderId: string | null;
  /** The goods of the place this stop handles (a place with both is two stops). */
  cargo: StopPart | null;
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
    .map((solved, n) => {
      const route = retimeSharedStops(leg, solved, indexById);
      return {
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
          const { kind, id, part } = parseStopId(s.stopId);
          return {
            stopId: s.stopId,
            farmId: kind === "FARM" ? id : null,
            orderId: kind === "ORDER" ? id : null,
            cargo: part,
            arrival: Math.round(s.start),
            departure: Math.round(s.departure),
            gramsHandled: demand,
            loadGramsAfter: leg.kind === "COLLECTION" ? s.loadAfterGrams : route.loadGrams - s.loadAfterGrams,
            distanceFromDepotM: Math.round(fromDepot[index] ?? 0),
          };
        }),
      };
    });
}

const placeOf = (stopId: string) => {
  const { kind, id } = parseStopId(stopId);
  return `${kind}:${id}`;
};

/**
 * The solver plans each part of a place with the full service time (the parts may well go on two
 * vehicles). When one vehicle handles both parts of a place one after the other, the second part
 * takes SECOND_PART_SERVICE_SECONDS instead, and the rest of the route moves earlier (waiting for
 * a window where it must: service never starts before a window opens, so nothing becomes late).
 * Travel times are the solver's own (arrival − previous departure), so no matrix is needed here.
 */
export function retimeSharedStops(
  leg: LegProblem,
  route: PlannedRoute,
  indexById: ReadonlyMap<string, number>,
): PlannedRoute {
  const shared = route.stops.some((s, k) => k > 0 && placeOf(s.stopId) === placeOf(route.stops[k - 1]!.stopId));
  if (!shared) return route;
  let oldDeparture = route.start;
  let newDeparture = route.start;
  const stops = route.stops.map((s, k) => {
    const travel = s.arrival - oldDeparture;
    const second = k > 0 && placeOf(s.stopId) === placeOf(route.stops[k - 1]!.stopId);
    const stop = leg.stops[indexById.get(s.stopId) ?? -1];
    const service = second ? Math.min(SECOND_PART_SERVICE_SECONDS, s.departure - s.start) : s.departure - s.start;
    const arrival = newDeparture + travel;
    const start = Math.max(arrival, stop?.window?.start ?? arrival);
    oldDeparture = s.departure;
    newDeparture = start + service;
    return { ...s, arrival, start, departure: newDeparture };
  });
  const end = newDeparture + (route.end - oldDeparture);
  return { ...route, stops, end, durationSeconds: end - route.start };
}

const kg = (grams: number) => `${(grams / 1000).toLocaleString("en-GB", { maximumFractionDigits: 1 })} kg`;
const sentence = (text: string) => {
  const t = text.charAt(0).toUpperCase() + text.slice(1);
  return t.endsWith(".") ? t : `${t}.`;
};

/**
 * The solver's unassigned stops, one entry per place (farm or order) with a reason that says which
 * goods were left out: a place counts as served only when every part of it is on a route.
 */
function unassignedOf(
  data: Pick<PlanningData, "farms" | "orders">,
  leg: LegProblem,
  solution: RoutingSolution,
): PlanUnassigned[] {
  const partsOfPlace = new Map<string, Array<{ part: StopPart | null; grams: number }>>();
  for (const stop of leg.stops) {
    const key = placeOf(stop.id);
    const list = partsOfPlace.get(key) ?? [];
    list.push({ part: parseStopId(stop.id).part, grams: stop.demandGrams });
    partsOfPlace.set(key, list);
  }
  const byPlace = new Map<string, Array<{ stopId: string; part: StopPart | null; reason: string }>>();
  for (const u of solution.unassigned) {
    const key = placeOf(u.stopId);
    const list = byPlace.get(key) ?? [];
    list.push({ stopId: u.stopId, part: parseStopId(u.stopId).part, reason: sentence(u.reason) });
    byPlace.set(key, list);
  }
  const goods = (part: StopPart | null) =>
    part === "CHILLED" ? "Chilled goods" : part === "AMBIENT" ? "Ambient goods" : "Goods";
  return [...byPlace.values()].map((left) => {
    const first = left[0]!;
    const { kind, id } = parseStopId(first.stopId);
    const all = partsOfPlace.get(placeOf(first.stopId)) ?? [];
    const gramsOf = (part: StopPart | null) => all.find((p) => p.part === part)?.grams ?? 0;
    const parts = left.map((l) => l.part).filter((p): p is StopPart => p !== null);
    let reason: string;
    if (all.length <= 1) reason = first.reason;
    else if (left.length === all.length) {
      reason = left.every((l) => l.reason === first.reason)
        ? `${first.reason} (chilled and ambient goods)`
        : left.map((l) => `${goods(l.part)} (${kg(gramsOf(l.part))}): ${l.reason}`).join(" ");
    } else {
      const served = all.filter((p) => !left.some((l) => l.part === p.part));
      reason = `${left.map((l) => `${goods(l.part)} (${kg(gramsOf(l.part))}) not planned: ${l.reason}`).join(" ")} ${served
        .map((p) => `${goods(p.part)} (${kg(p.grams)})`)
        .join(" and ")} ${served.length === 1 ? "is" : "are"} on a route.`;
    }
    return { kind, id, label: stopLabel(data, first.stopId), reason, ...(parts.length ? { parts } : {}) };
  });
}

export interface PlanResult {
  routes: PlanRouteRow[];
  /** One entry per place (farm or order) not fully served, with the reason. */
  unassigned: PlanUnassigned[];
  totalDistanceM: number;
}

export function toPlanResult(
  data: Pick<PlanningData, "farms" | "orders">,
  problems: PlanningProblems,
  solved: LegSolutions,
): PlanResult {
  const collection = routeRows(problems.collection, solved.collection.routes, solved.fromDepot.collection);
  const delivery = routeRows(problems.delivery, solved.delivery.routes, solved.fromDepot.delivery, collection.length);
  const routes = [...collection, ...delivery];
  return {
    routes,
    unassigned: [
      ...problems.unassigned,
      ...unassignedOf(data, problems.collection, solved.collection),
      ...unassignedOf(data, problems.delivery, solved.delivery),
    ],
    totalDistanceM: routes.reduce((s, r) => s + r.distanceM, 0),
  };
}
