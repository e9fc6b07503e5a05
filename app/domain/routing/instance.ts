import { TIME_BIG, compatible, costFactor, internalFixedCost, type Model } from "./model";

/**
 * The search's view of a problem: only the stops it may route (re-indexed 1..n, 0 = depot) and the
 * vehicles it may use, with flat typed arrays for speed.
 */
export interface Instance {
  /** Number of customers (stops being routed). */
  n: number;
  /** n + 1 */
  N: number;
  /** Internal node -> model matrix index (0 -> 0). */
  orig: Int32Array;
  dist: Float64Array;
  time: Float64Array;
  demand: Float64Array;
  service: Float64Array;
  twE: Float64Array;
  twL: Float64Array;
  nV: number;
  /** Internal vehicle -> model vehicle index. */
  vehicleOrig: Int32Array;
  vCap: Float64Array;
  vStart: Float64Array;
  vEnd: Float64Array;
  vMaxDur: Float64Array;
  /** Maximum route distance (metres) per vehicle; TIME_BIG for none. */
  vMaxDist: Float64Array;
  vFactor: Float64Array;
  vFixed: Float64Array;
  vClass: Int32Array;
  nClasses: number;
  /** compat[v * N + c] = 1 when vehicle v may serve node c. */
  compat: Uint8Array;
  allCompatible: boolean;
  /** All vehicles identical. */
  homogeneous: boolean;
  /**
   * Time plays no role: no windows, no shift ends, no route duration limits — and no distance
   * limit, so a move's cost change is exact from distances and loads alone (the local search's
   * fast path, SWAP*). A distance limit takes the general path, where it is penalised like time.
   */
  timeFree: boolean;
  /** Some vehicle has a maximum route distance (`maxRouteMetres`). False: no distance work at all. */
  distLimited: boolean;
  symmetric: boolean;
  neighbours: Int32Array[];
  maxDist: number;
  maxDemand: number;
  maxFactor: number;
  /** Penalty per stop carried by a vehicle lacking a required feature. */
  incompatPenalty: number;
}

export const GRANULAR = 20;

export function buildInstance(model: Model, stopIdx: number[], vehicleIdx: number[]): Instance {
  const n = stopIdx.length;
  const N = n + 1;
  const M = model.size;
  const orig = new Int32Array(N);
  for (let i = 0; i < n; i++) orig[i + 1] = stopIdx[i]! + 1;
  const dist = new Float64Array(N * N);
  const time = new Float64Array(N * N);
  let maxDist = 0;
  let symmetric = true;
  for (let i = 0; i < N; i++) {
    const oi = orig[i]!;
    for (let j = 0; j < N; j++) {
      const oj = orig[j]!;
      const d = model.dist[oi * M + oj]!;
      dist[i * N + j] = d;
      time[i * N + j] = model.time[oi * M + oj]!;
      if (d > maxDist) maxDist = d;
    }
  }
  for (let i = 0; i < N && symmetric; i++) {
    for (let j = i + 1; j < N; j++) {
      if (dist[i * N + j] !== dist[j * N + i]) {
        symmetric = false;
        break;
      }
    }
  }
  const demand = new Float64Array(N);
  const service = new Float64Array(N);
  const twE = new Float64Array(N).fill(-TIME_BIG);
  const twL = new Float64Array(N).fill(TIME_BIG);
  let maxDemand = 0;
  let anyWindow = false;
  for (let c = 1; c < N; c++) {
    const s = model.stops[stopIdx[c - 1]!]!;
    demand[c] = s.demandGrams;
    service[c] = s.serviceSeconds;
    if (s.demandGrams > maxDemand) maxDemand = s.demandGrams;
    if (s.window) {
      twE[c] = s.window.start;
      twL[c] = s.window.end;
      anyWindow = true;
    }
  }
  // Vehicles: identical ones are grouped into classes and kept next to each other.
  const keyOf = (vi: number): string => {
    const v = model.vehicles[vi]!;
    return JSON.stringify([
      v.capacityGrams,
      v.shiftStart,
      v.shiftEnd,
      v.maxRouteSeconds ?? null,
      v.maxRouteMetres !== undefined && Number.isFinite(v.maxRouteMetres) ? v.maxRouteMetres : null,
      costFactor(model, v),
      internalFixedCost(model, v),
      [...(v.features ?? [])].sort(),
    ]);
  };
  const classKeys: string[] = [];
  const keyed = vehicleIdx.map((vi, order) => {
    const key = keyOf(vi);
    let cls = classKeys.indexOf(key);
    if (cls < 0) {
      cls = classKeys.length;
      classKeys.push(key);
    }
    return { vi, cls, order };
  });
  keyed.sort((a, b) => a.cls - b.cls || a.order - b.order);
  const nV = keyed.length;
  const vehicleOrig = new Int32Array(nV);
  const vCap = new Float64Array(nV);
  const vStart = new Float64Array(nV);
  const vEnd = new Float64Array(nV);
  const vMaxDur = new Float64Array(nV);
  const vMaxDist = new Float64Array(nV);
  const vFactor = new Float64Array(nV);
  const vFixed = new Float64Array(nV);
  const vClass = new Int32Array(nV);
  const compat = new Uint8Array(nV * N);
  let allCompatible = true;
  let timeFree = !anyWindow;
  let distLimited = false;
  let maxFactor = 0;
  let maxFixed = 0;
  keyed.forEach(({ vi, cls }, k) => {
    const v = model.vehicles[vi]!;
    vehicleOrig[k] = vi;
    vCap[k] = v.capacityGrams;
    vStart[k] = v.shiftStart;
    vEnd[k] = Number.isFinite(v.shiftEnd) ? v.shiftEnd : TIME_BIG;
    vMaxDur[k] = v.maxRouteSeconds !== undefined && Number.isFinite(v.maxRouteSeconds) ? v.maxRouteSeconds : TIME_BIG;
    if (Number.isFinite(v.shiftEnd) || vMaxDur[k]! < TIME_BIG) timeFree = false;
    vMaxDist[k] = v.maxRouteMetres !== undefined && Number.isFinite(v.maxRouteMetres) ? v.maxRouteMetres : TIME_BIG;
    if (vMaxDist[k]! < TIME_BIG) distLimited = true;
    vFactor[k] = costFactor(model, v);
    vFixed[k] = internalFixedCost(model, v);
    maxFactor = Math.max(maxFactor, vFactor[k]!);
    maxFixed = Math.max(maxFixed, vFixed[k]!);
    vClass[k] = cls;
    compat[k * N] = 1;
    for (let c = 1; c < N; c++) {
      const ok = compatible(v, model.stops[stopIdx[c - 1]!]!);
      compat[k * N + c] = ok ? 1 : 0;
      if (!ok) allCompatible = false;
    }
  });
  if (maxFactor === 0) maxFactor = 1;
  if (distLimited) timeFree = false;
  const neighbours = buildNeighbours(N, dist, time, service, twE, twL, anyWindow);
  return {
    n,
    N,
    orig,
    dist,
    time,
    demand,
    service,
    twE,
    twL,
    nV,
    vehicleOrig,
    vCap,
    vStart,
    vEnd,
    vMaxDur,
    vMaxDist,
    vFactor,
    vFixed,
    vClass,
    nClasses: classKeys.length,
    compat,
    allCompatible,
    homogeneous: classKeys.length <= 1,
    timeFree,
    distLimited,
    symmetric,
    neighbours,
    maxDist,
    maxDemand,
    maxFactor,
    incompatPenalty: 10 * (maxDist * maxFactor + maxFixed) + 1000,
  };
}

