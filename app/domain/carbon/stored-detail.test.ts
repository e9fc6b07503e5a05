import { describe, expect, it } from "vitest";
import { allocateCycle, type RouteInput } from "./allocation";
import { BASELINE_PROFILES } from "./baseline-profile";
import { estimateOrderCarbon } from "./estimate";
import {
  buildAllocationDetail,
  buildEstimateDetail,
  CarbonDetailSchema,
  distanceBasisFromSource,
  householdCarTripFor,
  orderCarbonFieldsFromAllocation,
  orderCarbonFieldsFromEstimate,
  parseCarbonDetail,
  readCarbonDetail,
} from "./stored-detail";

const farms = [
  { farmId: "F1", farmToHubMetres: 15_000, arrival: "COLLECTION" as const },
  { farmId: "F2", farmToHubMetres: 9_000, arrival: "FARM_DROP_OFF" as const },
];
const names = new Map([
  ["F1", "Hill Farm"],
  ["F2", "Vale Dairy"],
]);
const lines = [
  { farmId: "F1", grams: 2_000, chilled: false },
  { farmId: "F2", grams: 1_000, chilled: true },
];
const at = new Date("2026-12-01T10:00:00Z");

function checkoutDetail() {
  const estimate = estimateOrderCarbon({
    lines,
    farms,
    delivery: { hubToBuyerMetres: 6_000 },
    distanceBasis: "GREAT_CIRCLE_X_CIRCUITY",
  });
  return buildEstimateDetail({
    estimate,
    lines,
    householdCarTrip: householdCarTripFor({ buyerKind: "HOUSEHOLD", fulfilment: "DELIVERY" }),
    farmNames: names,
    typicalRounds: { collection: "DEFAULT", delivery: "DEFAULT" },
    refrigeratedUplift: false,
    computedAt: at,
  });
}

