import { describe, expect, it } from "vitest";
import { computeBaseline, CONVENTIONAL_CHAIN_METRES, DEFAULT_HOUSEHOLD_CAR_TRIP } from "./baseline";
import { parseFactorOverrides } from "./factors";

describe("computeBaseline", () => {
  it("uses 2,443 km and a 10 km petrol car round trip by default", () => {
    expect(CONVENTIONAL_CHAIN_METRES).toBe(2_443_000);
    expect(DEFAULT_HOUSEHOLD_CAR_TRIP).toEqual({ roundTripMetres: 10_000, energyType: "car-petrol-average" });
  });

  it.each([
    // 1,000 g × 2,443,000 m × 0.10163 ÷ 10^6 = 248.28
    {
      name: "1 kg ambient, no car trip",
      lines: [{ grams: 1_000, chilled: false }],
      car: null,
      chain: 248,
      carGrams: 0,
    },
    // × 0.11894 = 290.57
    { name: "1 kg chilled, no car trip", lines: [{ grams: 1_000, chilled: true }], car: null, chain: 291, carGrams: 0 },
    // 10,000 m × 0.20871 = 2,087.1
    {
      name: "1 kg ambient, household delivery",
      lines: [{ grams: 1_000, chilled: false }],
      car: DEFAULT_HOUSEHOLD_CAR_TRIP,
      chain: 248,
      carGrams: 2_087,
    },
    // 248.28 + 2 × 290.57 = 829.42: rounded once on the sum
    {
      name: "mixed ambient and chilled",
      lines: [
        { grams: 1_000, chilled: false },
        { grams: 2_000, chilled: true },
      ],
      car: null,
      chain: 829,
      carGrams: 0,
    },
    { name: "restaurant, 50 kg", lines: [{ grams: 50_000, chilled: false }], car: null, chain: 12_414, carGrams: 0 },
    // 12,000 m × 0.21450
    {
      name: "diesel car, 12 km",
      lines: [{ grams: 1_000, chilled: false }],
      car: { roundTripMetres: 12_000, energyType: "car-diesel-average" },
      chain: 248,
      carGrams: 2_574,
    },
  ])("$name", ({ lines, car, chain, carGrams }) => {
    const b = computeBaseline({ lines, householdCarTrip: car });
    expect(b).toMatchObject({
      status: "ESTIMATED",
      conventionalChainGramsCo2e: chain,
      carTripGramsCo2e: carGrams,
      gramsCo2e: chain + carGrams,
      methodVersion: "foodshed-carbon-2",
      factorSetId: "desnz-2025",
    });
  });

  it("uses an overridden HGV factor and records the set", () => {
    const set = parseFactorOverrides({ id: "hgv-2026", source: "s", year: 2026, hgvKgPerTonneKm: { ambient: 0.2 } });
    const b = computeBaseline({ lines: [{ grams: 1_000, chilled: false }], householdCarTrip: null, factorSet: set });
    expect(b).toMatchObject({ conventionalChainGramsCo2e: 489, factorSetId: "hgv-2026" });
  });

  it.each([
    { lines: [{ grams: null, chilled: false }], reason: /no weight data/ },
    { lines: [], reason: /no goods/ },
  ])("is NOT_ESTIMATED without weights: $reason", ({ lines, reason }) => {
    const b = computeBaseline({ lines, householdCarTrip: null });
    expect(b.status).toBe("NOT_ESTIMATED");
    if (b.status === "NOT_ESTIMATED") expect(b.reason).toMatch(reason);
  });

  it.each([
    [{ lines: [{ grams: -1_000, chilled: false }], householdCarTrip: null }, /got -1000/],
    [
      {
        lines: [{ grams: 1_000, chilled: false }],
        householdCarTrip: { roundTripMetres: -10, energyType: "car-petrol-average" },
      },
      /roundTripMetres .*got -10/,
    ],
    [
      { lines: [{ grams: 1_000, chilled: false }], householdCarTrip: { roundTripMetres: 10, energyType: "horse" } },
      /Unknown vehicle energy type "horse"/,
    ],
  ])("rejects bad input %#", (input, message) => {
    expect(() => computeBaseline(input)).toThrow(message);
  });
});
