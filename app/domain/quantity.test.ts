import { describe, expect, it } from "vitest";
import { formatQuantity, milliToInput, parseQuantityToMilli, quantityStep } from "./quantity";

describe("parseQuantityToMilli", () => {
  it.each([
    ["12.5", undefined, 12500],
    ["3", "BUNCH", 3000],
    ["0.25", "KG", 250],
    [".5", "L", 500],
    ["1,200", "G", 1200000],
    ["0", "KG", 0],
    ["2.125", "KG", 2125],
  ] as const)("%s (%s) → %i", (text, unit, milli) => {
    expect(parseQuantityToMilli(text, { unit })).toEqual({ ok: true, value: milli });
  });

  it.each([
    ["", {}, "Enter the quantity"],
    ["-2", {}, "cannot be negative"],
    ["1.5", { unit: "EACH" }, "whole number of each"],
    ["0.5", { unit: "DOZEN" }, "whole number of dozen"],
    ["1.2345", {}, "three decimal places"],
    ["abc", {}, "must be a number"],
    ["0", { allowZero: false }, "more than 0"],
    ["99999999", {}, "too large"],
  ] as const)("refuses %j", (text, options, message) => {
    const result = parseQuantityToMilli(text, options);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });
});

describe("formatting", () => {
  it.each([
    [12500, "12.5"],
    [3000, "3"],
    [250, "0.25"],
    [1, "0.001"],
    [0, "0"],
  ])("milliToInput(%i) = %s", (milli, text) => expect(milliToInput(milli)).toBe(text));

  it("round-trips", () => {
    for (const milli of [0, 1, 250, 12500, 1234567])
      expect(parseQuantityToMilli(milliToInput(milli))).toEqual({ ok: true, value: milli });
  });

  it.each([
    [12500, "KG", "12.5 kg"],
    [1000, "BUNCH", "1 bunch"],
    [3000, "BUNCH", "3 bunches"],
    [2000, "DOZEN", "2 dozen"],
    [4000, "EACH", "4"],
    [1500, "L", "1.5 L"],
    [1234000, "G", "1,234 g"],
  ] as const)("formatQuantity(%i, %s) = %s", (milli, unit, text) => expect(formatQuantity(milli, unit)).toBe(text));

  it("steps whole units by one", () => {
    expect(quantityStep("EACH")).toBe("1");
    expect(quantityStep("KG")).toBe("0.001");
  });
});
