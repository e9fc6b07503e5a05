/**
 * Scale check of the route solver on a realistic generated instance:
 * 1,000 stops in a 60 km x 60 km region (towns plus scattered farms), road-like distances
 * (great circle x 1.3 circuity, with +-10% noise per pair), 20 vehicles, time windows.
 *
 *   npm run bench:vrp:large -- [--time-limit-ms 10000] [--stops 1000] [--vehicles 20] [--seed 1] [--trace]
 *
 * Prints the cost of the construction alone (savings + split, no search) and after the search.
 */
import {
  evaluateRoutes,
  solve,
  type RoutingProblem,
  type RoutingStop,
  type RoutingVehicle,
} from "../../app/domain/routing/index";
import { parseArgs } from "./lib/args";

const args = parseArgs(process.argv.slice(2));
const timeLimitMs = Number(args.get("time-limit-ms") ?? 10_000);
const nStops = Number(args.get("stops") ?? 1000);
const nVehicles = Number(args.get("vehicles") ?? 20);
const seed = Number(args.get("seed") ?? 1);
const trace = args.has("trace");

function mulberry32(a: number): () => number {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function haversine(a: [number, number], b: [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[0] - a[0]) * rad;
  const dLng = (b[1] - a[1]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function generateLargeInstance(stops: number, vehicles: number, seed: number): RoutingProblem {
  const rnd = mulberry32(seed);
  const centre: [number, number] = [52.2, -1.5];
  const kmLat = 1 / 111.2;
  const kmLng = 1 / (111.2 * Math.cos((centre[0] * Math.PI) / 180));
  const point = (xKm: number, yKm: number): [number, number] => [centre[0] + yKm * kmLat, centre[1] + xKm * kmLng];
  // A few towns; 70% of stops cluster around them, the rest (farms) are scattered.
  const towns = Array.from({ length: 8 }, () => [rnd() * 60 - 30, rnd() * 60 - 30] as const);
  const pts: Array<[number, number]> = [point(0, 0)];
  for (let i = 0; i < stops; i++) {
    if (rnd() < 0.7) {
      const t = towns[Math.floor(rnd() * towns.length)]!;
      const r = Math.sqrt(-2 * Math.log(1 - rnd())) * 2.5;
      const a = rnd() * 2 * Math.PI;
      pts.push(
        point(Math.max(-30, Math.min(30, t[0] + r * Math.cos(a))), Math.max(-30, Math.min(30, t[1] + r * Math.sin(a)))),
      );
    } else pts.push(point(rnd() * 60 - 30, rnd() * 60 - 30));
  }
  const n = pts.length;
  const noise: number[] = [];
  for (let i = 0; i < n * n; i++) noise.push(0);
  const distance: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < n; j++) {
      if (j < i) row.push(distance[j]![i]!);
      else if (j === i) row.push(0);
      else row.push(Math.round(haversine(pts[i]!, pts[j]!) * 1.3 * (0.9 + 0.2 * rnd())));
    }
    distance.push(row);
  }
  const speed = 40 / 3.6; // m/s, rural average
  const duration = distance.map((row) => row.map((d) => Math.round(d / speed)));
  const hour = 3600;
  const windows = [
    { start: 8 * hour, end: 12 * hour },
    { start: 12 * hour, end: 17 * hour },
    { start: 9 * hour, end: 11 * hour },
    { start: 14 * hour, end: 16 * hour },
  ];
  const routingStops: RoutingStop[] = [];
  for (let i = 0; i < stops; i++) {
    const s: RoutingStop = {
      id: `stop-${i + 1}`,
      demandGrams: Math.round((2 + rnd() * 28) * 1000),
      serviceSeconds: Math.round(120 + rnd() * 240),
    };
    const w = rnd();
    if (w < 0.6) s.window = windows[Math.floor(rnd() * windows.length)]!;
    if (rnd() < 0.15) s.requires = ["refrigerated"];
    routingStops.push(s);
  }
  const fleet: RoutingVehicle[] = [];
  for (let k = 0; k < vehicles; k++) {
    fleet.push({
      id: `van-${k + 1}`,
      capacityGrams: (k % 4 === 0 ? 1200 : 900) * 1000,
      shiftStart: 6 * hour,
      shiftEnd: 20 * hour,
      features: k % 2 === 0 ? ["refrigerated"] : [],
    });
  }
  return { stops: routingStops, vehicles: fleet, distance, duration };
}

const t0 = performance.now();
const problem = generateLargeInstance(nStops, nVehicles, seed);
console.log(
  `large instance: ${nStops} stops over 60 km, ${nVehicles} vehicles (mixed capacity, half refrigerated), windows on 60% of stops; generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
const construction = solve(problem, { seed, iterationLimit: 0 });
const km = (m: number): string => (m / 1000).toFixed(1);
console.log(
  `construction only: ${km(construction.totalDistanceMetres)} km, ${construction.routes.length} vehicles, ${construction.unassigned.length} unassigned, ${construction.elapsedMs.toFixed(0)} ms`,
);
const sol = solve(problem, {
  seed,
  timeLimitMs,
  onProgress: (p) => {
    if (trace)
      console.log(
        `  ${(p.elapsedMs / 1000).toFixed(2)} s: iteration ${p.iteration}, best ${p.bestCost === Infinity ? "-" : p.bestCost.toFixed(1)} km`,
      );
    else if (p.iteration % 20 === 0)
      process.stdout.write(
        `  ${(p.elapsedMs / 1000).toFixed(1)} s: iteration ${p.iteration}, best ${p.bestCost === Infinity ? "-" : p.bestCost.toFixed(1)} km\r`,
      );
  },
});
process.stdout.write("\n");
const check = evaluateRoutes(
  problem,
  sol.routes.map((r) => ({ vehicleId: r.vehicleId, stopIds: r.stops.map((s) => s.stopId) })),
);
const improvement =
  ((construction.totalDistanceMetres - sol.totalDistanceMetres) / construction.totalDistanceMetres) * 100;
console.log(
  `search (${timeLimitMs} ms): ${km(sol.totalDistanceMetres)} km, ${sol.routes.length} vehicles, ${sol.unassigned.length} unassigned, ${sol.iterations} iterations, ${sol.elapsedMs.toFixed(0)} ms, stopped by ${sol.stoppedBy}`,
);
console.log(
  `improvement over construction: ${improvement.toFixed(1)}% (${construction.unassigned.length} -> ${sol.unassigned.length} unassigned); independent check: ${check.feasible ? "feasible" : `${check.violations.length} violations`}`,
);
