import { describe, expect, it } from "vitest";
import {
  DEFAULT_ELECTRIC_RANGE_METRES,
  DEFAULT_RANGE_DERATING,
  deliveryMonth,
  effectiveRangeMetres,
  isElectricEnergyType,
  type RangeVehicle,
} from "./range";

const eVan = (over: Partial<RangeVehicle> = {}): RangeVehicle => ({
  rangeMetres: DEFAULT_ELECTRIC_RANGE_METRES,
  energyType: "van-bev-average",
  refrigerated: false,
  ...over,
});
const at = (month: number, derating = DEFAULT_RANGE_DERATING) => ({ month, derating });

describe("effectiveRangeMetres", () => {
  it("derates an electric van for winter and for refrigeration, multiplying the two", () => {
    // 160 km × (1 − 20%) × (1 − 15%) = 108.8 km: the refrigerated e-van in November.
    expect(effectiveRangeMetres(eVan({ refrigerated: true }), at(11))).toBe(108_800);
    expect(effectiveRangeMetres(eVan(), at(11))).toBe(128_000);
    expect(effectiveRangeMetres(eVan({ refrigerated: true }), at(7))).toBe(136_000);
    expect(effectiveRangeMetres(eVan(), at(7))).toBe(160_000);
  });

  it("uses the months the hub marks as winter (November to March by default)", () => {
    for (const month of [11, 12, 1, 2, 3]) expect(effectiveRangeMetres(eVan(), at(month))).toBe(128_000);
    for (const month of [4, 5, 6, 7, 8, 9, 10]) expect(effectiveRangeMetres(eVan(), at(month))).toBe(160_000);
    const mild = { winterMonths: [12, 1, 2], winterPercent: 30, refrigeratedPercent: 0 };
    expect(effectiveRangeMetres(eVan({ refrigerated: true }), at(11, mild))).toBe(160_000);
    expect(effectiveRangeMetres(eVan({ refrigerated: true }), at(1, mild))).toBe(112_000);
  });

  it("leaves a combustion vehicle's range as typed, and no range as no limit", () => {
    const diesel = eVan({ energyType: "van-diesel-class-iii", rangeMetres: 300_000, refrigerated: true });
    expect(effectiveRangeMetres(diesel, at(12))).toBe(300_000);
    expect(effectiveRangeMetres(eVan({ rangeMetres: null, refrigerated: true }), at(12))).toBeNull();
  });

  it("rounds down to whole metres, so the limit is never above the true figure", () => {
    // 100,001 × 0.8 × 0.85 = 68,000.68
    expect(effectiveRangeMetres(eVan({ rangeMetres: 100_001, refrigerated: true }), at(2))).toBe(68_000);
    const none = { winterMonths: [], winterPercent: 0, refrigeratedPercent: 0 };
    expect(effectiveRangeMetres(eVan({ rangeMetres: 123_456 }), at(2, none))).toBe(123_456);
  });

  it("refuses figures that make no sense", () => {
    expect(() => effectiveRangeMetres(eVan({ rangeMetres: 0 }), at(1))).toThrow(/rangeMetres must be a positive/);
    expect(() => effectiveRangeMetres(eVan(), at(13))).toThrow(/month must be 1–12/);
    expect(() => effectiveRangeMetres(eVan(), at(1, { ...DEFAULT_RANGE_DERATING, winterPercent: 120 }))).toThrow(
      /winterPercent must be a percentage/,
    );
  });
});

describe("isElectricEnergyType and deliveryMonth", () => {
  it("knows the battery-electric factor keys", () => {
    expect(isElectricEnergyType("van-bev-average")).toBe(true);
    expect(isElectricEnergyType("van-diesel-class-iii")).toBe(false);
    expect(isElectricEnergyType("car-hybrid-average")).toBe(false);
    expect(isElectricEnergyType("rocket")).toBe(false);
  });

  it("reads the delivery day's month in the hub's time zone", () => {
    const lateOnNov30 = new Date("2030-11-30T23:30:00Z");
    expect(deliveryMonth(lateOnNov30, "Europe/London")).toBe(11);
    expect(deliveryMonth(lateOnNov30, "Pacific/Auckland")).toBe(12);
  });
});
