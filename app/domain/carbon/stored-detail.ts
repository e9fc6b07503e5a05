import { z } from "zod";
import type { AllocatedOrderCarbon, DistanceBasis } from "./allocation";
import { computeBaseline, type BaselineResult } from "./baseline";
import type { BaselineProfile } from "./baseline-profile";
import { compareWithBaseline, type Comparison } from "./comparison";
import type { OrderEstimate } from "./estimate";
import { DESNZ_2025, type FactorSet } from "./factors";

/**
 * The JSON stored in `Order.carbonDetail`: the checkout estimate and, after planning, the
 * allocated figure, each with its breakdown, baseline, comparison and provenance. Both are kept:
 * an allocation never overwrites the estimate, and a later re-plan replaces only `allocation`.
 *
 * Writers: the checkout (`estimateOrderForCheckout` returns `fields.carbonDetail`) and plan save
 * (`orderCarbonFieldsFromAllocation`). Reader: `parseCarbonDetail` (never throws).
 */
export const CARBON_DETAIL_SCHEMA_VERSION = 1;

const grams = z.number().int().nonnegative();
const metres = z.number().int().nonnegative();

export const DistanceBasisSchema = z.enum(["ROAD_NETWORK", "GREAT_CIRCLE_X_CIRCUITY", "GREAT_CIRCLE"]);

/**
 * Where an estimate came from: DEFAULT (the project's typical rounds), HUB_HISTORY (a typical round
 * averaged from the hub's planned routes), HUB_ROUTES (the hub's recent routes themselves: the
 * order inserted into its delivery rounds, its farms' collection intensities and drop-off loads).
 */
export const RoundSourceSchema = z.enum(["DEFAULT", "HUB_HISTORY", "HUB_ROUTES"]);

export const StoredLegSchema = z.object({
  leg: z.enum(["FARM_TO_HUB", "HUB_TO_BUYER"]),
  /** COLLECTION: the hub's collection run; FARM_DROP_OFF: the farm's own trip; DELIVERY: hub → buyer. */
  via: z.enum(["COLLECTION", "FARM_DROP_OFF", "DELIVERY"]),
  /** An estimate's leg: where its figure came from. Absent on allocations and older estimates. */
  source: RoundSourceSchema.optional(),
  /** The route the share came from; null for an estimate. */
  routeId: z.string().nullable(),
  farmId: z.string().nullable(),
  farmName: z.string().nullable(),
  /** Grams of this order's goods on the leg. */
  grams,
  /** Distance of the stop from its depot: farm → hub, or hub → buyer. */
  metres,
  co2eGrams: grams,
  /**
   * Of co2eGrams, the refrigeration part: the order's chilled goods' share of a refrigerated
   * vehicle's refrigeration (decision 026). Absent on figures made before the split.
   */
  refrigerationCo2eGrams: grams.optional(),
});

export const StoredFarmShareSchema = z.object({
  farmId: z.string(),
  farmName: z.string(),
  /** Grams of this order from the farm. */
  grams,
  /** The order's share of the farm → hub leg. */
  co2eGrams: grams,
  /** Farm → hub distance. */
  metres,
});

export const StoredBaselineSchema = z.object({
  /** Central value of the range (before regional profiles: the only value). */
  co2eGrams: grams,
  conventionalChainCo2eGrams: grams,
  carTripCo2eGrams: grams,
  /**
   * Central mean distance a kg of conventional food travels (domestic + imports); before regional
   * profiles, Pirog's 2,443 km by lorry.
   */
  conventionalMetres: metres,
  /** The household car round trip included, or null (pickup, restaurant). */
  carTripMetres: metres.nullable(),
  /**
   * The hub's regional profile and the low / high ends of the range (baseline-profile.ts). Absent
   * on figures stored before regional profiles: those show their single US-average baseline.
   */
  profileId: z.string().optional(),
  lowCo2eGrams: grams.optional(),
  highCo2eGrams: grams.optional(),
});

