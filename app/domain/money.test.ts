import { describe, expect, it } from "vitest";
import { lineTotalMinor, minorToInput, parseMoneyToMinor } from "./money";

describe("parseMoneyToMinor", () => {
  it.each([
    ["2.50", 250],
    ["£2.50", 250],
    ["£ 2.5", 250],
    ["2", 200],
    [" 0.99 ", 99],
    [".5", 50],
    ["1,234.50", 123450],
    ["£1,000", 100000],
    ["2.50 €", 250],
    ["€2.50", 250],
    ["CHF 3", 300],
    ["12 kr", 1200],
    ["EUR 1,234.5", 123450],
    ["2,40", 240],
    ["2,5 €", 250],
  ])("%s → %i pence", (text, minor) => {
    expect(parseMoneyToMinor(text)).toEqual({ ok: true, value: minor });
  });

  it.each([
    ["", "Enter the price"],
    ["-1", "cannot be negative"],
    ["£-1.00", "cannot be negative"],
    ["0", "more than 0.00"],
    ["0.00", "more than 0.00"],
    ["2.505", "two decimal places"],
    ["two pounds", "an amount like 2.50"],
    ["1e3", "an amount like 2.50"],
    ["2000000", "at most 1,000,000.00"],
  ])("refuses %j (%s)", (text, message) => {
    const result = parseMoneyToMinor(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });

  it("allows zero when asked and names the field", () => {
    expect(parseMoneyToMinor("0", { allowZero: true })).toEqual({ ok: true, value: 0 });
    const result = parseMoneyToMinor("x", { label: "Wholesale price" });
    expect(!result.ok && result.error).toMatch(/^Wholesale price/);
  });
});

describe("minorToInput and lineTotalMinor", () => {
  it.each([
    [250, "2.50"],
    [5, "0.05"],
    [100000, "1000.00"],
    [-120, "-1.20"],
  ])("%i → %s", (minor, text) => expect(minorToInput(minor)).toBe(text));
  it("is empty for null", () => expect(minorToInput(null)).toBe(""));
  it("round-trips", () => {
    for (const minor of [1, 99, 250, 123456])
      expect(parseMoneyToMinor(minorToInput(minor))).toEqual({ ok: true, value: minor });
  });
  it("prices a fractional quantity, rounding half up", () => {
    expect(lineTotalMinor(250, 1500)).toBe(375);
    expect(lineTotalMinor(333, 500)).toBe(167);
  });
});
