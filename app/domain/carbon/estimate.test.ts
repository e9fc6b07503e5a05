import { describe, expect, it } from "vitest";
import { allocateRoute, type RouteInput } from "./allocation";
import {
  DEFAULT_ESTIMATE_ASSUMPTIONS,
  estimateOrderCarbon,
  typicalRoundFromRoutes,
  type EstimateAssumptions,
} from "./estimate";

const farms = [
  { farmId: "F1", farmToHubMetres: 15_000, arrival: "COLLECTION" as const },
  { farmId: "F2", farmToHubMetres: 15_000, arrival: "FARM_DROP_OFF" as const },
  { farmId: "F0", farmToHubMetres: 0, arrival: "COLLECTION" as const },
];

const workedExample: RouteInput = {
  id: "we",
  kind: "DELIVERY",
  metres: 42_000,
  distanceKind: "DRIVEN",
  vehicle: { energyType: "van-diesel-class-iii", refrigerated: false },
  stops: [
    [3_000, 50_000],
    [8_000, 120_000],
    [12_000, 80_000],
    [5_000, 250_000],
  ].map(([d, g], i) => ({
    id: `s${i}`,
    distanceFromDepotMetres: d as number,
    consignments: [{ orderId: `o${i}`, farmId: null, grams: g as number }],
  })),
};

describe("estimateOrderCarbon with the default assumptions", () => {
  it.each([
    {
      name: "1 kg collected 15 km out, delivered 8 km out",
      lines: [{ farmId: "F1", grams: 1_000 }],
      delivery: { hubToBuyerMetres: 8_000 },
      // 1,000 g × 15,000 m × (80,000 m × 1.05 × 0.34584) ÷ (500,000 g × 20,000 m) = 43.6
      // 1,000 g × 8,000 m × (60,000 m × 1.05 × 0.34584) ÷ (400,000 g × 10,000 m) = 43.6
      total: 88,
      farmToHub: 44,
      foodMetres: 23_000,
    },
    {
      name: "1 kg from a farm's own drop-off, collected at the hub",
      lines: [{ farmId: "F2", grams: 1_000 }],
      delivery: null,
      // 2 × 15,000 m × 1.05 × 0.31689 × 1,000 g ÷ 100,000 g = 99.8
      total: 100,
      farmToHub: 100,
      foodMetres: 15_000,
    },
    {
      name: "two farms, 3 kg, delivered",
      lines: [
        { farmId: "F1", grams: 1_000 },
        { farmId: "F2", grams: 500 },
        { farmId: "F2", grams: 1_500 },
      ],
      delivery: { hubToBuyerMetres: 8_000 },
      // F1 44 + F2 200 (2 kg × 99.8) + delivery 131 (3 kg × 43.6)
      total: 44 + 200 + 131,
      farmToHub: 44 + 200,
      foodMetres: 23_000,
    },
  ])("$name", ({ lines, delivery, total, farmToHub, foodMetres }) => {
    const e = estimateOrderCarbon({ lines, farms, delivery, distanceBasis: "GREAT_CIRCLE_X_CIRCUITY" });
    if (e.status !== "ESTIMATED") throw new Error(e.reason);
    expect(e.gramsCo2e).toBe(total);
    expect(e.farmToHubGramsCo2e).toBe(farmToHub);
    expect(e.hubToBuyerGramsCo2e).toBe(total - farmToHub);
    expect(e.foodMetres).toBe(foodMetres);
    expect(e.legs.reduce((s, l) => s + l.gramsCo2e, 0)).toBe(e.gramsCo2e);
    expect(e.methodVersion).toBe("foodshed-carbon-2");
    expect(e.factorSetId).toBe("desnz-2025");
    expect(e.assumptions).toBe(DEFAULT_ESTIMATE_ASSUMPTIONS);
  });

  it.each([
    { lines: [{ farmId: "F1", grams: null }], reason: /No weight data for goods from farm F1/ },
    { lines: [], reason: /no goods/ },
    { lines: [{ farmId: "F1", grams: 0 }], reason: /weigh 0 g/ },
  ])("is NOT_ESTIMATED, never 0: $reason", ({ lines, reason }) => {
    const e = estimateOrderCarbon({
      lines,
      farms,
      delivery: { hubToBuyerMetres: 1_000 },
      distanceBasis: "ROAD_NETWORK",
    });
    expect(e.status).toBe("NOT_ESTIMATED");
    expect(e).not.toHaveProperty("gramsCo2e");
    if (e.status === "NOT_ESTIMATED") expect(e.reason).toMatch(reason);
  });

  it.each([
    [{ lines: [{ farmId: "F1", grams: -500 }], delivery: null }, /got -500/],
    [
      { lines: [{ farmId: "F1", grams: 500 }], delivery: { hubToBuyerMetres: -2 } },
      /hubToBuyerMetres must be a non-negative integer, got -2/,
    ],
    [{ lines: [{ farmId: "F9", grams: 500 }], delivery: null }, /Unknown farm "F9"/],
  ])("rejects bad input %#", (input, message) => {
    expect(() => estimateOrderCarbon({ ...input, farms, distanceBasis: "ROAD_NETWORK" })).toThrow(message);
  });

  it("rejects a typical round with no load", () => {
    const assumptions: EstimateAssumptions = {
      ...DEFAULT_ESTIMATE_ASSUMPTIONS,
      deliveryRound: { ...DEFAULT_ESTIMATE_ASSUMPTIONS.deliveryRound, loadGrams: 0 },
    };
    expect(() =>
      estimateOrderCarbon({
        lines: [{ farmId: "F1", grams: 1 }],
        farms,
        delivery: null,
        distanceBasis: "ROAD_NETWORK",
        assumptions,
      }),
    ).toThrow("deliveryRound.loadGrams must be a positive integer, got 0");
  });
});

