import { describe, expect, it } from "vitest";
import { formatDistance } from "./format";

describe("formatDistance", () => {
  it.each([
    { metres: 0, unit: "KM", text: "0 m" },
    { metres: 854, unit: "KM", text: "850 m" },
    { metres: 996, unit: "KM", text: "1.0 km" },
    { metres: 4_240, unit: "KM", text: "4.2 km" },
    { metres: 9_960, unit: "KM", text: "10 km" },
    { metres: 42_000, unit: "KM", text: "42 km" },
    { metres: 2_443_000, unit: "KM", text: "2,443 km" },
    { metres: 0, unit: "MI", text: "0 mi" },
    { metres: 50, unit: "MI", text: "< 0.1 mi" },
    { metres: 1_609, unit: "MI", text: "1.0 mi" },
    { metres: 42_000, unit: "MI", text: "26 mi" },
    { metres: 2_443_000, unit: "MI", text: "1,518 mi" },
  ] as const)("$metres m in $unit → $text", ({ metres, unit, text }) => {
    expect(formatDistance(metres, unit)).toBe(text);
  });

  it("uses the given locale", () => {
    expect(formatDistance(4_240, "KM", { locale: "de-DE" })).toBe("4,2 km");
  });

  it("rejects a negative distance naming the value", () => {
    expect(() => formatDistance(-1, "KM")).toThrow("got -1");
  });
});
