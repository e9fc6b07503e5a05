import { describe, expect, it } from "vitest";
import {
  categoriesToMask,
  gramsForQuantity,
  isInSeason,
  isProductCategory,
  isUnit,
  isWholeUnit,
  maskToCategories,
  pricePerKgMinor,
  PRODUCT_CATEGORIES,
} from "./catalogue";

describe("pricePerKgMinor", () => {
  it.each([
    [250, 1000, 250], // £2.50 per kg
    [180, 600, 300], // a 600 g bunch at £1.80 is £3.00/kg
    [350, 454, 771], // £3.50 per lb
    [1, 1, 1000], // 1p per gram
    [320, 720, 444], // a dozen eggs (720 g) at £3.20
  ])("%ip for %i g → %ip/kg", (price, grams, perKg) => expect(pricePerKgMinor(price, grams)).toBe(perKg));
  it("is null without a weight", () => expect(pricePerKgMinor(250, 0)).toBeNull());
});

describe("units and categories", () => {
  it("knows whole units", () => {
    expect(["EACH", "BUNCH", "DOZEN"].every((u) => isWholeUnit(u as "EACH"))).toBe(true);
    expect(isWholeUnit("KG")).toBe(false);
  });
  it("validates names", () => {
    expect(isUnit("KG")).toBe(true);
    expect(isUnit("STONE")).toBe(false);
    expect(isProductCategory("EGGS")).toBe(true);
    expect(isProductCategory("eggs")).toBe(false);
  });
  it("converts quantities to grams", () => expect(gramsForQuantity(2500, 600)).toBe(1500));
  it("round-trips category masks", () => {
    expect(categoriesToMask([])).toBe(0);
    expect(maskToCategories(categoriesToMask(["EGGS", "VEGETABLES", "EGGS"]))).toEqual(["VEGETABLES", "EGGS"]);
    expect(maskToCategories(categoriesToMask(PRODUCT_CATEGORIES))).toEqual([...PRODUCT_CATEGORIES]);
  });
});

describe("isInSeason", () => {
  const now = new Date("2026-06-15T12:00:00Z");
  it.each([
    [null, null, true],
    ["2026-06-01", "2026-08-31", true],
    ["2026-07-01", null, false],
    [null, "2026-06-14", false],
    [null, "2026-06-15", true], // the last day counts
  ])("from %s to %s → %s", (from, to, expected) => {
    expect(isInSeason({ availableFrom: from && new Date(from), availableTo: to && new Date(to) }, now)).toBe(expected);
  });
});