/**
 * Granular neighbourhoods: each customer's closest customers, where "close" adds to the distance
 * the waiting and lateness a direct visit would cause (Vidal et al. 2013). Symmetrised.
 */
function buildNeighbours(
  N: number,
  dist: Float64Array,
  time: Float64Array,
  service: Float64Array,
  twE: Float64Array,
  twL: Float64Array,
  withTime: boolean,
): Int32Array[] {
  const n = N - 1;
  const k = Math.min(GRANULAR, n - 1);
  const sets: Set<number>[] = [];
  for (let i = 0; i <= n; i++) sets.push(new Set());
  if (k <= 0) return sets.map(() => new Int32Array(0));
  // Keep the k best of each row in a small sorted buffer (O(n k) per row, no full sort).
  const bestP = new Float64Array(k);
  const bestJ = new Int32Array(k);
  for (let i = 1; i <= n; i++) {
    let m = 0;
    for (let j = 1; j <= n; j++) {
      if (j === i) continue;
      let p = Math.min(dist[i * N + j]!, dist[j * N + i]!);
      if (withTime) {
        const tij = time[i * N + j]!;
        const wait = Math.max(twE[j]! - service[i]! - tij - twL[i]!, 0);
        const late = Math.max(twE[i]! + service[i]! + tij - twL[j]!, 0);
        const tji = time[j * N + i]!;
        const wait2 = Math.max(twE[i]! - service[j]! - tji - twL[j]!, 0);
        const late2 = Math.max(twE[j]! + service[j]! + tji - twL[i]!, 0);
        p += Math.min(0.2 * wait + late, 0.2 * wait2 + late2);
      }
      if (m === k && p >= bestP[k - 1]!) continue;
      let pos = m < k ? m++ : k - 1;
      while (pos > 0 && bestP[pos - 1]! > p) {
        bestP[pos] = bestP[pos - 1]!;
        bestJ[pos] = bestJ[pos - 1]!;
        pos--;
      }
      bestP[pos] = p;
      bestJ[pos] = j;
    }
    for (let t = 0; t < m; t++) {
      const j = bestJ[t]!;
      sets[i]!.add(j);
      sets[j]!.add(i);
    }
  }
  return sets.map((s) => Int32Array.from([...s].sort((a, b) => a - b)));
}
