import { describe, expect, it } from "vitest";
import { computeBaseline } from "./baseline";
import {
  BASELINE_PROFILE_IDS,
  BASELINE_PROFILES,
  baselineProfileFor,
  profileParameters,
  profileProblems,
  type BaselineProfile,
} from "./baseline-profile";
import { parseFactorOverrides } from "./factors";

const UK = BASELINE_PROFILES["uk-dft-defra-nts"];
const EUROPE = BASELINE_PROFILES["europe-assumption"];
const kgAmbient = [{ grams: 1_000, chilled: false }];

describe("baseline profiles", () => {
  it.each(BASELINE_PROFILE_IDS)("%s has ordered, sourced ranges", (id) => {
    expect(profileProblems(BASELINE_PROFILES[id])).toEqual([]);
    expect(BASELINE_PROFILES[id].id).toBe(id);
  });

  it("cites a source with a year or a table for every UK figure that is not an assumption", () => {
    for (const p of profileParameters(UK).filter((p) => p.status !== "ASSUMPTION")) {
      expect(p.sources.length, p.key).toBeGreaterThan(0);
      for (const s of p.sources) expect(s.year !== null || s.table !== null, `${p.key}: ${s.title}`).toBe(true);
    }
  });

  it("flags the European profile and every one of its figures as an assumption", () => {
    expect(EUROPE.status).toBe("ASSUMPTION");
    for (const p of profileParameters(EUROPE).filter((p) => p.key !== "seaFactor" && p.key !== "roadLegs")) {
      expect(p.status, p.key).toBe("ASSUMPTION");
    }
  });

  it("falls back to the UK profile for an unknown or missing id", () => {
    expect(baselineProfileFor("europe-assumption")).toBe(EUROPE);
    expect(baselineProfileFor("mars")).toBe(UK);
    expect(baselineProfileFor(null)).toBe(UK);
  });

  it("reports a range out of order, a share over 1 and an unsourced published figure", () => {
    const broken: BaselineProfile = {
      ...UK,
      domestic: { ...UK.domestic, lengthOfHaul: { ...UK.domestic.lengthOfHaul, low: 200_000 } },
      household: { ...UK.household, carShare: { ...UK.household.carShare, high: 1.2, sources: [] } },
    };
    expect(profileProblems(broken)).toEqual([
      "lengthOfHaul: needs low ≤ central ≤ high",
      "carShare: a share cannot exceed 1",
      "carShare: a PUBLISHED figure needs a source",
    ]);
  });
});

