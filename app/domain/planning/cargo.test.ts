import { describe, expect, it } from "vitest";
import { stopCarriesLine, stopNeedsCold, stopPartLabel } from "./cargo";

describe("a saved stop's cargo", () => {
  it("carries only its part's lines, or every line when it has no part", () => {
    expect(stopCarriesLine("CHILLED", true)).toBe(true);
    expect(stopCarriesLine("CHILLED", false)).toBe(false);
    expect(stopCarriesLine("AMBIENT", false)).toBe(true);
    expect(stopCarriesLine("AMBIENT", true)).toBe(false);
    expect(stopCarriesLine(null, true)).toBe(true);
    expect(stopCarriesLine(null, false)).toBe(true);
  });

  it("needs a cold vehicle for a chilled part, or for a whole place with chilled goods", () => {
    expect(stopNeedsCold("CHILLED", false)).toBe(true);
    expect(stopNeedsCold("AMBIENT", true)).toBe(false);
    expect(stopNeedsCold(null, true)).toBe(true);
    expect(stopNeedsCold(null, false)).toBe(false);
  });

  it("names the part for drivers", () => {
    expect(stopPartLabel("CHILLED")).toBe("chilled goods");
    expect(stopPartLabel("AMBIENT")).toBe("ambient goods");
    expect(stopPartLabel(null)).toBeNull();
  });
});
