import { RoutingInputError } from "./errors";
import { DISTANCE_TOLERANCE, evaluateWithModel, scheduleRoute } from "./evaluate";
import { hybridGeneticSearch } from "./genetic";
import { buildInstance } from "./instance";
import { compatible, formatKg, formatKm, validateProblem, type Model } from "./model";
import { repairRoutes } from "./repair";
import type { PlannedRoute, RoutingProblem, RoutingSolution, SolveOptions, UnassignedStop } from "./types";

const DEFAULT_TIME_LIMIT_MS = 10_000;
const DEFAULT_NO_IMPROVEMENT = 20_000;

function formatTime(t: number): string {
  if (t >= 0 && t <= 48 * 3600) {
    const h = Math.floor(t / 3600);
    const m = Math.floor((t % 3600) / 60);
    return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
  }
  return `${t} s`;
}

/** Why a stop cannot be in any route at all, or null when some vehicle could serve it alone. */
function unservable(model: Model, si: number, vehicles: number[]): UnassignedStop | null {
  const s = model.stops[si]!;
  if (vehicles.length === 0) return { stopId: s.id, code: "NO_COMPATIBLE_VEHICLE", reason: "no vehicle is available" };
  const compat = vehicles.filter((vi) => compatible(model.vehicles[vi]!, s));
  if (compat.length === 0) {
    return {
      stopId: s.id,
      code: "NO_COMPATIBLE_VEHICLE",
      reason: `needs ${(s.requires ?? []).join(" and ")}, which no available vehicle has`,
    };
  }
  const maxCap = Math.max(...compat.map((vi) => model.vehicles[vi]!.capacityGrams));
  if (s.demandGrams > maxCap) {
    const which = s.requires && s.requires.length > 0 ? `any vehicle with ${s.requires.join(" and ")}` : "any vehicle";
    return {
      stopId: s.id,
      code: "TOO_HEAVY",
      reason: `heavier (${formatKg(s.demandGrams)}) than ${which} (max ${formatKg(maxCap)})`,
    };
  }
  const carriers = compat.filter((vi) => model.vehicles[vi]!.capacityGrams >= s.demandGrams);
  const node = si + 1;
  const roundTrip = model.dist[node]! + model.dist[node * model.size]!;
  const rangeOf = (vi: number) => model.vehicles[vi]!.maxRouteMetres ?? Infinity;
  if (carriers.every((vi) => rangeOf(vi) + DISTANCE_TOLERANCE < roundTrip)) {
    return {
      stopId: s.id,
      code: "OUT_OF_RANGE",
      reason: `the trip from the depot to it and back (${formatKm(roundTrip)}) is longer than the range of any vehicle that could carry it (at most ${formatKm(Math.max(...carriers.map(rangeOf)))})`,
    };
  }
  const fits = carriers.some((vi) => scheduleRoute(model, vi, [si]).violations.length === 0);
  if (!fits) {
    return {
      stopId: s.id,
      code: "WINDOW_UNREACHABLE",
      reason: s.window
        ? `its window ${formatTime(s.window.start)}–${formatTime(s.window.end)} cannot be met with a return to the depot within any vehicle's shift`
        : "a trip from the depot to it and back does not fit in any vehicle's shift",
    };
  }
  return null;
}