describe("computeBaseline with the UK profile", () => {
  // Central, 1 kg ambient: road 128 km × 2 legs × 0.10163 = 26.017 g; EU 0.24 × 1,200 km × 0.10163
  // = 29.269 g; rest of world 0.18 × 8,000 km × 0.01536 = 22.118 g → 77.405 → 77 g.
  // Low: 106 × 1 × 0.10163 + 0.22 × 600 × 0.10163 + 0.15 × 4,000 × 0.010 = 10.773 + 13.415 + 6 = 30.188 → 30 g.
  // High: 150 × 3 × 0.10163 + 0.30 × 2,200 × 0.10163 + 0.21 × 16,000 × 0.0297 = 45.734 + 67.076 + 99.792 → 213 g.
  it("gives low / central / high for 1 kg of ambient food, no shopping trip", () => {
    const b = computeBaseline({ lines: kgAmbient, householdCarTrip: false, profile: UK });
    expect(b).toMatchObject({
      status: "ESTIMATED",
      lowGramsCo2e: 30,
      gramsCo2e: 77,
      highGramsCo2e: 213,
      conventionalChainGramsCo2e: 77,
      carTripGramsCo2e: 0,
      // 256 km by road + 0.24 × 1,200 km + 0.18 × 8,000 km = 1,984 km on average.
      conventionalMetres: 1_984_000,
      householdCarTrip: false,
      profileId: "uk-dft-defra-nts",
      profileStatus: "SOURCED",
      methodVersion: "foodshed-carbon-2",
      factorSetId: "desnz-2025",
    });
    if (b.status === "ESTIMATED") {
      expect(b.bands.low).toMatchObject({ chainGramsCo2e: 30, carTripMetres: null });
      expect(b.bands.high).toMatchObject({ chainGramsCo2e: 213 });
    }
  });

  it("adds the shopping trip: 2 × one-way × petrol car × share of trips by car, not divided by occupancy", () => {
    // Central 2 × 6.2 km × 0.20871 × 0.65 = 1,682.2; low 2 × 5 × 0.20871 × 0.5 = 1,043.55;
    // high 2 × 8 × 0.20871 × 0.84 = 2,805.06.
    const b = computeBaseline({ lines: kgAmbient, householdCarTrip: true, profile: UK });
    expect(b).toMatchObject({
      carTripGramsCo2e: 1_682,
      gramsCo2e: 77 + 1_682,
      lowGramsCo2e: 30 + 1_044,
      highGramsCo2e: 213 + 2_805,
    });
    if (b.status === "ESTIMATED") {
      expect(b.bands.central.carTripMetres).toBe(12_400);
      expect(b.bands.low.carTripGramsCo2e).toBe(1_044);
    }
  });

  it("uses the refrigerated lorry factor for chilled lines (sea legs unchanged)", () => {
    // 256 × 0.11894 + 0.24 × 1,200 × 0.11894 + 22.118 = 30.449 + 34.255 + 22.118 = 86.82 → 87 g.
    const b = computeBaseline({ lines: [{ grams: 1_000, chilled: true }], householdCarTrip: false, profile: UK });
    expect(b).toMatchObject({ gramsCo2e: 87 });
  });

  it("rounds each band once over mixed lines and is ordered low ≤ central ≤ high", () => {
    const b = computeBaseline({
      lines: [
        { grams: 1_000, chilled: false },
        { grams: 2_000, chilled: true },
      ],
      householdCarTrip: true,
      profile: UK,
    });
    // 77.405 + 2 × 86.822 = 251.05 → 251 g for the chain.
    expect(b).toMatchObject({ conventionalChainGramsCo2e: 251 });
    if (b.status === "ESTIMATED") {
      expect(b.lowGramsCo2e).toBeLessThanOrEqual(b.gramsCo2e);
      expect(b.gramsCo2e).toBeLessThanOrEqual(b.highGramsCo2e);
    }
  });

  it("defaults to the UK profile and the DESNZ 2025 factors", () => {
    expect(computeBaseline({ lines: kgAmbient, householdCarTrip: false })).toMatchObject({
      profileId: "uk-dft-defra-nts",
      gramsCo2e: 77,
    });
  });

  it("uses an overridden HGV factor and records the set", () => {
    const set = parseFactorOverrides({ id: "hgv-2026", source: "s", year: 2026, hgvKgPerTonneKm: { ambient: 0.2 } });
    const b = computeBaseline({ lines: kgAmbient, householdCarTrip: false, profile: UK, factorSet: set });
    // 256 × 0.2 + 0.24 × 1,200 × 0.2 + 22.118 = 51.2 + 57.6 + 22.118 = 130.9 → 131 g.
    expect(b).toMatchObject({ conventionalChainGramsCo2e: 131, factorSetId: "hgv-2026" });
  });

  it.each([
    { lines: [{ grams: null, chilled: false }], reason: /no weight data/ },
    { lines: [], reason: /no goods/ },
    { lines: [{ grams: 0, chilled: false }], reason: /weigh 0 g/ },
  ])("is NOT_ESTIMATED without weights: $reason", ({ lines, reason }) => {
    const b = computeBaseline({ lines, householdCarTrip: false });
    expect(b.status).toBe("NOT_ESTIMATED");
    if (b.status === "NOT_ESTIMATED") expect(b.reason).toMatch(reason);
  });

  it("rejects negative grams and an unknown car", () => {
    expect(() => computeBaseline({ lines: [{ grams: -1_000, chilled: false }], householdCarTrip: false })).toThrow(
      /got -1000/,
    );
    const horse = { ...UK, household: { ...UK.household, carEnergyType: "horse" } };
    expect(() => computeBaseline({ lines: kgAmbient, householdCarTrip: true, profile: horse })).toThrow(
      /Unknown vehicle energy type "horse"/,
    );
  });
});

describe("computeBaseline with the European (assumption) profile", () => {
  it("records that the profile is an assumption and spans a wider range", () => {
    const uk = computeBaseline({ lines: kgAmbient, householdCarTrip: true, profile: UK });
    const eu = computeBaseline({ lines: kgAmbient, householdCarTrip: true, profile: EUROPE });
    expect(eu).toMatchObject({ status: "ESTIMATED", profileId: "europe-assumption", profileStatus: "ASSUMPTION" });
    if (uk.status === "ESTIMATED" && eu.status === "ESTIMATED") {
      expect(eu.highGramsCo2e / eu.lowGramsCo2e).toBeGreaterThan(uk.highGramsCo2e / uk.lowGramsCo2e);
    }
  });
});
