import { placeLeftovers, regretInsertion, savingsTour } from "./construct";
import type { Instance } from "./instance";
import { better, brokenPairs, makeIndividual, penalisedCost, type Individual } from "./individual";
import { LocalSearch } from "./local-search";
import { Rng } from "./rng";
import type { Penalties } from "./segment";
import { Splitter } from "./split";

/** Population parameters of HGS-CVRP (Vidal 2022, table 1). */
const MU = 25;
const LAMBDA = 40;
const NB_ELITE = 4;
const NB_CLOSE = 5;
const TARGET_FEASIBLE = 0.2;
const REPAIR_PROBABILITY = 0.5;
const PENALTY_PERIOD = 100;

export type StopReason = "time" | "iterations" | "signal" | "converged";

export interface SearchControl {
  seed: number;
  /** Offspring (local searches) to produce; Infinity for none. */
  iterationLimit: number;
  /** Wall-clock budget in ms; Infinity for none. */
  timeLimitMs: number;
  noImprovementLimit: number;
  /** Restart the population after this many iterations without improvement. */
  restartAfter?: number;
  signal?: AbortSignal;
  onProgress?: (p: { iteration: number; bestCost: number; elapsedMs: number; fraction: number }) => void;
  /** Reported costs are internal costs divided by this. */
  costScale: number;
  /** Seed solutions (one list per internal vehicle). */
  initial: number[][][];
}

export interface SearchResult {
  best: Individual | null;
  /** The least violating solution, used when no feasible one was found. */
  fallback: Individual;
  construction: Individual;
  iterations: number;
  stoppedBy: StopReason;
  elapsedMs: number;
}

const now = (): number => (typeof performance !== "undefined" ? performance.now() : Date.now());

