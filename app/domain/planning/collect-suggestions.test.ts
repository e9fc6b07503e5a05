import { describe, expect, it } from "vitest";
import {
  collectSuggestions,
  type CollectSuggestionInput,
  type SelfDeliveringFarmLoad,
  type SuggestionRoute,
} from "./collect-suggestions";

// Everything on one meridian, so distances are easy to check by hand: 1° of latitude is
// 111,195.08 m of great circle, × 1.3 circuity = 144,553.6 m of planned road.
//   depot (51.00) → A (51.20): 0.20° → 28,911 m;  A → F (51.21): 0.01° → 1,446 m;
//   depot → F: 0.21° → 30,356 m.
const depot = { lat: 51.0, lng: -2.5 };
const A = { lat: 51.2, lng: -2.5 };
const T = (hhmm: string) => `2026-03-10T${hhmm}:00Z`; // London is on GMT in March: hub time = UTC.

const route = (over: Partial<SuggestionRoute> = {}): SuggestionRoute => ({
  id: "r1",
  kind: "COLLECTION",
  name: "Collection 1",
  locked: false,
  vehicle: {
    energyType: "van-diesel-class-iii",
    refrigerated: false,
    capacityGrams: 500_000,
    shiftEndMinute: 18 * 60,
    maxRouteSeconds: null,
  },
  loadGrams: 100_000,
  startAt: T("07:00"),
  endAt: T("08:40"),
  stops: [{ ...A, arrivalAt: T("07:45"), departureAt: T("07:55"), window: null }],
  ...over,
});

const farm = (over: Partial<SelfDeliveringFarmLoad> = {}): SelfDeliveringFarmLoad => ({
  id: "f1",
  name: "Timsbury Farm",
  lat: 51.21,
  lng: -2.5,
  grams: 60_000,
  chilledGrams: 0,
  pickupWindow: null,
  ...over,
});

const run = (over: Partial<CollectSuggestionInput> = {}) =>
  collectSuggestions({
    depot,
    timeZone: "Europe/London",
    circuity: 1.3,
    speedKmh: 40,
    routes: [route()],
    farms: [farm()],
    ...over,
  });

