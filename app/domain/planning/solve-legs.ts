/**
 * Solves both legs of a cycle with the routing engine. The same function runs inside the planning
 * worker and, when no built worker exists (dev, tests), on the calling thread.
 */
import { durationSeconds, EARTH_RADIUS_METRES, type LatLng } from "../geo";
import { solve, type Matrix, type RoutingSolution } from "../routing";
import type { LegKind, LegProblem, PlanningProblems } from "./problems";

/** Great-circle × circuity (computed on demand), or full tables from a road router. */
export type MatrixSpec =
  | { kind: "estimate"; circuity: number; speedKmh: number }
  | {
      kind: "table";
      collection: { distance: number[][]; duration: number[][] };
      delivery: { distance: number[][]; duration: number[][] };
    };

export interface LegMatrices {
  distance: Matrix;
  duration: Matrix;
  /** Metres from the depot to stop i (index i of the leg's stops). */
  fromDepot: number[];
}

export function legMatrices(leg: LegProblem, spec: MatrixSpec): LegMatrices {
  if (spec.kind === "table") {
    const table = leg.kind === "COLLECTION" ? spec.collection : spec.delivery;
    return { ...table, fromDepot: leg.stops.map((_, i) => table.distance[0]?.[i + 1] ?? 0) };
  }
  const { distance, duration, size, pointOf } = estimateMatrix(leg.points, spec.circuity, spec.speedKmh);
  const at = (m: Int32Array) => (from: number, to: number) => m[pointOf[from]! * size + pointOf[to]!]!;
  return {
    distance: at(distance),
    duration: at(duration),
    fromDepot: leg.stops.map((_, i) => distance[pointOf[0]! * size + pointOf[i + 1]!]!),
  };
}

/**
 * Great-circle × circuity metres and the matching driving seconds between every pair of distinct
 * points, in flat typed arrays: each pair is computed once (symmetric, haversine with the
 * trigonometry of each point taken once), and the two parts of a place (same coordinates) share
 * one row. `pointOf[i]` is the row of matrix index i. Values match round(haversineMetres(a, b) ×
 * circuity) and durationSeconds(metres, speedKmh) up to floating-point rounding.
 */
export function estimateMatrix(points: readonly LatLng[], circuity: number, speedKmh: number) {
  durationSeconds(0, speedKmh); // validates the speed
  const rowOf = new Map<string, number>();
  const pointOf = new Int32Array(points.length);
  const lat: number[] = [];
  const lng: number[] = [];
  points.forEach((p, i) => {
    if (!Number.isFinite(p.lat) || !Number.isFinite(p.lng) || Math.abs(p.lat) > 90 || Math.abs(p.lng) > 180) {
      throw new RangeError(`Point ${i} has no valid coordinates (${String(p.lat)}, ${String(p.lng)})`);
    }
    const key = `${p.lat},${p.lng}`;
    let row = rowOf.get(key);
    if (row === undefined) {
      row = lat.length;
      rowOf.set(key, row);
      lat.push(p.lat);
      lng.push(p.lng);
    }
    pointOf[i] = row;
  });
  const size = lat.length;
  const rad = Math.PI / 180;
  const phi = Float64Array.from(lat, (v) => v * rad);
  const lambda = Float64Array.from(lng, (v) => v * rad);
  const cosPhi = phi.map((v) => Math.cos(v));
  const distance = new Int32Array(size * size);
  const duration = new Int32Array(size * size);
  const secondsPerMetre = 3.6 / speedKmh;
  for (let i = 0; i < size; i++) {
    const pi = phi[i]!;
    const li = lambda[i]!;
    const ci = cosPhi[i]!;
    for (let j = i + 1; j < size; j++) {
      const sLat = Math.sin((phi[j]! - pi) / 2);
      const sLng = Math.sin((lambda[j]! - li) / 2);
      const h = sLat * sLat + ci * cosPhi[j]! * sLng * sLng;
      const metres = Math.round(2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h))) * circuity);
      const seconds = Math.round(metres * secondsPerMetre);
      distance[i * size + j] = metres;
      distance[j * size + i] = metres;
      duration[i * size + j] = seconds;
      duration[j * size + i] = seconds;
    }
  }
  return { distance, duration, size, pointOf };
}

export type PlanEffort = "quick" | "thorough";
/** Wall-clock budgets that suit a request a coordinator waits for. */
export const EFFORT_TIME_LIMIT_MS: Record<PlanEffort, number> = { quick: 4_000, thorough: 15_000 };

export interface SolveLegsOptions {
  seed?: number;
  timeLimitMs: number;
  iterationLimit?: number;
  signal?: AbortSignal;
  /** 0..1 over both legs. */
  onProgress?: (fraction: number, leg: LegKind) => void;
}

export interface LegSolutions {
  collection: RoutingSolution;
  delivery: RoutingSolution;
  fromDepot: { collection: number[]; delivery: number[] };
  cancelled: boolean;
}

const EMPTY: RoutingSolution = {
  routes: [],
  unassigned: [],
  totalDistanceMetres: 0,
  totalCost: 0,
  iterations: 0,
  elapsedMs: 0,
  stoppedBy: "converged",
};

export function solveLegs(problems: PlanningProblems, spec: MatrixSpec, options: SolveLegsOptions): LegSolutions {
  const legs = [problems.collection, problems.delivery];
  const sizes = legs.map((l) => l.stops.length);
  const total = sizes.reduce((a, b) => a + b, 0) || 1;
  // Split the time budget by size, with a floor so a small leg still gets searched.
  const shares = sizes.map((n) => (n === 0 ? 0 : Math.max(0.2, n / total)));
  const shareSum = shares.reduce((a, b) => a + b, 0) || 1;
  const results: RoutingSolution[] = [];
  const fromDepot: number[][] = [];
  let done = 0;
  for (let i = 0; i < legs.length; i++) {
    const leg = legs[i]!;
    const share = (shares[i] ?? 0) / shareSum;
    const matrices = legMatrices(leg, spec);
    fromDepot.push(matrices.fromDepot);
    if (leg.stops.length === 0 || options.signal?.aborted) {
      results.push({ ...EMPTY, routes: [] });
      done += share;
      continue;
    }
    options.onProgress?.(done, leg.kind);
    const solution = solve(
      { stops: leg.stops, vehicles: leg.vehicles, distance: matrices.distance, duration: matrices.duration },
      {
        seed: options.seed ?? 1,
        timeLimitMs: Math.max(250, Math.round(options.timeLimitMs * share)),
        ...(options.iterationLimit !== undefined ? { iterationLimit: options.iterationLimit } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        initialRoutes: leg.initialRoutes,
        onProgress: (p) => options.onProgress?.(done + share * p.fraction, leg.kind),
      },
    );
    results.push(solution);
    done += share;
    options.onProgress?.(done, leg.kind);
  }
  return {
    collection: results[0]!,
    delivery: results[1]!,
    fromDepot: { collection: fromDepot[0]!, delivery: fromDepot[1]! },
    cancelled: Boolean(options.signal?.aborted),
  };
}
