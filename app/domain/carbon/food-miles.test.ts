import { describe, expect, it } from "vitest";
import { computeFoodMiles } from "./food-miles";

describe("computeFoodMiles (mass-weighted farm → hub → buyer)", () => {
  it.each([
    { name: "one farm", parts: [{ farmId: "a", grams: 1_000, farmToHubMetres: 12_000 }], hub: 5_000, metres: 17_000 },
    {
      name: "weighted by mass",
      parts: [
        { farmId: "a", grams: 3_000, farmToHubMetres: 10_000 },
        { farmId: "b", grams: 1_000, farmToHubMetres: 30_000 },
      ],
      hub: 2_000,
      metres: 17_000,
    },
    { name: "pickup at hub", parts: [{ farmId: "a", grams: 500, farmToHubMetres: 7_777 }], hub: 0, metres: 7_777 },
    {
      name: "rounds to whole metres",
      parts: [
        { farmId: "a", grams: 1, farmToHubMetres: 1 },
        { farmId: "b", grams: 2, farmToHubMetres: 2 },
      ],
      hub: 0,
      metres: 2,
    },
  ])("$name → $metres m", ({ parts, hub, metres }) => {
    expect(computeFoodMiles({ parts, hubToBuyerMetres: hub })).toMatchObject({ status: "ESTIMATED", metres });
  });

  it.each([
    { parts: [], reason: /no goods/ },
    { parts: [{ farmId: "a", grams: null, farmToHubMetres: 1_000 }], reason: /No weight data for goods from farm a/ },
    { parts: [{ farmId: "a", grams: 0, farmToHubMetres: 1_000 }], reason: /0 g/ },
  ])("is NOT_ESTIMATED: $reason", ({ parts, reason }) => {
    const r = computeFoodMiles({ parts, hubToBuyerMetres: 0 });
    expect(r.status).toBe("NOT_ESTIMATED");
    if (r.status === "NOT_ESTIMATED") expect(r.reason).toMatch(reason);
  });

  it.each([
    [{ parts: [{ farmId: "a", grams: -1, farmToHubMetres: 1 }], hubToBuyerMetres: 0 }, /grams from farm a .*got -1/],
    [
      { parts: [{ farmId: "a", grams: 1, farmToHubMetres: -9 }], hubToBuyerMetres: 0 },
      /farmToHubMetres of farm a .*got -9/,
    ],
    [{ parts: [], hubToBuyerMetres: -4 }, /hubToBuyerMetres .*got -4/],
  ])("rejects negative input %#", (input, message) => {
    expect(() => computeFoodMiles(input)).toThrow(message);
  });
});