describe("stored carbon detail", () => {
  it("stores the estimate with names, baseline and comparison, and survives a JSON round trip", () => {
    const { estimate, comparison } = checkoutDetail();
    expect(estimate.status).toBe("ESTIMATED");
    if (estimate.status !== "ESTIMATED") return;
    expect(estimate.byFarm.map((f) => f.farmName).sort()).toEqual(["Hill Farm", "Vale Dairy"]);
    expect(estimate.byFarm.reduce((s, f) => s + f.co2eGrams, 0)).toBe(estimate.farmToHubCo2eGrams);
    expect(estimate.legs.reduce((s, l) => s + l.co2eGrams, 0)).toBe(estimate.co2eGrams);
    // UK profile: 2 × 6.2 km shopping trip, the range and the profile recorded with the figure.
    expect(estimate.baseline).toMatchObject({ carTripMetres: 12_400, profileId: "uk-dft-defra-nts" });
    expect(estimate.baseline?.lowCo2eGrams).toBeLessThan(estimate.baseline!.co2eGrams);
    expect(estimate.baseline?.highCo2eGrams).toBeGreaterThan(estimate.baseline!.co2eGrams);
    if (estimate.comparison.status === "COMPARED") {
      expect(estimate.comparison.baselineLowCo2eGrams).toBe(estimate.baseline?.lowCo2eGrams);
      expect(estimate.comparison.baselineHighCo2eGrams).toBe(estimate.baseline?.highCo2eGrams);
    }
    expect(estimate.comparison.status).toBe(comparison.status);
    const fields = orderCarbonFieldsFromEstimate(estimate);
    expect(fields.estCo2eGrams).toBe(estimate.co2eGrams);
    expect(fields.carbonFactorSet).toBe("desnz-2025");
    const json = JSON.parse(JSON.stringify(fields.carbonDetail)) as unknown;
    expect(CarbonDetailSchema.parse(json)).toEqual(fields.carbonDetail);
  });

  it("keeps the estimate when the allocation arrives, and replaces an earlier allocation", () => {
    const { estimate } = checkoutDetail();
    const stored = JSON.parse(JSON.stringify(orderCarbonFieldsFromEstimate(estimate).carbonDetail)) as unknown;
    const routes: RouteInput[] = [
      {
        id: "r-col",
        kind: "COLLECTION",
        metres: 40_000,
        distanceKind: "PLANNED",
        vehicle: { energyType: "van-diesel-class-iii", refrigerated: false },
        stops: [
          { id: "s1", distanceFromDepotMetres: 15_000, consignments: [{ orderId: "o1", farmId: "F1", grams: 2_000 }] },
        ],
      },
      {
        id: "r-drop",
        kind: "FARM_DROP_OFF",
        metres: 18_000,
        distanceKind: "PLANNED",
        vehicle: { energyType: "van-diesel-average", refrigerated: false },
        stops: [
          { id: "s2", distanceFromDepotMetres: 9_000, consignments: [{ orderId: "o1", farmId: "F2", grams: 1_000 }] },
        ],
      },
      {
        id: "r-del",
        kind: "DELIVERY",
        metres: 20_000,
        distanceKind: "PLANNED",
        vehicle: { energyType: "van-diesel-class-iii", refrigerated: false },
        stops: [
          { id: "s3", distanceFromDepotMetres: 6_000, consignments: [{ orderId: "o1", farmId: null, grams: 3_000 }] },
        ],
      },
    ];
    const cycle = allocateCycle({ routes, distanceBasis: "GREAT_CIRCLE_X_CIRCUITY" });
    const allocated = cycle.orders[0]!;
    const allocation = buildAllocationDetail({
      allocated,
      lines,
      householdCarTrip: false,
      farmNames: names,
      planId: "plan-1",
      computedAt: at,
    });
    const fields = orderCarbonFieldsFromAllocation(allocation, stored);
    expect(fields.carbonDetail.estimate).toEqual(estimate);
    expect(fields.allocCo2eGrams).toBe(cycle.totals.routeGrams);
    if (allocation.status !== "ALLOCATED") throw new Error("expected ALLOCATED");
    expect(allocation.grams).toBe(3_000);
    expect(allocation.legs.map((l) => l.via)).toEqual(["COLLECTION", "FARM_DROP_OFF", "DELIVERY"]);
    expect(allocation.byFarm.find((f) => f.farmId === "F2")).toMatchObject({ farmName: "Vale Dairy", metres: 9_000 });
    expect(allocation.baseline?.carTripMetres).toBeNull();
    const again = orderCarbonFieldsFromAllocation({ ...allocation, planId: "plan-2" }, fields.carbonDetail);
    expect(again.carbonDetail.allocation?.planId).toBe("plan-2");
    expect(again.carbonDetail.estimate).toEqual(estimate);
  });

  it("stores a not-estimated order with its reason and no figures", () => {
    const estimate = estimateOrderCarbon({
      lines: [{ farmId: "F1", grams: null }],
      farms,
      delivery: null,
      distanceBasis: "GREAT_CIRCLE",
    });
    const detail = buildEstimateDetail({
      estimate,
      lines: [{ grams: null, chilled: false }],
      householdCarTrip: false,
      farmNames: names,
      typicalRounds: { collection: "DEFAULT", delivery: "DEFAULT" },
      refrigeratedUplift: false,
      computedAt: at,
    });
    expect(detail.estimate).toMatchObject({ status: "NOT_ESTIMATED" });
    const fields = orderCarbonFieldsFromEstimate(detail.estimate);
    expect(fields.estCo2eGrams).toBeNull();
    expect(fields.estFoodMetres).toBeNull();
  });

  it("reads missing or foreign JSON as null instead of throwing", () => {
    expect(parseCarbonDetail(null)).toBeNull();
    expect(parseCarbonDetail({ legs: [] })).toBeNull();
    expect(parseCarbonDetail("nonsense")).toBeNull();
  });

  it("maps plan distance sources and car trips", () => {
    expect(distanceBasisFromSource("osrm")).toBe("ROAD_NETWORK");
    expect(distanceBasisFromSource("haversine")).toBe("GREAT_CIRCLE_X_CIRCUITY");
    expect(householdCarTripFor({ buyerKind: "RESTAURANT", fulfilment: "DELIVERY" })).toBe(false);
    expect(householdCarTripFor({ buyerKind: "HOUSEHOLD", fulfilment: "PICKUP" })).toBe(false);
    expect(householdCarTripFor({ buyerKind: null, fulfilment: "DELIVERY" })).toBe(true);
  });

  it("records the hub's profile with the baseline", () => {
    const estimate = estimateOrderCarbon({ lines, farms, delivery: null, distanceBasis: "GREAT_CIRCLE" });
    const detail = buildEstimateDetail({
      estimate,
      lines,
      householdCarTrip: false,
      baselineProfile: BASELINE_PROFILES["europe-assumption"],
      farmNames: names,
      typicalRounds: { collection: "DEFAULT", delivery: "DEFAULT" },
      refrigeratedUplift: false,
      computedAt: at,
    });
    if (detail.estimate.status !== "ESTIMATED") throw new Error("expected ESTIMATED");
    expect(detail.estimate.baseline).toMatchObject({ profileId: "europe-assumption", carTripMetres: null });
    expect(detail.estimate.comparison).toMatchObject({ status: "COMPARED" });
    if (detail.estimate.comparison.status === "COMPARED") {
      expect(detail.estimate.comparison.caveats).toContain("BASELINE_PROFILE_ASSUMED");
    }
  });
});

