import type { Instance } from "./instance";
import type { Rng } from "./rng";
import { TIME_BIG } from "./model";
import { Seg, concat, routeCost, setDepot, setNode, type Penalties } from "./segment";

const EPS = 1e-6;
const STRIDE = 6; // dist, load, dur, tw, e, l

/**
 * Granular local search with penalised infeasibility (Vidal 2022, section 4): relocate (1, 2 and
 * reversed-2 nodes), swap (1-1, 2-1, 2-2), intra-route 2-opt, 2-opt* (both orientations when time
 * plays no role and distances are symmetric), moves into empty routes, and for mixed fleets a
 * vehicle exchange between routes. Route r is always driven by vehicle r.
 */
export class LocalSearch {
  private readonly inst: Instance;
  private readonly dist: Float64Array;
  private readonly N: number;
  private readonly rng: Rng;
  pen: Penalties;
  private readonly nR: number;
  private readonly lists: number[][];
  private readonly pre: Float64Array[];
  private readonly suf: Float64Array[];
  private readonly rc: Float64Array;
  /** Per route: distance (depots included), load. */
  private readonly rDist: Float64Array;
  private readonly rLoad: Float64Array;
  /**
   * Per route: its current time penalty (warp + over-long) plus its distance penalty (beyond the
   * vehicle's range), weighted by the run's penalties: what a move can at most save on them.
   */
  private readonly rSlack: Float64Array;
  private readonly inc: Int32Array;
  private readonly routeOf: Int32Array;
  private readonly posOf: Int32Array;
  private readonly wlm: Float64Array;
  private readonly wlt: Float64Array;
  private nbMoves: number;
  private readonly order: Int32Array;
  private readonly neigh: Int32Array[];
  private readonly S1: Seg;
  private readonly S2: Seg;
  private readonly X: Seg;
  private readonly Y: Seg;
  private readonly Z: Seg;
  private readonly T: Seg;
  private readonly D: Seg;
  private readonly arc8: boolean;
  /** Returns true when the search must stop now (time, signal). */
  shouldStop: () => boolean;
  /** Tests only: called after every applied move with its computed and its actual cost change. */
  audit: ((move: string, computed: number, actual: number) => void) | null;
  /** Cost change of the move about to be committed, as the move evaluated it. */
  private mv: number;
  /** SWAP* (time-free instances): on, route versions, pair test times, insertion cache. */
  private readonly swapStarOn: boolean;
  private readonly version: Float64Array;
  private versionClock: number;
  private readonly pairTested: Float64Array;
  private readonly pairClose: Uint8Array;
  /** Per (route, node): the version of the route the 3 cheapest insertions were computed for. */
  private readonly insVersion: Float64Array;
  private readonly insCost: Float64Array;
  private readonly insPos: Int32Array;

  constructor(inst: Instance, rng: Rng) {
    this.pen = { capacity: 1, time: 1, distance: 1 };
    this.nbMoves = 0;
    this.S1 = new Seg();
    this.S2 = new Seg();
    this.X = new Seg();
    this.Y = new Seg();
    this.Z = new Seg();
    this.T = new Seg();
    this.D = new Seg();
    this.shouldStop = () => false;
    this.audit = null;
    this.mv = 0;
    this.bestPos = -1;
    this.inst = inst;
    this.dist = inst.dist;
    this.N = inst.N;
    this.rng = rng;
    this.nR = inst.nV;
    this.lists = [];
    this.pre = [];
    this.suf = [];
    for (let r = 0; r < this.nR; r++) {
      this.lists.push([]);
      this.pre.push(new Float64Array(0));
      this.suf.push(new Float64Array(0));
    }
    this.rc = new Float64Array(this.nR);
    this.rDist = new Float64Array(this.nR);
    this.rLoad = new Float64Array(this.nR);
    this.rSlack = new Float64Array(this.nR);
    this.inc = new Int32Array(this.nR);
    this.routeOf = new Int32Array(inst.N);
    this.posOf = new Int32Array(inst.N);
    this.wlm = new Float64Array(this.nR);
    this.wlt = new Float64Array(inst.N);
    this.order = new Int32Array(inst.n);
    for (let i = 0; i < inst.n; i++) this.order[i] = i + 1;
    this.neigh = inst.neighbours.map((a) => Int32Array.from(a));
    this.arc8 = inst.timeFree && inst.symmetric && inst.allCompatible;
    this.swapStarOn = inst.timeFree && this.nR > 1;
    this.version = new Float64Array(this.nR);
    this.versionClock = 0;
    const pairs = this.swapStarOn ? this.nR * this.nR : 0;
    this.pairTested = new Float64Array(pairs);
    this.pairClose = new Uint8Array(pairs);
    const cache = this.swapStarOn ? this.nR * inst.N : 0;
    this.insVersion = new Float64Array(cache);
    this.insCost = new Float64Array(3 * cache);
    this.insPos = new Int32Array(3 * cache);
  }

  /** Improves `routes` (one list per vehicle) in place of a copy and returns the new routes. */
  run(routes: number[][], pen: Penalties): number[][] {
    this.pen = pen;
    this.nbMoves = 0;
    for (let r = 0; r < this.nR; r++) {
      this.lists[r] = (routes[r] ?? []).slice();
      this.update(r);
      this.wlm[r] = 0;
    }
    this.wlt.fill(-1);
    this.pairTested.fill(-1);
    this.rng.shuffle(this.order);
    for (const a of this.neigh) this.rng.shuffle(a);
    const inst = this.inst;
    let searchCompleted = false;
    for (let loop = 0; !searchCompleted; loop++) {
      if (loop > 1) searchCompleted = true;
      for (let i = 0; i < this.order.length; i++) {
        const u = this.order[i]!;
        const lastTest = this.wlt[u]!;
        this.wlt[u] = this.nbMoves;
        const nu = this.neigh[u]!;
        for (let j = 0; j < nu.length; j++) {
          const v = nu[j]!;
          const ru = this.routeOf[u]!;
          const rv = this.routeOf[v]!;
          if (loop === 0 || Math.max(this.wlm[ru]!, this.wlm[rv]!) > lastTest) {
            if (this.tryPair(u, v)) {
              searchCompleted = false;
              continue;
            }
            if (this.posOf[v] === 1 && this.tryDepot(u, this.routeOf[v]!)) {
              searchCompleted = false;
            }
          }
        }
        if (loop > 0 && this.tryEmptyRoutes(u)) searchCompleted = false;
        if ((i & 3) === 0 && this.shouldStop()) return this.export();
      }
      if (loop > 0 && this.swapStarOn && this.swapStarAll()) searchCompleted = false;
      if (loop > 0 && inst.nClasses > 1 && this.vehicleExchange()) searchCompleted = false;
      if (this.shouldStop()) break;
    }
    return this.export();
  }

  private export(): number[][] {
    return this.lists.map((l) => l.slice());
  }

  // ---------------------------------------------------------------------------------------------
  // Route data

