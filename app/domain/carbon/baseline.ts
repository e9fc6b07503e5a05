import { assertNonNegativeInteger } from "./errors";
import { DESNZ_2025, METHOD_VERSION, resolveVehicleFactor, type FactorSet } from "./factors";

/** Pirog et al. 2001: conventional produce travelled 1,518 miles (2,443 km) to the Chicago terminal market. */
export const CONVENTIONAL_CHAIN_METRES = 2_443_000;

/**
 * Project assumption: a 10 km round trip (2 × 5 km) by an average petrol car. It is deliberately
 * modest: Edwards, McKinnon & Cullinane (2010) put a car shopping trip at about 4,274 g CO2,
 * about twice this; Coley, Howard & Winter (2009) found a round trip over 6.7 km already
 * outweighs a large veg-box scheme's whole chain.
 */
export const DEFAULT_HOUSEHOLD_CAR_TRIP = {
  roundTripMetres: 10_000,
  energyType: "car-petrol-average",
} as const;

export interface BaselineLine {
  grams: number | null;
  chilled: boolean;
}

export interface HouseholdCarTrip {
  roundTripMetres: number;
  /** A car factor key, e.g. "car-petrol-average". */
  energyType: string;
}

export interface BaselineInput {
  lines: readonly BaselineLine[];
  /**
   * The shop trip the delivery replaces: for household home delivery. null for pickup at the
   * hub (the buyer drives either way) and for restaurants (wholesale is delivered either way).
   */
  householdCarTrip: HouseholdCarTrip | null;
  conventionalMetres?: number;
  factorSet?: FactorSet;
}

export type BaselineResult =
  | {
      status: "ESTIMATED";
      gramsCo2e: number;
      conventionalChainGramsCo2e: number;
      carTripGramsCo2e: number;
      conventionalMetres: number;
      householdCarTrip: HouseholdCarTrip | null;
      methodVersion: string;
      factorSetId: string;
    }
  | { status: "NOT_ESTIMATED"; reason: string; methodVersion: string; factorSetId: string };

/**
 * The same grams through a conventional chain (2,443 km by average laden HGV per t·km,
 * refrigerated factor for chilled lines) plus, when it applies, a household car round trip.
 */
export function computeBaseline(input: BaselineInput): BaselineResult {
  const factorSet = input.factorSet ?? DESNZ_2025;
  const conventionalMetres = input.conventionalMetres ?? CONVENTIONAL_CHAIN_METRES;
  const provenance = { methodVersion: METHOD_VERSION, factorSetId: factorSet.id };
  assertNonNegativeInteger(conventionalMetres, "conventionalMetres");
  if (input.lines.length === 0) return { ...provenance, status: "NOT_ESTIMATED", reason: "The order has no goods." };
  if (input.lines.some((l) => l.grams === null)) {
    return { ...provenance, status: "NOT_ESTIMATED", reason: "Some goods have no weight data." };
  }
  let gramTonneKm = 0;
  let grams = 0;
  input.lines.forEach((line, i) => {
    const g = line.grams as number;
    assertNonNegativeInteger(g, `grams of line ${i}`);
    grams += g;
    const perTonneKm = line.chilled ? factorSet.hgvRefrigerated.kgPerTonneKm : factorSet.hgvAmbient.kgPerTonneKm;
    // g goods × m × kg/(t·km) ÷ 10^6 = g CO2e (t = 10^6 g, km = 10^3 m, kg = 10^3 g).
    gramTonneKm += g * conventionalMetres * perTonneKm;
  });
  if (grams === 0) return { ...provenance, status: "NOT_ESTIMATED", reason: "The order's goods weigh 0 g." };
  const conventional = Math.round(gramTonneKm / 1_000_000);

  let car = 0;
  if (input.householdCarTrip !== null) {
    assertNonNegativeInteger(input.householdCarTrip.roundTripMetres, "householdCarTrip.roundTripMetres");
    const factor = resolveVehicleFactor(factorSet, {
      energyType: input.householdCarTrip.energyType,
      refrigerated: false,
    });
    car = Math.round(input.householdCarTrip.roundTripMetres * factor.kgPerKm);
  }
  return {
    ...provenance,
    status: "ESTIMATED",
    gramsCo2e: conventional + car,
    conventionalChainGramsCo2e: conventional,
    carTripGramsCo2e: car,
    conventionalMetres,
    householdCarTrip: input.householdCarTrip,
  };
}
