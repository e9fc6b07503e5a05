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
    expect(e.methodVersion).toBe("foodshed-carbon-1");
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