export const CaveatKeySchema = z.enum([
  "TRANSPORT_ONLY",
  "BASELINE_IS_AN_AVERAGE",
  "CAR_TRIP_ASSUMED",
  "ESTIMATE_BEFORE_ROUTES",
  "BASELINE_IS_A_REGIONAL_RANGE",
  "HOUSEHOLD_TRIP_MODELLED",
  "BASELINE_PROFILE_ASSUMED",
]);

export const StoredComparisonSchema = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("COMPARED"),
    claim: z.enum(["LOWER", "NO_CLEAR_DIFFERENCE", "HIGHER"]),
    orderCo2eGrams: grams,
    baselineCo2eGrams: grams,
    /** The baseline range the claim was judged against; absent before regional profiles (±50%). */
    baselineLowCo2eGrams: grams.optional(),
    baselineHighCo2eGrams: grams.optional(),
    /** Central difference, baseline − order; not for display as a claim. */
    differenceCo2eGrams: z.number().int(),
    /** Only with LOWER: the saving that survives the uncertainty bands. */
    conservativeSavingCo2eGrams: grams.nullable(),
    conservativeSavingPercent: z.number().int().nullable(),
    caveats: z.array(CaveatKeySchema),
  }),
  z.object({ status: z.literal("NOT_COMPARED"), reason: z.string() }),
]);

const provenance = {
  methodVersion: z.string(),
  factorSetId: z.string(),
  distanceBasis: DistanceBasisSchema,
  /** ISO timestamp of the calculation. */
  computedAt: z.string(),
};

const figure = {
  ...provenance,
  co2eGrams: grams,
  farmToHubCo2eGrams: grams,
  hubToBuyerCo2eGrams: grams,
  /** Of co2eGrams, the refrigeration part (sum over the legs); absent on figures made before the split. */
  refrigerationCo2eGrams: grams.optional(),
  /** Mass-weighted farm → hub → buyer distance; null when it could not be computed. */
  foodMetres: metres.nullable(),
  /** Weight of the order's goods. */
  grams,
  legs: z.array(StoredLegSchema),
  byFarm: z.array(StoredFarmShareSchema),
  baseline: StoredBaselineSchema.nullable(),
  comparison: StoredComparisonSchema,
};

export const StoredEstimateSchema = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("ESTIMATED"),
    ...figure,
    /**
     * Where the estimate came from, per kind of leg: project defaults, a typical round of the hub's
     * planned routes, or the hub's recent routes themselves (the weakest source of the legs).
     */
    typicalRounds: z.object({ collection: RoundSourceSchema, delivery: RoundSourceSchema }),
    /** True when chilled lines were counted on a refrigerated van (they carry its refrigeration part). */
    refrigeratedUplift: z.boolean(),
  }),
  z.object({ status: z.literal("NOT_ESTIMATED"), ...provenance, reason: z.string() }),
]);

export const StoredAllocationSchema = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("ALLOCATED"),
    ...figure,
    /** The route plan the figure was allocated from. */
    planId: z.string(),
  }),
  z.object({ status: z.literal("NOT_ESTIMATED"), ...provenance, planId: z.string(), reason: z.string() }),
]);

export const CarbonDetailSchema = z.object({
  schemaVersion: z.literal(CARBON_DETAIL_SCHEMA_VERSION),
  estimate: StoredEstimateSchema.nullable(),
  allocation: StoredAllocationSchema.nullable(),
});

export type StoredLeg = z.infer<typeof StoredLegSchema>;
export type StoredFarmShare = z.infer<typeof StoredFarmShareSchema>;
export type StoredBaseline = z.infer<typeof StoredBaselineSchema>;
export type StoredComparison = z.infer<typeof StoredComparisonSchema>;
export type StoredEstimate = z.infer<typeof StoredEstimateSchema>;
export type StoredAllocation = z.infer<typeof StoredAllocationSchema>;
export type CarbonDetail = z.infer<typeof CarbonDetailSchema>;
export type RoundSource = z.infer<typeof RoundSourceSchema>;

