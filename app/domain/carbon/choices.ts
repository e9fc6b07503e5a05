/**
 * Lower-carbon choices at checkout (issue 17): the same basket's transport CO2e and food miles for
 * home delivery in each slot and for collecting it at the hub, the lowest marked. Collecting counts
 * the buyer's own trip there and back by car, all of it charged to this basket (a trip made for
 * other errands too would be shared — the figure is the honest upper bound of going for it).
 */
import type { BaselineProfile } from "./baseline-profile";
import { resolveVehicleFactor, type FactorSet } from "./factors";

/** The buyer's drive to the hub and back for a collection. */
export interface PickupCarTrip {
  metres: number;
  co2eGrams: number;
}

export function pickupCarTrip({
  buyerToHubMetres,
  profile,
  factorSet,
}: {
  /** Road metres one way. */
  buyerToHubMetres: number;
  /** The hub's baseline profile: its typical car. */
  profile: BaselineProfile;
  factorSet: FactorSet;
}): PickupCarTrip {
  const car = resolveVehicleFactor(factorSet, { energyType: profile.household.carEnergyType, refrigerated: false });
  const metres = 2 * Math.max(0, Math.round(buyerToHubMetres));
  // kg per km = g per m.
  return { metres, co2eGrams: Math.round(metres * car.kgPerKm) };
}

export interface CarbonChoiceFigure {
  /** null: this option could not be estimated (shown as such, never marked lowest). */
  co2eGrams: number | null;
}

/**
 * Figures within this share of the lowest count as equal to it: estimates differ by a few grams
 * for reasons no buyer can act on, so a badge on them would be noise.
 */
export const CHOICE_TOLERANCE = 0.05;

/**
 * Which options have the lowest CO2e: every option within CHOICE_TOLERANCE of the minimum; none
 * when fewer than two options have a figure or when every figure is (nothing to choose).
 */
export function lowestChoices(options: readonly CarbonChoiceFigure[], tolerance = CHOICE_TOLERANCE): boolean[] {
  const figures = options.map((o) => o.co2eGrams).filter((g): g is number => g !== null);
  if (figures.length < 2) return options.map(() => false);
  const limit = Math.min(...figures) * (1 + tolerance);
  const lowest = options.map((o) => o.co2eGrams !== null && o.co2eGrams <= limit);
  return lowest.every((l, i) => l || options[i]?.co2eGrams === null) ? options.map(() => false) : lowest;
}
