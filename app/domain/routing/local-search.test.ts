import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hybridGeneticSearch } from "./genetic";
import { buildInstance, type Instance } from "./instance";
import { LocalSearch } from "./local-search";
import { validateProblem } from "./model";
import { Rng } from "./rng";
import { Seg, concat, routeCost, setDepot, setNode, type Penalties } from "./segment";
import type { RoutingProblem, RoutingStop, RoutingVehicle } from "./types";

interface Opts {
  n: number;
  vehicles: number;
  windows: boolean;
  mixed: boolean;
  features: boolean;
  asymmetric: boolean;
}

function problem(seed: number, o: Opts): RoutingProblem {
  const rng = new Rng(seed);
  const pts = [{ x: 50, y: 50 }];
  for (let i = 0; i < o.n; i++) pts.push({ x: rng.int(101), y: rng.int(101) });
  const distance = pts.map((a) =>
    pts.map((b) =>
      a === b ? 0 : Math.round(Math.hypot(a.x - b.x, a.y - b.y) * (o.asymmetric ? 1 + rng.next() * 0.3 : 1)),
    ),
  );
  const stops: RoutingStop[] = [];
  for (let i = 0; i < o.n; i++) {
    const s: RoutingStop = { id: `s${i}`, demandGrams: 1 + rng.int(30), serviceSeconds: o.windows ? rng.int(10) : 0 };
    if (o.windows && rng.next() < 0.7) {
      const start = rng.int(250);
      s.window = { start, end: start + 20 + rng.int(120) };
    }
    if (o.features && rng.next() < 0.3) s.requires = ["cold"];
    stops.push(s);
  }
  const vehicles: RoutingVehicle[] = [];
  for (let k = 0; k < o.vehicles; k++) {
    const big = o.mixed && k % 2 === 1;
    const v: RoutingVehicle = {
      id: `v${k}`,
      capacityGrams: big ? 80 : 50,
      shiftStart: 0,
      shiftEnd: o.windows ? 400 : Infinity,
    };
    if (o.mixed) {
      v.costPerKm = big ? 1.5 : 1;
      v.fixedCost = big ? 0.02 : 0.01;
    }
    if (o.features && k % 2 === 0) v.features = ["cold"];
    vehicles.push(v);
  }
  return { stops, vehicles, distance, duration: distance };
}

function instanceOf(p: RoutingProblem): Instance {
  const model = validateProblem(p);
  return buildInstance(
    model,
    p.stops.map((_, i) => i),
    p.vehicles.map((_, i) => i),
  );
}

function randomRoutes(inst: Instance, rng: Rng): number[][] {
  const routes: number[][] = Array.from({ length: inst.nV }, () => []);
  for (let c = 1; c <= inst.n; c++) routes[rng.int(inst.nV)]!.push(c);
  return routes;
}

/** Penalised cost of a solution, recomputed from scratch. */
function penalised(inst: Instance, routes: number[][], pen: Penalties): number {
  let total = 0;
  const S = new Seg();
  const X = new Seg();
  routes.forEach((list, r) => {
    setDepot(S, inst, r);
    for (const c of list) {
      concat(S, inst, S, setNode(X, inst, c));
      if (inst.compat[r * inst.N + c] === 0) total += inst.incompatPenalty;
    }
    concat(S, inst, S, setDepot(X, inst, r));
    total += routeCost(inst, S, r, list.length > 0, pen);
  });
  return total;
}

const optsArb = fc.record({
  n: fc.integer({ min: 2, max: 18 }),
  vehicles: fc.integer({ min: 2, max: 5 }),
  windows: fc.boolean(),
  mixed: fc.boolean(),
  features: fc.boolean(),
  asymmetric: fc.boolean(),
});

