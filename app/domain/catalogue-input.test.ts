import { describe, expect, it } from "vitest";
import { FarmInputSchema, normaliseCategory, normaliseUnit, ProductInputSchema } from "./catalogue-input";

const valid = {
  name: "Free-range eggs",
  category: "eggs",
  unit: "dozen",
  gramsPerUnit: "720",
  retailPrice: "£3.20",
  stock: "40",
};

function errorsOf(input: Record<string, string>) {
  const result = ProductInputSchema.safeParse(input);
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) errors[String(issue.path[0])] = issue.message;
  return errors;
}

describe("ProductInputSchema", () => {
  it("turns text into storage units", () => {
    const result = ProductInputSchema.parse({
      ...valid,
      wholesalePrice: "2.80",
      wholesaleMin: "10",
      lowStock: "5",
      chilled: "yes",
      availableFrom: "2026-03-01",
      availableTo: "2026-10-31",
    });
    expect(result).toMatchObject({
      name: "Free-range eggs",
      category: "EGGS",
      unit: "DOZEN",
      gramsPerUnit: 720,
      retailPriceMinor: 320,
      wholesalePriceMinor: 280,
      wholesaleMinMilli: 10_000,
      stockMilli: 40_000,
      lowStockMilli: 5_000,
      chilled: true,
    });
    expect(result.availableFrom?.toISOString()).toBe("2026-03-01T00:00:00.000Z");
  });

  it("fills grams for weight units and defaults stock to 0", () => {
    const result = ProductInputSchema.parse({
      name: "Carrots",
      category: "VEGETABLES",
      unit: "KG",
      retailPrice: "1.50",
    });
    expect(result.gramsPerUnit).toBe(1000);
    expect(result.stockMilli).toBe(0);
    expect(result.chilled).toBe(false);
  });

  it.each([
    ["KG", "300", 1000],
    ["kg", "1.5", 1000],
    ["G", "1000", 1],
    ["LB", "100", 454],
    ["pound", "", 454],
  ])("fixes the weight of a weight unit (%s) whatever was submitted (%j)", (unit, grams, expected) => {
    const result = ProductInputSchema.parse({
      name: "Carrots",
      category: "VEGETABLES",
      unit,
      gramsPerUnit: grams,
      retailPrice: "1.50",
    });
    expect(result.gramsPerUnit).toBe(expected);
  });

  it("still asks counted units for their weight", () => {
    const result = ProductInputSchema.safeParse({ name: "Milk", category: "DAIRY", unit: "L", retailPrice: "1.50" });
    expect(result.success).toBe(false);
    expect(
      ProductInputSchema.parse({
        name: "Milk",
        category: "DAIRY",
        unit: "L",
        gramsPerUnit: "1030",
        retailPrice: "1.50",
      }).gramsPerUnit,
    ).toBe(1030);
  });

  it.each([
    [{ retailPrice: "-1" }, "retailPrice", "cannot be negative"],
    [{ retailPrice: "0" }, "retailPrice", "more than 0.00"],
    [{ gramsPerUnit: "0" }, "gramsPerUnit", "more than 0 g"],
    [{ gramsPerUnit: "1.5" }, "gramsPerUnit", "whole number of grams"],
    [{ unit: "stone" }, "unit", 'Unknown unit "stone"'],
    [{ category: "gadgets" }, "category", 'Unknown category "gadgets"'],
    [{ wholesaleMin: "10" }, "wholesaleMin", "needs a wholesale price"],
    [{ wholesalePrice: "2.00" }, "wholesaleMin", "minimum quantity"],
    [{ wholesalePrice: "5.00", wholesaleMin: "2" }, "wholesalePrice", "not be higher"],
    [{ stock: "1.5" }, "stock", "whole number of dozen"],
    [{ availableFrom: "2026-13-01" }, "availableFrom", "YYYY-MM-DD"],
    [{ availableFrom: "2026-06-01", availableTo: "2026-05-01" }, "availableTo", "on or after"],
    [{ chilled: "maybe" }, "chilled", '"yes" or "no"'],
    [{ name: " " }, "name", "Enter the product name"],
  ])("refuses %j on %s", (change, field, message) => {
    expect(errorsOf({ ...valid, ...change })[field]).toContain(message);
  });
});

describe("normalisers", () => {
  it("accepts unit words", () => {
    expect(normaliseUnit("Litre")).toBe("L");
    expect(normaliseUnit("kg")).toBe("KG");
    expect(normaliseUnit("stone")).toBeNull();
    expect(normaliseCategory("Dairy")).toBe("DAIRY");
  });
});

describe("FarmInputSchema", () => {
  const farm = { name: "Hill Farm", lat: "51.45", lng: "-2.59" };
  it("parses coordinates and certifications", () => {
    const result = FarmInputSchema.parse({ ...farm, certifications: "Organic, LEAF Marque, Organic" });
    expect(result.lat).toBe(51.45);
    expect(result.certifications).toEqual(["Organic", "LEAF Marque"]);
  });
  it.each([
    [{ lat: "91" }, "between -90 and 90"],
    [{ lng: "-180.5" }, "between -180 and 180"],
    [{ lat: "north" }, "must be a number"],
  ])("refuses %j", (change, message) => {
    const result = FarmInputSchema.safeParse({ ...farm, ...change });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain(message);
  });
});