  private update(r: number): void {
    const inst = this.inst;
    const list = this.lists[r]!;
    const k = list.length;
    if (this.pre[r]!.length < (k + 2) * STRIDE) {
      const size = Math.max(16, 2 * (k + 2)) * STRIDE;
      this.pre[r] = new Float64Array(size);
      this.suf[r] = new Float64Array(size);
    }
    const pre = this.pre[r]!;
    const suf = this.suf[r]!;
    if (inst.timeFree) {
      this.updateTimeFree(r, list, pre, suf);
      return;
    }
    const S = setDepot(this.T, inst, r);
    store(pre, 0, S);
    let incompat = 0;
    for (let p = 1; p <= k; p++) {
      const c = list[p - 1]!;
      concat(S, inst, S, setNode(this.X, inst, c));
      store(pre, p, S);
      this.routeOf[c] = r;
      this.posOf[c] = p;
      if (inst.compat[r * inst.N + c] === 0) incompat++;
    }
    concat(this.S1, inst, S, setDepot(this.D, inst, r));
    this.rc[r] = routeCost(inst, this.S1, r, k > 0, this.pen);
    this.rDist[r] = this.S1.dist;
    this.rLoad[r] = this.S1.load;
    this.rSlack[r] =
      k > 0
        ? this.pen.time * (this.S1.tw + Math.max(0, this.S1.dur - inst.vMaxDur[r]!)) +
          (inst.distLimited ? this.pen.distance * Math.max(0, this.S1.dist - inst.vMaxDist[r]!) : 0)
        : 0;
    this.inc[r] = incompat;
    if (k > 0) {
      const Q = setNode(this.S2, inst, list[k - 1]!);
      store(suf, k, Q);
      for (let p = k - 1; p >= 1; p--) {
        concat(Q, inst, setNode(this.X, inst, list[p - 1]!), Q);
        store(suf, p, Q);
      }
    }
    this.wlm[r] = this.nbMoves;
    this.version[r] = ++this.versionClock;
  }

  /** update() when time plays no role: only distances and loads matter (no segment algebra). */
  private updateTimeFree(r: number, list: number[], pre: Float64Array, suf: Float64Array): void {
    const inst = this.inst;
    const dist = this.dist;
    const N = this.N;
    const demand = inst.demand;
    const k = list.length;
    let d = 0;
    let q = 0;
    let prev = 0;
    let incompat = 0;
    clearTime(pre, 0, 0, 0);
    for (let p = 1; p <= k; p++) {
      const c = list[p - 1]!;
      d += dist[prev * N + c]!;
      q += demand[c]!;
      clearTime(pre, p, d, q);
      this.routeOf[c] = r;
      this.posOf[c] = p;
      if (inst.compat[r * N + c] === 0) incompat++;
      prev = c;
    }
    const total = d + dist[prev * N]!;
    let ds = 0;
    let qs = 0;
    for (let p = k; p >= 1; p--) {
      const c = list[p - 1]!;
      if (p < k) ds += dist[c * N + list[p]!]!;
      qs += demand[c]!;
      clearTime(suf, p, ds, qs);
    }
    this.rc[r] =
      k > 0 ? total * inst.vFactor[r]! + inst.vFixed[r]! + this.pen.capacity * Math.max(0, q - inst.vCap[r]!) : 0;
    this.rDist[r] = total;
    this.rLoad[r] = q;
    this.rSlack[r] = 0;
    this.inc[r] = incompat;
    this.wlm[r] = this.nbMoves;
    this.version[r] = ++this.versionClock;
  }

  private cust(r: number, p: number): number {
    const l = this.lists[r]!;
    return p >= 1 && p <= l.length ? l[p - 1]! : 0;
  }

  private loadPrefix(out: Seg, r: number, p: number): Seg {
    const a = this.pre[r]!;
    const o = p * STRIDE;
    out.empty = false;
    out.first = 0;
    out.last = p === 0 ? 0 : this.lists[r]![p - 1]!;
    out.dist = a[o]!;
    out.load = a[o + 1]!;
    out.dur = a[o + 2]!;
    out.tw = a[o + 3]!;
    out.e = a[o + 4]!;
    out.l = a[o + 5]!;
    return out;
  }

  /** Customers at positions p..k (no depot). */
  private loadSuffix(out: Seg, r: number, p: number): Seg {
    const list = this.lists[r]!;
    if (p > list.length) return out.clear();
    const a = this.suf[r]!;
    const o = p * STRIDE;
    out.empty = false;
    out.first = list[p - 1]!;
    out.last = list[list.length - 1]!;
    out.dist = a[o]!;
    out.load = a[o + 1]!;
    out.dur = a[o + 2]!;
    out.tw = a[o + 3]!;
    out.e = a[o + 4]!;
    out.l = a[o + 5]!;
    return out;
  }

  /** Customers at positions a..b, in order (empty when a > b). */
  private between(out: Seg, r: number, a: number, b: number): Seg {
    if (a > b) return out.clear();
    const inst = this.inst;
    const list = this.lists[r]!;
    if (inst.timeFree) {
      const pre = this.pre[r]!;
      out.empty = false;
      out.first = list[a - 1]!;
      out.last = list[b - 1]!;
      out.dist = pre[b * STRIDE]! - pre[a * STRIDE]!;
      out.load = pre[b * STRIDE + 1]! - pre[(a - 1) * STRIDE + 1]!;
      out.dur = 0;
      out.tw = 0;
      out.e = -TIME_BIG;
      out.l = TIME_BIG;
      return out;
    }
    setNode(out, inst, list[a - 1]!);
    for (let p = a + 1; p <= b; p++) concat(out, inst, out, setNode(this.Z, inst, list[p - 1]!));
    return out;
  }

  /** Customers at positions a..b, in reverse order. */
  private reversed(out: Seg, r: number, a: number, b: number): Seg {
    if (a > b) return out.clear();
    const inst = this.inst;
    const list = this.lists[r]!;
    if (inst.timeFree && inst.symmetric) {
      this.between(out, r, a, b);
      out.first = list[b - 1]!;
      out.last = list[a - 1]!;
      return out;
    }
    setNode(out, inst, list[b - 1]!);
    for (let p = b - 1; p >= a; p--) concat(out, inst, out, setNode(this.Z, inst, list[p - 1]!));
    return out;
  }

  private app(S: Seg, c: number): void {
    concat(S, this.inst, S, setNode(this.X, this.inst, c));
  }

  private appSuffix(S: Seg, r: number, p: number): void {
    concat(S, this.inst, S, this.loadSuffix(this.X, r, p));
  }

  private appBetween(S: Seg, r: number, a: number, b: number): void {
    concat(S, this.inst, S, this.between(this.Y, r, a, b));
  }

  /** Penalised cost of route S (starting at r's depot) once closed at r's depot. */
  private close(S: Seg, r: number, nonEmpty: boolean): number {
    concat(this.T, this.inst, S, setDepot(this.D, this.inst, r));
    return routeCost(this.inst, this.T, r, nonEmpty, this.pen);
  }

  private d(a: number, b: number): number {
    return this.dist[a * this.N + b]!;
  }

  /** Change of r's capacity penalty if its load became `load`. */
  private capDelta(r: number, load: number): number {
    const cap = this.inst.vCap[r]!;
    return this.pen.capacity * (Math.max(0, load - cap) - Math.max(0, this.rLoad[r]! - cap));
  }

  /**
   * A move's cost change is its distance, fixed-cost and load part (`lb`) plus the change of time
   * penalty (and of distance penalty when a vehicle has a range), which cannot be below minus the
   * routes' current penalties. So lb - timeSlack is a lower bound (exact when time plays no role)
   * and most moves are rejected without evaluating time windows or ranges.
   */
  private timeSlack(ru: number, rv: number): number {
    if (this.inst.timeFree) return 0;
    return ru === rv ? this.rSlack[ru]! : this.rSlack[ru]! + this.rSlack[rv]!;
  }