describe("local search moves", () => {
  it("each applied move changes the penalised cost by exactly what it computed", () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        optsArb,
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        (seed, o, p) => {
          const inst = instanceOf(problem(seed, o));
          const rng = new Rng(seed);
          const ls = new LocalSearch(inst, rng);
          const pen = { capacity: p, time: p / 2, distance: p };
          const bad: string[] = [];
          ls.audit = (move, computed, actual) => {
            seen.set(move, (seen.get(move) ?? 0) + 1);
            if (Math.abs(computed - actual) > 1e-6 * (1 + Math.abs(actual)))
              bad.push(`${move}: computed ${computed}, actual ${actual}`);
            if (!(actual < 0)) bad.push(`${move}: not improving (${actual})`);
          };
          const start = randomRoutes(inst, rng);
          const out = ls.run(start, pen);
          expect(bad).toEqual([]);
          expect(penalised(inst, out, pen)).toBeLessThanOrEqual(penalised(inst, start, pen) + 1e-9);
          expect(out.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: inst.n }, (_, i) => i + 1));
        },
      ),
      { numRuns: 150, seed: 7 },
    );

    // Every kind of move, SWAP* included, was exercised.
    for (const m of [
      "move1",
      "move2",
      "move4",
      "move5",
      "move6",
      "move7",
      "move8",
      "move9",
      "swapStar",
      "vehicleExchange",
    ]) {
      expect(seen.get(m) ?? 0, m).toBeGreaterThan(0);
    }
  }, 60_000);

  it("with ranges: each applied move changes the penalised cost, distance penalty included, by exactly what it computed", () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        optsArb,
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        (seed, o, p) => {
          const prob = problem(seed, o);
          prob.vehicles.forEach((v, k) => {
            if (k % 2 === 0) v.maxRouteMetres = 60 + (seed % 120);
          });
          const inst = instanceOf(prob);
          expect(inst.distLimited).toBe(true);
          expect(inst.timeFree).toBe(false);
          const rng = new Rng(seed);
          const ls = new LocalSearch(inst, rng);
          const pen = { capacity: p, time: p / 2, distance: 2 * p };
          const bad: string[] = [];
          ls.audit = (move, computed, actual) => {
            seen.set(move, (seen.get(move) ?? 0) + 1);
            if (Math.abs(computed - actual) > 1e-6 * (1 + Math.abs(actual)))
              bad.push(`${move}: computed ${computed}, actual ${actual}`);
            if (!(actual < 0)) bad.push(`${move}: not improving (${actual})`);
          };
          const start = randomRoutes(inst, rng);
          const out = ls.run(start, pen);
          expect(bad).toEqual([]);
          expect(penalised(inst, out, pen)).toBeLessThanOrEqual(penalised(inst, start, pen) + 1e-9);
          expect(out.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: inst.n }, (_, i) => i + 1));
        },
      ),
      { numRuns: 100, seed: 8 },
    );
    // A range takes the general path (no SWAP* or reversed 2-opt*); every other move was exercised.
    for (const m of ["move1", "move2", "move4", "move5", "move6", "move7", "move9", "vehicleExchange"]) {
      expect(seen.get(m) ?? 0, m).toBeGreaterThan(0);
    }
  }, 60_000);

  it("SWAP*: after the search no exchange of two customers, each at its best place, improves a time-free solution", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 4, max: 14 }),
        fc.boolean(),
        (seed, n, mixed) => {
          const o = { n, vehicles: 3, windows: false, mixed, features: false, asymmetric: false };
          const inst = instanceOf(problem(seed, o));
          const rng = new Rng(seed);
          const pen = { capacity: 5, time: 5, distance: 5 };
          const routes = new LocalSearch(inst, rng).run(randomRoutes(inst, rng), pen);
          const base = penalised(inst, routes, pen);
          for (let a = 0; a < routes.length; a++) {
            for (let b = a + 1; b < routes.length; b++) {
              const la = routes[a]!;
              const lb = routes[b]!;
              for (let i = 0; i < la.length; i++) {
                for (let j = 0; j < lb.length; j++) {
                  const ra = la.filter((_, k) => k !== i);
                  const rb = lb.filter((_, k) => k !== j);
                  for (let x = 0; x <= ra.length; x++) {
                    for (let y = 0; y <= rb.length; y++) {
                      const na = [...ra.slice(0, x), lb[j]!, ...ra.slice(x)];
                      const nb = [...rb.slice(0, y), la[i]!, ...rb.slice(y)];
                      const trial = routes.map((l, r) => (r === a ? na : r === b ? nb : l));
                      expect(penalised(inst, trial, pen)).toBeGreaterThan(base - 1e-6);
                    }
                  }
                }
              }
            }
          }
        },
      ),
      { numRuns: 40, seed: 11 },
    );
  }, 60_000);
});

describe("genetic search", () => {
  it("restarts a population that stopped improving, keeps the best and stays deterministic", () => {
    const inst = instanceOf(
      problem(5, { n: 12, vehicles: 3, windows: true, mixed: true, features: true, asymmetric: false }),
    );
    const run = () =>
      hybridGeneticSearch(inst, {
        seed: 3,
        iterationLimit: 200,
        timeLimitMs: Infinity,
        noImprovementLimit: Infinity,
        restartAfter: 30,
        costScale: 1000,
        initial: [],
      });
    const a = run();
    const b = run();
    expect(a.iterations).toBe(200);
    expect(a.best?.feasible).toBe(true);
    expect(a.best?.cost).toBe(b.best?.cost);
    expect(a.best?.routes).toEqual(b.best?.routes);
  }, 30_000);
});
