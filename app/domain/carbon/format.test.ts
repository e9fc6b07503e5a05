import { describe, expect, it } from "vitest";
import { formatCo2e } from "./format";

describe("formatCo2e", () => {
  it.each([
    [0, "0 g"],
    [656, "656 g"],
    [4_200, "4.20 kg"],
    [14_525, "14.5 kg"],
    [248_000, "248 kg"],
    [1_234_567, "1.23 t"],
    [12_345_678, "12.3 t"],
  ])("%i g → %s", (grams, text) => {
    expect(formatCo2e(grams)).toBe(text);
  });
  it("rejects a negative value naming it", () => {
    expect(() => formatCo2e(-3)).toThrow("got -3");
  });
});
