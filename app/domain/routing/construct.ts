import type { Instance } from "./instance";
import type { Rng } from "./rng";
import { Seg, concat, setDepot, setNode } from "./segment";

/**
 * Clarke & Wright savings restricted to granular neighbours, merging only when the merged route
 * stays feasible for the largest vehicle. Returns a giant tour (the routes one after another),
 * which Split then turns into routes for the actual fleet.
 */
export function savingsTour(inst: Instance, rng?: Rng, noise = 0): Int32Array {
  const n = inst.n;
  const N = inst.N;
  const tour = new Int32Array(n);
  if (n === 0) return tour;
  let v = 0;
  for (let k = 1; k < inst.nV; k++) if (inst.vCap[k]! > inst.vCap[v]!) v = k;
  // Routes as doubly linked chains: head/tail of each customer's route, next pointers.
  const routeId = new Int32Array(N);
  const head: number[] = [0];
  const tail: number[] = [0];
  const segs: Seg[] = [new Seg()];
  const next = new Int32Array(N);
  for (let c = 1; c <= n; c++) {
    routeId[c] = c;
    head.push(c);
    tail.push(c);
    segs.push(setNode(new Seg(), inst, c));
  }
  const pairs: Array<[number, number, number]> = [];
  for (let i = 1; i <= n; i++) {
    for (const j of inst.neighbours[i]!) {
      let s = inst.dist[i * N]! + inst.dist[j]! - inst.dist[i * N + j]!;
      if (rng && noise > 0) s *= 1 + noise * (rng.next() - 0.5);
      if (s > 0) pairs.push([s, i, j]);
    }
  }
  pairs.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
  const M = new Seg();
  const T = new Seg();
  const D = new Seg();
  for (const [, i, j] of pairs) {
    const ri = routeId[i]!;
    const rj = routeId[j]!;
    if (ri === rj || tail[ri] !== i || head[rj] !== j) continue;
    concat(M, inst, segs[ri]!, segs[rj]!);
    if (M.load > inst.vCap[v]!) continue;
    if (!inst.timeFree) {
      concat(T, inst, setDepot(D, inst, v), M);
      concat(T, inst, T, setDepot(D, inst, v));
      if (T.tw > 1e-9 || T.dur > inst.vMaxDur[v]! || (inst.distLimited && T.dist > inst.vMaxDist[v]!)) continue;
    }
    // Merge rj into ri.
    next[i] = j;
    tail[ri] = tail[rj]!;
    segs[ri]!.copyFrom(M);
    for (let c = j; c !== 0; c = next[c]!) routeId[c] = ri;
    head[rj] = -1;
  }
  const heads: number[] = [];
  for (let r = 1; r <= n; r++) if (head[r] !== -1 && routeId[head[r]!] === r) heads.push(head[r]!);
  if (rng) rng.shuffle(heads);
  let t = 0;
  for (const h of heads) for (let c = h; c !== 0; c = next[c]!) tour[t++] = c;
  return tour;
}

const FEAS = 1e-9;

/**
 * Parallel regret-2 insertion for the actual fleet (Potvin & Rousseau 1993): every stop goes, in
 * order of regret (how much more its second-best route would cost), to its cheapest place that
 * keeps the route feasible (capacity, windows, shift, duration, range, vehicle features). Candidate
 * places are next to the stop's granular neighbours and at both ends of each route; a stop with
 * none of those feasible gets a full scan. Identical empty vehicles count once. Returns one list
 * per vehicle and the stops that fit nowhere (left for the penalised search to place).
 */
