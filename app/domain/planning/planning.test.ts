import { describe, expect, it } from "vitest";
import { durationSeconds, haversineMetres } from "../geo";
import {
  allocatePlanCarbon,
  buildPlanningProblems,
  DELIVERY_SERVICE_SECONDS,
  estimateMatrix,
  farmStopId,
  orderStopId,
  parseStopId,
  SECOND_PART_SERVICE_SECONDS,
  moveStop,
  PlanningInputError,
  DEFAULT_RANGE_DERATING,
  solveLegs,
  toPlanResult,
  zonedToUtc,
  type PlanningData,
} from "./index";

const depot = { lat: 51.4545, lng: -2.5879 };
const data: PlanningData = {
  depot,
  farms: [
    {
      id: "f1",
      name: "Hill Farm",
      lat: 51.5,
      lng: -2.7,
      pickupWindowStart: 480,
      pickupWindowEnd: 720,
      selfDelivers: false,
    },
    {
      id: "f2",
      name: "Dairy",
      lat: 51.4,
      lng: -2.5,
      pickupWindowStart: null,
      pickupWindowEnd: null,
      selfDelivers: false,
    },
    {
      id: "f4",
      name: "Mixed Farm",
      lat: 51.52,
      lng: -2.55,
      pickupWindowStart: null,
      pickupWindowEnd: null,
      selfDelivers: false,
    },
    {
      id: "f3",
      name: "Own Van Farm",
      lat: 51.42,
      lng: -2.65,
      pickupWindowStart: null,
      pickupWindowEnd: null,
      selfDelivers: true,
    },
  ],
  orders: [
    {
      id: "o1",
      number: 1,
      buyerName: "Ann",
      fulfilment: "DELIVERY",
      lat: 51.46,
      lng: -2.6,
      slot: { startMinute: 540, endMinute: 720 },
      lines: [
        { farmId: "f1", grams: 5000, chilled: false },
        { farmId: "f2", grams: 2000, chilled: true },
      ],
    },
    {
      id: "o2",
      number: 2,
      buyerName: "Bob",
      fulfilment: "DELIVERY",
      lat: 51.47,
      lng: -2.55,
      slot: { startMinute: 780, endMinute: 1020 },
      lines: [
        { farmId: "f1", grams: 3000, chilled: false },
        { farmId: "f3", grams: 1000, chilled: false },
      ],
    },
    {
      id: "o3",
      number: 3,
      buyerName: "Cat",
      fulfilment: "PICKUP",
      lat: null,
      lng: null,
      slot: null,
      lines: [{ farmId: "f2", grams: 4000, chilled: true }],
    },
    {
      id: "o4",
      number: 4,
      buyerName: "Dan",
      fulfilment: "DELIVERY",
      lat: null,
      lng: null,
      slot: null,
      lines: [{ farmId: "f1", grams: 1000, chilled: false }],
    },
    {
      id: "o5",
      number: 5,
      buyerName: "Eve",
      fulfilment: "PICKUP",
      lat: null,
      lng: null,
      slot: null,
      lines: [
        { farmId: "f4", grams: 1500, chilled: true },
        { farmId: "f4", grams: 2500, chilled: false },
      ],
    },
  ],
  vehicles: [
    {
      id: "v1",
      name: "Chiller",
      capacityGrams: 500_000,
      refrigerated: true,
      shiftStartMinute: 480,
      shiftEndMinute: 1080,
      maxRouteSeconds: null,
      costPerKmMinor: 0,
    },
    {
      id: "v2",
      name: "Van",
      capacityGrams: 500_000,
      refrigerated: false,
      shiftStartMinute: 480,
      shiftEndMinute: 1080,
      maxRouteSeconds: null,
      costPerKmMinor: 0,
    },
  ],
};