  private ok(r: number, c: number): boolean {
    return this.inst.compat[r * this.inst.N + c] === 1;
  }

  /** Penalty saved when c leaves route r (c was in r while r's vehicle may not serve it). */
  private bonus(c: number, r: number): number {
    return this.inst.compat[r * this.inst.N + c] === 1 ? 0 : this.inst.incompatPenalty;
  }

  private slice(r: number, a: number, b: number): number[] {
    return this.lists[r]!.slice(a - 1, b);
  }

  private commit(r: number, list: number[], r2?: number, list2?: number[]): void {
    this.nbMoves++;
    const audit = this.audit;
    const before = audit ? this.auditTotal(r, r2) : 0;
    this.lists[r] = list;
    if (r2 !== undefined && list2 !== undefined) this.lists[r2] = list2;
    this.update(r);
    if (r2 !== undefined && r2 !== r) this.update(r2);
    if (audit)
      audit(
        /at LocalSearch\.(\w+)/.exec(new Error().stack?.split("\n")[2] ?? "")?.[1] ?? "?",
        this.mv,
        this.auditTotal(r, r2) - before,
      );
  }

  private auditTotal(r: number, r2: number | undefined): number {
    const pI = this.inst.incompatPenalty;
    let t = this.rc[r]! + this.inc[r]! * pI;
    if (r2 !== undefined && r2 !== r) t += this.rc[r2]! + this.inc[r2]! * pI;
    return t;
  }

  // ---------------------------------------------------------------------------------------------
  // Moves. u is a customer at (ru, pu); v is at (rv, pv), pv = 0 meaning "the start depot of rv".

  private tryPair(u: number, v: number): boolean {
    const ru = this.routeOf[u]!;
    const pu = this.posOf[u]!;
    const rv = this.routeOf[v]!;
    const pv = this.posOf[v]!;
    if (this.move1(u, ru, pu, rv, pv)) return true;
    if (this.move2(u, ru, pu, rv, pv, false)) return true;
    if (this.move2(u, ru, pu, rv, pv, true)) return true;
    if (u < v && this.move4(u, ru, pu, v, rv, pv)) return true;
    if (this.move5(u, ru, pu, v, rv, pv)) return true;
    if (u < v && this.move6(ru, pu, rv, pv)) return true;
    if (ru === rv) {
      if (this.move7(ru, pu, pv)) return true;
    } else {
      if (this.arc8 && this.move8(ru, pu, rv, pv)) return true;
      if (this.move9(ru, pu, rv, pv)) return true;
    }
    return false;
  }

  private tryDepot(u: number, rv: number): boolean {
    const ru = this.routeOf[u]!;
    const pu = this.posOf[u]!;
    if (this.move1(u, ru, pu, rv, 0)) return true;
    if (this.move2(u, ru, pu, rv, 0, false)) return true;
    if (this.move2(u, ru, pu, rv, 0, true)) return true;
    if (ru !== rv) {
      if (this.arc8 && this.move8(ru, pu, rv, 0)) return true;
      if (this.move9(ru, pu, rv, 0)) return true;
    }
    return false;
  }

  private tryEmptyRoutes(u: number): boolean {
    const inst = this.inst;
    let lastClass = -1;
    for (let r = 0; r < this.nR; r++) {
      if (this.lists[r]!.length !== 0 || inst.vClass[r] === lastClass) continue;
      lastClass = inst.vClass[r]!;
      const ru = this.routeOf[u]!;
      const pu = this.posOf[u]!;
      if (ru === r) continue;
      if (this.move1(u, ru, pu, r, 0)) return true;
      if (this.move2(u, ru, pu, r, 0, false)) return true;
      if (this.move2(u, ru, pu, r, 0, true)) return true;
      if (this.move9(ru, pu, r, 0)) return true;
    }
    return false;
  }

  /** Relocate u after v. */
  private move1(u: number, ru: number, pu: number, rv: number, pv: number): boolean {
    const S = this.S1;
    if (ru === rv) {
      if (pv === pu || pv === pu - 1) return false;
      const p = this.cust(ru, pu - 1);
      const x = this.cust(ru, pu + 1);
      const v = this.cust(ru, pv);
      const y = this.cust(ru, pv + 1);
      const lb =
        this.inst.vFactor[ru]! *
        (this.d(p, x) - this.d(p, u) - this.d(u, x) + this.d(v, u) + this.d(u, y) - this.d(v, y));
      if (lb - this.timeSlack(ru, ru) > -EPS) return false;
      this.mv = lb;
      if (!this.inst.timeFree) {
        if (pv < pu) {
          this.loadPrefix(S, ru, pv);
          this.app(S, u);
          this.appBetween(S, ru, pv + 1, pu - 1);
          this.appSuffix(S, ru, pu + 1);
        } else {
          this.loadPrefix(S, ru, pu - 1);
          this.appBetween(S, ru, pu + 1, pv);
          this.app(S, u);
          this.appSuffix(S, ru, pv + 1);
        }
        const delta = this.close(S, ru, true) - this.rc[ru]!;
        if (delta > -EPS) return false;
        this.mv = delta;
      }
      const k = this.lists[ru]!.length;
      const nl =
        pv < pu
          ? [...this.slice(ru, 1, pv), u, ...this.slice(ru, pv + 1, pu - 1), ...this.slice(ru, pu + 1, k)]
          : [...this.slice(ru, 1, pu - 1), ...this.slice(ru, pu + 1, pv), u, ...this.slice(ru, pv + 1, k)];
      this.commit(ru, nl);
      return true;
    }
    if (!this.ok(rv, u)) return false;
    const inst = this.inst;
    const ku = this.lists[ru]!.length;
    const kv = this.lists[rv]!.length;
    const p = this.cust(ru, pu - 1);
    const x = this.cust(ru, pu + 1);
    const v = this.cust(rv, pv);
    const y = this.cust(rv, pv + 1);
    const q = inst.demand[u]!;
    const lbV =
      inst.vFactor[rv]! * (this.d(v, u) + this.d(u, y) - this.d(v, y)) +
      (kv === 0 ? inst.vFixed[rv]! : 0) +
      this.capDelta(rv, this.rLoad[rv]! + q);
    const lb =
      inst.vFactor[ru]! * (this.d(p, x) - this.d(p, u) - this.d(u, x)) -
      (ku === 1 ? inst.vFixed[ru]! : 0) +
      this.capDelta(ru, this.rLoad[ru]! - q) -
      this.bonus(u, ru) +
      lbV;
    if (lb - this.timeSlack(ru, ru) > -EPS) return false;
    this.mv = lb;
    if (!inst.timeFree) {
      this.loadPrefix(S, ru, pu - 1);
      this.appSuffix(S, ru, pu + 1);
      const dU = this.close(S, ru, ku > 1) - this.rc[ru]! - this.bonus(u, ru);
      // Inserting never lowers a route's time or distance penalty (triangle inequality), so lbV bounds V.
      if (dU + lbV > -EPS) return false;
      const S2 = this.S2;
      this.loadPrefix(S2, rv, pv);
      this.app(S2, u);
      this.appSuffix(S2, rv, pv + 1);
      const delta = dU + this.close(S2, rv, true) - this.rc[rv]!;
      if (delta > -EPS) return false;
      this.mv = delta;
    }
    this.commit(ru, [...this.slice(ru, 1, pu - 1), ...this.slice(ru, pu + 1, ku)], rv, [
      ...this.slice(rv, 1, pv),
      u,
      ...this.slice(rv, pv + 1, kv),
    ]);
    return true;
  }

