/**
 * Carbon allocation benchmark: a synthetic planned cycle of 5,000 orders from 150 farms,
 * allocated in full (every route, stop and order). Target: under 1 s on the project machine.
 * Run with `npm run bench:carbon`. Exits non-zero if the cycle does not balance to the gram.
 *
 * `npm run bench:carbon -- --accuracy` measures the checkout estimate against the allocated
 * figures instead (tests/bench/carbon-accuracy.ts; a few minutes).
 */
if (process.argv.includes("--accuracy")) {
  const { runAccuracyBench } = await import("./carbon-accuracy");
  process.exit(await runAccuracyBench());
}

import { performance } from "node:perf_hooks";
import {
  allocateCycle,
  compareWithBaseline,
  computeBaseline,
  estimateOrderCarbon,
  formatCo2e,
  type EstimateFarm,
  type Consignment,
  type RouteInput,
} from "../../app/domain/carbon";
import { roadDistanceMetres, type LatLng } from "../../app/domain/geo";

const ORDERS = 5_000;
const FARMS = 150;
const DROP_OFF_SHARE = 0.1;
const PICKUP_SHARE = 0.1;
const COLLECTION_CAPACITY_GRAMS = 1_000_000;
const COLLECTION_MAX_STOPS = 8;
const DELIVERY_CAPACITY_GRAMS = 900_000;
const DELIVERY_MAX_STOPS = 45;
const RUNS = 7;

// Deterministic PRNG (mulberry32) so every run measures the same cycle.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const random = rng(2026_11_29);
const between = (min: number, max: number): number => min + random() * (max - min);
const int = (min: number, max: number): number => Math.floor(between(min, max + 1));

const hub: LatLng = { lat: 52.2, lng: 0.12 };
function around(center: LatLng, maxKm: number): LatLng {
  const r = Math.sqrt(random()) * maxKm;
  const theta = random() * 2 * Math.PI;
  return {
    lat: center.lat + (r / 111.2) * Math.cos(theta),
    lng: center.lng + (r / (111.2 * Math.cos((center.lat * Math.PI) / 180))) * Math.sin(theta),
  };
}
const bearing = (p: LatLng): number => Math.atan2(p.lng - hub.lng, p.lat - hub.lat);

interface Farm {
  id: string;
  at: LatLng;
  toHub: number;
  dropOff: boolean;
}
interface Order {
  id: string;
  at: LatLng;
  toHub: number;
  pickup: boolean;
  gramsByFarm: Map<string, number>;
}

