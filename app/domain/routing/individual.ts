import type { Instance } from "./instance";
import { Seg, concat, excessDistance, excessLoad, excessTime, setDepot, setNode, type Penalties } from "./segment";

export interface Individual {
  /** One list of customers per vehicle (internal indexes). */
  routes: number[][];
  /** Giant tour: the routes concatenated in vehicle order. */
  tour: Int32Array;
  succ: Int32Array;
  pred: Int32Array;
  /** Objective in metre equivalents (distance x factor + fixed costs). */
  cost: number;
  excessLoad: number;
  excessTime: number;
  /** Metres beyond the vehicles' maximum route distances (0 when no vehicle has one). */
  excessDist: number;
  incompat: number;
  nRoutes: number;
  feasible: boolean;
  penalised: number;
  fitness: number;
  /** Other individuals of the same subpopulation by increasing broken-pairs distance. */
  prox: Array<{ d: number; ind: Individual }>;
}

const FEAS_EPS = 1e-6;

export function makeIndividual(inst: Instance, routes: number[][], pen: Penalties): Individual {
  const N = inst.N;
  const tour = new Int32Array(inst.n);
  const succ = new Int32Array(N);
  const pred = new Int32Array(N);
  const S = new Seg();
  const X = new Seg();
  let cost = 0;
  let load = 0;
  let time = 0;
  let over = 0;
  let incompat = 0;
  let nRoutes = 0;
  let t = 0;
  for (let r = 0; r < routes.length; r++) {
    const list = routes[r]!;
    if (list.length === 0) continue;
    nRoutes++;
    setDepot(S, inst, r);
    let prev = 0;
    for (const c of list) {
      concat(S, inst, S, setNode(X, inst, c));
      if (inst.compat[r * N + c] === 0) incompat++;
      tour[t++] = c;
      pred[c] = prev;
      if (prev !== 0) succ[prev] = c;
      prev = c;
    }
    succ[prev] = 0;
    concat(S, inst, S, setDepot(X, inst, r));
    cost += S.dist * inst.vFactor[r]! + inst.vFixed[r]!;
    load += excessLoad(inst, S, r);
    time += excessTime(inst, S, r);
    if (inst.distLimited) over += excessDistance(inst, S, r);
  }
  const ind: Individual = {
    routes: routes.map((l) => l.slice()),
    tour,
    succ,
    pred,
    cost,
    excessLoad: load,
    excessTime: time,
    excessDist: over,
    incompat,
    nRoutes,
    feasible: load <= FEAS_EPS && time <= FEAS_EPS && over <= FEAS_EPS && incompat === 0,
    penalised: 0,
    fitness: 0,
    prox: [],
  };
  ind.penalised = penalisedCost(inst, ind, pen);
  return ind;
}

export function penalisedCost(inst: Instance, ind: Individual, pen: Penalties): number {
  return (
    ind.cost +
    pen.capacity * ind.excessLoad +
    pen.time * ind.excessTime +
    pen.distance * ind.excessDist +
    inst.incompatPenalty * ind.incompat
  );
}

/** Broken-pairs distance (share of customers whose neighbours differ). */
export function brokenPairs(inst: Instance, a: Individual, b: Individual): number {
  let diff = 0;
  for (let j = 1; j <= inst.n; j++) {
    if (a.succ[j] !== b.succ[j] && a.succ[j] !== b.pred[j]) diff++;
    if (a.pred[j] === 0 && b.pred[j] !== 0 && b.succ[j] !== 0) diff++;
  }
  return diff / Math.max(1, inst.n);
}

/** Lexicographic: cost, then fewer vehicles. */
export function better(a: Individual, b: Individual | null): boolean {
  if (!b) return true;
  if (a.cost < b.cost - 1e-7) return true;
  if (a.cost > b.cost + 1e-7) return false;
  return a.nRoutes < b.nRoutes;
}