describe("collect suggestions", () => {
  it("suggests collecting a farm next to a route, with the detour and the saving in grams", () => {
    const result = run();
    expect(result.farmsChecked).toBe(1);
    expect(result.notSuggested).toEqual([]);
    const [s] = result.suggestions;
    // Detour: depot → F → A instead of depot → A: 30,356 + 1,446 − 28,911 = 2,891 m (the same as
    // after A: 1,446 + 30,356 − 28,911); the earlier position wins the tie.
    expect(s).toMatchObject({ farmId: "f1", routeId: "r1", position: 1, addedMetres: 2_891 });
    // Route: 2,891 m × 1.05 (planned → driven) × 0.34584 g/m (class III diesel) = 1,049.8 → 1,050 g.
    expect(s!.addedGrams).toBe(1_050);
    // Own trip, as the allocation models it: 2 × 30,356 m × 1.05 × 0.31689 (average diesel van)
    // = 20,201.2 → 20,201 g. Saving: 20,201 − 1,050 = 19,151 g.
    expect(s!.ownTripMetres).toBe(60_712);
    expect(s!.ownTripGrams).toBe(20_201);
    expect(s!.savedGrams).toBe(19_151);
    expect(s!.spareGramsAfter).toBe(340_000);
    // Depot → F 2,732 s, 600 s at the farm, F → A 130 s, instead of depot → A 2,602 s: 860 s later.
    expect(s!.returnDelaySeconds).toBe(860);
    expect(s!.timeChecked).toBe(true);
    expect(s!.message).toEqual({
      key: "messages:planning.collect.suggestion",
      values: {
        farm: "Timsbury Farm",
        route: "Collection 1",
        distance: { metres: 2_891, unit: "KM" },
        co2e: { co2eGrams: 19_151 },
      },
    });
    expect(s!.details.map((d) => d.key)).toEqual([
      "messages:planning.collect.ownTrip",
      "messages:planning.collect.detour",
      "messages:planning.collect.load",
      "messages:planning.collect.time",
    ]);
    expect(s!.details[3]!.values).toEqual({ minutes: 14 });
  });

  it("makes no suggestion for a far farm: the detour emits more than its own trip", () => {
    // 0.20° on the other side of the hub: own trip 2 × 28,911 m → 19,239 g; the cheapest detour is
    // depot → F → A, 28,911 + 57,821 − 28,911 = 57,821 m → 20,997 g on the class III van.
    const result = run({ farms: [farm({ lat: 50.8 })] });
    expect(result.suggestions).toEqual([]);
    expect(result.notSuggested).toEqual([
      {
        farmId: "f1",
        farmName: "Timsbury Farm",
        reason: "NO_SAVING",
        message: {
          key: "messages:planning.collect.none.noSaving",
          values: {
            route: "Collection 1",
            distance: { metres: 57_821, unit: "KM" },
            co2e: { co2eGrams: 20_997 },
            own: { co2eGrams: 19_239 },
          },
        },
      },
    ]);
  });

  it("makes no suggestion when the van is full, and says so", () => {
    const full = route({ loadGrams: 450_000 });
    const result = run({ routes: [full] });
    expect(result.suggestions).toEqual([]);
    expect(result.notSuggested[0]).toMatchObject({
      reason: "NO_ROOM",
      message: { key: "messages:planning.collect.none.noRoom", values: { weight: { grams: 60_000 } } },
    });
    // Exactly full is fine.
    expect(run({ routes: [route({ loadGrams: 440_000 })] }).suggestions[0]?.spareGramsAfter).toBe(0);
  });

  it("puts chilled goods only on a refrigerated route, with its uplifted factor", () => {
    const chilled = farm({ chilledGrams: 10_000 });
    expect(run({ farms: [chilled] }).notSuggested[0]?.reason).toBe("NOT_COLD");
    const cold = route({ vehicle: { ...route().vehicle, refrigerated: true } });
    // 2,891 × 1.05 × 0.34584 × 1.19 = 1,249.3 → 1,249 g.
    expect(run({ farms: [chilled], routes: [cold] }).suggestions[0]?.addedGrams).toBe(1_249);
  });

  it("respects the vehicle's shift end and longest route time", () => {
    // Back at 08:40 + 860 s = 08:54:20.
    expect(run({ routes: [route({ vehicle: { ...route().vehicle, shiftEndMinute: 8 * 60 + 54 } })] })).toMatchObject({
      suggestions: [],
      notSuggested: [{ reason: "NO_TIME", message: { key: "messages:planning.collect.none.noTime" } }],
    });
    expect(
      run({ routes: [route({ vehicle: { ...route().vehicle, shiftEndMinute: 8 * 60 + 55 } })] }).suggestions,
    ).toHaveLength(1);
    // 100 min + 860 s = 6,860 s.
    const limited = (max: number) => route({ vehicle: { ...route().vehicle, maxRouteSeconds: max } });
    expect(run({ routes: [limited(6_859)] }).suggestions).toEqual([]);
    expect(run({ routes: [limited(6_860)] }).suggestions).toHaveLength(1);
  });

  it("keeps later farms inside their pickup windows, counting the wait a delay can use up", () => {
    // A's window closes at 07:50: before A, the farm makes A 860 s late (07:59:20), so after A.
    const closing = route({
      stops: [{ ...A, arrivalAt: T("07:45"), departureAt: T("07:55"), window: { startMinute: 0, endMinute: 470 } }],
    });
    expect(run({ routes: [closing] }).suggestions[0]).toMatchObject({ position: 2, returnDelaySeconds: 860 });
    // A's window opens at 08:00: the van waited there 15 min, so the delay is absorbed.
    const waiting = route({
      stops: [{ ...A, arrivalAt: T("07:45"), departureAt: T("08:10"), window: { startMinute: 480, endMinute: 600 } }],
    });
    expect(run({ routes: [waiting] }).suggestions[0]).toMatchObject({ position: 1, returnDelaySeconds: 0 });
    // The farm's own window, if it has one: opening at 09:00 would bring the van back too late.
    const late = farm({ pickupWindow: { startMinute: 9 * 60, endMinute: 10 * 60 } });
    const early = route({ vehicle: { ...route().vehicle, shiftEndMinute: 9 * 60 } });
    expect(run({ farms: [late], routes: [early] }).notSuggested[0]?.reason).toBe("NO_TIME");
  });

  it("says when times could not be checked", () => {
    const untimed = route({
      startAt: null,
      endAt: null,
      stops: [{ ...A, arrivalAt: null, departureAt: null, window: null }],
    });
    const [s] = run({ routes: [untimed] }).suggestions;
    expect(s).toMatchObject({ timeChecked: false, returnDelaySeconds: null, savedGrams: 19_151 });
    expect(s!.details.at(-1)).toEqual({ key: "messages:planning.collect.timeNotChecked" });
  });

  it("leaves locked and started routes alone, and ignores delivery routes", () => {
    expect(run({ routes: [route({ locked: true })] }).notSuggested[0]?.reason).toBe("ROUTES_FIXED");
    const started = route({ stops: [{ ...route().stops[0]!, marked: true }] });
    expect(run({ routes: [started] }).notSuggested[0]?.reason).toBe("ROUTES_FIXED");
    expect(run({ routes: [route({ kind: "DELIVERY" })] }).notSuggested[0]).toMatchObject({
      reason: "NO_ROUTES",
      message: { key: "messages:planning.collect.none.noRoutes" },
    });
    // The reason shown is the furthest any route got: one locked, one full → no room.
    expect(
      run({ routes: [route({ locked: true }), route({ id: "r2", loadGrams: 499_000 })] }).notSuggested[0]?.reason,
    ).toBe("NO_ROOM");
  });

  it("gives each farm its best route, lists the others that also save, and puts the best saving first", () => {
    const far = route({
      id: "r2",
      name: "Collection 2",
      stops: [{ lat: 51.3, lng: -2.5, arrivalAt: T("07:50"), departureAt: T("08:00"), window: null }],
      endAt: T("09:00"),
    });
    // On r2 (depot → 51.30) the farm is on the way: no detour at all, so r2 is its best route.
    const result = run({
      routes: [route(), far],
      farms: [farm(), farm({ id: "f2", name: "Another Farm", lat: 51.05, grams: 1_000 })],
    });
    expect(result.suggestions.map((s) => [s.farmId, s.routeId])).toEqual([
      ["f1", "r2"],
      ["f2", "r1"],
    ]);
    expect(result.suggestions[0]).toMatchObject({ addedMetres: 0, addedGrams: 0, savedGrams: 20_201 });
    expect(result.suggestions[0]!.otherRoutes).toEqual([
      expect.objectContaining({ routeId: "r1", addedMetres: 2_891, savedGrams: 19_151 }),
    ]);
  });

  it("skips a farm with nothing to bring, and asks for a minimum saving when told", () => {
    expect(run({ farms: [farm({ grams: 0 })] })).toEqual({ farmsChecked: 0, suggestions: [], notSuggested: [] });
    expect(run({ minSavingGrams: 19_152 }).notSuggested[0]?.reason).toBe("NO_SAVING");
    expect(run({ minSavingGrams: 19_151 }).suggestions).toHaveLength(1);
  });
});
