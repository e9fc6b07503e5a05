import type { Instance } from "./instance";
import { Seg, concat, routeCost, setDepot, setNode, type Penalties } from "./segment";

/**
 * Split a giant tour into routes, optimally for the given order (Prins 2004; Vidal 2016).
 * Infeasibility is penalised, not forbidden, so any tour splits. Homogeneous fleets first try
 * the unlimited-fleet split; with too many routes, or with a mixed fleet, a Bellman recursion
 * over the vehicles (in instance order, each used at most once) respects the fleet.
 */
export class Splitter {
  private readonly inst: Instance;
  private readonly S: Seg;
  private readonly X: Seg;
  private readonly T: Seg;
  private readonly D: Seg;
  private pot: Float64Array[];
  private pred: Int32Array[];

  constructor(inst: Instance) {
    this.inst = inst;
    this.S = new Seg();
    this.X = new Seg();
    this.T = new Seg();
    this.D = new Seg();
    this.pot = [];
    this.pred = [];
  }

  split(tour: ArrayLike<number>, pen: Penalties): number[][] {
    const inst = this.inst;
    const n = tour.length;
    const routes: number[][] = [];
    for (let r = 0; r < inst.nV; r++) routes.push([]);
    if (n === 0 || inst.nV === 0) return routes;
    if (inst.homogeneous) {
      const simple = this.simple(tour, pen);
      if (simple && simple.length <= inst.nV) {
        simple.forEach((route, r) => (routes[r] = route));
        return routes;
      }
    }
    return this.limited(tour, pen, 1.5) ?? this.limited(tour, pen, Infinity)!;
  }

  private segCost(v: number, S: Seg, pen: Penalties, incompat: number): number {
    const inst = this.inst;
    concat(this.T, inst, S, setDepot(this.D, inst, v));
    return routeCost(inst, this.T, v, true, pen) + incompat * inst.incompatPenalty;
  }

  private simple(tour: ArrayLike<number>, pen: Penalties): number[][] | null {
    const inst = this.inst;
    const n = tour.length;
    const pot = new Float64Array(n + 1).fill(Infinity);
    const pred = new Int32Array(n + 1);
    pot[0] = 0;
    const limit = 1.5 * inst.vCap[0]!;
    for (let i = 0; i < n; i++) {
      const base = pot[i]!;
      if (base === Infinity) continue;
      const S = setDepot(this.S, inst, 0);
      let incompat = 0;
      for (let j = i + 1; j <= n; j++) {
        const c = tour[j - 1]!;
        concat(S, inst, S, setNode(this.X, inst, c));
        if (j > i + 1 && S.load > limit) break;
        if (inst.compat[c] === 0) incompat++;
        const cost = base + this.segCost(0, S, pen, incompat);
        if (cost < pot[j]!) {
          pot[j] = cost;
          pred[j] = i;
        }
      }
    }
    if (pot[n] === Infinity) return null;
    const arr = Array.from(tour);
    const out: number[][] = [];
    for (let j = n; j > 0; j = pred[j]!) out.push(arr.slice(pred[j]!, j));
    return out.reverse();
  }

  private limited(tour: ArrayLike<number>, pen: Penalties, loadFactor: number): number[][] | null {
    const inst = this.inst;
    const n = tour.length;
    const K = inst.nV;
    while (this.pot.length <= K) {
      this.pot.push(new Float64Array(0));
      this.pred.push(new Int32Array(0));
    }
    for (let k = 0; k <= K; k++) {
      if (this.pot[k]!.length < n + 1) {
        this.pot[k] = new Float64Array(n + 1);
        this.pred[k] = new Int32Array(n + 1);
      }
      this.pot[k]!.fill(Infinity, 0, n + 1);
    }
    this.pot[0]![0] = 0;
    // Identical vehicles (one class) give every route (i, j] the same cost: compute it once per
    // class. Vehicles of a class are next to each other in the instance.
    const start = new Int32Array(n + 1);
    const costs: number[] = [];
    for (let k = 0; k < K; k++) {
      if (k === 0 || inst.vClass[k] !== inst.vClass[k - 1]) {
        const limit = loadFactor * inst.vCap[k]!;
        costs.length = 0;
        for (let i = 0; i < n; i++) {
          start[i] = costs.length;
          const S = setDepot(this.S, inst, k);
          let incompat = 0;
          for (let j = i + 1; j <= n; j++) {
            const c = tour[j - 1]!;
            concat(S, inst, S, setNode(this.X, inst, c));
            if (j > i + 1 && S.load > limit) break;
            if (inst.compat[k * inst.N + c] === 0) incompat++;
            costs.push(this.segCost(k, S, pen, incompat));
          }
        }
        start[n] = costs.length;
      }
      const cur = this.pot[k]!;
      const next = this.pot[k + 1]!;
      const nextPred = this.pred[k + 1]!;
      // Vehicle k may stay at the depot.
      for (let j = 0; j <= n; j++) {
        next[j] = cur[j]!;
        nextPred[j] = j;
      }
      for (let i = 0; i < n; i++) {
        const base = cur[i]!;
        if (base === Infinity) continue;
        const m = start[i + 1]! - start[i]!;
        const s0 = start[i]!;
        for (let t = 0; t < m; t++) {
          const cost = base + costs[s0 + t]!;
          const j = i + 1 + t;
          if (cost < next[j]!) {
            next[j] = cost;
            nextPred[j] = i;
          }
        }
      }
    }
    if (this.pot[K]![n] === Infinity) return null;
    const routes: number[][] = [];
    for (let r = 0; r < K; r++) routes.push([]);
    const arr = Array.from(tour);
    let j = n;
    for (let k = K; k > 0; k--) {
      const i = this.pred[k]![j]!;
      if (i !== j) routes[k - 1] = arr.slice(i, j);
      j = i;
    }
    return routes;
  }
}
