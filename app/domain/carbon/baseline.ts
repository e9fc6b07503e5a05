import {
  BASELINE_PROFILES,
  DEFAULT_BASELINE_PROFILE_ID,
  type BaselineProfile,
  type RangeParameter,
} from "./baseline-profile";
import { assertNonNegativeInteger } from "./errors";
import { DESNZ_2025, METHOD_VERSION, resolveVehicleFactor, type FactorSet } from "./factors";

/**
 * Pirog et al. 2001: conventional produce travelled 1,518 miles (2,443 km) to the Chicago terminal
 * market. The baseline of orders stored before regional profiles existed; kept to explain those
 * figures and as background on the method page, no longer used for new figures.
 */
export const CONVENTIONAL_CHAIN_METRES = 2_443_000;

/**
 * The household car trip of the baseline before regional profiles: a 10 km round trip by an
 * average petrol car. Kept to explain orders stored with it; new figures take the trip from the
 * hub's profile (`BaselineProfile.household`).
 */
export const LEGACY_HOUSEHOLD_CAR_TRIP = {
  roundTripMetres: 10_000,
  energyType: "car-petrol-average",
} as const;

export interface BaselineLine {
  grams: number | null;
  chilled: boolean;
}

export type BaselineScenario = "low" | "central" | "high";
export const BASELINE_SCENARIOS: readonly BaselineScenario[] = ["low", "central", "high"];

export interface BaselineInput {
  lines: readonly BaselineLine[];
  /**
   * Whether the baseline includes the household's shopping trip: for household home delivery.
   * false for pickup at the hub (the buyer travels either way) and for restaurants (wholesale is
   * delivered either way).
   */
  householdCarTrip: boolean;
  /** The hub's regional profile; the default (United Kingdom) when omitted. */
  profile?: BaselineProfile;
  factorSet?: FactorSet;
}

/** One end (or the middle) of the baseline range. */
export interface BaselineBand {
  /** Domestic road haul and import legs. */
  chainGramsCo2e: number;
  /** The household shopping trip (0 when none applies). */
  carTripGramsCo2e: number;
  gramsCo2e: number;
  /** Mass-weighted mean distance a kg travels to the shop, all modes (domestic + imports). */
  chainMetres: number;
  /** Car round trip counted, before the car share; null when no trip applies. */
  carTripMetres: number | null;
}

export type BaselineResult =
  | {
      status: "ESTIMATED";
      /** Central value of the range (what "the baseline" means when one number is needed). */
      gramsCo2e: number;
      lowGramsCo2e: number;
      highGramsCo2e: number;
      conventionalChainGramsCo2e: number;
      carTripGramsCo2e: number;
      /** Central mean distance a kg of conventional food travels. */
      conventionalMetres: number;
      householdCarTrip: boolean;
      bands: Record<BaselineScenario, BaselineBand>;
      profileId: string;
      profileStatus: BaselineProfile["status"];
      methodVersion: string;
      factorSetId: string;
    }
  | { status: "NOT_ESTIMATED"; reason: string; methodVersion: string; factorSetId: string };

const value = (p: RangeParameter, scenario: BaselineScenario): number => p[scenario];

/**
 * Per gram of goods, for one scenario: g CO2e per g of food and metres travelled. Each parameter
 * is taken at the scenario's end of its range, so the low band is every parameter at its low
 * value (a conservative floor for claims), not a statistical interval.
 */
