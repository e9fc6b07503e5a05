import { describe, expect, it } from "vitest";
import type { AllocatedOrderCarbon } from "./allocation";
import { computeBaseline, DEFAULT_HOUSEHOLD_CAR_TRIP } from "./baseline";
import { compareWithBaseline } from "./comparison";
import { estimateOrderCarbon } from "./estimate";
import { methodPageData } from "./method";

const farms = [
  { farmId: "F1", farmToHubMetres: 15_000, arrival: "COLLECTION" as const },
  { farmId: "F4", farmToHubMetres: 40_000, arrival: "FARM_DROP_OFF" as const },
];
const estimate = (farmId: string, delivery: { hubToBuyerMetres: number } | null) =>
  estimateOrderCarbon({ lines: [{ farmId, grams: 1_000 }], farms, delivery, distanceBasis: "GREAT_CIRCLE_X_CIRCUITY" });

const allocated = (gramsCo2e: number): AllocatedOrderCarbon => ({
  status: "ALLOCATED",
  orderId: "o",
  gramsCo2e,
  farmToHubGramsCo2e: gramsCo2e,
  hubToBuyerGramsCo2e: 0,
  refrigerationGramsCo2e: 0,
  byFarm: [],
  legs: [],
  foodMetres: 1_000,
  methodVersion: "foodshed-carbon-2",
  factorSetId: "desnz-2025",
  distanceBasis: "ROAD_NETWORK",
});

describe("compareWithBaseline", () => {
  const household = computeBaseline({
    lines: [{ grams: 1_000, chilled: false }],
    householdCarTrip: DEFAULT_HOUSEHOLD_CAR_TRIP,
  });
  const noCar = computeBaseline({ lines: [{ grams: 1_000, chilled: false }], householdCarTrip: null });

  it("claims LOWER only with a conservative figure, with caveats", () => {
    const c = compareWithBaseline(estimate("F1", { hubToBuyerMetres: 8_000 }), household);
    // order 88 g (high 132), baseline 2,335 g (low 1,167.5): 1 − 132/1,167.5 = 88.7% → 88%.
    expect(c).toMatchObject({
      status: "COMPARED",
      claim: "LOWER",
      orderGramsCo2e: 88,
      baselineGramsCo2e: 2_335,
      differenceGramsCo2e: 2_247,
      conservativeSavingGramsCo2e: 1_035,
      conservativeSavingPercent: 88,
      caveats: ["TRANSPORT_ONLY", "BASELINE_IS_AN_AVERAGE", "CAR_TRIP_ASSUMED", "ESTIMATE_BEFORE_ROUTES"],
    });
  });

  it("makes no claim when the bands overlap", () => {
    // A farm 40 km out driving 1 kg in itself: 266 g against a 248 g lorry baseline.
    const c = compareWithBaseline(estimate("F4", null), noCar);
    expect(c).toMatchObject({
      status: "COMPARED",
      claim: "NO_CLEAR_DIFFERENCE",
      orderGramsCo2e: 266,
      conservativeSavingGramsCo2e: null,
      conservativeSavingPercent: null,
    });
    if (c.status === "COMPARED") expect(c.caveats).not.toContain("CAR_TRIP_ASSUMED");
  });

  it.each([
    { grams: 2_000, claim: "HIGHER" },
    { grams: 300, claim: "NO_CLEAR_DIFFERENCE" },
    { grams: 90, claim: "LOWER" },
  ])("allocated $grams g vs 248 g baseline → $claim", ({ grams, claim }) => {
    expect(compareWithBaseline(allocated(grams), noCar)).toMatchObject({ claim });
  });

  it("does not compare what was not estimated, or figures from different factor sets", () => {
    const none = estimateOrderCarbon({
      lines: [{ farmId: "F1", grams: null }],
      farms,
      delivery: null,
      distanceBasis: "ROAD_NETWORK",
    });
    expect(compareWithBaseline(none, household)).toMatchObject({
      status: "NOT_COMPARED",
      reason: expect.stringContaining("No weight data"),
    });
    const otherSet = { ...allocated(90), factorSetId: "desnz-2026" };
    expect(compareWithBaseline(otherSet, noCar)).toMatchObject({ status: "NOT_COMPARED" });
  });
});

describe("methodPageData", () => {
  const data = methodPageData();
  it("lists every factor with its source and year", () => {
    expect(data.methodVersion).toBe("foodshed-carbon-2");
    expect(data.factorSet.vehicleFactors.length).toBeGreaterThanOrEqual(9);
    for (const f of data.factorSet.vehicleFactors) {
      expect(f.source).toMatch(/DESNZ/);
      expect(f.year).toBe(2025);
    }
  });
  it("states the transport-only caveat with Weber & Matthews 2008", () => {
    expect(data.caveats.TRANSPORT_ONLY.text).toMatch(/11%/);
    expect(data.caveats.TRANSPORT_ONLY.text).toMatch(/4%/);
    expect(data.caveats.TRANSPORT_ONLY.citation).toBe("weberMatthews2008");
    expect(data.citations.weberMatthews2008.text).toMatch(/Environmental Science & Technology 42/);
  });
  it("cites every baseline fact and states the assumptions", () => {
    for (const fact of data.baselineFacts) expect(data.citations[fact.citation]).toBeDefined();
    expect(data.assumptions.map((a) => a.text).join(" ")).toMatch(/1\.19|refrigerated/);
    expect(data.assumptions.map((a) => a.text).join(" ")).toMatch(/2,443 km/);
  });
  it("states the refrigeration split as allocateRoute and the estimate make it (decision 026)", () => {
    const step = data.steps.find((s) => s.startsWith("On a refrigerated van"));
    expect(step).toMatch(/shared the same way among the chilled goods only/);
    expect(step).toMatch(/no chilled goods, its refrigeration still ran: that part is shared among all its goods/);
    expect(data.assumptions.map((a) => a.text).join(" ")).toMatch(/Ambient goods pay no refrigeration either way\./);
  });
});