describe("estimate versus allocation", () => {
  it("derives the typical round of a hub from its planned routes", () => {
    expect(typicalRoundFromRoutes([workedExample], "DELIVERY", workedExample.vehicle)).toEqual({
      metres: 42_000,
      distanceKind: "DRIVEN",
      loadGrams: 500_000,
      meanStopDistanceMetres: 6_640,
      vehicle: workedExample.vehicle,
    });
    expect(typicalRoundFromRoutes([workedExample], "COLLECTION", workedExample.vehicle)).toBeNull();
  });

  it("matches the allocation to the gram when the typical round is the actual round", () => {
    const delivery = typicalRoundFromRoutes([workedExample], "DELIVERY", workedExample.vehicle);
    if (delivery === null) throw new Error("no round");
    const assumptions = { ...DEFAULT_ESTIMATE_ASSUMPTIONS, deliveryRound: delivery };
    const allocation = allocateRoute(workedExample);
    workedExample.stops.forEach((stop, i) => {
      const e = estimateOrderCarbon({
        lines: [{ farmId: "F0", grams: stop.consignments[0]?.grams ?? 0 }],
        farms,
        delivery: { hubToBuyerMetres: stop.distanceFromDepotMetres },
        distanceBasis: "ROAD_NETWORK",
        assumptions,
      });
      expect(e.status === "ESTIMATED" && e.hubToBuyerGramsCo2e).toBe(allocation.stops[i]?.gramsCo2e);
    });
  });
});

describe("refrigerated vehicle for chilled lines", () => {
  const fridge = { energyType: "van-diesel-class-iii", refrigerated: true };
  const withFridge: EstimateAssumptions = {
    ...DEFAULT_ESTIMATE_ASSUMPTIONS,
    collectionRound: { ...DEFAULT_ESTIMATE_ASSUMPTIONS.collectionRound, chilledVehicle: fridge },
    deliveryRound: { ...DEFAULT_ESTIMATE_ASSUMPTIONS.deliveryRound, chilledVehicle: fridge },
  };

  it("applies the uplift to chilled lines only", () => {
    const e = estimateOrderCarbon({
      lines: [
        { farmId: "F1", grams: 1_000, chilled: true },
        { farmId: "F1", grams: 1_000, chilled: false },
      ],
      farms,
      delivery: { hubToBuyerMetres: 8_000 },
      distanceBasis: "GREAT_CIRCLE_X_CIRCUITY",
      assumptions: withFridge,
    });
    // Each kilogram is 43.58 g per leg ambient; the chilled one × 1.19 = 51.86; leg = 95.44 → 95.
    expect(e.status === "ESTIMATED" && e.farmToHubGramsCo2e).toBe(95);
    expect(e.status === "ESTIMATED" && e.hubToBuyerGramsCo2e).toBe(95);
  });

  it("ignores chilled flags when the round has no refrigerated vehicle", () => {
    const lines = [{ farmId: "F1", grams: 2_000, chilled: true }];
    const base = { farms, delivery: { hubToBuyerMetres: 8_000 }, distanceBasis: "GREAT_CIRCLE" as const };
    const chilled = estimateOrderCarbon({ ...base, lines });
    const ambient = estimateOrderCarbon({ ...base, lines: [{ farmId: "F1", grams: 2_000 }] });
    expect(chilled.status === "ESTIMATED" && chilled.gramsCo2e).toBe(
      ambient.status === "ESTIMATED" && ambient.gramsCo2e,
    );
  });
});