/** Hybrid genetic search (Vidal et al. 2012; Vidal 2022) over giant tours. */
export function hybridGeneticSearch(inst: Instance, ctl: SearchControl): SearchResult {
  const t0 = now();
  const rng = new Rng(ctl.seed);
  const ls = new LocalSearch(inst, rng);
  const splitter = new Splitter(inst);
  const n = inst.n;

  // Initial penalties: one unit of excess costs about as much as the longest arc (HGS-CVRP).
  let maxTime = 0;
  for (let i = 0; i < inst.time.length; i++) if (inst.time[i]! > maxTime) maxTime = inst.time[i]!;
  const distScale = Math.max(inst.maxDist * inst.maxFactor, 1e-9);
  const capBase = distScale / Math.max(inst.maxDemand, 1e-9);
  const timeBase = distScale / Math.max(maxTime, 1e-9);
  // A metre beyond a vehicle's range costs what a metre driven costs, to start with (like HGS's
  // duration penalty); adapted like the others.
  const distBase = distScale / Math.max(inst.maxDist, 1e-9);
  const pen: Penalties = { capacity: capBase, time: timeBase, distance: distBase };
  const clampCap = (x: number): number => Math.min(Math.max(x, capBase * 1e-3), capBase * 1e5);
  const clampTime = (x: number): number => Math.min(Math.max(x, timeBase * 1e-3), timeBase * 1e5);
  const clampDist = (x: number): number => Math.min(Math.max(x, distBase * 1e-3), distBase * 1e5);

  let stoppedBy: StopReason | null = null;
  const shouldStop = (): boolean => {
    if (stoppedBy) return true;
    if (ctl.signal?.aborted) {
      stoppedBy = "signal";
      return true;
    }
    if (ctl.timeLimitMs !== Infinity && now() - t0 >= ctl.timeLimitMs) {
      stoppedBy = "time";
      return true;
    }
    return false;
  };
  const timeUp = (): boolean => {
    if (ctl.signal?.aborted) stoppedBy = "signal";
    else if (ctl.timeLimitMs !== Infinity && now() - t0 >= ctl.timeLimitMs) stoppedBy = "time";
    return stoppedBy !== null;
  };
  ls.shouldStop = shouldStop;

  const feasiblePop: Individual[] = [];
  const infeasiblePop: Individual[] = [];
  let best: Individual | null = null;
  let fallback: Individual | null = null;
  const violation = (ind: Individual): number =>
    ind.incompat * 1e6 +
    ind.excessLoad / Math.max(inst.maxDemand, 1e-9) +
    ind.excessTime / Math.max(maxTime, 1e-9) +
    ind.excessDist / Math.max(inst.maxDist, 1e-9);
  const loadHistory: boolean[] = [];
  const timeHistory: boolean[] = [];
  const distHistory: boolean[] = [];
  let iterations = 0;
  let noImprovement = 0;
  let lastRestart = 0;
  let lastProgress = -Infinity;

  const report = (force: boolean): void => {
    if (!ctl.onProgress) return;
    const t = now();
    if (!force && t - lastProgress < 100) return;
    lastProgress = t;
    const elapsedMs = t - t0;
    const fraction = Math.min(
      1,
      Math.max(
        ctl.timeLimitMs === Infinity ? 0 : elapsedMs / ctl.timeLimitMs,
        ctl.iterationLimit === Infinity ? 0 : iterations / Math.max(1, ctl.iterationLimit),
      ),
    );
    ctl.onProgress({
      iteration: iterations,
      bestCost: best ? best.cost / ctl.costScale : Infinity,
      elapsedMs,
      fraction,
    });
  };

  const proximityAvg = (ind: Individual, k: number): number => {
    const m = Math.min(k, ind.prox.length);
    if (m === 0) return 0;
    let s = 0;
    for (let i = 0; i < m; i++) s += ind.prox[i]!.d;
    return s / m;
  };

  const updateFitness = (pop: Individual[]): void => {
    const size = pop.length;
    if (size === 1) {
      pop[0]!.fitness = 0;
      return;
    }
    // pop is sorted by penalised cost, so the index is the cost rank.
    const ranking = pop.map((ind, i) => ({ d: -proximityAvg(ind, NB_CLOSE), i }));
    ranking.sort((a, b) => a.d - b.d || a.i - b.i);
    for (let r = 0; r < size; r++) {
      const divRank = r / (size - 1);
      const fitRank = ranking[r]!.i / (size - 1);
      const ind = pop[ranking[r]!.i]!;
      ind.fitness = size <= NB_ELITE ? fitRank : fitRank + (1 - NB_ELITE / size) * divRank;
    }
  };

  const removeWorst = (pop: Individual[]): void => {
    updateFitness(pop);
    let worstPos = -1;
    let worstClone = false;
    let worstFit = -Infinity;
    for (let i = 1; i < pop.length; i++) {
      const ind = pop[i]!;
      const clone = proximityAvg(ind, 1) < 1e-9;
      if ((clone && !worstClone) || (clone === worstClone && ind.fitness > worstFit)) {
        worstPos = i;
        worstClone = clone;
        worstFit = ind.fitness;
      }
    }
    if (worstPos < 0) return;
    const [worst] = pop.splice(worstPos, 1);
    for (const other of pop) {
      const idx = other.prox.findIndex((p) => p.ind === worst);
      if (idx >= 0) other.prox.splice(idx, 1);
    }
  };

  const insertSorted = (pop: Individual[], ind: Individual): void => {
    let pos = pop.length;
    while (pos > 0 && pop[pos - 1]!.penalised > ind.penalised) pos--;
    pop.splice(pos, 0, ind);
  };

  const addProx = (ind: Individual, other: Individual, d: number): void => {
    let pos = ind.prox.length;
    while (pos > 0 && ind.prox[pos - 1]!.d > d) pos--;
    ind.prox.splice(pos, 0, { d, ind: other });
  };

  /** Adds to its subpopulation; returns true when it is a new best. */
  const add = (ind: Individual): boolean => {
    const pop = ind.feasible ? feasiblePop : infeasiblePop;
    for (const other of pop) {
      const d = brokenPairs(inst, ind, other);
      addProx(other, ind, d);
      addProx(ind, other, d);
    }
    insertSorted(pop, ind);
    if (pop.length > MU + LAMBDA) while (pop.length > MU) removeWorst(pop);
    if (!ind.feasible && (!fallback || violation(ind) < violation(fallback) - 1e-12)) fallback = ind;
    if (ind.feasible && better(ind, best)) {
      best = ind;
      return true;
    }
    return false;
  };

  const tournament = (): Individual => {
    updateFitness(feasiblePop);
    updateFitness(infeasiblePop);
    const total = feasiblePop.length + infeasiblePop.length;
    const pick = (): Individual => {
      const p = rng.int(total);
      return p < feasiblePop.length ? feasiblePop[p]! : infeasiblePop[p - feasiblePop.length]!;
    };
    const a = pick();
    const b = pick();
    return a.fitness < b.fitness ? a : b;
  };

  const managePenalties = (): void => {
    const frac = (h: boolean[]): number => h.filter(Boolean).length / Math.max(1, h.length);
    const adapt = (p: number, f: number): number =>
      f < TARGET_FEASIBLE - 0.05 ? p * 1.2 : f > TARGET_FEASIBLE + 0.05 ? p * 0.85 : p;
    pen.capacity = clampCap(adapt(pen.capacity, frac(loadHistory)));
    pen.time = clampTime(adapt(pen.time, frac(timeHistory)));
    if (inst.distLimited) pen.distance = clampDist(adapt(pen.distance, frac(distHistory)));
    loadHistory.length = 0;
    timeHistory.length = 0;
    distHistory.length = 0;
    for (const ind of infeasiblePop) ind.penalised = penalisedCost(inst, ind, pen);
    infeasiblePop.sort((a, b) => a.penalised - b.penalised);
  };

  /** Local search, bookkeeping, optional repair. Counts as one iteration. */
  const educateAndAdd = (routes: number[][]): boolean => {
    iterations++;
    const improvedRoutes = ls.run(routes, pen);
    const ind = makeIndividual(inst, improvedRoutes, pen);
    loadHistory.push(ind.excessLoad <= 1e-6);
    timeHistory.push(ind.excessTime <= 1e-6);
    if (inst.distLimited) distHistory.push(ind.excessDist <= 1e-6);
    let improved = add(ind);
    if (!ind.feasible && !stoppedBy && rng.next() < REPAIR_PROBABILITY) {
      // Repair (Vidal et al. 2012): penalties x10, then x100 if that was not enough.
      let repaired = makeIndividual(
        inst,
        ls.run(improvedRoutes, { capacity: pen.capacity * 10, time: pen.time * 10, distance: pen.distance * 10 }),
        pen,
      );
      if (!repaired.feasible && !stoppedBy) {
        repaired = makeIndividual(
          inst,
          ls.run(repaired.routes, {
            capacity: pen.capacity * 100,
            time: pen.time * 100,
            distance: pen.distance * 100,
          }),
          pen,
        );
      }
      if (repaired.feasible) improved = add(repaired) || improved;
    }
    // Penalties adapt every 100 iterations (HGS); during the first 100, every 20, so that short
    // runs do not spend their whole budget with penalties far off.
    if (iterations % PENALTY_PERIOD === 0 || (iterations < PENALTY_PERIOD && iterations % 20 === 0)) managePenalties();
    return improved;
  };

  const limitReached = (): boolean => {
    if (iterations >= ctl.iterationLimit) {
      stoppedBy ??= "iterations";
      return true;
    }
    if (noImprovement >= ctl.noImprovementLimit) {
      stoppedBy ??= "converged";
      return true;
    }
    return timeUp();
  };

  // Construction: savings split for the actual fleet, and regret insertion (which respects
  // windows, shifts and vehicle features as it goes); the better one is "the construction".
  const savings = makeIndividual(inst, splitter.split(savingsTour(inst), pen), pen);
  const inserted = makeIndividual(inst, placeLeftovers(inst, regretInsertion(inst, timeUp)), pen);
  const firstIsBetter = (a: Individual, b: Individual): boolean =>
    a.feasible !== b.feasible
      ? a.feasible
      : a.feasible
        ? better(a, b)
        : violation(a) < violation(b) || (violation(a) === violation(b) && a.penalised < b.penalised);
  const construction = firstIsBetter(inserted, savings) ? inserted : savings;
  const otherConstruction = construction === inserted ? savings : inserted;
  if (construction.feasible) best = construction;
  fallback = construction;

  if (n > 0 && inst.nV > 0) {
    // Initial population: seeds, the construction, then random giant tours.
    const seeds: number[][][] = [...ctl.initial, construction.routes, otherConstruction.routes];
    const target = 4 * MU;
    const randomTour = (): Int32Array => {
      const t = new Int32Array(n);
      for (let i = 0; i < n; i++) t[i] = i + 1;
      rng.shuffle(t);
      return t;
    };
    const populate = (starts: number[][][], budgetEnd: number): void => {
      for (let i = 0; i < target && !limitReached(); i++) {
        // Half of the other starts are randomised savings tours: for large instances a local search
        // from a random tour is slow, and these start closer to good solutions.
        const routes =
          i < starts.length
            ? starts[i]!
            : splitter.split(n > 300 && i % 2 === 1 ? savingsTour(inst, rng, 0.4) : randomTour(), pen);
        educateAndAdd(routes);
        report(false);
        // With a clock budget, leave most of it to the genetic phase.
        if (ctl.timeLimitMs !== Infinity && ctl.iterationLimit === Infinity && now() - t0 > budgetEnd) break;
      }
    };
    populate(seeds, 0.3 * ctl.timeLimitMs);
    // Genetic phase.
    while (!limitReached() && feasiblePop.length + infeasiblePop.length > 0) {
      const p1 = tournament();
      const p2 = tournament();
      const child = crossoverOX(rng, p1.tour, p2.tour);
      const improved = educateAndAdd(splitter.split(child, pen));
      noImprovement = improved ? 0 : noImprovement + 1;
      report(false);
      if (
        ctl.restartAfter !== undefined &&
        noImprovement >= ctl.restartAfter &&
        iterations - lastRestart >= ctl.restartAfter &&
        !limitReached()
      ) {
        // HGS-CVRP: a population that stopped improving starts again from new random individuals
        // (the best solution is kept aside). The convergence limit still counts from the last
        // improvement.
        feasiblePop.length = 0;
        infeasiblePop.length = 0;
        lastRestart = iterations;
        const elapsed = now() - t0;
        populate([], elapsed + 0.3 * Math.max(0, ctl.timeLimitMs - elapsed));
      }
    }
  } else {
    stoppedBy = "converged";
  }
  report(true);
  return {
    best,
    fallback: fallback ?? construction,
    construction,
    iterations,
    stoppedBy: stoppedBy ?? "converged",
    elapsedMs: now() - t0,
  };
}

/** Ordered crossover (OX) on giant tours. */
export function crossoverOX(rng: Rng, p1: Int32Array, p2: Int32Array): Int32Array {
  const n = p1.length;
  const child = new Int32Array(n);
  if (n === 0) return child;
  const used = new Uint8Array(n + 1);
  const start = rng.int(n);
  let end = rng.int(n);
  while (n > 1 && end === start) end = rng.int(n);
  let j = start;
  while (j % n !== (end + 1) % n) {
    const c = p1[j % n]!;
    child[j % n] = c;
    used[c] = 1;
    j++;
  }
  for (let i = 1; i <= n; i++) {
    const c = p2[(end + i) % n]!;
    if (used[c] === 0) {
      child[j % n] = c;
      j++;
    }
  }
  return child;
}
