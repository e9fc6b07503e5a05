import type { Instance } from "./instance";
import { Seg, concat, excessLoad, excessTime, setDepot, setNode } from "./segment";

export interface Dropped {
  node: number;
  code: "NO_CAPACITY_LEFT" | "NO_TIME_LEFT";
}

const EPS = 1e-6;

interface RouteEval {
  cost: number;
  load: number;
  time: number;
}

function evalRoute(inst: Instance, r: number, list: number[], S: Seg, X: Seg): RouteEval {
  if (list.length === 0) return { cost: 0, load: 0, time: 0 };
  setDepot(S, inst, r);
  for (const c of list) concat(S, inst, S, setNode(X, inst, c));
  concat(S, inst, S, setDepot(X, inst, r));
  return { cost: S.dist * inst.vFactor[r]! + inst.vFixed[r]!, load: excessLoad(inst, S, r), time: excessTime(inst, S, r) };
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
  const X = new Seg();
  let maxTime = 1e-9;
  for (let i = 0; i < inst.time.length; i++) if (inst.time[i]! > maxTime) maxTime = inst.time[i]!;
  const score = (e: RouteEval): number => e.load / Math.max(inst.maxDemand, 1e-9) + e.time / maxTime;
  for (let r = 0; r < routes.length; r++) {
    let list = routes[r]!;
    // Stops the vehicle may not carry go first.
    const bad = list.filter((c) => inst.compat[r * inst.N + c] === 0);
    for (const c of bad) dropped.push({ node: c, code: "NO_CAPACITY_LEFT" });
    list = list.filter((c) => inst.compat[r * inst.N + c] === 1);
    let cur = evalRoute(inst, r, list, S, X);
    while (list.length > 0 && (cur.load > EPS || cur.time > EPS)) {
      let bestPos = 0;
      let bestScore = Infinity;
      let bestCost = Infinity;
      for (let p = 0; p < list.length; p++) {
        const without = list.slice(0, p).concat(list.slice(p + 1));
        const e = evalRoute(inst, r, without, S, X);
        const sc = score(e);
        if (sc < bestScore - 1e-12 || (Math.abs(sc - bestScore) <= 1e-12 && e.cost < bestCost)) {
          bestScore = sc;
          bestCost = e.cost;
          bestPos = p;
        }
      }
      dropped.push({ node: list[bestPos]!, code: cur.load > EPS ? "NO_CAPACITY_LEFT" : "NO_TIME_LEFT" });
      list = list.slice(0, bestPos).concat(list.slice(bestPos + 1));
      cur = evalRoute(inst, r, list, S, X);
    }
    routes[r] = list;
  }
  // Put back what fits, cheapest insertion first.
  const remaining: Dropped[] = [];
  for (const d of dropped) {
    let best: { r: number; p: number; delta: number } | null = null;
    for (let r = 0; r < routes.length; r++) {
      if (inst.compat[r * inst.N + d.node] === 0) continue;
      const list = routes[r]!;
      const base = evalRoute(inst, r, list, S, X).cost;
      for (let p = 0; p <= list.length; p++) {
        const cand = list.slice(0, p).concat([d.node], list.slice(p));
        const e = evalRoute(inst, r, cand, S, X);
        if (e.load > EPS || e.time > EPS) continue;
        const delta = e.cost - base;
        if (!best || delta < best.delta) best = { r, p, delta };
      }
    }
    if (best) {
      const list = routes[best.r]!;
      list.splice(best.p, 0, d.node);
    } else remaining.push(d);
  }
  return { routes, dropped: remaining };
}
