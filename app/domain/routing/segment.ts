import type { Instance } from "./instance";

/**
 * Summary of a sequence of visits for O(1) concatenation (Vidal et al. 2013, "A hybrid genetic
 * algorithm with adaptive diversity management for a large class of vehicle routing problems with
 * time-windows"): distance, load, minimum duration, time warp, and the earliest / latest start
 * that achieve them.
 */
export class Seg {
  empty: boolean;
  first: number;
  last: number;
  dist: number;
  load: number;
  dur: number;
  tw: number;
  e: number;
  l: number;

  constructor() {
    // Assigned here rather than as field initialisers: some transpilers turn those into
    // defineProperty calls, which slows this hot object down.
    this.empty = true;
    this.first = 0;
    this.last = 0;
    this.dist = 0;
    this.load = 0;
    this.dur = 0;
    this.tw = 0;
    this.e = 0;
    this.l = 0;
  }

  copyFrom(o: Seg): this {
    this.empty = o.empty;
    this.first = o.first;
    this.last = o.last;
    this.dist = o.dist;
    this.load = o.load;
    this.dur = o.dur;
    this.tw = o.tw;
    this.e = o.e;
    this.l = o.l;
    return this;
  }

  clear(): this {
    this.empty = true;
    return this;
  }
}

export function setNode(out: Seg, inst: Instance, c: number): Seg {
  out.empty = false;
  out.first = c;
  out.last = c;
  out.dist = 0;
  out.load = inst.demand[c]!;
  out.dur = inst.service[c]!;
  out.tw = 0;
  out.e = inst.twE[c]!;
  out.l = inst.twL[c]!;
  return out;
}

/** The depot as the start or end of vehicle v's route. */
export function setDepot(out: Seg, inst: Instance, v: number): Seg {
  out.empty = false;
  out.first = 0;
  out.last = 0;
  out.dist = 0;
  out.load = 0;
  out.dur = 0;
  out.tw = 0;
  out.e = inst.vStart[v]!;
  out.l = inst.vEnd[v]!;
  return out;
}

/** out = a followed by b (out may alias a or b). */
export function concat(out: Seg, inst: Instance, a: Seg, b: Seg): Seg {
  if (a.empty) return out.copyFrom(b);
  if (b.empty) return out.copyFrom(a);
  const arc = a.last * inst.N + b.first;
  const t = inst.time[arc]!;
  const delta = a.dur - a.tw + t;
  const dWT = Math.max(b.e - delta - a.l, 0);
  const dTW = Math.max(a.e + delta - b.l, 0);
  const dist = a.dist + b.dist + inst.dist[arc]!;
  const load = a.load + b.load;
  const dur = a.dur + b.dur + t + dWT;
  const tw = a.tw + b.tw + dTW;
  const e = Math.max(b.e - delta, a.e) - dWT;
  const l = Math.min(b.l - delta, a.l) + dTW;
  out.empty = false;
  out.first = a.first;
  out.last = b.last;
  out.dist = dist;
  out.load = load;
  out.dur = dur;
  out.tw = tw;
  out.e = e;
  out.l = l;
  return out;
}

/** out = out followed by node c. */
export function appendNode(out: Seg, inst: Instance, c: number, scratch: Seg): Seg {
  return concat(out, inst, out, setNode(scratch, inst, c));
}

export interface Penalties {
  capacity: number;
  time: number;
  /** Per metre beyond a vehicle's maximum route distance (only read when `inst.distLimited`). */
  distance: number;
}

/** Excess load of a complete route (depots included) on vehicle v. */
export function excessLoad(inst: Instance, s: Seg, v: number): number {
  return Math.max(0, s.load - inst.vCap[v]!);
}

/** Time warp plus duration beyond the vehicle's maximum, of a complete route. */
export function excessTime(inst: Instance, s: Seg, v: number): number {
  return s.tw + Math.max(0, s.dur - inst.vMaxDur[v]!);
}

/** Distance beyond the vehicle's maximum route distance, of a complete route (0 without a limit). */
export function excessDistance(inst: Instance, s: Seg, v: number): number {
  return inst.distLimited ? Math.max(0, s.dist - inst.vMaxDist[v]!) : 0;
}

/** Penalised cost of a complete route (depots included) on vehicle v. */
export function routeCost(inst: Instance, s: Seg, v: number, nonEmpty: boolean, p: Penalties): number {
  if (!nonEmpty) return 0;
  const cost =
    s.dist * inst.vFactor[v]! +
    inst.vFixed[v]! +
    p.capacity * Math.max(0, s.load - inst.vCap[v]!) +
    p.time * (s.tw + Math.max(0, s.dur - inst.vMaxDur[v]!));
  // Without any distance limit (the usual case) this is the only extra work: one flag test.
  return inst.distLimited ? cost + p.distance * Math.max(0, s.dist - inst.vMaxDist[v]!) : cost;
}
