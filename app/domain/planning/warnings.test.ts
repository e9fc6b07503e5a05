import { describe, expect, it } from "vitest";
import { routeWarnings, type WarningStop } from "./warnings";

const stop = (over: Partial<WarningStop>): WarningStop => ({
  sequence: 1,
  arrivalAt: "2026-06-10T10:00:00Z",
  cargo: null,
  slot: null,
  placeHasChilledGoods: false,
  ...over,
});
const route = (stops: WarningStop[], over: { loadGrams?: number; refrigerated?: boolean } = {}) => ({
  loadGrams: over.loadGrams ?? 1000,
  vehicle: { capacityGrams: 10_000, refrigerated: over.refrigerated ?? false },
  stops,
});
const london = { deliveryDate: "2026-06-10", timeZone: "Europe/London" };

describe("route warnings", () => {
  it("says how far over capacity a route is", () => {
    expect(routeWarnings(route([], { loadGrams: 12_500 }), london)).toEqual([
      { code: "OVER_CAPACITY", overGrams: 2500 },
    ]);
    expect(routeWarnings(route([], { loadGrams: 10_000 }), london)).toEqual([]);
  });

  it("says how far over its range for the cycle a route is, and nothing without a range", () => {
    const withRange = (distanceM: number, rangeMetres: number | null) => ({ ...route([]), distanceM, rangeMetres });
    expect(routeWarnings(withRange(212_000, 180_000), london)).toEqual([
      { code: "OVER_RANGE", overMetres: 32_000, rangeMetres: 180_000 },
    ]);
    expect(routeWarnings(withRange(180_000, 180_000), london)).toEqual([]);
    expect(routeWarnings(withRange(283_000, null), london)).toEqual([]);
  });

  it("judges a slot's end on the delivery day in the hub's time (BST in June)", () => {
    const slot = { endMinute: 12 * 60 };
    // 12:00 BST is 11:00 UTC.
    expect(routeWarnings(route([stop({ arrivalAt: "2026-06-10T10:59:00Z", slot })]), london)).toEqual([]);
    expect(routeWarnings(route([stop({ arrivalAt: "2026-06-10T11:01:00Z", slot })]), london)).toEqual([
      { code: "AFTER_SLOT", sequence: 1, lateSeconds: 60 },
    ]);
  });

  it("finds an arrival after midnight late (its minute of the day alone would look early)", () => {
    const slot = { endMinute: 20 * 60 };
    expect(routeWarnings(route([stop({ sequence: 4, arrivalAt: "2026-06-10T23:30:00Z", slot })]), london)).toEqual([
      { code: "AFTER_SLOT", sequence: 4, lateSeconds: 4.5 * 3600 },
    ]);
  });

  it("handles a half-hour offset (India, UTC+5:30)", () => {
    const kolkata = { deliveryDate: "2026-06-10", timeZone: "Asia/Kolkata" };
    const slot = { endMinute: 12 * 60 };
    expect(routeWarnings(route([stop({ arrivalAt: "2026-06-10T06:25:00Z", slot })]), kolkata)).toEqual([]);
    expect(routeWarnings(route([stop({ arrivalAt: "2026-06-10T06:35:00Z", slot })]), kolkata)).toEqual([
      { code: "AFTER_SLOT", sequence: 1, lateSeconds: 300 },
    ]);
  });

  it("flags chilled goods on a vehicle without refrigeration, by part or by place", () => {
    const stops = [
      stop({ sequence: 1, cargo: "CHILLED" }),
      stop({ sequence: 2, cargo: "AMBIENT", placeHasChilledGoods: true }),
      stop({ sequence: 3, cargo: null, placeHasChilledGoods: true }),
    ];
    expect(routeWarnings(route(stops), london)).toEqual([
      { code: "CHILLED_NOT_COLD", sequence: 1 },
      { code: "CHILLED_NOT_COLD", sequence: 3 },
    ]);
    expect(routeWarnings(route(stops, { refrigerated: true }), london)).toEqual([]);
  });
});