export function regretInsertion(inst: Instance, shouldStop?: () => boolean): { routes: number[][]; left: number[] } {
  const n = inst.n;
  const N = inst.N;
  const nV = inst.nV;
  const routes: number[][] = Array.from({ length: nV }, () => []);
  const left: number[] = [];
  if (n === 0 || nV === 0) return { routes, left };
  const P: Seg[][] = [];
  const Q: Seg[][] = [];
  const X = new Seg();
  const S = new Seg();
  const routeOf = new Int32Array(N).fill(-1);
  const posOf = new Int32Array(N);
  const refresh = (r: number): void => {
    const list = routes[r]!;
    const k = list.length;
    const pr: Seg[] = [setDepot(new Seg(), inst, r)];
    for (let p = 1; p <= k; p++) pr.push(concat(new Seg(), inst, pr[p - 1]!, setNode(X, inst, list[p - 1]!)));
    const qr: Seg[] = new Array<Seg>(k + 2);
    qr[k + 1] = setDepot(new Seg(), inst, r);
    for (let p = k; p >= 1; p--) qr[p] = concat(new Seg(), inst, setNode(X, inst, list[p - 1]!), qr[p + 1]!);
    P[r] = pr;
    Q[r] = qr;
    for (let p = 1; p <= k; p++) {
      routeOf[list[p - 1]!] = r;
      posOf[list[p - 1]!] = p;
    }
  };
  for (let r = 0; r < nV; r++) refresh(r);
  const baseCost = new Float64Array(nV);
  /** Cost change of inserting c after position p of r, or Infinity when that breaks a constraint. */
  const evalAt = (c: number, r: number, p: number): number => {
    const list = routes[r]!;
    concat(S, inst, P[r]![p]!, setNode(X, inst, c));
    concat(S, inst, S, Q[r]![p + 1]!);
    if (S.load > inst.vCap[r]! + FEAS || S.tw > FEAS || S.dur > inst.vMaxDur[r]! + FEAS) return Infinity;
    if (inst.distLimited && S.dist > inst.vMaxDist[r]! + FEAS) return Infinity;
    return S.dist * inst.vFactor[r]! + inst.vFixed[r]! - (list.length > 0 ? baseCost[r]! : 0);
  };
  const cost = new Float64Array(N * nV).fill(Infinity);
  const pos = new Int32Array(N * nV);
  const unrouted = new Uint8Array(N);
  for (let c = 1; c <= n; c++) unrouted[c] = 1;
  const column = (c: number, r: number, full: boolean): void => {
    let best = Infinity;
    let bp = -1;
    const o = c * nV + r;
    if (inst.compat[r * N + c] === 1 && P[r]![P[r]!.length - 1]!.load + inst.demand[c]! <= inst.vCap[r]! + FEAS) {
      const k = routes[r]!.length;
      if (full || k <= 4) {
        for (let p = 0; p <= k; p++) {
          const x = evalAt(c, r, p);
          if (x < best) {
            best = x;
            bp = p;
          }
        }
      } else {
        const nb = inst.neighbours[c]!;
        for (let j = -1; j <= nb.length; j++) {
          // j = -1: the route's start; j = nb.length: its end; otherwise before and after neighbour j.
          let p0: number;
          let p1: number;
          if (j < 0) p0 = p1 = 0;
          else if (j === nb.length) p0 = p1 = k;
          else {
            const v = nb[j]!;
            if (routeOf[v] !== r) continue;
            p1 = posOf[v]!;
            p0 = p1 - 1;
          }
          for (let p = p0; p <= p1; p++) {
            const x = evalAt(c, r, p);
            if (x < best) {
              best = x;
              bp = p;
            }
          }
        }
      }
    }
    cost[o] = best;
    pos[o] = bp;
  };
  // Only the first empty vehicle of each class is offered (the others are the same).
  const offered = new Uint8Array(nV);
  const updateOffered = (): void => {
    const seen = new Set<number>();
    for (let r = 0; r < nV; r++) {
      if (routes[r]!.length > 0) offered[r] = 1;
      else if (seen.has(inst.vClass[r]!)) offered[r] = 0;
      else {
        seen.add(inst.vClass[r]!);
        offered[r] = 1;
      }
    }
  };
  for (let c = 1; c <= n; c++) for (let r = 0; r < nV; r++) column(c, r, false);
  updateOffered();
  // Most constrained first: stops only some vehicles may serve are placed before the others, so
  // that those vehicles are not filled up with stops any vehicle could take.
  const restricted = new Uint8Array(N);
  let restrictedLeft = 0;
  for (let c = 1; c <= n; c++) {
    for (let r = 0; r < nV; r++) if (inst.compat[r * N + c] === 0) restricted[c] = 1;
    restrictedLeft += restricted[c]!;
  }
  for (let remaining = n, step = 0; remaining > 0; step++) {
    if (shouldStop && (step & 31) === 31 && shouldStop()) {
      // Out of time: the rest is placed by placeLeftovers.
      for (let c = 1; c <= n; c++) if (unrouted[c] === 1) left.push(c);
      break;
    }
    let pick = -1;
    let pickR = -1;
    let pickRegret = -Infinity;
    let pickCost = Infinity;
    for (let c = 1; c <= n; c++) {
      if (unrouted[c] === 0 || (restrictedLeft > 0 && restricted[c] === 0)) continue;
      let b1 = Infinity;
      let b2 = Infinity;
      let r1 = -1;
      const o = c * nV;
      for (let r = 0; r < nV; r++) {
        if (offered[r] === 0) continue;
        const x = cost[o + r]!;
        if (x < b1) {
          b2 = b1;
          b1 = x;
          r1 = r;
        } else if (x < b2) b2 = x;
      }
      if (r1 < 0) continue;
      const regret = b2 === Infinity ? 1e300 : b2 - b1;
      if (regret > pickRegret || (regret === pickRegret && b1 < pickCost)) {
        pick = c;
        pickR = r1;
        pickRegret = regret;
        pickCost = b1;
      }
    }
    if (pick < 0) {
      // Nothing fits at the neighbour places: scan every place once, then give up on the rest.
      let found = false;
      for (let c = 1; c <= n && !found; c++) {
        if (unrouted[c] === 0 || (restrictedLeft > 0 && restricted[c] === 0)) continue;
        for (let r = 0; r < nV; r++) {
          if (offered[r] === 0) continue;
          column(c, r, true);
          if (cost[c * nV + r]! < Infinity) found = true;
        }
        if (!found) {
          unrouted[c] = 0;
          left.push(c);
          remaining--;
          restrictedLeft -= restricted[c]!;
        }
      }
      continue;
    }
    const r = pickR;
    const wasEmpty = routes[r]!.length === 0;
    routes[r]!.splice(pos[pick * nV + r]!, 0, pick);
    unrouted[pick] = 0;
    remaining--;
    restrictedLeft -= restricted[pick]!;
    refresh(r);
    {
      const k = routes[r]!.length;
      concat(S, inst, P[r]![k]!, Q[r]![k + 1]!);
      baseCost[r] = S.dist * inst.vFactor[r]! + inst.vFixed[r]!;
    }
    for (let c = 1; c <= n; c++) if (unrouted[c] === 1) column(c, r, false);
    if (wasEmpty) updateOffered();
  }
  return { routes, left };
}

/** Stops regret insertion could not place go where they add the least distance (penalised). */
export function placeLeftovers(inst: Instance, built: { routes: number[][]; left: number[] }): number[][] {
  const routes = built.routes;
  const N = inst.N;
  for (const c of built.left) {
    let best = Infinity;
    let br = -1;
    let bp = 0;
    for (let r = 0; r < routes.length; r++) {
      if (inst.compat[r * N + c] === 0) continue;
      const list = routes[r]!;
      for (let p = 0; p <= list.length; p++) {
        const a = p === 0 ? 0 : list[p - 1]!;
        const b = p === list.length ? 0 : list[p]!;
        const x = inst.vFactor[r]! * (inst.dist[a * N + c]! + inst.dist[c * N + b]! - inst.dist[a * N + b]!);
        if (x < best) {
          best = x;
          br = r;
          bp = p;
        }
      }
    }
    if (br < 0) br = 0;
    routes[br]!.splice(bp, 0, c);
  }
  return routes;
}
