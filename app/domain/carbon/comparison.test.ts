import { describe, expect, it } from "vitest";
import type { AllocatedOrderCarbon } from "./allocation";
import { computeBaseline } from "./baseline";
import { BASELINE_PROFILES } from "./baseline-profile";
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
  // UK profile, 1 kg ambient (baseline.test.ts): chain 30 / 77 / 213 g; with the shopping trip
  // 1,074 / 1,759 / 3,018 g.
  const household = computeBaseline({ lines: [{ grams: 1_000, chilled: false }], householdCarTrip: true });
  const noCar = computeBaseline({ lines: [{ grams: 1_000, chilled: false }], householdCarTrip: false });

  it("claims LOWER only below the low end of the baseline's range, with a conservative saving and caveats", () => {
    const c = compareWithBaseline(estimate("F1", { hubToBuyerMetres: 8_000 }), household);
    // order 88 g (high 132), baseline low 1,074 g: saving 1,074 − 132 = 942 g; 1 − 132/1,074 = 87.7% → 87%.
    expect(c).toMatchObject({
      status: "COMPARED",
      claim: "LOWER",
      orderGramsCo2e: 88,
      baselineGramsCo2e: 1_759,
      baselineLowGramsCo2e: 1_074,
      baselineHighGramsCo2e: 3_018,
      differenceGramsCo2e: 1_671,
      conservativeSavingGramsCo2e: 942,
      conservativeSavingPercent: 87,
      caveats: ["TRANSPORT_ONLY", "BASELINE_IS_A_REGIONAL_RANGE", "HOUSEHOLD_TRIP_MODELLED", "ESTIMATE_BEFORE_ROUTES"],
    });
  });

  it("judges against the range, not the central value ± a fixed band", () => {
    // 28 g allocated, at most 35 g: below the central 77 g − 50% (38.5 g) that a fixed band would
    // use, but not below the low end of the range (30 g): no claim.
    expect(compareWithBaseline(allocated(28), noCar)).toMatchObject({ claim: "NO_CLEAR_DIFFERENCE" });
    // 200 g allocated, at least 150 g: above 77 g + 50% (115.5 g), not above the high end (213 g).
    expect(compareWithBaseline(allocated(200), noCar)).toMatchObject({ claim: "NO_CLEAR_DIFFERENCE" });
    // 300 g: at least 225 g, above the high end.
    expect(compareWithBaseline(allocated(300), noCar)).toMatchObject({ claim: "HIGHER" });
  });

  it("adds the assumed-profile caveat for a region without a sourced baseline", () => {
    const europe = computeBaseline({
      lines: [{ grams: 1_000, chilled: false }],
      householdCarTrip: true,
      profile: BASELINE_PROFILES["europe-assumption"],
    });
    const c = compareWithBaseline(allocated(20), europe);
    expect(c).toMatchObject({ status: "COMPARED" });
    if (c.status === "COMPARED") expect(c.caveats).toContain("BASELINE_PROFILE_ASSUMED");
  });

  it("makes no claim when the bands overlap", () => {
    // A farm 40 km out driving 1 kg in itself: 266 g (133–399) against a 30–213 g chain.
    const c = compareWithBaseline(estimate("F4", null), noCar);
    expect(c).toMatchObject({
      status: "COMPARED",
      claim: "NO_CLEAR_DIFFERENCE",
      orderGramsCo2e: 266,
      conservativeSavingGramsCo2e: null,
      conservativeSavingPercent: null,
    });
    if (c.status === "COMPARED") expect(c.caveats).not.toContain("HOUSEHOLD_TRIP_MODELLED");
  });

  it.each([
    { grams: 2_000, claim: "HIGHER" },
    { grams: 150, claim: "NO_CLEAR_DIFFERENCE" },
    { grams: 20, claim: "LOWER" },
  ])("allocated $grams g vs the 30–213 g baseline → $claim", ({ grams, claim }) => {
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
    expect(data.assumptions.map((a) => a.text).join(" ")).toMatch(/regional profile/);
  });
  it("states the refrigeration split as allocateRoute and the estimate make it (decision 026)", () => {
    const step = data.steps.find((s) => s.startsWith("On a refrigerated van"));
    expect(step).toMatch(/shared the same way among the chilled goods only/);
    expect(step).toMatch(/no chilled goods, its refrigeration still ran: that part is shared among all its goods/);
    expect(data.assumptions.map((a) => a.text).join(" ")).toMatch(/Ambient goods pay no refrigeration either way\./);
  });
});
