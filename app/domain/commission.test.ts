import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  basisPointsToInput,
  commissionBasisPoints,
  MAX_COMMISSION_BASIS_POINTS,
  parsePercentToBasisPoints,
  splitFarmSale,
} from "./commission";

describe("commissionBasisPoints", () => {
  it("takes the farm's override when the hub set one, else the hub's rate", () => {
    expect(commissionBasisPoints({ commissionBasisPoints: 1250 }, { commissionBasisPoints: null })).toBe(1250);
    expect(commissionBasisPoints({ commissionBasisPoints: 1250 }, { commissionBasisPoints: 800 })).toBe(800);
    // An override of 0 is a real rate (the hub takes nothing from this farm), not "unset".
    expect(commissionBasisPoints({ commissionBasisPoints: 1250 }, { commissionBasisPoints: 0 })).toBe(0);
  });
});

describe("splitFarmSale", () => {
  it.each([
    // gross, basis points, commission, net
    [10_000, 1250, 1250, 8750],
    [1_000, 0, 0, 1_000],
    [0, 1250, 0, 0],
    [999, 1000, 100, 899], // 99.9 → 100
    [1_004, 1250, 126, 878], // 125.5 → 126: half up, to the hub
    [1_003, 1250, 125, 878], // 125.375 → 125
    [4, 1250, 1, 3], // 0.5 → 1
    [3, 1250, 0, 3], // 0.375 → 0
    [1, 5000, 1, 0], // 0.5 → 1
    [12_345, 5000, 6173, 6172], // 6172.5 → 6173
    [1_000, 10_000, 1_000, 0],
  ])("%i at %i bp: commission %i, net %i", (grossMinor, basisPoints, commissionMinor, netMinor) => {
    expect(splitFarmSale({ grossMinor, basisPoints })).toEqual({ commissionMinor, netMinor });
  });

  it("splits a negative gross (a refund) as the mirror of the positive one", () => {
    expect(splitFarmSale({ grossMinor: -1_004, basisPoints: 1250 })).toEqual({ commissionMinor: -126, netMinor: -878 });
    expect(Object.is(splitFarmSale({ grossMinor: -3, basisPoints: 1250 }).commissionMinor, 0)).toBe(true);
  });

  it("refuses a fractional amount or a rate outside 0–100 %", () => {
    expect(() => splitFarmSale({ grossMinor: 10.5, basisPoints: 100 })).toThrow(RangeError);
    expect(() => splitFarmSale({ grossMinor: 100, basisPoints: -1 })).toThrow(RangeError);
    expect(() => splitFarmSale({ grossMinor: 100, basisPoints: 10_001 })).toThrow(RangeError);
    expect(() => splitFarmSale({ grossMinor: 100, basisPoints: 12.5 })).toThrow(RangeError);
  });

  const gross = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 });
  const rate = fc.integer({ min: 0, max: 10_000 });

  it("property: commission + net is always exactly the gross, both whole minor units", () => {
    fc.assert(
      fc.property(gross, rate, (grossMinor, basisPoints) => {
        const { commissionMinor, netMinor } = splitFarmSale({ grossMinor, basisPoints });
        return (
          commissionMinor + netMinor === grossMinor && Number.isInteger(commissionMinor) && Number.isInteger(netMinor)
        );
      }),
      { numRuns: 2000 },
    );
  });

  it("property: the commission is within half a minor unit of the exact share, rounding half up", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), rate, (grossMinor, basisPoints) => {
        const { commissionMinor } = splitFarmSale({ grossMinor, basisPoints });
        // Exact share in ten-thousandths of a minor unit (integers: no float error).
        const exact = grossMinor * basisPoints;
        const diff = commissionMinor * 10_000 - exact;
        return diff > -5_000 && diff <= 5_000;
      }),
      { numRuns: 2000 },
    );
  });

  it("property: both sides have the gross's sign and the commission never exceeds the gross", () => {
    fc.assert(
      fc.property(gross, rate, (grossMinor, basisPoints) => {
        const { commissionMinor, netMinor } = splitFarmSale({ grossMinor, basisPoints });
        return grossMinor >= 0
          ? commissionMinor >= 0 && netMinor >= 0 && commissionMinor <= grossMinor
          : commissionMinor <= 0 && netMinor <= 0 && commissionMinor >= grossMinor;
      }),
      { numRuns: 2000 },
    );
  });

  it("property: a higher rate never gives a smaller commission", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), rate, rate, (grossMinor, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        return (
          splitFarmSale({ grossMinor, basisPoints: low }).commissionMinor <=
          splitFarmSale({ grossMinor, basisPoints: high }).commissionMinor
        );
      }),
    );
  });
});

describe("percent text ↔ basis points", () => {
  it.each([
    ["12.5", 1250],
    ["12,5", 1250],
    ["12.5 %", 1250],
    ["12.5%", 1250],
    ["0", 0],
    [" 7 ", 700],
    ["0.05", 5],
    ["50", 5000],
  ])("%j is %i bp", (text, bp) => expect(parsePercentToBasisPoints(text)).toBe(bp));

  it.each(["", "abc", "-1", "50.01", "51", "12.345", "1e2", "12.", ".5"])("refuses %j", (text) =>
    expect(parsePercentToBasisPoints(text)).toBeNull(),
  );

  it("round-trips every rate the form accepts", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_COMMISSION_BASIS_POINTS }), (bp) => {
        return parsePercentToBasisPoints(basisPointsToInput(bp)) === bp;
      }),
    );
    expect(basisPointsToInput(1250)).toBe("12.5");
    expect(basisPointsToInput(1200)).toBe("12");
    expect(basisPointsToInput(5)).toBe("0.05");
  });
});
