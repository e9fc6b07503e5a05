import { describe, expect, it } from "vitest";
import {
  allocatePlanCarbon,
  buildPlanningProblems,
  moveStop,
  PlanningInputError,
  solveLegs,
  toPlanResult,
  zonedToUtc,
  type PlanningData,
} from "./index";

const depot = { lat: 51.4545, lng: -2.5879 };
const data: PlanningData = {
  depot,
  farms: [
    { id: "f1", name: "Hill Farm", lat: 51.5, lng: -2.7, pickupWindowStart: 480, pickupWindowEnd: 720, selfDelivers: false },
    { id: "f2", name: "Dairy", lat: 51.4, lng: -2.5, pickupWindowStart: null, pickupWindowEnd: null, selfDelivers: false },
    { id: "f3", name: "Own Van Farm", lat: 51.42, lng: -2.65, pickupWindowStart: null, pickupWindowEnd: null, selfDelivers: true },
  ],
  orders: [
    { id: "o1", number: 1, buyerName: "Ann", fulfilment: "DELIVERY", lat: 51.46, lng: -2.6, slot: { startMinute: 540, endMinute: 720 }, lines: [{ farmId: "f1", grams: 5000, chilled: false }, { farmId: "f2", grams: 2000, chilled: true }] },
    { id: "o2", number: 2, buyerName: "Bob", fulfilment: "DELIVERY", lat: 51.47, lng: -2.55, slot: { startMinute: 780, endMinute: 1020 }, lines: [{ farmId: "f1", grams: 3000, chilled: false }, { farmId: "f3", grams: 1000, chilled: false }] },
    { id: "o3", number: 3, buyerName: "Cat", fulfilment: "PICKUP", lat: null, lng: null, slot: null, lines: [{ farmId: "f2", grams: 4000, chilled: true }] },
    { id: "o4", number: 4, buyerName: "Dan", fulfilment: "DELIVERY", lat: null, lng: null, slot: null, lines: [{ farmId: "f1", grams: 1000, chilled: false }] },
  ],
  vehicles: [
    { id: "v1", name: "Chiller", capacityGrams: 500_000, refrigerated: true, shiftStartMinute: 480, shiftEndMinute: 1080, maxRouteSeconds: null, costPerKmMinor: 0 },
    { id: "v2", name: "Van", capacityGrams: 500_000, refrigerated: false, shiftStartMinute: 480, shiftEndMinute: 1080, maxRouteSeconds: null, costPerKmMinor: 0 },
  ],
};

describe("planning problems", () => {
  it("collects from farms with goods (not self-delivering) and delivers home-delivery orders", () => {
    const p = buildPlanningProblems(data);
    expect(p.collection.stops.map((s) => [s.id, s.demandGrams, s.requires ?? [], s.window ?? null])).toEqual([
      ["farm:f2", 6000, ["refrigerated"], null],
      ["farm:f1", 9000, [], { start: 28_800, end: 43_200 }],
    ]);
    expect(p.selfDelivering).toEqual([{ farmId: "f3", grams: 1000 }]);
    expect(p.delivery.stops.map((s) => [s.id, s.demandGrams, s.requires ?? [], s.window])).toEqual([
      ["order:o1", 7000, ["refrigerated"], { start: 32_400, end: 43_200 }],
      ["order:o2", 4000, [], { start: 46_800, end: 61_200 }],
    ]);
    expect(p.unassigned).toEqual([expect.objectContaining({ id: "o4", reason: expect.stringMatching(/no delivery location/) })]);
    expect(p.delivery.points).toHaveLength(3);
  });

  it("refuses a fleet without vehicles or with a vehicle without capacity", () => {
    expect(() => buildPlanningProblems({ ...data, vehicles: [] })).toThrow(PlanningInputError);
    expect(() => buildPlanningProblems({ ...data, vehicles: [{ ...data.vehicles[0]!, capacityGrams: 0 }] })).toThrow(/no capacity/);
  });

  it("solves both legs, serves every stop it can, and allocates carbon exactly", () => {
    const problems = buildPlanningProblems(data);
    const solved = solveLegs(problems, { kind: "estimate", circuity: 1.3, speedKmh: 40 }, { timeLimitMs: 500, iterationLimit: 200 });
    const result = toPlanResult(data, problems, solved);
    const served = result.routes.flatMap((r) => r.stops.map((s) => s.stopId)).sort();
    expect(served).toEqual(["farm:f1", "farm:f2", "order:o1", "order:o2"]);
    expect(result.unassigned.map((u) => u.id)).toEqual(["o4"]);
    const chilledRoute = result.routes.find((r) => r.stops.some((s) => s.stopId === "order:o1"))!;
    expect(chilledRoute.vehicleId).toBe("v1");
    for (const route of result.routes) {
      for (const stop of route.stops) expect(stop.distanceFromDepotM).toBeGreaterThan(0);
    }
    const carbon = allocatePlanCarbon({
      routes: result.routes.map((r, i) => ({
        id: `r${i}`,
        kind: r.kind,
        distanceM: r.distanceM,
        vehicle: { energyType: "van-diesel-average", refrigerated: r.vehicleId === "v1" },
        stops: r.stops.map((s, j) => ({ id: `r${i}s${j}`, farmId: s.farmId, orderId: s.orderId, distanceFromDepotM: s.distanceFromDepotM })),
      })),
      lines: data.orders.flatMap((o) => o.lines.map((l) => ({ orderId: o.id, farmId: l.farmId, grams: l.grams }))),
      selfDelivering: [{ farmId: "f3", metresToHub: 8000 }],
      distanceBasis: "GREAT_CIRCLE_X_CIRCUITY",
    });
    const routeSum = carbon.routes.reduce((s, r) => s + r.co2eGrams, 0);
    expect(routeSum).toBe(carbon.planCo2eGrams);
    const stopSum = carbon.stops.reduce((s, r) => s + r.co2eGrams, 0);
    expect(stopSum).toBe(routeSum);
    const orderSum = carbon.orders.reduce((s, o) => s + (o.status === "ALLOCATED" ? o.gramsCo2e : 0), 0);
    expect(orderSum).toBe(carbon.planCo2eGrams + carbon.dropOffCo2eGrams);
    const pickup = carbon.orders.find((o) => o.orderId === "o3")!;
    expect(pickup.status === "ALLOCATED" && pickup.hubToBuyerGramsCo2e).toBe(0);
  });
});

describe("moving a stop", () => {
  const routes = [
    { routeId: "a", vehicleId: "v1", stopIds: ["s1", "s2", "s3"] },
    { routeId: "b", vehicleId: "v2", stopIds: ["s4"] },
  ];
  it("moves between routes at a position and within a route", () => {
    expect(moveStop(routes, "s2", "b", 1)).toEqual([
      { routeId: "a", vehicleId: "v1", stopIds: ["s1", "s3"] },
      { routeId: "b", vehicleId: "v2", stopIds: ["s2", "s4"] },
    ]);
    expect(moveStop(routes, "s1", "a", 99)).toEqual([{ routeId: "a", vehicleId: "v1", stopIds: ["s2", "s3", "s1"] }]);
    expect(() => moveStop(routes, "zz", "a", 1)).toThrow(/not on any route/);
  });
});

describe("hub time", () => {
  it("converts wall-clock minutes in London to instants across daylight saving", () => {
    expect(zonedToUtc("2026-01-15", 540, "Europe/London").toISOString()).toBe("2026-01-15T09:00:00.000Z");
    expect(zonedToUtc("2026-07-15", 540, "Europe/London").toISOString()).toBe("2026-07-15T08:00:00.000Z");
  });
});
