import { describe, expect, it } from "vitest";
import { allocateCycle, allocateRoute, type AllocatedOrderCarbon, type RouteInput } from "./allocation";
import { parseFactorOverrides } from "./factors";
import { closedRouteMetres, GLEC_PLANNED_TO_DRIVEN, routeEmissionsGrams } from "./route-emissions";

const van = { energyType: "van-diesel-class-iii", refrigerated: false };

// A small cycle worked by hand (see the expected figures below):
// R1 collection 30 km: 10,375 g. Stops F1 (10 km, 30 kg) and F2 (5 km, 5 kg).
// R2 farm F3's own drop-off, 2 × 8 km in an average diesel van: 5,070 g.
// R3 delivery 20 km: 6,917 g. Stops o1 (4 km, 25 kg), o2 (6 km, 25 kg), o3 (2 km, 5 kg).
const cycleRoutes: RouteInput[] = [
  {
    id: "R1",
    kind: "COLLECTION",
    metres: 30_000,
    distanceKind: "DRIVEN",
    vehicle: van,
    stops: [
      {
        id: "F1",
        distanceFromDepotMetres: 10_000,
        consignments: [
          { orderId: "o1", farmId: "F1", grams: 20_000 },
          { orderId: "o2", farmId: "F1", grams: 10_000 },
        ],
      },
      { id: "F2", distanceFromDepotMetres: 5_000, consignments: [{ orderId: "o1", farmId: "F2", grams: 5_000 }] },
    ],
  },
  {
    id: "R2",
    kind: "FARM_DROP_OFF",
    metres: 16_000,
    distanceKind: "DRIVEN",
    vehicle: { energyType: "van-diesel-average", refrigerated: false },
    stops: [
      {
        id: "hub",
        distanceFromDepotMetres: 8_000,
        consignments: [
          { orderId: "o2", farmId: "F3", grams: 15_000 },
          { orderId: "o3", farmId: "F3", grams: 5_000 },
        ],
      },
    ],
  },
  {
    id: "R3",
    kind: "DELIVERY",
    metres: 20_000,
    distanceKind: "DRIVEN",
    vehicle: van,
    stops: [
      { id: "d1", distanceFromDepotMetres: 4_000, consignments: [{ orderId: "o1", farmId: null, grams: 25_000 }] },
      { id: "d2", distanceFromDepotMetres: 6_000, consignments: [{ orderId: "o2", farmId: null, grams: 25_000 }] },
      { id: "d3", distanceFromDepotMetres: 2_000, consignments: [{ orderId: "o3", farmId: null, grams: 5_000 }] },
    ],
  },
];

const allocated = (o: AllocatedOrderCarbon | undefined) => {
  if (o?.status !== "ALLOCATED") throw new Error("expected an allocated order");
  return o;
};

describe("allocateCycle across legs", () => {
  const cycle = allocateCycle({ routes: cycleRoutes, distanceBasis: "GREAT_CIRCLE_X_CIRCUITY" });

  it("computes route totals", () => {
    expect(cycle.routes.map((r) => r.routeGrams)).toEqual([10_375, 5_070, 6_917]);
  });

  it.each([
    {
      orderId: "o1",
      total: 9_843,
      farmToHub: 7_183,
      hubToBuyer: 2_660,
      byFarm: [
        { farmId: "F1", gramsCo2e: 6_385 },
        { farmId: "F2", gramsCo2e: 798 },
      ],
      foodMetres: 13_000,
    },
    {
      orderId: "o2",
      total: 10_986,
      farmToHub: 6_995,
      hubToBuyer: 3_991,
      byFarm: [
        { farmId: "F1", gramsCo2e: 3_192 },
        { farmId: "F3", gramsCo2e: 3_803 },
      ],
      foodMetres: 14_800,
    },
    {
      orderId: "o3",
      total: 1_533,
      farmToHub: 1_267,
      hubToBuyer: 266,
      byFarm: [{ farmId: "F3", gramsCo2e: 1_267 }],
      foodMetres: 10_000,
    },
  ])(
    "order $orderId: $total g, by leg and by farm, food $foodMetres m",
    ({ orderId, total, farmToHub, hubToBuyer, byFarm, foodMetres }) => {
      const o = allocated(cycle.orders.find((x) => x.orderId === orderId));
      expect(o.gramsCo2e).toBe(total);
      expect(o.farmToHubGramsCo2e).toBe(farmToHub);
      expect(o.hubToBuyerGramsCo2e).toBe(hubToBuyer);
      expect(o.byFarm).toEqual(byFarm);
      expect(o.foodMetres).toBe(foodMetres);
      expect(o.distanceBasis).toBe("GREAT_CIRCLE_X_CIRCUITY");
      expect(o.legs.reduce((s, l) => s + l.gramsCo2e, 0)).toBe(total);
    },
  );

  it("balances: order grams add up to route grams", () => {
    expect(cycle.totals).toEqual({
      routeGrams: 22_362,
      orderGrams: 22_362,
      unallocatedGrams: 0,
      notEstimatedOrderGrams: 0,
    });
  });

  it("marks an order with no weight data NOT_ESTIMATED, never 0, and still balances", () => {
    const routes = structuredClone(cycleRoutes);
    const consignment = routes[2]?.stops[2]?.consignments[0];
    if (consignment) consignment.grams = null;
    const c = allocateCycle({ routes, distanceBasis: "ROAD_NETWORK" });
    const o3 = c.orders.find((o) => o.orderId === "o3");
    expect(o3).toMatchObject({ status: "NOT_ESTIMATED", reason: expect.stringContaining("No weight data") });
    expect(o3).not.toHaveProperty("gramsCo2e");
    expect(c.totals.orderGrams + c.totals.notEstimatedOrderGrams + c.totals.unallocatedGrams).toBe(c.totals.routeGrams);
  });

  it("records the factor set used", () => {
    const set = parseFactorOverrides({ id: "test-2026", source: "test", year: 2026 });
    const c = allocateCycle({ routes: cycleRoutes, factorSet: set, distanceBasis: "ROAD_NETWORK" });
    expect(c.factorSetId).toBe("test-2026");
    expect(c.orders.every((o) => o.factorSetId === "test-2026" && o.methodVersion === "foodshed-carbon-2")).toBe(true);
  });
});

