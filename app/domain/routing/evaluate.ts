import { compatible, formatKg, formatKm, validateProblem, type Model } from "./model";
import type { EvaluatedSolution, PlannedRoute, RouteInput, RoutingProblem, UnassignedStop, Violation } from "./types";

/** Tolerance for time comparisons (seconds): absorbs floating-point noise of real-valued matrices. */
export const TIME_TOLERANCE = 1e-6;
/** Tolerance for distance comparisons (metres), for the same reason. */
export const DISTANCE_TOLERANCE = 1e-6;

/**
 * Schedules a route (model indexes) and lists what it breaks. The vehicle leaves the depot as late
 * as it can without lengthening the route: first the waiting a departure at shift start would cause
 * is removed, as far as the windows and the shift end allow.
 */
export function scheduleRoute(
  model: Model,
  vehicleIndex: number,
  stopIndexes: number[],
): { route: PlannedRoute; violations: Violation[] } {
  const v = model.vehicles[vehicleIndex]!;
  const M = model.size;
  const violations: Violation[] = [];
  // Forward pass from shift start.
  let t = v.shiftStart;
  let prev = 0;
  let wait = 0;
  let maxDelay = Infinity;
  let load = 0;
  let dist = 0;
  const arrivals: number[] = [];
  const starts: number[] = [];
  for (const si of stopIndexes) {
    const s = model.stops[si]!;
    const node = si + 1;
    const arrival = t + model.time[prev * M + node]!;
    const open = s.window ? s.window.start : -Infinity;
    const start = Math.max(arrival, open);
    wait += start - arrival;
    if (s.window) maxDelay = Math.min(maxDelay, wait + s.window.end - start);
    arrivals.push(arrival);
    starts.push(start);
    t = start + s.serviceSeconds;
    prev = node;
  }
  const end0 = t + model.time[prev * M]!;
  if (Number.isFinite(v.shiftEnd)) maxDelay = Math.min(maxDelay, wait + v.shiftEnd - end0);
  const delay = stopIndexes.length === 0 ? 0 : Math.max(0, Math.min(wait, maxDelay));
  // Second pass with the delayed departure: exact figures.
  const departure = v.shiftStart + delay;
  t = departure;
  prev = 0;
  const stops: PlannedRoute["stops"] = [];
  for (const si of stopIndexes) {
    const s = model.stops[si]!;
    const node = si + 1;
    const leg = model.dist[prev * M + node]!;
    dist += leg;
    const arrival = t + model.time[prev * M + node]!;
    const start = s.window ? Math.max(arrival, s.window.start) : arrival;
    load += s.demandGrams;
    if (s.window && start > s.window.end + TIME_TOLERANCE) {
      violations.push({
        code: "LATE",
        vehicleId: v.id,
        stopId: s.id,
        amount: start - s.window.end,
        message: `vehicle "${v.id}" reaches stop "${s.id}" ${Math.round(start - s.window.end)} s after its window closes`,
      });
    }
    if (!compatible(v, s)) {
      violations.push({
        code: "MISSING_FEATURE",
        vehicleId: v.id,
        stopId: s.id,
        message: `stop "${s.id}" needs ${(s.requires ?? []).join(", ")}, which vehicle "${v.id}" lacks`,
      });
    }
    t = start + s.serviceSeconds;
    stops.push({ stopId: s.id, arrival, start, departure: t, loadAfterGrams: load, distanceFromPrevMetres: leg });
    prev = node;
  }
  const back = stopIndexes.length === 0 ? 0 : model.dist[prev * M]!;
  dist += back;
  const end = stopIndexes.length === 0 ? departure : t + model.time[prev * M]!;
  if (load > v.capacityGrams) {
    violations.push({
      code: "OVER_CAPACITY",
      vehicleId: v.id,
      amount: load - v.capacityGrams,
      message: `vehicle "${v.id}" carries ${formatKg(load)}, over its capacity of ${formatKg(v.capacityGrams)}`,
    });
  }
  if (end > v.shiftEnd + TIME_TOLERANCE) {
    violations.push({
      code: "SHIFT_END",
      vehicleId: v.id,
      amount: end - v.shiftEnd,
      message: `vehicle "${v.id}" returns ${Math.round(end - v.shiftEnd)} s after its shift ends`,
    });
  }
  const duration = end - departure;
  if (v.maxRouteSeconds !== undefined && duration > v.maxRouteSeconds + TIME_TOLERANCE) {
    violations.push({
      code: "ROUTE_TOO_LONG",
      vehicleId: v.id,
      amount: duration - v.maxRouteSeconds,
      message: `vehicle "${v.id}" is out ${Math.round(duration)} s, over its limit of ${v.maxRouteSeconds} s`,
    });
  }
  if (v.maxRouteMetres !== undefined && dist > v.maxRouteMetres + DISTANCE_TOLERANCE) {
    violations.push({
      code: "OVER_RANGE",
      vehicleId: v.id,
      amount: dist - v.maxRouteMetres,
      message: `vehicle "${v.id}" drives ${formatKm(dist)}, over its range of ${formatKm(v.maxRouteMetres)}`,
    });
  }
  const used = stopIndexes.length > 0;
  const cost = used
    ? (dist / 1000) * (model.costMode ? (v.costPerKm ?? 1) : 1) + (model.costMode ? (v.fixedCost ?? 0) : 0)
    : 0;
  return {
    route: {
      vehicleId: v.id,
      stops,
      distanceMetres: dist,
      durationSeconds: duration,
      loadGrams: load,
      cost,
      start: departure,
      end,
    },
    violations,
  };
}

