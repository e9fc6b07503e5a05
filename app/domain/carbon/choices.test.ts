import { describe, expect, it } from "vitest";
import { baselineProfileFor } from "./baseline-profile";
import { lowestChoices, pickupCarTrip } from "./choices";
import { DESNZ_2025, resolveVehicleFactor } from "./factors";

describe("pickupCarTrip", () => {
  it("is the drive there and back in the region's typical car, all of it charged to the basket", () => {
    const profile = baselineProfileFor(null);
    const car = resolveVehicleFactor(DESNZ_2025, { energyType: profile.household.carEnergyType, refrigerated: false });
    const trip = pickupCarTrip({ buyerToHubMetres: 3_950.4, profile, factorSet: DESNZ_2025 });
    expect(trip.metres).toBe(7_900);
    expect(trip.co2eGrams).toBe(Math.round(7_900 * car.kgPerKm));
    expect(trip.co2eGrams).toBeGreaterThan(1_000);
    expect(pickupCarTrip({ buyerToHubMetres: 0, profile, factorSet: DESNZ_2025 })).toEqual({ metres: 0, co2eGrams: 0 });
  });
});

describe("lowestChoices", () => {
  const of = (...grams: Array<number | null>) => lowestChoices(grams.map((co2eGrams) => ({ co2eGrams })));
  it("marks the lowest, and those within 5% of it", () => {
    expect(of(23, 23, 76)).toEqual([true, true, false]);
    expect(of(100, 104, 106, 300)).toEqual([true, true, false, false]);
  });
  it("marks nothing when there is nothing to choose", () => {
    expect(of(96, 97, 98)).toEqual([false, false, false]);
    expect(of(50)).toEqual([false]);
    expect(of(50, null)).toEqual([false, false]);
    expect(of(null, null)).toEqual([false, false]);
  });
  it("never marks an option without a figure", () => {
    expect(of(null, 10, 40)).toEqual([false, true, false]);
  });
});