describe("reasons", () => {
  it("name the farm, not its id", () => {
    const estimate = estimateOrderCarbon({
      lines: [{ farmId: "F2", grams: null }],
      farms,
      delivery: null,
      distanceBasis: "GREAT_CIRCLE",
    });
    const detail = buildEstimateDetail({
      estimate,
      lines: [{ grams: null, chilled: false }],
      householdCarTrip: false,
      farmNames: names,
      typicalRounds: { collection: "DEFAULT", delivery: "DEFAULT" },
      refrigeratedUplift: false,
      computedAt: at,
    });
    expect(detail.estimate).toMatchObject({ reason: "No weight data for goods from Vale Dairy." });
  });
});

describe("readCarbonDetail", () => {
  const columns = {
    estFoodMetres: 21_000,
    allocFoodMetres: 20_500,
    carbonMethodVersion: "foodshed-carbon-1",
    carbonFactorSet: "desnz-2025",
  };

  it("reads a detail stored before regional baselines (one US-average baseline, ±50%) unchanged", () => {
    const figure = {
      methodVersion: "foodshed-carbon-1",
      factorSetId: "desnz-2025",
      distanceBasis: "GREAT_CIRCLE_X_CIRCUITY",
      computedAt: "2026-11-30T09:00:00.000Z",
      co2eGrams: 88,
      farmToHubCo2eGrams: 40,
      hubToBuyerCo2eGrams: 48,
      foodMetres: 23_000,
      grams: 1_000,
      legs: [],
      byFarm: [],
      baseline: {
        co2eGrams: 2_335,
        conventionalChainCo2eGrams: 248,
        carTripCo2eGrams: 2_087,
        conventionalMetres: 2_443_000,
        carTripMetres: 10_000,
      },
      comparison: {
        status: "COMPARED",
        claim: "LOWER",
        orderCo2eGrams: 88,
        baselineCo2eGrams: 2_335,
        differenceCo2eGrams: 2_247,
        conservativeSavingCo2eGrams: 1_035,
        conservativeSavingPercent: 88,
        caveats: ["TRANSPORT_ONLY", "BASELINE_IS_AN_AVERAGE", "CAR_TRIP_ASSUMED", "ESTIMATE_BEFORE_ROUTES"],
      },
    };
    const old = {
      schemaVersion: 1,
      estimate: {
        status: "ESTIMATED",
        ...figure,
        typicalRounds: { collection: "DEFAULT", delivery: "DEFAULT" },
        refrigeratedUplift: false,
      },
      allocation: null,
    };
    const detail = readCarbonDetail(old, columns);
    expect(detail).toEqual(old);
    if (detail?.estimate?.status !== "ESTIMATED") throw new Error("expected ESTIMATED");
    expect(detail.estimate.baseline?.profileId).toBeUndefined();
    expect(detail.estimate.baseline?.lowCo2eGrams).toBeUndefined();
  });

  it("reads the current shape as is", () => {
    const { estimate } = checkoutDetail();
    const detail = orderCarbonFieldsFromEstimate(estimate).carbonDetail;
    expect(readCarbonDetail(JSON.parse(JSON.stringify(detail)), columns)).toEqual(detail);
  });

  it("converts the earlier checkout shape (the domain estimate stored as is)", () => {
    const e = estimateOrderCarbon({
      lines,
      farms,
      delivery: { hubToBuyerMetres: 6_000 },
      distanceBasis: "GREAT_CIRCLE_X_CIRCUITY",
    });
    if (e.status !== "ESTIMATED") throw new Error("fixture");
    const stored = {
      status: "ESTIMATED",
      distanceBasis: e.distanceBasis,
      legs: e.legs,
      byFarm: e.byFarm,
      farmToHubGramsCo2e: e.farmToHubGramsCo2e,
      hubToBuyerGramsCo2e: e.hubToBuyerGramsCo2e,
    };
    const detail = readCarbonDetail(JSON.parse(JSON.stringify(stored)), columns);
    expect(detail?.estimate).toMatchObject({
      status: "ESTIMATED",
      co2eGrams: e.gramsCo2e,
      foodMetres: 21_000,
      grams: 3_000,
    });
    expect(detail?.allocation).toBeNull();
  });

  it("converts the earlier plan-save shape (the domain allocation stored as is)", () => {
    const cycle = allocateCycle({
      routes: [
        {
          id: "r",
          kind: "DELIVERY",
          metres: 10_000,
          distanceKind: "PLANNED",
          vehicle: { energyType: "van-diesel-class-iii", refrigerated: false },
          stops: [
            { id: "s", distanceFromDepotMetres: 4_000, consignments: [{ orderId: "o", farmId: null, grams: 1_000 }] },
          ],
        },
        {
          id: "c",
          kind: "COLLECTION",
          metres: 10_000,
          distanceKind: "PLANNED",
          vehicle: { energyType: "van-diesel-class-iii", refrigerated: false },
          stops: [
            { id: "f", distanceFromDepotMetres: 4_000, consignments: [{ orderId: "o", farmId: "F1", grams: 1_000 }] },
          ],
        },
      ],
      distanceBasis: "ROAD_NETWORK",
    });
    const o = cycle.orders[0]!;
    if (o.status !== "ALLOCATED") throw new Error("fixture");
    const stored = {
      status: o.status,
      distanceBasis: o.distanceBasis,
      farmToHubGramsCo2e: o.farmToHubGramsCo2e,
      hubToBuyerGramsCo2e: o.hubToBuyerGramsCo2e,
      byFarm: o.byFarm,
      legs: o.legs,
    };
    const detail = readCarbonDetail(JSON.parse(JSON.stringify(stored)), columns);
    expect(detail?.allocation).toMatchObject({
      status: "ALLOCATED",
      co2eGrams: o.gramsCo2e,
      foodMetres: 20_500,
      distanceBasis: "ROAD_NETWORK",
    });
    if (detail?.allocation?.status !== "ALLOCATED") return;
    expect(detail.allocation.byFarm).toEqual([
      { farmId: "F1", farmName: "Farm 1", grams: 1_000, co2eGrams: o.farmToHubGramsCo2e, metres: 4_000 },
    ]);
    expect(readCarbonDetail({ status: "NOT_ESTIMATED", reason: "No weight." }, columns)?.estimate).toMatchObject({
      reason: "No weight.",
    });
    expect(readCarbonDetail({ nothing: true }, columns)).toBeNull();
  });
});