  /** Relocate u and its successor x after v (as x, u when `rev`). */
  private move2(u: number, ru: number, pu: number, rv: number, pv: number, rev: boolean): boolean {
    const ku = this.lists[ru]!.length;
    const px = pu + 1;
    if (px > ku) return false;
    const x = this.lists[ru]![px - 1]!;
    const a = rev ? x : u;
    const b = rev ? u : x;
    const S = this.S1;
    if (ru === rv) {
      if (pv === pu || pv === px) return false;
      if (pv === pu - 1 && !rev) return false;
      {
        const p = this.cust(ru, pu - 1);
        const z = this.cust(ru, px + 1);
        let dd: number;
        if (pv === pu - 1) dd = this.d(p, x) + this.d(x, u) + this.d(u, z) - this.d(p, u) - this.d(u, x) - this.d(x, z);
        else {
          const v = this.cust(ru, pv);
          const y = this.cust(ru, pv + 1);
          dd =
            this.d(p, z) -
            this.d(p, u) -
            this.d(u, x) -
            this.d(x, z) +
            this.d(v, a) +
            this.d(a, b) +
            this.d(b, y) -
            this.d(v, y);
        }
        const lb = this.inst.vFactor[ru]! * dd;
        if (lb - this.timeSlack(ru, ru) > -EPS) return false;
        this.mv = lb;
      }
      if (this.inst.timeFree) {
        // lb was exact and improving.
      } else if (pv === pu - 1) {
        this.loadPrefix(S, ru, pu - 1);
        this.app(S, a);
        this.app(S, b);
        this.appSuffix(S, ru, px + 1);
      } else if (pv < pu) {
        this.loadPrefix(S, ru, pv);
        this.app(S, a);
        this.app(S, b);
        this.appBetween(S, ru, pv + 1, pu - 1);
        this.appSuffix(S, ru, px + 1);
      } else {
        this.loadPrefix(S, ru, pu - 1);
        this.appBetween(S, ru, px + 1, pv);
        this.app(S, a);
        this.app(S, b);
        this.appSuffix(S, ru, pv + 1);
      }
      if (!this.inst.timeFree) {
        const delta = this.close(S, ru, true) - this.rc[ru]!;
        if (delta > -EPS) return false;
        this.mv = delta;
      }
      let nl: number[];
      if (pv === pu - 1) nl = [...this.slice(ru, 1, pu - 1), a, b, ...this.slice(ru, px + 1, ku)];
      else if (pv < pu)
        nl = [...this.slice(ru, 1, pv), a, b, ...this.slice(ru, pv + 1, pu - 1), ...this.slice(ru, px + 1, ku)];
      else nl = [...this.slice(ru, 1, pu - 1), ...this.slice(ru, px + 1, pv), a, b, ...this.slice(ru, pv + 1, ku)];
      this.commit(ru, nl);
      return true;
    }
    if (!this.ok(rv, u) || !this.ok(rv, x)) return false;
    const inst = this.inst;
    const kv = this.lists[rv]!.length;
    let lbV: number;
    {
      const p = this.cust(ru, pu - 1);
      const z = this.cust(ru, px + 1);
      const v = this.cust(rv, pv);
      const y = this.cust(rv, pv + 1);
      const q = inst.demand[u]! + inst.demand[x]!;
      lbV =
        inst.vFactor[rv]! * (this.d(v, a) + this.d(a, b) + this.d(b, y) - this.d(v, y)) +
        (kv === 0 ? inst.vFixed[rv]! : 0) +
        this.capDelta(rv, this.rLoad[rv]! + q);
      const lb =
        inst.vFactor[ru]! * (this.d(p, z) - this.d(p, u) - this.d(u, x) - this.d(x, z)) -
        (ku === 2 ? inst.vFixed[ru]! : 0) +
        this.capDelta(ru, this.rLoad[ru]! - q) -
        this.bonus(u, ru) -
        this.bonus(x, ru) +
        lbV;
      if (lb - this.timeSlack(ru, ru) > -EPS) return false;
      this.mv = lb;
    }
    if (!inst.timeFree) {
      this.loadPrefix(S, ru, pu - 1);
      this.appSuffix(S, ru, px + 1);
      const dU = this.close(S, ru, ku > 2) - this.rc[ru]! - this.bonus(u, ru) - this.bonus(x, ru);
      if (dU + lbV > -EPS) return false;
      const S2 = this.S2;
      this.loadPrefix(S2, rv, pv);
      this.app(S2, a);
      this.app(S2, b);
      this.appSuffix(S2, rv, pv + 1);
      const delta = dU + this.close(S2, rv, true) - this.rc[rv]!;
      if (delta > -EPS) return false;
      this.mv = delta;
    }
    this.commit(ru, [...this.slice(ru, 1, pu - 1), ...this.slice(ru, px + 1, ku)], rv, [
      ...this.slice(rv, 1, pv),
      a,
      b,
      ...this.slice(rv, pv + 1, kv),
    ]);
    return true;
  }

  /** Swap u and v. */
  private move4(u: number, ru: number, pu: number, v: number, rv: number, pv: number): boolean {
    if (pv === 0) return false;
    const S = this.S1;
    if (ru === rv) {
      const a = Math.min(pu, pv);
      const b = Math.max(pu, pv);
      if (b === a + 1) return false;
      const ca = this.cust(ru, a);
      const cb = this.cust(ru, b);
      const pa = this.cust(ru, a - 1);
      const na = this.cust(ru, a + 1);
      const pb = this.cust(ru, b - 1);
      const nb = this.cust(ru, b + 1);
      const lb =
        this.inst.vFactor[ru]! *
        (this.d(pa, cb) +
          this.d(cb, na) -
          this.d(pa, ca) -
          this.d(ca, na) +
          this.d(pb, ca) +
          this.d(ca, nb) -
          this.d(pb, cb) -
          this.d(cb, nb));
      if (lb - this.timeSlack(ru, ru) > -EPS) return false;
      this.mv = lb;
      if (!this.inst.timeFree) {
        this.loadPrefix(S, ru, a - 1);
        this.app(S, cb);
        this.appBetween(S, ru, a + 1, b - 1);
        this.app(S, ca);
        this.appSuffix(S, ru, b + 1);
        const delta = this.close(S, ru, true) - this.rc[ru]!;
        if (delta > -EPS) return false;
        this.mv = delta;
      }
      const k = this.lists[ru]!.length;
      this.commit(ru, [
        ...this.slice(ru, 1, a - 1),
        cb,
        ...this.slice(ru, a + 1, b - 1),
        ca,
        ...this.slice(ru, b + 1, k),
      ]);
      return true;
    }
    if (!this.ok(rv, u) || !this.ok(ru, v)) return false;
    const inst = this.inst;
    {
      const p = this.cust(ru, pu - 1);
      const x = this.cust(ru, pu + 1);
      const q = this.cust(rv, pv - 1);
      const y = this.cust(rv, pv + 1);
      const dq = inst.demand[v]! - inst.demand[u]!;
      const lb =
        inst.vFactor[ru]! * (this.d(p, v) + this.d(v, x) - this.d(p, u) - this.d(u, x)) +
        this.capDelta(ru, this.rLoad[ru]! + dq) +
        inst.vFactor[rv]! * (this.d(q, u) + this.d(u, y) - this.d(q, v) - this.d(v, y)) +
        this.capDelta(rv, this.rLoad[rv]! - dq) -
        this.bonus(u, ru) -
        this.bonus(v, rv);
      if (lb - this.timeSlack(ru, rv) > -EPS) return false;
      this.mv = lb;
    }
    if (!inst.timeFree) {
      this.loadPrefix(S, ru, pu - 1);
      this.app(S, v);
      this.appSuffix(S, ru, pu + 1);
      const S2 = this.S2;
      this.loadPrefix(S2, rv, pv - 1);
      this.app(S2, u);
      this.appSuffix(S2, rv, pv + 1);
      const delta =
        this.close(S, ru, true) +
        this.close(S2, rv, true) -
        this.rc[ru]! -
        this.rc[rv]! -
        this.bonus(u, ru) -
        this.bonus(v, rv);
      if (delta > -EPS) return false;
      this.mv = delta;
    }
    const ku = this.lists[ru]!.length;
    const kv = this.lists[rv]!.length;
    this.commit(ru, [...this.slice(ru, 1, pu - 1), v, ...this.slice(ru, pu + 1, ku)], rv, [
      ...this.slice(rv, 1, pv - 1),
      u,
      ...this.slice(rv, pv + 1, kv),
    ]);
    return true;
  }