export function solve(problem: RoutingProblem, options: SolveOptions = {}): RoutingSolution {
  const model = validateProblem(problem);
  const started = typeof performance !== "undefined" ? performance.now() : Date.now();
  const seed = options.seed ?? 1;
  if (!Number.isFinite(seed)) throw new RoutingInputError(`seed must be a finite number, got ${String(options.seed)}`);
  const { timeLimitMs, iterationLimit } = options;
  if (timeLimitMs !== undefined && !(timeLimitMs >= 0))
    throw new RoutingInputError(`timeLimitMs must be >= 0, got ${String(timeLimitMs)}`);
  if (iterationLimit !== undefined && !(iterationLimit >= 0))
    throw new RoutingInputError(`iterationLimit must be >= 0, got ${String(iterationLimit)}`);

  // Locked routes leave the optimisation; seed routes are kept for later.
  const lockedVehicles = new Set<number>();
  const lockedStops = new Set<number>();
  const initial = options.initialRoutes ?? [];
  for (const r of initial) {
    const vi = model.vehicleIndexById.get(r.vehicleId);
    if (vi === undefined) throw new RoutingInputError(`initial route names an unknown vehicle "${r.vehicleId}"`);
    for (const id of r.stopIds) {
      if (!model.stopIndexById.has(id))
        throw new RoutingInputError(`initial route of vehicle "${r.vehicleId}" names an unknown stop "${id}"`);
    }
    if (r.locked) {
      if (lockedVehicles.has(vi)) throw new RoutingInputError(`vehicle "${r.vehicleId}" has two locked routes`);
      lockedVehicles.add(vi);
      for (const id of r.stopIds) {
        const si = model.stopIndexById.get(id)!;
        if (lockedStops.has(si)) throw new RoutingInputError(`stop "${id}" is in two locked routes`);
        lockedStops.add(si);
      }
    }
  }
  const freeVehicles = model.vehicles.map((_, i) => i).filter((i) => !lockedVehicles.has(i));
  const unassigned: UnassignedStop[] = [];
  const candidates: number[] = [];
  model.stops.forEach((_, si) => {
    if (lockedStops.has(si)) return;
    const why = unservable(model, si, freeVehicles);
    if (why) unassigned.push(why);
    else candidates.push(si);
  });

  const inst = buildInstance(model, candidates, freeVehicles);
  const nodeOfStop = new Map<number, number>();
  candidates.forEach((si, i) => nodeOfStop.set(si, i + 1));
  const internalVehicle = new Map<number, number>();
  for (let k = 0; k < inst.nV; k++) internalVehicle.set(inst.vehicleOrig[k]!, k);
  const seeds: number[][][] = [];
  const unlockedSeeds = initial.filter((r) => !r.locked);
  if (unlockedSeeds.length > 0) {
    const routes: number[][] = Array.from({ length: inst.nV }, () => []);
    const used = new Set<number>();
    for (const r of unlockedSeeds) {
      const k = internalVehicle.get(model.vehicleIndexById.get(r.vehicleId)!);
      if (k === undefined) continue;
      for (const id of r.stopIds) {
        const node = nodeOfStop.get(model.stopIndexById.get(id)!);
        if (node !== undefined && !used.has(node)) {
          used.add(node);
          routes[k]!.push(node);
        }
      }
    }
    // Stops the seed leaves out go to their cheapest... simply to the end of the first route; the
    // local search moves them.
    for (let c = 1; c <= inst.n; c++) if (!used.has(c)) routes[0]?.push(c);
    seeds.push(routes);
  }

  const result = hybridGeneticSearch(inst, {
    seed,
    iterationLimit: iterationLimit ?? Infinity,
    // The budget covers the whole call: what validation and set-up used is taken off.
    timeLimitMs: Math.max(
      0,
      (timeLimitMs ?? (iterationLimit === undefined ? DEFAULT_TIME_LIMIT_MS : Infinity)) -
        ((typeof performance !== "undefined" ? performance.now() : Date.now()) - started),
    ),
    // The population restarts (HGS-CVRP) after a quarter of the convergence limit without
    // improvement; the search stops ("converged") at the limit, so small plans still return early.
    noImprovementLimit: options.noImprovementLimit ?? DEFAULT_NO_IMPROVEMENT,
    restartAfter: Math.max(1, Math.floor((options.noImprovementLimit ?? DEFAULT_NO_IMPROVEMENT) / 4)),
    signal: options.signal,
    onProgress: options.onProgress,
    costScale: 1000,
    initial: seeds,
  });

  let chosen = result.best;
  if (iterationLimit === 0) chosen = result.construction.feasible ? result.construction : null;
  const source = chosen ?? (iterationLimit === 0 ? result.construction : result.fallback);
  let finalRoutes = source.routes;
  if (!chosen) {
    const repaired = repairRoutes(inst, source.routes);
    finalRoutes = repaired.routes;
    for (const d of repaired.dropped) {
      const s = model.stops[inst.orig[d.node]! - 1]!;
      unassigned.push({
        stopId: s.id,
        code: d.code,
        reason:
          d.code === "NO_CAPACITY_LEFT"
            ? "no vehicle that may serve it had capacity left"
            : d.code === "NO_RANGE_LEFT"
              ? "no vehicle that may serve it had range left for it within its shift"
              : "no vehicle had time left for it within its window and shift",
      });
    }
  }

  // Report in the caller's vehicle order, with figures recomputed from the caller's matrices.
  const planned: Array<{ vi: number; route: PlannedRoute }> = [];
  finalRoutes.forEach((list, k) => {
    if (list.length === 0) return;
    const vi = inst.vehicleOrig[k]!;
    planned.push({
      vi,
      route: scheduleRoute(
        model,
        vi,
        list.map((c) => inst.orig[c]! - 1),
      ).route,
    });
  });
  if (lockedVehicles.size > 0) {
    const lockedEval = evaluateWithModel(
      model,
      initial.filter((r) => r.locked),
    );
    for (const route of lockedEval.routes) planned.push({ vi: model.vehicleIndexById.get(route.vehicleId)!, route });
  }
  planned.sort((a, b) => a.vi - b.vi);
  const routes = planned.map((p) => p.route);
  const order = new Map(model.stops.map((s, i) => [s.id, i]));
  unassigned.sort((a, b) => order.get(a.stopId)! - order.get(b.stopId)!);
  const ended = typeof performance !== "undefined" ? performance.now() : Date.now();
  return {
    routes,
    unassigned,
    totalDistanceMetres: routes.reduce((a, r) => a + r.distanceMetres, 0),
    totalCost: routes.reduce((a, r) => a + r.cost, 0),
    iterations: result.iterations,
    elapsedMs: ended - started,
    stoppedBy: result.stoppedBy,
  };
}