describe("allocateRoute edge cases", () => {
  const base = cycleRoutes[2] as RouteInput;

  it("applies the GLEC planned-to-driven uplift to planned distances only", () => {
    expect(GLEC_PLANNED_TO_DRIVEN).toBe(1.05);
    expect(allocateRoute({ ...base, distanceKind: "PLANNED" }).routeGrams).toBe(Math.round(20_000 * 1.05 * 0.34584));
  });

  it("applies the refrigerated uplift", () => {
    expect(allocateRoute({ ...base, vehicle: { ...van, refrigerated: true } }).routeGrams).toBe(
      Math.round(20_000 * 0.34584 * 1.19),
    );
  });

  it("falls back to mass when every stop is at the depot", () => {
    const a = allocateRoute({ ...base, stops: base.stops.map((s) => ({ ...s, distanceFromDepotMetres: 0 })) });
    expect(a.basis).toBe("MASS");
    // 6,917 × 25/55 = 3,144.09 (twice) and × 5/55 = 628.82: the spare gram goes to the .82.
    expect(a.stops.map((s) => s.gramsCo2e)).toEqual([3_144, 3_144, 629]);
  });

  it("reports an empty round as unallocated rather than losing it", () => {
    const a = allocateRoute({ ...base, stops: [] });
    expect(a.basis).toBe("NONE");
    expect(a.unallocatedGrams).toBe(a.routeGrams);
  });

  it("includes the return to depot via closedRouteMetres", () => {
    const matrix = [
      [0, 3_000, 5_000],
      [3_000, 0, 4_000],
      [5_000, 4_000, 0],
    ];
    expect(closedRouteMetres(matrix, 0, [1, 2])).toBe(12_000);
    expect(closedRouteMetres(matrix, 0, [])).toBe(0);
    expect(() => closedRouteMetres(matrix, 0, [7])).toThrow("index 7");
  });
});

describe("bad input names the value", () => {
  const base = cycleRoutes[2] as RouteInput;
  const stop = base.stops[0]!;
  it.each([
    [{ ...base, metres: -5 }, /route "R3" metres must be a non-negative integer, got -5/],
    [{ ...base, metres: 12.5 }, /got 12\.5/],
    [
      { ...base, stops: [{ ...stop, distanceFromDepotMetres: -3 }] },
      /stop "d1" distanceFromDepotMetres must be a non-negative integer, got -3/,
    ],
    [
      { ...base, stops: [{ ...stop, consignments: [{ orderId: "o1", farmId: null, grams: -250 }] }] },
      /grams of order "o1" must be a non-negative integer, got -250/,
    ],
    [
      { ...base, vehicle: { energyType: "diesel-lorry", refrigerated: false } },
      /Unknown vehicle energy type "diesel-lorry"/,
    ],
    [{ ...base, kind: "SHUTTLE" as never }, /unknown kind "SHUTTLE"/],
    [{ ...base, distanceKind: "GUESSED" as never }, /Unknown distance kind "GUESSED"/],
  ])("case %#", (route, message) => {
    expect(() => allocateRoute(route)).toThrow(message);
  });

  it("routeEmissionsGrams rejects negative metres", () => {
    const factor = {
      key: "k",
      label: "k",
      refrigerated: false,
      multiplier: 1,
      kgPerKm: 0.3,
      baseKgPerKm: 0.3,
      factorSetId: "x",
    };
    expect(() => routeEmissionsGrams({ metres: -1, distanceKind: "DRIVEN", factor })).toThrow("got -1");
  });
});