  /** Swap (u, x) with v. */
  private move5(u: number, ru: number, pu: number, v: number, rv: number, pv: number): boolean {
    if (pv === 0) return false;
    const ku = this.lists[ru]!.length;
    const px = pu + 1;
    if (px > ku) return false;
    const x = this.lists[ru]![px - 1]!;
    if (v === x) return false;
    const S = this.S1;
    if (ru === rv) {
      {
        const p = this.cust(ru, pu - 1);
        const z = this.cust(ru, px + 1);
        const q = this.cust(ru, pv - 1);
        const y = this.cust(ru, pv + 1);
        let dd: number;
        if (pv < pu) {
          dd =
            pv === pu - 1
              ? this.d(q, u) + this.d(x, v) + this.d(v, z) - this.d(q, v) - this.d(v, u) - this.d(x, z)
              : this.d(q, u) +
                this.d(x, y) +
                this.d(p, v) +
                this.d(v, z) -
                this.d(q, v) -
                this.d(v, y) -
                this.d(p, u) -
                this.d(x, z);
        } else {
          dd =
            pv === px + 1
              ? this.d(p, v) + this.d(v, u) + this.d(x, y) - this.d(p, u) - this.d(x, v) - this.d(v, y)
              : this.d(p, v) +
                this.d(v, z) +
                this.d(q, u) +
                this.d(x, y) -
                this.d(p, u) -
                this.d(x, z) -
                this.d(q, v) -
                this.d(v, y);
        }
        if (this.inst.vFactor[ru]! * dd - this.timeSlack(ru, ru) > -EPS) return false;
      }
      let nl: number[];
      if (pv < pu) {
        this.loadPrefix(S, ru, pv - 1);
        this.app(S, u);
        this.app(S, x);
        this.appBetween(S, ru, pv + 1, pu - 1);
        this.app(S, v);
        this.appSuffix(S, ru, px + 1);
        nl = [...this.slice(ru, 1, pv - 1), u, x, ...this.slice(ru, pv + 1, pu - 1), v, ...this.slice(ru, px + 1, ku)];
      } else {
        this.loadPrefix(S, ru, pu - 1);
        this.app(S, v);
        this.appBetween(S, ru, px + 1, pv - 1);
        this.app(S, u);
        this.app(S, x);
        this.appSuffix(S, ru, pv + 1);
        nl = [...this.slice(ru, 1, pu - 1), v, ...this.slice(ru, px + 1, pv - 1), u, x, ...this.slice(ru, pv + 1, ku)];
      }
      const delta = this.close(S, ru, true) - this.rc[ru]!;
      if (delta > -EPS) return false;
      this.mv = delta;
      this.commit(ru, nl);
      return true;
    }
    if (!this.ok(rv, u) || !this.ok(rv, x) || !this.ok(ru, v)) return false;
    const inst = this.inst;
    {
      const p = this.cust(ru, pu - 1);
      const z = this.cust(ru, px + 1);
      const q = this.cust(rv, pv - 1);
      const y = this.cust(rv, pv + 1);
      const dq = inst.demand[v]! - inst.demand[u]! - inst.demand[x]!;
      const lb =
        inst.vFactor[ru]! * (this.d(p, v) + this.d(v, z) - this.d(p, u) - this.d(u, x) - this.d(x, z)) +
        this.capDelta(ru, this.rLoad[ru]! + dq) +
        inst.vFactor[rv]! * (this.d(q, u) + this.d(u, x) + this.d(x, y) - this.d(q, v) - this.d(v, y)) +
        this.capDelta(rv, this.rLoad[rv]! - dq) -
        this.bonus(u, ru) -
        this.bonus(x, ru) -
        this.bonus(v, rv);
      if (lb - this.timeSlack(ru, rv) > -EPS) return false;
      this.mv = lb;
    }
    if (!inst.timeFree) {
      this.loadPrefix(S, ru, pu - 1);
      this.app(S, v);
      this.appSuffix(S, ru, px + 1);
      const S2 = this.S2;
      this.loadPrefix(S2, rv, pv - 1);
      this.app(S2, u);
      this.app(S2, x);
      this.appSuffix(S2, rv, pv + 1);
      const delta =
        this.close(S, ru, true) +
        this.close(S2, rv, true) -
        this.rc[ru]! -
        this.rc[rv]! -
        this.bonus(u, ru) -
        this.bonus(x, ru) -
        this.bonus(v, rv);
      if (delta > -EPS) return false;
      this.mv = delta;
    }
    const kv = this.lists[rv]!.length;
    this.commit(ru, [...this.slice(ru, 1, pu - 1), v, ...this.slice(ru, px + 1, ku)], rv, [
      ...this.slice(rv, 1, pv - 1),
      u,
      x,
      ...this.slice(rv, pv + 1, kv),
    ]);
    return true;
  }