describe("refrigeration part at checkout (decision 026)", () => {
  // Per leg, 1 kg 15 km out on the default collection round, or 8 km out on the default delivery
  // round, is 43.576 g of base part; a refrigerated van's unit adds 0.19 of that, 8.279 g.
  const fridge = { energyType: "van-diesel-class-iii", refrigerated: true };
  const onlyFridges = (chilledWorkShare?: number): EstimateAssumptions => ({
    ...DEFAULT_ESTIMATE_ASSUMPTIONS,
    collectionRound: { ...DEFAULT_ESTIMATE_ASSUMPTIONS.collectionRound, vehicle: fridge, chilledWorkShare },
    deliveryRound: { ...DEFAULT_ESTIMATE_ASSUMPTIONS.deliveryRound, vehicle: fridge, chilledWorkShare },
  });
  const estimate = (chilled: boolean, assumptions: EstimateAssumptions) => {
    const e = estimateOrderCarbon({
      lines: [{ farmId: "F1", grams: 1_000, chilled }],
      farms,
      delivery: { hubToBuyerMetres: 8_000 },
      distanceBasis: "GREAT_CIRCLE_X_CIRCUITY",
      assumptions,
    });
    if (e.status !== "ESTIMATED") throw new Error("expected an estimate");
    return e;
  };

  it("ambient lines on a refrigerated round pay no refrigeration part", () => {
    const e = estimate(false, onlyFridges());
    expect(e.legs.map((l) => [l.gramsCo2e, l.refrigerationGramsCo2e])).toEqual([
      [44, 0],
      [44, 0],
    ]);
    expect(e.gramsCo2e).toBe(estimate(false, DEFAULT_ESTIMATE_ASSUMPTIONS).gramsCo2e);
    expect(e.refrigerationGramsCo2e).toBe(0);
  });

  it("chilled lines pay it; with the default share (the round's goods chilled) that is × 1.19", () => {
    // 43.576 + 8.279 = 51.855 → 52 per leg, of which 8.
    const e = estimate(true, onlyFridges());
    expect(e.legs.map((l) => [l.gramsCo2e, l.refrigerationGramsCo2e])).toEqual([
      [52, 8],
      [52, 8],
    ]);
    expect(e.refrigerationGramsCo2e).toBe(16);
  });

  it("a learned chilled share spreads the unit over the chilled goods only", () => {
    // A quarter of the round's t·km is chilled: 8.279 ÷ 0.25 = 33.118; 43.576 + 33.118 = 76.69 → 77.
    const e = estimate(true, onlyFridges(0.25));
    expect(e.legs.map((l) => [l.gramsCo2e, l.refrigerationGramsCo2e])).toEqual([
      [77, 33],
      [77, 33],
    ]);
    expect(estimate(false, onlyFridges(0.25)).refrigerationGramsCo2e).toBe(0);
  });

  it("rounds that typically carry no chilled goods share the unit among all goods", () => {
    const e = estimate(false, onlyFridges(0));
    expect(e.legs.map((l) => [l.gramsCo2e, l.refrigerationGramsCo2e])).toEqual([
      [52, 8],
      [52, 8],
    ]);
  });

  it("refuses a chilled share outside 0–1", () => {
    expect(() => estimate(true, onlyFridges(1.5))).toThrow(/chilledWorkShare must be between 0 and 1, got 1\.5/);
  });

  it("equals the allocation when the typical round is the actual refrigerated round", () => {
    // The worked example's 42 km round in a refrigerated van, order C (80 kg, 12 km) chilled.
    const route: RouteInput = {
      ...workedExample,
      vehicle: fridge,
      stops: workedExample.stops.map((s, i) => ({
        ...s,
        consignments: s.consignments.map((c) => ({ ...c, chilledGrams: i === 2 ? (c.grams ?? 0) : 0 })),
      })),
    };
    const learned = typicalRoundFromRoutes([route], "DELIVERY", fridge)!;
    expect(learned.chilledWorkShare).toBeCloseTo(0.96 / 3.32, 12);
    const delivery = { ...learned, metres: 42_000, distanceKind: "DRIVEN" as const, loadGrams: 500_000 };
    const assumptions = { ...DEFAULT_ESTIMATE_ASSUMPTIONS, deliveryRound: delivery };
    const allocation = allocateRoute(route);
    // Base 14,525 as in CARBON.md; refrigeration 17,285 − 14,525 = 2,760, all on C.
    expect([allocation.baseGrams, allocation.refrigerationGrams]).toEqual([14_525, 2_760]);
    expect(allocation.stops.map((s) => s.gramsCo2e)).toEqual([656, 4_200, 4_200 + 2_760, 5_469]);
    route.stops.forEach((stop, i) => {
      const e = estimateOrderCarbon({
        lines: [{ farmId: "F0", grams: stop.consignments[0]?.grams ?? 0, chilled: i === 2 }],
        farms,
        delivery: { hubToBuyerMetres: stop.distanceFromDepotMetres },
        distanceBasis: "ROAD_NETWORK",
        assumptions,
      });
      expect(e.status === "ESTIMATED" && [e.hubToBuyerGramsCo2e, e.refrigerationGramsCo2e]).toEqual([
        allocation.stops[i]?.gramsCo2e,
        allocation.stops[i]?.refrigerationGramsCo2e,
      ]);
    });
  });

  it("learns no chilled share from routes without a refrigerated vehicle", () => {
    expect(typicalRoundFromRoutes([workedExample], "DELIVERY", fridge)).not.toHaveProperty("chilledWorkShare");
  });
});