describe("the refrigeration split in the stored detail (decision 026)", () => {
  it("records each leg's refrigeration part and the figure's sum, and still reads details stored before it", () => {
    const routes: RouteInput[] = [
      {
        id: "cold",
        kind: "DELIVERY",
        metres: 20_000,
        distanceKind: "DRIVEN",
        vehicle: { energyType: "van-diesel-class-iii", refrigerated: true },
        stops: [
          {
            id: "s1",
            distanceFromDepotMetres: 6_000,
            consignments: [{ orderId: "o1", farmId: null, grams: 3_000, chilledGrams: 1_000 }],
          },
        ],
      },
    ];
    const allocated = allocateCycle({ routes, distanceBasis: "ROAD_NETWORK" }).orders[0]!;
    const allocation = buildAllocationDetail({
      allocated,
      lines,
      householdCarTrip: false,
      farmNames: names,
      planId: "p",
      computedAt: at,
    });
    if (allocation.status !== "ALLOCATED") throw new Error("expected an allocation");
    // 8,231 g in all, of which the refrigeration part 1,314 g (the only stop, the only chilled goods).
    expect(allocation.legs.map((l) => [l.co2eGrams, l.refrigerationCo2eGrams])).toEqual([[8_231, 1_314]]);
    expect(allocation.refrigerationCo2eGrams).toBe(1_314);
    const detail = JSON.parse(JSON.stringify(orderCarbonFieldsFromAllocation(allocation, null).carbonDetail));
    expect(parseCarbonDetail(detail)?.allocation).toEqual(allocation);
    // A detail written by foodshed-carbon-1 has no refrigeration fields: it still reads.
    delete detail.allocation.refrigerationCo2eGrams;
    for (const leg of detail.allocation.legs) delete leg.refrigerationCo2eGrams;
    const old = parseCarbonDetail(detail)?.allocation;
    expect(old?.status === "ALLOCATED" && [old.co2eGrams, old.refrigerationCo2eGrams]).toEqual([8_231, undefined]);
  });
});