  /** Swap (u, x) with (v, y). */
  private move6(ru: number, pu: number, rv: number, pv: number): boolean {
    if (pv === 0) return false;
    const ku = this.lists[ru]!.length;
    const kv = this.lists[rv]!.length;
    const px = pu + 1;
    const py = pv + 1;
    if (px > ku || py > kv) return false;
    const u = this.cust(ru, pu);
    const x = this.cust(ru, px);
    const v = this.cust(rv, pv);
    const y = this.cust(rv, py);
    const S = this.S1;
    if (ru === rv) {
      {
        const p = this.cust(ru, pu - 1);
        const z = this.cust(ru, px + 1);
        const q = this.cust(ru, pv - 1);
        const w = this.cust(ru, py + 1);
        let dd: number;
        if (pv > px) {
          dd =
            pv === px + 1
              ? this.d(p, v) + this.d(y, u) + this.d(x, w) - this.d(p, u) - this.d(x, v) - this.d(y, w)
              : this.d(p, v) +
                this.d(y, z) +
                this.d(q, u) +
                this.d(x, w) -
                this.d(p, u) -
                this.d(x, z) -
                this.d(q, v) -
                this.d(y, w);
        } else if (py < pu) {
          dd =
            py === pu - 1
              ? this.d(q, u) + this.d(x, v) + this.d(y, z) - this.d(q, v) - this.d(y, u) - this.d(x, z)
              : this.d(q, u) +
                this.d(x, w) +
                this.d(p, v) +
                this.d(y, z) -
                this.d(q, v) -
                this.d(y, w) -
                this.d(p, u) -
                this.d(x, z);
        } else return false;
        if (this.inst.vFactor[ru]! * dd - this.timeSlack(ru, ru) > -EPS) return false;
      }
      let nl: number[];
      if (pv > px) {
        this.loadPrefix(S, ru, pu - 1);
        this.app(S, v);
        this.app(S, y);
        this.appBetween(S, ru, px + 1, pv - 1);
        this.app(S, u);
        this.app(S, x);
        this.appSuffix(S, ru, py + 1);
        nl = [
          ...this.slice(ru, 1, pu - 1),
          v,
          y,
          ...this.slice(ru, px + 1, pv - 1),
          u,
          x,
          ...this.slice(ru, py + 1, ku),
        ];
      } else if (py < pu) {
        this.loadPrefix(S, ru, pv - 1);
        this.app(S, u);
        this.app(S, x);
        this.appBetween(S, ru, py + 1, pu - 1);
        this.app(S, v);
        this.app(S, y);
        this.appSuffix(S, ru, px + 1);
        nl = [
          ...this.slice(ru, 1, pv - 1),
          u,
          x,
          ...this.slice(ru, py + 1, pu - 1),
          v,
          y,
          ...this.slice(ru, px + 1, ku),
        ];
      } else return false;
      const delta = this.close(S, ru, true) - this.rc[ru]!;
      if (delta > -EPS) return false;
      this.mv = delta;
      this.commit(ru, nl);
      return true;
    }
    if (!this.ok(rv, u) || !this.ok(rv, x) || !this.ok(ru, v) || !this.ok(ru, y)) return false;
    const inst = this.inst;
    {
      const p = this.cust(ru, pu - 1);
      const z = this.cust(ru, px + 1);
      const q = this.cust(rv, pv - 1);
      const w = this.cust(rv, py + 1);
      const dq = inst.demand[v]! + inst.demand[y]! - inst.demand[u]! - inst.demand[x]!;
      const lb =
        inst.vFactor[ru]! * (this.d(p, v) + this.d(v, y) + this.d(y, z) - this.d(p, u) - this.d(u, x) - this.d(x, z)) +
        this.capDelta(ru, this.rLoad[ru]! + dq) +
        inst.vFactor[rv]! * (this.d(q, u) + this.d(u, x) + this.d(x, w) - this.d(q, v) - this.d(v, y) - this.d(y, w)) +
        this.capDelta(rv, this.rLoad[rv]! - dq) -
        this.bonus(u, ru) -
        this.bonus(x, ru) -
        this.bonus(v, rv) -
        this.bonus(y, rv);
      if (lb - this.timeSlack(ru, rv) > -EPS) return false;
      this.mv = lb;
    }
    if (!inst.timeFree) {
      this.loadPrefix(S, ru, pu - 1);
      this.app(S, v);
      this.app(S, y);
      this.appSuffix(S, ru, px + 1);
      const S2 = this.S2;
      this.loadPrefix(S2, rv, pv - 1);
      this.app(S2, u);
      this.app(S2, x);
      this.appSuffix(S2, rv, py + 1);
      const delta =
        this.close(S, ru, true) +
        this.close(S2, rv, true) -
        this.rc[ru]! -
        this.rc[rv]! -
        this.bonus(u, ru) -
        this.bonus(x, ru) -
        this.bonus(v, rv) -
        this.bonus(y, rv);
      if (delta > -EPS) return false;
      this.mv = delta;
    }
    this.commit(ru, [...this.slice(ru, 1, pu - 1), v, y, ...this.slice(ru, px + 1, ku)], rv, [
      ...this.slice(rv, 1, pv - 1),
      u,
      x,
      ...this.slice(rv, py + 1, kv),
    ]);
    return true;
  }

  /** Intra-route 2-opt: reverse the part from u's successor to v. */
  private move7(r: number, pu: number, pv: number): boolean {
    if (pv < pu + 2) return false;
    const S = this.S1;
    const inst = this.inst;
    if (inst.symmetric) {
      const u = this.cust(r, pu);
      const x = this.cust(r, pu + 1);
      const v = this.cust(r, pv);
      const y = this.cust(r, pv + 1);
      const lb = inst.vFactor[r]! * (this.d(u, v) + this.d(x, y) - this.d(u, x) - this.d(v, y));
      if (lb - this.timeSlack(r, r) > -EPS) return false;
      this.mv = lb;
    }
    if (!(inst.symmetric && inst.timeFree)) {
      this.loadPrefix(S, r, pu);
      concat(S, this.inst, S, this.reversed(this.Y, r, pu + 1, pv));
      this.appSuffix(S, r, pv + 1);
      const delta = this.close(S, r, true) - this.rc[r]!;
      if (delta > -EPS) return false;
      this.mv = delta;
    }
    const k = this.lists[r]!.length;
    this.commit(r, [...this.slice(r, 1, pu), ...this.slice(r, pu + 1, pv).reverse(), ...this.slice(r, pv + 1, k)]);
    return true;
  }

  /**
   * 2-opt* with reversal: u -> v (then v's predecessors back to the depot) and x -> y. Only when
   * time plays no role and distances are symmetric, so reversed parts cost the same.
   */
  private move8(ru: number, pu: number, rv: number, pv: number): boolean {
    const inst = this.inst;
    const N = inst.N;
    const preU = this.pre[ru]!;
    const preV = this.pre[rv]!;
    const ku = this.lists[ru]!.length;
    const kv = this.lists[rv]!.length;
    const u = this.cust(ru, pu);
    const v = this.cust(rv, pv);
    const x = this.cust(ru, pu + 1);
    const y = this.cust(rv, pv + 1);
    const fullU = preU[ku * STRIDE]! + inst.dist[this.cust(ru, ku) * N]!;
    const fullV = preV[kv * STRIDE]! + inst.dist[this.cust(rv, kv) * N]!;
    const loadU = preU[ku * STRIDE + 1]!;
    const loadV = preV[kv * STRIDE + 1]!;
    const distU2 = preU[pu * STRIDE]! + inst.dist[u * N + v]! + preV[pv * STRIDE]!;
    const preUx = pu + 1 > ku ? fullU : preU[(pu + 1) * STRIDE]!;
    const preVy = pv + 1 > kv ? fullV : preV[(pv + 1) * STRIDE]!;
    const distV2 = fullU - preUx + inst.dist[x * N + y]! + fullV - preVy;
    const loadU2 = preU[pu * STRIDE + 1]! + preV[pv * STRIDE + 1]!;
    const loadV2 = loadU - preU[pu * STRIDE + 1]! + loadV - preV[pv * STRIDE + 1]!;
    const nU = pu + pv;
    const nV = ku - pu + (kv - pv);
    const delta = this.cost8(ru, distU2, loadU2, nU) + this.cost8(rv, distV2, loadV2, nV) - this.rc[ru]! - this.rc[rv]!;
    if (delta > -EPS) return false;
    this.mv = delta;
    this.commit(ru, [...this.slice(ru, 1, pu), ...this.slice(rv, 1, pv).reverse()], rv, [
      ...this.slice(ru, pu + 1, ku).reverse(),
      ...this.slice(rv, pv + 1, kv),
    ]);
    return true;
  }

