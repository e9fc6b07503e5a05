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
      if (T.tw > 1e-9 || T.dur > inst.vMaxDur[v]!) continue;
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
