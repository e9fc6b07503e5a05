import type { Instance } from "./instance";
import { Seg, concat, excessDistance, excessLoad, excessTime, setDepot, setNode } from "./segment";

export interface Dropped {
  node: number;
  code: "NO_CAPACITY_LEFT" | "NO_TIME_LEFT" | "NO_RANGE_LEFT";
}

const EPS = 1e-6;

/** P[p]: start depot + first p customers; Q[p]: customers p..k + end depot (Q[k + 1]: depot). */
function prefixSuffix(inst: Instance, r: number, list: number[]): { P: Seg[]; Q: Seg[] } {
  const k = list.length;
  const P: Seg[] = [setDepot(new Seg(), inst, r)];
  const X = new Seg();
  for (let p = 1; p <= k; p++) P.push(concat(new Seg(), inst, P[p - 1]!, setNode(X, inst, list[p - 1]!)));
  const Q: Seg[] = new Array<Seg>(k + 2);
  Q[k + 1] = setDepot(new Seg(), inst, r);
  for (let p = k; p >= 1; p--) Q[p] = concat(new Seg(), inst, setNode(X, inst, list[p - 1]!), Q[p + 1]!);
  Q[0] = P[0]!;
  return { P, Q };
}

function routeCost(inst: Instance, r: number, S: Seg, nonEmpty: boolean): number {
  return nonEmpty ? S.dist * inst.vFactor[r]! + inst.vFixed[r]! : 0;
}

/**
 * Last resort when the search found no feasible solution (e.g. the fleet cannot carry everything):
 * take stops out of broken routes until every route is feasible, then put back, cheapest first,
 * those that fit somewhere.
 */
export function repairRoutes(inst: Instance, input: number[][]): { routes: number[][]; dropped: Dropped[] } {
  const routes = input.map((l) => l.slice());
  const dropped: Dropped[] = [];
  const S = new Seg();
  let maxTime = 1e-9;
  for (let i = 0; i < inst.time.length; i++) if (inst.time[i]! > maxTime) maxTime = inst.time[i]!;
  const violation = (r: number, s: Seg): number =>
    excessLoad(inst, s, r) / Math.max(inst.maxDemand, 1e-9) +
    excessTime(inst, s, r) / maxTime +
    excessDistance(inst, s, r) / Math.max(inst.maxDist, 1e-9);
  const broken = (r: number, s: Seg): boolean =>
    excessLoad(inst, s, r) > EPS || excessTime(inst, s, r) > EPS || excessDistance(inst, s, r) > EPS;
  for (let r = 0; r < routes.length; r++) {
    let list = routes[r]!;
    // Stops the vehicle may not carry go first.
    for (const c of list) if (inst.compat[r * inst.N + c] === 0) dropped.push({ node: c, code: "NO_CAPACITY_LEFT" });
    list = list.filter((c) => inst.compat[r * inst.N + c] === 1);
    for (;;) {
      const { P, Q } = prefixSuffix(inst, r, list);
      const full = P[list.length]!;
      concat(S, inst, full, Q[list.length + 1]!);
      if (list.length === 0 || !broken(r, S)) break;
      const code: Dropped["code"] =
        excessLoad(inst, S, r) > EPS
          ? "NO_CAPACITY_LEFT"
          : excessTime(inst, S, r) > EPS
            ? "NO_TIME_LEFT"
            : "NO_RANGE_LEFT";
      let bestPos = 0;
      let bestScore = Infinity;
      let bestCost = Infinity;
      for (let p = 1; p <= list.length; p++) {
        concat(S, inst, P[p - 1]!, Q[p + 1]!);
        const sc = violation(r, S);
        const cost = routeCost(inst, r, S, list.length > 1);
        if (sc < bestScore - 1e-12 || (Math.abs(sc - bestScore) <= 1e-12 && cost < bestCost)) {
          bestScore = sc;
          bestCost = cost;
          bestPos = p;
        }
      }
      dropped.push({ node: list[bestPos - 1]!, code });
      list = list.slice(0, bestPos - 1).concat(list.slice(bestPos));
    }
    routes[r] = list;
  }
  // Put back what fits, cheapest insertion first.
  const cache = routes.map((l, r) => prefixSuffix(inst, r, l));
  const X = new Seg();
  const remaining: Dropped[] = [];
  for (const d of dropped) {
    let best: { r: number; p: number; delta: number } | null = null;
    setNode(X, inst, d.node);
    for (let r = 0; r < routes.length; r++) {
      if (inst.compat[r * inst.N + d.node] === 0) continue;
      const list = routes[r]!;
      const { P, Q } = cache[r]!;
      concat(S, inst, P[list.length]!, Q[list.length + 1]!);
      const base = routeCost(inst, r, S, list.length > 0);
      for (let p = 0; p <= list.length; p++) {
        concat(S, inst, P[p]!, X);
        concat(S, inst, S, Q[p + 1]!);
        if (broken(r, S)) continue;
        const delta = routeCost(inst, r, S, true) - base;
        if (!best || delta < best.delta) best = { r, p, delta };
      }
    }
    if (best) {
      routes[best.r]!.splice(best.p, 0, d.node);
      cache[best.r] = prefixSuffix(inst, best.r, routes[best.r]!);
    } else remaining.push(d);
  }
  return { routes, dropped: remaining };
}