describe("planning problems", () => {
  it("collects from farms with goods (not self-delivering) and delivers home-delivery orders", () => {
    const p = buildPlanningProblems(data);
    expect(p.collection.stops.map((s) => [s.id, s.demandGrams, s.requires ?? [], s.window ?? null])).toEqual([
      ["farm:f2:chilled", 6000, ["refrigerated"], null],
      ["farm:f1:ambient", 9000, [], { start: 28_800, end: 43_200 }],
      ["farm:f4:chilled", 1500, ["refrigerated"], null],
      ["farm:f4:ambient", 2500, [], null],
    ]);
    expect(p.selfDelivering).toEqual([{ farmId: "f3", grams: 1000 }]);
    // A mixed order is two stops at one place: chilled (refrigerated only) and ambient (any vehicle).
    expect(p.delivery.stops.map((s) => [s.id, s.demandGrams, s.requires ?? [], s.window])).toEqual([
      ["order:o1:chilled", 2000, ["refrigerated"], { start: 32_400, end: 43_200 }],
      ["order:o1:ambient", 5000, [], { start: 32_400, end: 43_200 }],
      ["order:o2:ambient", 4000, [], { start: 46_800, end: 61_200 }],
    ]);
    expect(p.unassigned).toEqual([
      expect.objectContaining({ id: "o4", reason: expect.stringMatching(/no delivery location/) }),
    ]);
    expect(p.delivery.points).toHaveLength(4);
    expect(p.delivery.points[1]).toEqual(p.delivery.points[2]);
  });

  it("refuses a fleet without vehicles or with a vehicle without capacity", () => {
    expect(() => buildPlanningProblems({ ...data, vehicles: [] })).toThrow(PlanningInputError);
    expect(() => buildPlanningProblems({ ...data, vehicles: [{ ...data.vehicles[0]!, capacityGrams: 0 }] })).toThrow(
      /no capacity/,
    );
  });

  it("gives an electric vehicle its derated range for the cycle; other vehicles keep theirs as typed", () => {
    const fleet = [
      { ...data.vehicles[0]!, energyType: "van-bev-average", rangeMetres: 160_000 },
      { ...data.vehicles[1]!, energyType: "van-diesel-class-iii", rangeMetres: 300_000 },
    ];
    const november = { month: 11, derating: DEFAULT_RANGE_DERATING };
    const p = buildPlanningProblems({ ...data, vehicles: fleet, range: november });
    // The refrigerated e-van in November: 160 km × 0.8 × 0.85; the diesel van as typed.
    expect(p.delivery.vehicles.map((v) => v.maxRouteMetres)).toEqual([108_800, 300_000]);
    expect(p.collection.vehicles.map((v) => v.maxRouteMetres)).toEqual([108_800, 300_000]);
    const july = buildPlanningProblems({ ...data, vehicles: fleet, range: { ...november, month: 7 } });
    expect(july.delivery.vehicles.map((v) => v.maxRouteMetres)).toEqual([136_000, 300_000]);
    const unlimited = buildPlanningProblems({ ...data, range: november });
    expect(unlimited.delivery.vehicles.map((v) => v.maxRouteMetres)).toEqual([undefined, undefined]);
    expect(() => buildPlanningProblems({ ...data, vehicles: [{ ...data.vehicles[0]!, rangeMetres: 0 }] })).toThrow(
      PlanningInputError,
    );
  });

  it("keeps the electric van's routes within its range and says which farms are out of its reach", () => {
    // 20 km typed, refrigerated, in winter: 13.6 km. The chilled farms are 10–11 km away (×1.3
    // road factor), so a round trip to either is longer; the chilled delivery 1 km away fits.
    const fleet = [{ ...data.vehicles[0]!, energyType: "van-bev-average", rangeMetres: 20_000 }, data.vehicles[1]!];
    const problems = buildPlanningProblems({
      ...data,
      vehicles: fleet,
      range: { month: 1, derating: DEFAULT_RANGE_DERATING },
    });
    const solved = solveLegs(
      problems,
      { kind: "estimate", circuity: 1.3, speedKmh: 40 },
      { timeLimitMs: 500, iterationLimit: 100 },
    );
    const result = toPlanResult(data, problems, solved);
    for (const route of result.routes.filter((r) => r.vehicleId === "v1"))
      expect(route.distanceM).toBeLessThanOrEqual(13_600);
    expect(result.routes.flatMap((r) => r.stops.map((s) => s.stopId))).toContain("order:o1:chilled");
    const outOfReach = result.unassigned.filter((u) => u.kind === "FARM");
    expect(outOfReach.map((u) => u.id).sort()).toEqual(["f2", "f4"]);
    for (const u of outOfReach) expect(u.reason).toMatch(/longer than the range of any vehicle/);
  });

  it("solves both legs, serves every stop it can, and allocates carbon exactly", () => {
    const problems = buildPlanningProblems(data);
    const solved = solveLegs(
      problems,
      { kind: "estimate", circuity: 1.3, speedKmh: 40 },
      { timeLimitMs: 500, iterationLimit: 200 },
    );
    const result = toPlanResult(data, problems, solved);
    const served = result.routes.flatMap((r) => r.stops.map((s) => s.stopId)).sort();
    expect(served).toEqual([
      "farm:f1:ambient",
      "farm:f2:chilled",
      "farm:f4:ambient",
      "farm:f4:chilled",
      "order:o1:ambient",
      "order:o1:chilled",
      "order:o2:ambient",
    ]);
    expect(result.unassigned.map((u) => u.id)).toEqual(["o4"]);
    const chilledRoute = result.routes.find((r) => r.stops.some((s) => s.stopId === "order:o1:chilled"))!;
    expect(chilledRoute.vehicleId).toBe("v1");
    const o1Stops = result.routes.flatMap((r) => r.stops).filter((s) => s.orderId === "o1");
    expect(o1Stops.map((s) => [s.cargo, s.gramsHandled]).sort()).toEqual([
      ["AMBIENT", 5000],
      ["CHILLED", 2000],
    ]);
    for (const route of result.routes) {
      for (const stop of route.stops) expect(stop.distanceFromDepotM).toBeGreaterThan(0);
    }
    const carbon = allocatePlanCarbon({
      routes: result.routes.map((r, i) => ({
        id: `r${i}`,
        kind: r.kind,
        distanceM: r.distanceM,
        vehicle: { energyType: "van-diesel-average", refrigerated: r.vehicleId === "v1" },
        stops: r.stops.map((s, j) => ({
          id: `r${i}s${j}`,
          farmId: s.farmId,
          orderId: s.orderId,
          distanceFromDepotM: s.distanceFromDepotM,
          cargo: s.cargo,
        })),
      })),
      lines: data.orders.flatMap((o) =>
        o.lines.map((l) => ({ orderId: o.id, farmId: l.farmId, grams: l.grams, chilled: l.chilled })),
      ),
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
    // Each part's stop carries only its own goods; an order's figure sums its legs over both parts.
    const o1 = carbon.orders.find((o) => o.orderId === "o1")!;
    if (o1.status !== "ALLOCATED") throw new Error("o1 not allocated");
    const delivered = o1.legs.filter((l) => l.leg === "HUB_TO_BUYER");
    expect(delivered.map((l) => l.grams).sort()).toEqual([2000, 5000]);
    expect(o1.gramsCo2e).toBe(o1.legs.reduce((s, l) => s + l.gramsCo2e, 0));
    const stopShares = new Map(carbon.allocation.routes.flatMap((r) => r.stops.map((s) => [s.stopId, s] as const)));
    for (const l of delivered)
      expect(stopShares.get(l.stopId)!.consignments).toEqual([
        { orderId: "o1", farmId: null, gramsCo2e: l.gramsCo2e, refrigerationGramsCo2e: l.refrigerationGramsCo2e },
      ]);
    // The refrigeration part of the chiller (v1) went to chilled goods only: the ambient part of o1 carries none.
    expect(delivered.map((l) => [l.grams, l.refrigerationGramsCo2e > 0])).toEqual(
      expect.arrayContaining([
        [5000, false],
        [2000, true],
      ]),
    );
    const o5 = carbon.orders.find((o) => o.orderId === "o5")!;
    if (o5.status !== "ALLOCATED") throw new Error("o5 not allocated");
    expect(o5.legs.map((l) => l.grams).sort()).toEqual([1500, 2500]);
    expect(o5.byFarm).toEqual([{ farmId: "f4", gramsCo2e: o5.gramsCo2e }]);
  });

  it("serves ambient parts on ordinary vans when the one refrigerated van is small", () => {
    const orders: PlanningData["orders"] = Array.from({ length: 8 }, (_, i) => ({
      id: `m${i}`,
      number: 10 + i,
      buyerName: `Buyer ${i}`,
      fulfilment: "DELIVERY" as const,
      lat: 51.44 + i * 0.005,
      lng: -2.6 + i * 0.004,
      slot: null,
      lines: [
        { farmId: "f1", grams: 2000, chilled: true },
        { farmId: "f1", grams: 20_000, chilled: false },
      ],
    }));
    const small: PlanningData = {
      ...data,
      orders,
      vehicles: [
        { ...data.vehicles[0]!, id: "cold", name: "Small chiller", capacityGrams: 10_000 },
        { ...data.vehicles[1]!, id: "van1", name: "Van 1" },
        { ...data.vehicles[1]!, id: "van2", name: "Van 2" },
      ],
    };
    const problems = buildPlanningProblems(small);
    const solved = solveLegs(
      problems,
      { kind: "estimate", circuity: 1.3, speedKmh: 40 },
      { timeLimitMs: 500, iterationLimit: 300 },
    );
    const result = toPlanResult(small, problems, solved);
    const stops = result.routes.flatMap((r) => r.stops.map((s) => ({ ...s, vehicleId: r.vehicleId })));
    // Every ambient part is served, on the ordinary vans; chilled parts only on the chiller.
    const ambient = stops.filter((s) => s.cargo === "AMBIENT" && s.orderId);
    expect(ambient).toHaveLength(8);
    for (const s of stops.filter((s) => s.cargo === "CHILLED")) expect(s.vehicleId).toBe("cold");
    // The chiller carries 10 kg: 5 of the 8 chilled parts (2 kg each) are served, 3 are explained.
    const chilledServed = stops.filter((s) => s.cargo === "CHILLED" && s.orderId).length;
    expect(chilledServed).toBe(5);
    const left = result.unassigned.filter((u) => u.kind === "ORDER");
    expect(left).toHaveLength(3);
    for (const u of left) {
      expect(u.parts).toEqual(["CHILLED"]);
      expect(u.reason).toMatch(/^Chilled goods \(2 kg\) not planned: .+ Ambient goods \(20 kg\) is on a route\.$/);
    }
    // The farm's chilled part (16 kg) is over the chiller's capacity; its ambient part is collected.
    const farm = result.unassigned.find((u) => u.kind === "FARM")!;
    expect(farm).toMatchObject({ id: "f1", parts: ["CHILLED"] });
    expect(stops.some((s) => s.stopId === "farm:f1:ambient")).toBe(true);
  });

  it("counts the service time once when one vehicle handles both parts of a place in a row", () => {
    const problems = buildPlanningProblems({ ...data, vehicles: [data.vehicles[0]!] });
    const solved = solveLegs(
      problems,
      { kind: "estimate", circuity: 1.3, speedKmh: 40 },
      { timeLimitMs: 300, iterationLimit: 100 },
    );
    const result = toPlanResult(data, problems, solved);
    const delivery = result.routes.find((r) => r.kind === "DELIVERY")!;
    const i = delivery.stops.findIndex((s) => s.orderId === "o1");
    const [first, second] = [delivery.stops[i]!, delivery.stops[i + 1]!];
    expect(second.orderId).toBe("o1");
    expect(first.departure - first.arrival).toBe(DELIVERY_SERVICE_SECONDS);
    expect(second.arrival).toBe(first.departure);
    expect(second.departure - second.arrival).toBe(SECOND_PART_SERVICE_SECONDS);
    const raw = solved.delivery.routes[0]!;
    expect(delivery.end).toBeLessThanOrEqual(Math.round(raw.end));
  });
});

describe("stop ids", () => {
  it("name the place and the part, and still read ids saved before the split", () => {
    expect(farmStopId("abc", "CHILLED")).toBe("farm:abc:chilled");
    expect(orderStopId("xyz", "AMBIENT")).toBe("order:xyz:ambient");
    expect(parseStopId("order:xyz:ambient")).toEqual({ kind: "ORDER", id: "xyz", part: "AMBIENT" });
    expect(parseStopId("farm:abc")).toEqual({ kind: "FARM", id: "abc", part: null });
  });

  it("keeps a locked route of a plan saved before the split with every part of its places", () => {
    const p = buildPlanningProblems({
      ...data,
      locked: [{ kind: "DELIVERY", vehicleId: "v1", stopIds: ["order:o1", "order:o2"] }],
    });
    expect(p.delivery.initialRoutes).toEqual([
      { vehicleId: "v1", stopIds: ["order:o1:chilled", "order:o1:ambient", "order:o2:ambient"], locked: true },
    ]);
  });
});

describe("distance estimate", () => {
  it("matches great-circle × circuity for each pair and shares rows between the parts of a place", () => {
    const points = [depot, { lat: 51.5, lng: -2.7 }, { lat: 51.5, lng: -2.7 }, { lat: 51.4, lng: -2.5 }];
    const m = estimateMatrix(points, 1.3, 40);
    expect(m.size).toBe(3);
    for (let i = 0; i < points.length; i++) {
      for (let j = 0; j < points.length; j++) {
        const metres = m.distance[m.pointOf[i]! * m.size + m.pointOf[j]!]!;
        expect(Math.abs(metres - Math.round(haversineMetres(points[i]!, points[j]!) * 1.3))).toBeLessThanOrEqual(1);
        expect(m.duration[m.pointOf[i]! * m.size + m.pointOf[j]!]).toBe(durationSeconds(metres, 40));
      }
    }
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