  private cost8(r: number, d: number, load: number, count: number): number {
    const inst = this.inst;
    return count === 0
      ? 0
      : d * inst.vFactor[r]! + inst.vFixed[r]! + this.pen.capacity * Math.max(0, load - inst.vCap[r]!);
  }

  /** 2-opt*: exchange the tails after u and after v. */
  private move9(ru: number, pu: number, rv: number, pv: number): boolean {
    const inst = this.inst;
    const ku = this.lists[ru]!.length;
    const kv = this.lists[rv]!.length;
    if (pu === ku && pv === kv) return false;
    let bonus = 0;
    if (!inst.allCompatible) {
      for (let p = pu + 1; p <= ku; p++) {
        const c = this.cust(ru, p);
        if (!this.ok(rv, c)) return false;
        bonus += this.bonus(c, ru);
      }
      for (let p = pv + 1; p <= kv; p++) {
        const c = this.cust(rv, p);
        if (!this.ok(ru, c)) return false;
        bonus += this.bonus(c, rv);
      }
    }
    {
      const preU = this.pre[ru]!;
      const preV = this.pre[rv]!;
      const sufU = this.suf[ru]!;
      const sufV = this.suf[rv]!;
      const u = this.cust(ru, pu);
      const v = this.cust(rv, pv);
      const x = this.cust(ru, pu + 1);
      const y = this.cust(rv, pv + 1);
      const lastU = this.cust(ru, ku);
      const lastV = this.cust(rv, kv);
      const distU2 =
        preU[pu * STRIDE]! + (pv < kv ? this.d(u, y) + sufV[(pv + 1) * STRIDE]! + this.d(lastV, 0) : this.d(u, 0));
      const distV2 =
        preV[pv * STRIDE]! + (pu < ku ? this.d(v, x) + sufU[(pu + 1) * STRIDE]! + this.d(lastU, 0) : this.d(v, 0));
      const loadU2 = preU[pu * STRIDE + 1]! + this.rLoad[rv]! - preV[pv * STRIDE + 1]!;
      const loadV2 = preV[pv * STRIDE + 1]! + this.rLoad[ru]! - preU[pu * STRIDE + 1]!;
      const nU = pu + kv - pv;
      const nV = pv + ku - pu;
      const lb =
        (nU > 0 ? inst.vFactor[ru]! * distU2 + inst.vFixed[ru]! : 0) -
        (ku > 0 ? inst.vFactor[ru]! * this.rDist[ru]! + inst.vFixed[ru]! : 0) +
        (nV > 0 ? inst.vFactor[rv]! * distV2 + inst.vFixed[rv]! : 0) -
        (kv > 0 ? inst.vFactor[rv]! * this.rDist[rv]! + inst.vFixed[rv]! : 0) +
        this.capDelta(ru, loadU2) +
        this.capDelta(rv, loadV2) -
        bonus;
      if (lb - this.timeSlack(ru, rv) > -EPS) return false;
      this.mv = lb;
    }
    if (!inst.timeFree) {
      const S = this.S1;
      this.loadPrefix(S, ru, pu);
      this.appSuffix(S, rv, pv + 1);
      const S2 = this.S2;
      this.loadPrefix(S2, rv, pv);
      this.appSuffix(S2, ru, pu + 1);
      const delta =
        this.close(S, ru, pu + kv - pv > 0) +
        this.close(S2, rv, pv + ku - pu > 0) -
        this.rc[ru]! -
        this.rc[rv]! -
        bonus;
      if (delta > -EPS) return false;
      this.mv = delta;
    }
    this.commit(ru, [...this.slice(ru, 1, pu), ...this.slice(rv, pv + 1, kv)], rv, [
      ...this.slice(rv, 1, pv),
      ...this.slice(ru, pu + 1, ku),
    ]);
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // SWAP* (Vidal 2022, section 5): exchange u of route a and v of route b, each inserted at its
  // best position in the other route rather than in the other's place. Only for time-free
  // instances (distance, load, fixed costs and features are exact in O(1) per candidate). Route
  // pairs are tested when some granular neighbour pair links them (in place of HGS-CVRP's polar
  // sectors, which need coordinates) and one of them changed since the pair was last tested.

  private swapStarAll(): boolean {
    const nR = this.nR;
    const close = this.pairClose;
    close.fill(0);
    const n = this.inst.n;
    for (let u = 1; u <= n; u++) {
      const ru = this.routeOf[u]!;
      const nu = this.neigh[u]!;
      for (let j = 0; j < nu.length; j++) {
        const rv = this.routeOf[nu[j]!]!;
        if (rv !== ru) close[ru * nR + rv] = close[rv * nR + ru] = 1;
      }
    }
    let improved = false;
    for (let a = 0; a < nR; a++) {
      if (this.lists[a]!.length === 0) continue;
      for (let b = a + 1; b < nR; b++) {
        if (close[a * nR + b] === 0 || this.lists[b]!.length === 0) continue;
        if (Math.max(this.wlm[a]!, this.wlm[b]!) <= this.pairTested[a * nR + b]!) continue;
        this.pairTested[a * nR + b] = this.nbMoves;
        if (this.swapStar(a, b)) improved = true;
        if (this.lists[a]!.length === 0) break;
        if (this.shouldStop()) return improved;
      }
    }
    return improved;
  }

  /** The 3 cheapest places to insert c into route r (after position p; cost per vehicle factor). */
  private insertions(r: number, c: number): number {
    const key = r * this.inst.N + c;
    if (this.insVersion[key] === this.version[r]) return key * 3;
    this.insVersion[key] = this.version[r]!;
    const o = key * 3;
    const cost = this.insCost;
    const pos = this.insPos;
    cost[o] = cost[o + 1] = cost[o + 2] = Infinity;
    pos[o] = pos[o + 1] = pos[o + 2] = -1;
    const inst = this.inst;
    const N = inst.N;
    const dist = inst.dist;
    const list = this.lists[r]!;
    const k = list.length;
    const f = inst.vFactor[r]!;
    let prev = 0;
    for (let p = 0; p <= k; p++) {
      const next = p < k ? list[p]! : 0;
      const x = f * (dist[prev * N + c]! + dist[c * N + next]! - dist[prev * N + next]!);
      if (x < cost[o + 2]!) {
        if (x < cost[o + 1]!) {
          cost[o + 2] = cost[o + 1]!;
          pos[o + 2] = pos[o + 1]!;
          if (x < cost[o]!) {
            cost[o + 1] = cost[o]!;
            pos[o + 1] = pos[o]!;
            cost[o] = x;
            pos[o] = p;
          } else {
            cost[o + 1] = x;
            pos[o + 1] = p;
          }
        } else {
          cost[o + 2] = x;
          pos[o + 2] = p;
        }
      }
      prev = next;
    }
    return o;
  }

  /**
   * Cheapest insertion of c into route r once the customer at position pw leaves it: the best of
   * the cached places not next to pw, or pw's own place. Sets this.bestPos (after position p, in
   * r's current numbering; pw's own place is pw - 1).
   */
  private insertWithout(r: number, c: number, pw: number): number {
    const o = this.insertions(r, c);
    let best = Infinity;
    let bp = -1;
    for (let t = 0; t < 3; t++) {
      const p = this.insPos[o + t]!;
      if (p < 0) break;
      if (p !== pw - 1 && p !== pw) {
        best = this.insCost[o + t]!;
        bp = p;
        break;
      }
    }
    const list = this.lists[r]!;
    const prev = pw >= 2 ? list[pw - 2]! : 0;
    const next = pw < list.length ? list[pw]! : 0;
    const inPlace = this.inst.vFactor[r]! * (this.d(prev, c) + this.d(c, next) - this.d(prev, next));
    if (inPlace < best) {
      best = inPlace;
      bp = pw - 1;
    }
    this.bestPos = bp;
    return best;
  }

  private bestPos: number;

  private swapStar(a: number, b: number): boolean {
    const inst = this.inst;
    const la = this.lists[a]!;
    const lb = this.lists[b]!;
    const ka = la.length;
    const kb = lb.length;
    const fa = inst.vFactor[a]!;
    const fb = inst.vFactor[b]!;
    const loadA = this.rLoad[a]!;
    const loadB = this.rLoad[b]!;
    let best = -EPS;
    let bu = -1; // position in a of the customer going to b (or -1)
    let bv = -1; // position in b of the customer going to a (or -1)
    let posU = -1; // where it goes in b
    let posV = -1; // where it goes in a
    for (let pu = 1; pu <= ka; pu++) {
      const u = la[pu - 1]!;
      if (!this.ok(b, u)) continue;
      const pU = pu >= 2 ? la[pu - 2]! : 0;
      const nU = pu < ka ? la[pu]! : 0;
      const remU = fa * (this.d(pU, nU) - this.d(pU, u) - this.d(u, nU)) - this.bonus(u, a);
      const qu = inst.demand[u]!;
      for (let pv = 1; pv <= kb; pv++) {
        const v = lb[pv - 1]!;
        if (!this.ok(a, v)) continue;
        const pV = pv >= 2 ? lb[pv - 2]! : 0;
        const nV = pv < kb ? lb[pv]! : 0;
        const remV = fb * (this.d(pV, nV) - this.d(pV, v) - this.d(v, nV)) - this.bonus(v, b);
        const dq = inst.demand[v]! - qu;
        const pen = this.capDelta(a, loadA + dq) + this.capDelta(b, loadB - dq);
        // Insertion costs are rarely negative: a cheap filter first (as HGS-CVRP).
        if (pen + remU + remV > -EPS) continue;
        const insU = this.insertWithout(b, u, pv);
        const pIns = this.bestPos;
        const cost = pen + remU + remV + insU;
        const insV = this.insertWithout(a, v, pu);
        const total = cost + insV;
        if (total < best) {
          best = total;
          bu = pu;
          bv = pv;
          posU = pIns;
          posV = this.bestPos;
        }
      }
    }
    // Relocations of one customer to its best place in the other route come for free.
    for (let pu = 1; pu <= ka; pu++) {
      const u = la[pu - 1]!;
      if (!this.ok(b, u)) continue;
      const pU = pu >= 2 ? la[pu - 2]! : 0;
      const nU = pu < ka ? la[pu]! : 0;
      const q = inst.demand[u]!;
      const o = this.insertions(b, u);
      const total =
        fa * (this.d(pU, nU) - this.d(pU, u) - this.d(u, nU)) -
        this.bonus(u, a) -
        (ka === 1 ? inst.vFixed[a]! : 0) +
        this.capDelta(a, loadA - q) +
        this.capDelta(b, loadB + q) +
        this.insCost[o]!;
      if (total < best) {
        best = total;
        bu = pu;
        bv = -1;
        posU = this.insPos[o]!;
      }
    }
    for (let pv = 1; pv <= kb; pv++) {
      const v = lb[pv - 1]!;
      if (!this.ok(a, v)) continue;
      const pV = pv >= 2 ? lb[pv - 2]! : 0;
      const nV = pv < kb ? lb[pv]! : 0;
      const q = inst.demand[v]!;
      const o = this.insertions(a, v);
      const total =
        fb * (this.d(pV, nV) - this.d(pV, v) - this.d(v, nV)) -
        this.bonus(v, b) -
        (kb === 1 ? inst.vFixed[b]! : 0) +
        this.capDelta(b, loadB - q) +
        this.capDelta(a, loadA + q) +
        this.insCost[o]!;
      if (total < best) {
        best = total;
        bu = -1;
        bv = pv;
        posV = this.insPos[o]!;
      }
    }
    if (bu < 0 && bv < 0) return false;
    const u = bu > 0 ? la[bu - 1]! : -1;
    const v = bv > 0 ? lb[bv - 1]! : -1;
    const na: number[] = [];
    if (v >= 0 && posV === 0) na.push(v);
    for (let p = 1; p <= ka; p++) {
      if (p !== bu) na.push(la[p - 1]!);
      if (v >= 0 && p === posV) na.push(v);
    }
    const nb: number[] = [];
    if (u >= 0 && posU === 0) nb.push(u);
    for (let p = 1; p <= kb; p++) {
      if (p !== bv) nb.push(lb[p - 1]!);
      if (u >= 0 && p === posU) nb.push(u);
    }
    this.mv = best;
    this.commit(a, na, b, nb);
    return true;
  }

  /** Mixed fleets: give a route's stops to another vehicle (used or not) when that is cheaper. */
  private vehicleExchange(): boolean {
    const inst = this.inst;
    let improved = false;
    const S = this.S1;
    const costOn = (list: number[], r: number): number => {
      if (list.length === 0) return 0;
      setDepot(S, inst, r);
      let incompat = 0;
      for (const c of list) {
        concat(S, inst, S, setNode(this.X, inst, c));
        if (inst.compat[r * inst.N + c] === 0) incompat++;
      }
      return this.close(S, r, true) + incompat * inst.incompatPenalty;
    };
    for (let a = 0; a < this.nR; a++) {
      for (let b = a + 1; b < this.nR; b++) {
        if (inst.vClass[a] === inst.vClass[b]) continue;
        const la = this.lists[a]!;
        const lb = this.lists[b]!;
        if (la.length === 0 && lb.length === 0) continue;
        const before = this.rc[a]! + this.rc[b]! + (this.inc[a]! + this.inc[b]!) * inst.incompatPenalty;
        const after = costOn(la, b) + costOn(lb, a);
        if (after < before - EPS) {
          this.mv = after - before;
          this.commit(a, lb, b, la);
          improved = true;
        }
      }
    }
    return improved;
  }
}

function store(a: Float64Array, p: number, s: Seg): void {
  const o = p * STRIDE;
  a[o] = s.dist;
  a[o + 1] = s.load;
  a[o + 2] = s.dur;
  a[o + 3] = s.tw;
  a[o + 4] = s.e;
  a[o + 5] = s.l;
}

/** A time-free summary: distance and load, no duration, no warp, unbounded start. */
function clearTime(a: Float64Array, p: number, dist: number, load: number): void {
  const o = p * STRIDE;
  a[o] = dist;
  a[o + 1] = load;
  a[o + 2] = 0;
  a[o + 3] = 0;
  a[o + 4] = -TIME_BIG;
  a[o + 5] = TIME_BIG;
}