/** Reads `Order.carbonDetail`; null for a missing or unreadable value (the columns still show). */
export function parseCarbonDetail(value: unknown): CarbonDetail | null {
  if (value === null || value === undefined) return null;
  const parsed = CarbonDetailSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

// ---------------------------------------------------------------------------------------------
// Helpers shared by the writers.

/** RoutePlan.distanceSource ("osrm" | "haversine") → the distance basis recorded with figures. */
export function distanceBasisFromSource(source: string): DistanceBasis {
  return source === "osrm" ? "ROAD_NETWORK" : "GREAT_CIRCLE_X_CIRCUITY";
}

/**
 * Whether the baseline counts a shopping trip the delivery replaces: a household's home delivery
 * only. Pickup (the buyer travels either way) and restaurants (wholesale is delivered either way)
 * get none. The trip itself comes from the hub's regional profile.
 */
export function householdCarTripFor({
  buyerKind,
  fulfilment,
}: {
  buyerKind: "HOUSEHOLD" | "RESTAURANT" | null;
  fulfilment: "DELIVERY" | "PICKUP";
}): boolean {
  return buyerKind !== "RESTAURANT" && fulfilment === "DELIVERY";
}

function storedBaseline(baseline: BaselineResult): StoredBaseline | null {
  if (baseline.status !== "ESTIMATED") return null;
  return {
    co2eGrams: baseline.gramsCo2e,
    conventionalChainCo2eGrams: baseline.conventionalChainGramsCo2e,
    carTripCo2eGrams: baseline.carTripGramsCo2e,
    conventionalMetres: baseline.conventionalMetres,
    carTripMetres: baseline.bands.central.carTripMetres,
    profileId: baseline.profileId,
    lowCo2eGrams: baseline.lowGramsCo2e,
    highCo2eGrams: baseline.highGramsCo2e,
  };
}

export function storedComparison(comparison: Comparison): StoredComparison {
  if (comparison.status === "NOT_COMPARED") return { status: "NOT_COMPARED", reason: comparison.reason };
  return {
    status: "COMPARED",
    claim: comparison.claim,
    orderCo2eGrams: comparison.orderGramsCo2e,
    baselineCo2eGrams: comparison.baselineGramsCo2e,
    baselineLowCo2eGrams: comparison.baselineLowGramsCo2e,
    baselineHighCo2eGrams: comparison.baselineHighGramsCo2e,
    differenceCo2eGrams: comparison.differenceGramsCo2e,
    conservativeSavingCo2eGrams: comparison.conservativeSavingGramsCo2e,
    conservativeSavingPercent: comparison.conservativeSavingPercent,
    caveats: comparison.caveats,
  };
}

export interface BaselineOrderLine {
  grams: number | null;
  chilled: boolean;
}

type FarmNames = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

function nameOf(names: FarmNames, farmId: string): string {
  const name = names instanceof Map ? names.get(farmId) : (names as Readonly<Record<string, string>>)[farmId];
  return name ?? "A farm";
}

/** Reasons from the domain name farms by id ("farm F1"); a buyer reads the farm's name. */
function withFarmNames(reason: string, names: FarmNames): string {
  const entries = names instanceof Map ? [...names.entries()] : Object.entries(names);
  return entries.reduce((text, [id, name]) => text.split(`farm ${id}`).join(name), reason);
}

function byFarmOf(legs: readonly StoredLeg[]): StoredFarmShare[] {
  const map = new Map<string, StoredFarmShare>();
  for (const l of legs) {
    if (l.leg !== "FARM_TO_HUB" || l.farmId === null) continue;
    const entry = map.get(l.farmId) ?? {
      farmId: l.farmId,
      farmName: l.farmName ?? "A farm",
      grams: 0,
      co2eGrams: 0,
      metres: l.metres,
    };
    entry.grams += l.grams;
    entry.co2eGrams += l.co2eGrams;
    entry.metres = Math.max(entry.metres, l.metres);
    map.set(l.farmId, entry);
  }
  return [...map.values()].sort((a, b) => b.co2eGrams - a.co2eGrams || a.farmName.localeCompare(b.farmName));
}

/** Checkout: turns an estimate into what is stored, with its baseline and comparison. */
export function buildEstimateDetail({
  estimate,
  lines,
  householdCarTrip,
  baselineProfile,
  farmNames,
  factorSet = DESNZ_2025,
  typicalRounds,
  refrigeratedUplift,
  computedAt,
}: {
  estimate: OrderEstimate;
  lines: readonly BaselineOrderLine[];
  householdCarTrip: boolean;
  /** The hub's regional baseline profile; the default profile when omitted. */
  baselineProfile?: BaselineProfile;
  farmNames: FarmNames;
  factorSet?: FactorSet;
  typicalRounds: { collection: RoundSource; delivery: RoundSource };
  refrigeratedUplift: boolean;
  computedAt: Date;
}): { estimate: StoredEstimate; baseline: BaselineResult; comparison: Comparison } {
  const base = {
    methodVersion: estimate.methodVersion,
    factorSetId: estimate.factorSetId,
    distanceBasis: estimate.distanceBasis,
    computedAt: computedAt.toISOString(),
  };
  const baseline = computeBaseline({ lines, householdCarTrip, profile: baselineProfile, factorSet });
  const comparison = compareWithBaseline(estimate, baseline);
  if (estimate.status === "NOT_ESTIMATED") {
    return {
      estimate: { status: "NOT_ESTIMATED", ...base, reason: withFarmNames(estimate.reason, farmNames) },
      baseline,
      comparison,
    };
  }
  const legs: StoredLeg[] = estimate.legs.map((l) => ({
    leg: l.leg,
    via: l.via,
    ...(l.source ? { source: l.source } : {}),
    routeId: null,
    farmId: l.farmId,
    farmName: l.farmId === null ? null : nameOf(farmNames, l.farmId),
    grams: l.grams,
    metres: l.metres,
    co2eGrams: l.gramsCo2e,
    refrigerationCo2eGrams: l.refrigerationGramsCo2e,
  }));
  return {
    estimate: {
      status: "ESTIMATED",
      ...base,
      co2eGrams: estimate.gramsCo2e,
      farmToHubCo2eGrams: estimate.farmToHubGramsCo2e,
      hubToBuyerCo2eGrams: estimate.hubToBuyerGramsCo2e,
      refrigerationCo2eGrams: estimate.refrigerationGramsCo2e,
      foodMetres: estimate.foodMetres,
      grams: estimate.grams,
      legs,
      byFarm: byFarmOf(legs),
      baseline: storedBaseline(baseline),
      comparison: storedComparison(comparison),
      typicalRounds,
      refrigeratedUplift,
    },
    baseline,
    comparison,
  };
}

/** Plan save: turns one order's allocation into what is stored, with its baseline and comparison. */
export function buildAllocationDetail({
  allocated,
  lines,
  householdCarTrip,
  baselineProfile,
  farmNames,
  factorSet = DESNZ_2025,
  planId,
  computedAt,
}: {
  allocated: AllocatedOrderCarbon;
  lines: readonly BaselineOrderLine[];
  householdCarTrip: boolean;
  /** The hub's regional baseline profile; the default profile when omitted. */
  baselineProfile?: BaselineProfile;
  farmNames: FarmNames;
  factorSet?: FactorSet;
  planId: string;
  computedAt: Date;
}): StoredAllocation {
  const base = {
    methodVersion: allocated.methodVersion,
    factorSetId: allocated.factorSetId,
    distanceBasis: allocated.distanceBasis,
    computedAt: computedAt.toISOString(),
    planId,
  };
  if (allocated.status === "NOT_ESTIMATED") {
    return { status: "NOT_ESTIMATED", ...base, reason: withFarmNames(allocated.reason, farmNames) };
  }
  const baseline = computeBaseline({ lines, householdCarTrip, profile: baselineProfile, factorSet });
  const comparison = compareWithBaseline(allocated, baseline);
  const legs: StoredLeg[] = allocated.legs.map((l) => ({
    leg: l.leg,
    via: l.routeKind,
    routeId: l.routeId,
    farmId: l.farmId,
    farmName: l.farmId === null ? null : nameOf(farmNames, l.farmId),
    grams: l.grams,
    metres: l.distanceFromDepotMetres,
    co2eGrams: l.gramsCo2e,
    refrigerationCo2eGrams: l.refrigerationGramsCo2e,
  }));
  const grams = legs.filter((l) => l.leg === "FARM_TO_HUB").reduce((s, l) => s + l.grams, 0);
  return {
    status: "ALLOCATED",
    ...base,
    co2eGrams: allocated.gramsCo2e,
    farmToHubCo2eGrams: allocated.farmToHubGramsCo2e,
    hubToBuyerCo2eGrams: allocated.hubToBuyerGramsCo2e,
    refrigerationCo2eGrams: allocated.refrigerationGramsCo2e,
    foodMetres: allocated.foodMetres,
    grams,
    legs,
    byFarm: byFarmOf(legs),
    baseline: storedBaseline(baseline),
    comparison: storedComparison(comparison),
  };
}

/** The Order columns for a checkout estimate (a new order has no allocation yet). */
export function orderCarbonFieldsFromEstimate(estimate: StoredEstimate) {
  const detail: CarbonDetail = { schemaVersion: CARBON_DETAIL_SCHEMA_VERSION, estimate, allocation: null };
  return {
    estFoodMetres: estimate.status === "ESTIMATED" ? estimate.foodMetres : null,
    estCo2eGrams: estimate.status === "ESTIMATED" ? estimate.co2eGrams : null,
    carbonMethodVersion: estimate.methodVersion,
    carbonFactorSet: estimate.factorSetId,
    carbonDetail: detail,
  };
}

/**
 * The Order columns after a plan is saved: the allocation replaces any previous allocation, the
 * checkout estimate in `existingDetail` is kept. Pass the order's current `carbonDetail` as is.
 */
export function orderCarbonFieldsFromAllocation(allocation: StoredAllocation, existingDetail: unknown) {
  const previous = parseCarbonDetail(existingDetail);
  const detail: CarbonDetail = {
    schemaVersion: CARBON_DETAIL_SCHEMA_VERSION,
    estimate: previous?.estimate ?? null,
    allocation,
  };
  return {
    allocFoodMetres: allocation.status === "ALLOCATED" ? allocation.foodMetres : null,
    allocCo2eGrams: allocation.status === "ALLOCATED" ? allocation.co2eGrams : null,
    carbonMethodVersion: allocation.methodVersion,
    carbonFactorSet: allocation.factorSetId,
    carbonDetail: detail,
  };
}

// ---------------------------------------------------------------------------------------------
// Earlier shapes. Before CarbonDetailSchema existed, checkout stored the domain estimate
// ({ status: "ESTIMATED", distanceBasis, legs, byFarm, farmToHubGramsCo2e, hubToBuyerGramsCo2e })
// and plan save the domain allocation the same way ({ status: "ALLOCATED", ..., legs with routeId });
// both stored { status: "NOT_ESTIMATED", reason } without figures. They are read, never written.

const legacyLeg = z.object({
  leg: z.enum(["FARM_TO_HUB", "HUB_TO_BUYER"]),
  via: z.enum(["COLLECTION", "FARM_DROP_OFF", "DELIVERY"]).optional(),
  routeKind: z.enum(["COLLECTION", "FARM_DROP_OFF", "DELIVERY"]).optional(),
  routeId: z.string().optional(),
  farmId: z.string().nullable(),
  grams: grams,
  metres: metres.optional(),
  distanceFromDepotMetres: metres.optional(),
  gramsCo2e: grams,
});

const LegacyDetailSchema = z.discriminatedUnion("status", [
  z.object({
    status: z.enum(["ESTIMATED", "ALLOCATED"]),
    distanceBasis: DistanceBasisSchema,
    farmToHubGramsCo2e: grams,
    hubToBuyerGramsCo2e: grams,
    legs: z.array(legacyLeg),
  }),
  z.object({ status: z.literal("NOT_ESTIMATED"), reason: z.string() }),
]);

/** The Order columns that complete an earlier shape (which stored no provenance of its own). */
export interface CarbonColumns {
  estFoodMetres: number | null;
  allocFoodMetres: number | null;
  carbonMethodVersion: string | null;
  carbonFactorSet: string | null;
}

/**
 * Reads `Order.carbonDetail` in the current shape or an earlier one (converted: farm names,
 * baseline and comparison were not stored then). null when neither fits.
 */
export function readCarbonDetail(value: unknown, columns: CarbonColumns): CarbonDetail | null {
  const current = parseCarbonDetail(value);
  if (current !== null) return current;
  const legacy = LegacyDetailSchema.safeParse(value);
  if (!legacy.success) return null;
  const old = legacy.data;
  const provenance = {
    methodVersion: columns.carbonMethodVersion ?? "unknown",
    factorSetId: columns.carbonFactorSet ?? "unknown",
    computedAt: "",
  };
  const empty = { schemaVersion: CARBON_DETAIL_SCHEMA_VERSION, estimate: null, allocation: null } as const;
  if (old.status === "NOT_ESTIMATED") {
    return {
      ...empty,
      estimate: {
        status: "NOT_ESTIMATED",
        ...provenance,
        distanceBasis: "GREAT_CIRCLE_X_CIRCUITY",
        reason: old.reason,
      },
    };
  }
  const farmNumbers = new Map<string, number>();
  const legs: StoredLeg[] = old.legs.map((l) => {
    if (l.farmId !== null && !farmNumbers.has(l.farmId)) farmNumbers.set(l.farmId, farmNumbers.size + 1);
    return {
      leg: l.leg,
      via: l.via ?? l.routeKind ?? (l.leg === "HUB_TO_BUYER" ? "DELIVERY" : "COLLECTION"),
      routeId: l.routeId ?? null,
      farmId: l.farmId,
      farmName: l.farmId === null ? null : `Farm ${farmNumbers.get(l.farmId)}`,
      grams: l.grams,
      metres: l.metres ?? l.distanceFromDepotMetres ?? 0,
      co2eGrams: l.gramsCo2e,
    };
  });
  const figure = {
    ...provenance,
    distanceBasis: old.distanceBasis,
    co2eGrams: old.farmToHubGramsCo2e + old.hubToBuyerGramsCo2e,
    farmToHubCo2eGrams: old.farmToHubGramsCo2e,
    hubToBuyerCo2eGrams: old.hubToBuyerGramsCo2e,
    grams: legs.filter((l) => l.leg === "FARM_TO_HUB").reduce((s, l) => s + l.grams, 0),
    legs,
    byFarm: byFarmOf(legs),
    baseline: null,
    comparison: { status: "NOT_COMPARED", reason: "no comparison was stored with this figure." } as const,
  };
  if (old.status === "ESTIMATED") {
    return {
      ...empty,
      estimate: {
        status: "ESTIMATED",
        ...figure,
        foodMetres: columns.estFoodMetres,
        typicalRounds: { collection: "DEFAULT", delivery: "DEFAULT" },
        refrigeratedUplift: false,
      },
    };
  }
  return { ...empty, allocation: { status: "ALLOCATED", ...figure, foodMetres: columns.allocFoodMetres, planId: "" } };
}