function synthesise(): { routes: RouteInput[]; farms: Farm[]; orders: Order[] } {
  const farms: Farm[] = Array.from({ length: FARMS }, (_, i) => {
    const at = around(hub, 40);
    return { id: `farm-${i}`, at, toHub: roadDistanceMetres(hub, at), dropOff: random() < DROP_OFF_SHARE };
  });
  const orders: Order[] = Array.from({ length: ORDERS }, (_, i) => {
    const at = around(hub, 20);
    const gramsByFarm = new Map<string, number>();
    const farmCount = int(1, 4);
    for (let k = 0; k < farmCount; k++) {
      const farm = farms[int(0, FARMS - 1)] as Farm;
      gramsByFarm.set(farm.id, (gramsByFarm.get(farm.id) ?? 0) + int(300, 8_000));
    }
    return {
      id: `order-${String(i).padStart(5, "0")}`,
      at,
      toHub: roadDistanceMetres(hub, at),
      pickup: random() < PICKUP_SHARE,
      gramsByFarm,
    };
  });

  // Not refrigerated, like the checkout estimate defaults, so the two figures compare like for like.
  const van = { energyType: "van-diesel-class-iii", refrigerated: false };
  const routes: RouteInput[] = [];
  const roundMetres = (points: LatLng[]): number => {
    let total = 0;
    let at = hub;
    for (const p of [...points, hub]) {
      total += roadDistanceMetres(at, p);
      at = p;
    }
    return total;
  };
  // Sweep by bearing, cut by capacity, then visit each group nearest-neighbour first: a crude
  // stand-in for the real planner, good enough for plausible route sizes and lengths.
  const nearestNeighbour = <T extends { at: LatLng }>(items: T[]): T[] => {
    const left = [...items];
    const ordered: T[] = [];
    let at = hub;
    while (left.length > 0) {
      let best = 0;
      let bestMetres = Infinity;
      left.forEach((item, i) => {
        const m = roadDistanceMetres(at, item.at);
        if (m < bestMetres) {
          bestMetres = m;
          best = i;
        }
      });
      const [next] = left.splice(best, 1) as [T];
      ordered.push(next);
      at = next.at;
    }
    return ordered;
  };
  const sweep = <T extends { at: LatLng }>(
    items: T[],
    grams: (item: T) => number,
    capacity: number,
    maxStops: number,
  ): T[][] => {
    const groups: T[][] = [];
    let group: T[] = [];
    let load = 0;
    for (const item of [...items].sort((a, b) => bearing(a.at) - bearing(b.at))) {
      const g = grams(item);
      if (group.length > 0 && (load + g > capacity || group.length >= maxStops)) {
        groups.push(nearestNeighbour(group));
        group = [];
        load = 0;
      }
      group.push(item);
      load += g;
    }
    if (group.length > 0) groups.push(nearestNeighbour(group));
    return groups;
  };

  const consignmentsByFarm = new Map<string, Consignment[]>();
  for (const o of orders) {
    for (const [farmId, grams] of o.gramsByFarm) {
      const list = consignmentsByFarm.get(farmId) ?? [];
      list.push({ orderId: o.id, farmId, grams });
      consignmentsByFarm.set(farmId, list);
    }
  }
  const farmGrams = (f: Farm): number => (consignmentsByFarm.get(f.id) ?? []).reduce((t, c) => t + (c.grams ?? 0), 0);

  // Collection rounds for most farms; the rest drive their goods in themselves.
  const collected = farms.filter((f) => !f.dropOff && consignmentsByFarm.has(f.id));
  for (const group of sweep(collected, farmGrams, COLLECTION_CAPACITY_GRAMS, COLLECTION_MAX_STOPS)) {
    routes.push({
      id: `collection-${routes.length}`,
      kind: "COLLECTION",
      metres: roundMetres(group.map((f) => f.at)),
      distanceKind: "PLANNED",
      vehicle: van,
      stops: group.map((f) => ({
        id: f.id,
        distanceFromDepotMetres: f.toHub,
        consignments: consignmentsByFarm.get(f.id) ?? [],
      })),
    });
  }
  for (const f of farms.filter((x) => x.dropOff && consignmentsByFarm.has(x.id))) {
    routes.push({
      id: `drop-off-${f.id}`,
      kind: "FARM_DROP_OFF",
      metres: 2 * f.toHub,
      distanceKind: "PLANNED",
      vehicle: { energyType: "van-diesel-average", refrigerated: false },
      stops: [
        { id: `hub-from-${f.id}`, distanceFromDepotMetres: f.toHub, consignments: consignmentsByFarm.get(f.id) ?? [] },
      ],
    });
  }

  const orderGrams = (o: Order): number => [...o.gramsByFarm.values()].reduce((t, g) => t + g, 0);
  const delivered = orders.filter((o) => !o.pickup);
  for (const group of sweep(delivered, orderGrams, DELIVERY_CAPACITY_GRAMS, DELIVERY_MAX_STOPS)) {
    routes.push({
      id: `delivery-${routes.length}`,
      kind: "DELIVERY",
      metres: roundMetres(group.map((o) => o.at)),
      distanceKind: "PLANNED",
      vehicle: van,
      stops: group.map((o) => ({
        id: `stop-${o.id}`,
        distanceFromDepotMetres: o.toHub,
        consignments: [{ orderId: o.id, farmId: null, grams: orderGrams(o) }],
      })),
    });
  }
  return { routes, farms, orders };
}

const t0 = performance.now();
const { routes, farms, orders } = synthesise();
const synthMs = performance.now() - t0;

const timings: number[] = [];
let cycle = allocateCycle({ routes, distanceBasis: "GREAT_CIRCLE_X_CIRCUITY" });
for (let run = 0; run < RUNS; run++) {
  const start = performance.now();
  cycle = allocateCycle({ routes, distanceBasis: "GREAT_CIRCLE_X_CIRCUITY" });
  timings.push(performance.now() - start);
}
timings.sort((a, b) => a - b);
const median = timings[Math.floor(timings.length / 2)] as number;
const worst = timings[timings.length - 1] as number;

