import type { AllocatedOrderCarbon } from "./allocation";
import type { BaselineResult } from "./baseline";
import type { OrderEstimate } from "./estimate";

/**
 * Relative uncertainty bands of the order's figure, project assumptions. An estimate rests on a
 * typical round (±50%); an allocation on circuity and planned-vs-driven distance (±25%). The
 * baseline's own uncertainty is its low–high range (the hub's regional profile).
 */
export const COMPARISON_UNCERTAINTY = { ESTIMATED: 0.5, ALLOCATED: 0.25 } as const;

/**
 * Why a comparison is less than it seems. BASELINE_IS_AN_AVERAGE and CAR_TRIP_ASSUMED describe
 * the single US-average baseline of orders stored before regional profiles: still read and shown
 * for those orders, never written now.
 */
export type CaveatKey =
  | "TRANSPORT_ONLY"
  | "BASELINE_IS_AN_AVERAGE"
  | "CAR_TRIP_ASSUMED"
  | "ESTIMATE_BEFORE_ROUTES"
  | "BASELINE_IS_A_REGIONAL_RANGE"
  | "HOUSEHOLD_TRIP_MODELLED"
  | "BASELINE_PROFILE_ASSUMED";

export type Comparison =
  | {
      status: "COMPARED";
      /** LOWER/HIGHER only when the bands do not overlap; otherwise no claim either way. */
      claim: "LOWER" | "NO_CLEAR_DIFFERENCE" | "HIGHER";
      orderGramsCo2e: number;
      /** The baseline's central value. */
      baselineGramsCo2e: number;
      baselineLowGramsCo2e: number;
      baselineHighGramsCo2e: number;
      /** Central difference, baseline − order (may be negative). */
      differenceGramsCo2e: number;
      /** The saving that survives the uncertainty bands (null unless LOWER). */
      conservativeSavingGramsCo2e: number | null;
      /** Worst-case relative saving 1 − orderHigh ÷ baseline low, whole per cent rounded down (null unless LOWER). */
      conservativeSavingPercent: number | null;
      caveats: CaveatKey[];
      methodVersion: string;
      factorSetId: string;
    }
  | { status: "NOT_COMPARED"; reason: string };

/**
 * Compares an order's transport figure with the baseline without overclaiming: a saving is only
 * stated when the order's upper bound is below the low end of the baseline's range, and then only
 * as much as survives both (HIGHER only when the order's lower bound is above the high end).
 */
export function compareWithBaseline(
  figure: OrderEstimate | AllocatedOrderCarbon,
  baseline: BaselineResult,
): Comparison {
  if (figure.status === "NOT_ESTIMATED") return { status: "NOT_COMPARED", reason: figure.reason };
  if (baseline.status === "NOT_ESTIMATED") return { status: "NOT_COMPARED", reason: baseline.reason };
  if (figure.factorSetId !== baseline.factorSetId || figure.methodVersion !== baseline.methodVersion) {
    return {
      status: "NOT_COMPARED",
      reason: `The figures come from different factor sets or methods (${figure.factorSetId}/${figure.methodVersion} vs ${baseline.factorSetId}/${baseline.methodVersion}).`,
    };
  }
  const uncertainty =
    figure.status === "ESTIMATED" ? COMPARISON_UNCERTAINTY.ESTIMATED : COMPARISON_UNCERTAINTY.ALLOCATED;
  const order = figure.gramsCo2e;
  const base = baseline.gramsCo2e;
  const orderHigh = order * (1 + uncertainty);
  const orderLow = order * (1 - uncertainty);
  const baseLow = baseline.lowGramsCo2e;
  const baseHigh = baseline.highGramsCo2e;
  const claim = orderHigh < baseLow ? "LOWER" : orderLow > baseHigh ? "HIGHER" : "NO_CLEAR_DIFFERENCE";
  const conservativeSaving = claim === "LOWER" ? Math.floor(baseLow - orderHigh) : null;
  const caveats: CaveatKey[] = ["TRANSPORT_ONLY", "BASELINE_IS_A_REGIONAL_RANGE"];
  if (baseline.profileStatus === "ASSUMPTION") caveats.push("BASELINE_PROFILE_ASSUMED");
  if (baseline.householdCarTrip) caveats.push("HOUSEHOLD_TRIP_MODELLED");
  if (figure.status === "ESTIMATED") caveats.push("ESTIMATE_BEFORE_ROUTES");
  return {
    status: "COMPARED",
    claim,
    orderGramsCo2e: order,
    baselineGramsCo2e: base,
    baselineLowGramsCo2e: baseLow,
    baselineHighGramsCo2e: baseHigh,
    differenceGramsCo2e: base - order,
    conservativeSavingGramsCo2e: conservativeSaving,
    conservativeSavingPercent: conservativeSaving === null ? null : Math.floor(100 * (1 - orderHigh / baseLow)),
    caveats,
    methodVersion: figure.methodVersion,
    factorSetId: figure.factorSetId,
  };
}