function chainPerGram(profile: BaselineProfile, factorSet: FactorSet, scenario: BaselineScenario, chilled: boolean) {
  const hgv = chilled ? factorSet.hgvRefrigerated.kgPerTonneKm : factorSet.hgvAmbient.kgPerTonneKm;
  const domesticMetres = value(profile.domestic.lengthOfHaul, scenario) * value(profile.domestic.roadLegs, scenario);
  // g goods × m × kg/(t·km) ÷ 10^6 = g CO2e (t = 10^6 g, km = 10^3 m, kg = 10^3 g).
  let gramsPerGram = (domesticMetres * hgv) / 1_000_000;
  let metres = domesticMetres;
  for (const leg of profile.imports) {
    const share = value(leg.share, scenario);
    const distance = value(leg.distance, scenario);
    const factor = leg.mode === "ROAD_HGV" ? hgv : value(profile.seaFactor, scenario);
    gramsPerGram += (share * distance * factor) / 1_000_000;
    metres += share * distance;
  }
  return { gramsPerGram, metres };
}

/**
 * The same grams through the region's conventional supply chain — domestic road haul (length of
 * haul × lorry legs, average laden HGV per t·km, refrigerated for chilled lines) plus each import
 * leg's share of the supply × its distance × its mode's factor — and, for household home delivery,
 * the shopping trip it replaces: one-way length × 2 × the car's per-km factor × the share of
 * shopping trips made by car. The car's factor is per vehicle-km and the trip is the household's,
 * so car occupancy does not divide it (docs/decisions/028-regional-baseline.md). Computed at the
 * low, central and high ends of every parameter; each band rounded once.
 */
export function computeBaseline(input: BaselineInput): BaselineResult {
  const factorSet = input.factorSet ?? DESNZ_2025;
  const profile = input.profile ?? BASELINE_PROFILES[DEFAULT_BASELINE_PROFILE_ID];
  const provenance = { methodVersion: METHOD_VERSION, factorSetId: factorSet.id };
  if (input.lines.length === 0) return { ...provenance, status: "NOT_ESTIMATED", reason: "The order has no goods." };
  if (input.lines.some((l) => l.grams === null)) {
    return { ...provenance, status: "NOT_ESTIMATED", reason: "Some goods have no weight data." };
  }
  input.lines.forEach((line, i) => assertNonNegativeInteger(line.grams as number, `grams of line ${i}`));
  const grams = input.lines.reduce((s, l) => s + (l.grams as number), 0);
  if (grams === 0) return { ...provenance, status: "NOT_ESTIMATED", reason: "The order's goods weigh 0 g." };

  const car = input.householdCarTrip
    ? resolveVehicleFactor(factorSet, { energyType: profile.household.carEnergyType, refrigerated: false })
    : null;

  const band = (scenario: BaselineScenario): BaselineBand => {
    let chain = 0;
    let gramMetres = 0;
    for (const line of input.lines) {
      const g = line.grams as number;
      const per = chainPerGram(profile, factorSet, scenario, line.chilled);
      chain += g * per.gramsPerGram;
      gramMetres += g * per.metres;
    }
    const chainGramsCo2e = Math.round(chain);
    let carTripGramsCo2e = 0;
    let carTripMetres: number | null = null;
    if (car !== null) {
      carTripMetres = 2 * value(profile.household.oneWayTrip, scenario);
      carTripGramsCo2e = Math.round(carTripMetres * car.kgPerKm * value(profile.household.carShare, scenario));
    }
    return {
      chainGramsCo2e,
      carTripGramsCo2e,
      gramsCo2e: chainGramsCo2e + carTripGramsCo2e,
      chainMetres: Math.round(gramMetres / grams),
      carTripMetres,
    };
  };
  const bands = { low: band("low"), central: band("central"), high: band("high") };
  return {
    ...provenance,
    status: "ESTIMATED",
    gramsCo2e: bands.central.gramsCo2e,
    lowGramsCo2e: bands.low.gramsCo2e,
    highGramsCo2e: bands.high.gramsCo2e,
    conventionalChainGramsCo2e: bands.central.chainGramsCo2e,
    carTripGramsCo2e: bands.central.carTripGramsCo2e,
    conventionalMetres: bands.central.chainMetres,
    householdCarTrip: input.householdCarTrip,
    bands,
    profileId: profile.id,
    profileStatus: profile.status,
  };
}