// Checkout path for comparison: estimate + baseline + comparison for every order.
const estimateFarms: EstimateFarm[] = farms.map((f) => ({
  farmId: f.id,
  farmToHubMetres: f.toHub,
  arrival: f.dropOff ? "FARM_DROP_OFF" : "COLLECTION",
}));
const estStart = performance.now();
let estimatedGrams = 0;
let lowerClaims = 0;
let baselineGrams = 0;
for (const o of orders) {
  const lines = [...o.gramsByFarm].map(([farmId, grams]) => ({ farmId, grams, chilled: false }));
  const estimate = estimateOrderCarbon({
    lines,
    farms: estimateFarms,
    delivery: o.pickup ? null : { hubToBuyerMetres: o.toHub },
    distanceBasis: "GREAT_CIRCLE_X_CIRCUITY",
  });
  const baseline = computeBaseline({ lines, householdCarTrip: !o.pickup });
  const comparison = compareWithBaseline(estimate, baseline);
  if (estimate.status === "ESTIMATED") estimatedGrams += estimate.gramsCo2e;
  if (baseline.status === "ESTIMATED") baselineGrams += baseline.gramsCo2e;
  if (comparison.status === "COMPARED" && comparison.claim === "LOWER") lowerClaims++;
}
const estMs = performance.now() - estStart;

const { totals } = cycle;
const stops = routes.reduce((s, r) => s + r.stops.length, 0);
const consignments = routes.reduce((s, r) => s + r.stops.reduce((t, x) => t + x.consignments.length, 0), 0);
const goodsGrams = orders.reduce((s, o) => s + [...o.gramsByFarm.values()].reduce((t, g) => t + g, 0), 0);
const orderSum = cycle.orders.reduce((s, o) => s + (o.status === "ALLOCATED" ? o.gramsCo2e : 0), 0);
const balanced =
  orderSum === totals.orderGrams &&
  totals.orderGrams + totals.unallocatedGrams + totals.notEstimatedOrderGrams === totals.routeGrams &&
  cycle.orders.length === ORDERS;
const kinds = (k: RouteInput["kind"]): number => routes.filter((r) => r.kind === k).length;
const allocatedFood = cycle.orders.filter((o) => o.status === "ALLOCATED" && o.foodMetres !== null);
const meanFoodKm =
  allocatedFood.reduce((s, o) => s + (o.status === "ALLOCATED" ? (o.foodMetres ?? 0) : 0), 0) /
  allocatedFood.length /
  1000;

const ms = (x: number): string => `${x.toFixed(1)} ms`;
console.log("Foodshed carbon allocation benchmark");
console.log(`  cycle           ${ORDERS} orders, ${FARMS} farms, ${(goodsGrams / 1e6).toFixed(2)} t of goods`);
console.log(
  `  routes          ${routes.length} (${kinds("COLLECTION")} collection, ${kinds("FARM_DROP_OFF")} farm drop-off, ${kinds("DELIVERY")} delivery), ${stops} stops, ${consignments} consignments`,
);
console.log(`  synthesis       ${ms(synthMs)} (not timed below)`);
console.log(
  `  allocateCycle   median ${ms(median)}, worst ${ms(worst)} over ${RUNS} runs (target < 1000 ms): ${worst < 1000 ? "OK" : "OVER TARGET"}`,
);
console.log(`  checkout path   ${ms(estMs)} for ${ORDERS} estimates + baselines + comparisons`);
console.log(`  route grams     ${totals.routeGrams} g (${formatCo2e(totals.routeGrams)})`);
console.log(
  `  order grams     ${orderSum} g; unallocated ${totals.unallocatedGrams} g; not estimated ${totals.notEstimatedOrderGrams} g`,
);
console.log(
  `  balance         sum of order grams ${balanced ? "=" : "≠"} sum of route grams: ${balanced ? "OK" : "MISMATCH"}`,
);
console.log(
  `  per order       allocated ${formatCo2e(Math.round(orderSum / ORDERS))}, estimated ${formatCo2e(Math.round(estimatedGrams / ORDERS))}, baseline ${formatCo2e(Math.round(baselineGrams / ORDERS))}`,
);
console.log(`  per kg goods    ${((orderSum / goodsGrams) * 1000).toFixed(1)} g CO2e/kg allocated`);
console.log(`  food miles      mean ${meanFoodKm.toFixed(1)} km farm → hub → buyer`);
console.log(`  comparisons     ${lowerClaims} of ${ORDERS} estimates may claim LOWER than baseline`);
if (!balanced) process.exit(1);