/**
 * Recomputes the figures of hand-edited routes and reports every broken constraint instead of
 * throwing. Malformed problems (bad matrices, negative demand...) still throw RoutingInputError.
 */
export function evaluateRoutes(problem: RoutingProblem, routes: RouteInput[]): EvaluatedSolution {
  const model = validateProblem(problem);
  return evaluateWithModel(model, routes);
}

export function evaluateWithModel(model: Model, routes: RouteInput[]): EvaluatedSolution {
  const violations: Violation[] = [];
  const planned: PlannedRoute[] = [];
  const seenVehicles = new Set<string>();
  const seenStops = new Set<string>();
  for (const r of routes) {
    const vi = model.vehicleIndexById.get(r.vehicleId);
    if (vi === undefined) {
      violations.push({
        code: "UNKNOWN_VEHICLE",
        vehicleId: r.vehicleId,
        message: `there is no vehicle "${r.vehicleId}"`,
      });
      continue;
    }
    if (seenVehicles.has(r.vehicleId)) {
      violations.push({
        code: "DUPLICATE_VEHICLE",
        vehicleId: r.vehicleId,
        message: `vehicle "${r.vehicleId}" has more than one route; only the first is kept`,
      });
      continue;
    }
    seenVehicles.add(r.vehicleId);
    const idx: number[] = [];
    for (const id of r.stopIds) {
      const si = model.stopIndexById.get(id);
      if (si === undefined) {
        violations.push({
          code: "UNKNOWN_STOP",
          vehicleId: r.vehicleId,
          stopId: id,
          message: `there is no stop "${id}"`,
        });
        continue;
      }
      if (seenStops.has(id)) {
        violations.push({
          code: "DUPLICATE_STOP",
          vehicleId: r.vehicleId,
          stopId: id,
          message: `stop "${id}" appears more than once; only its first visit is kept`,
        });
        continue;
      }
      seenStops.add(id);
      idx.push(si);
    }
    if (idx.length === 0) continue;
    const s = scheduleRoute(model, vi, idx);
    planned.push(s.route);
    violations.push(...s.violations);
  }
  const unassigned: UnassignedStop[] = model.stops
    .filter((s) => !seenStops.has(s.id))
    .map((s) => ({ stopId: s.id, code: "NOT_IN_ANY_ROUTE", reason: "not in any route" }));
  return {
    routes: planned,
    unassigned,
    totalDistanceMetres: planned.reduce((a, r) => a + r.distanceMetres, 0),
    totalCost: planned.reduce((a, r) => a + r.cost, 0),
    violations,
    feasible: violations.length === 0,
  };
}
