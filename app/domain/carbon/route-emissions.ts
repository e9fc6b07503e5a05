import { assertNonNegativeInteger, CarbonInputError } from "./errors";
import type { ResolvedVehicleFactor } from "./factors";

/**
 * GLEC road adjustment from shortest (planned) to actually driven distance. A uniform factor
 * cancels out of the shares but not out of the route total, so it is applied to planned routes.
 */
export const GLEC_PLANNED_TO_DRIVEN = 1.05;

/** DRIVEN: odometer or as-driven track. PLANNED: the planner's shortest-road distances. */
export type DistanceKind = "DRIVEN" | "PLANNED";

export interface RouteEmissionsInput {
  /** The whole round, return to depot included. */
  metres: number;
  distanceKind: DistanceKind;
  factor: ResolvedVehicleFactor;
}

/** Route emissions in integer grams CO2e: km × kg CO2e/km, i.e. metres × g CO2e/m. */
export function routeEmissionsGrams({ metres, distanceKind, factor }: RouteEmissionsInput): number {
  assertNonNegativeInteger(metres, "route metres");
  return Math.round(metres * drivenMultiplier(distanceKind) * factor.kgPerKm);
}

export interface RouteEmissionsParts {
  /** The route's emissions, rounded once as `routeEmissionsGrams`: base + refrigeration. */
  totalGrams: number;
  /** The vehicle without its refrigeration unit: distance × base factor. */
  baseGrams: number;
  /**
   * What the refrigeration unit adds: total − base, i.e. distance × base factor × (uplift − 1)
   * rounded so that the two parts add up to the total exactly. 0 on an ambient vehicle.
   */
  refrigerationGrams: number;
}

/**
 * A route's emissions split into the base vehicle part and the refrigeration part (ISO 14083
 * treats temperature-controlled transport as its own operation category; decision 026). The
 * total is the same integer as `routeEmissionsGrams`.
 */
export function routeEmissionsParts({ metres, distanceKind, factor }: RouteEmissionsInput): RouteEmissionsParts {
  const totalGrams = routeEmissionsGrams({ metres, distanceKind, factor });
  if (!factor.refrigerated || factor.kgPerKm === factor.baseKgPerKm) {
    return { totalGrams, baseGrams: totalGrams, refrigerationGrams: 0 };
  }
  // round() is monotonic and the uplift is at least 1, so base ≤ total and the part is ≥ 0.
  const baseGrams = Math.min(totalGrams, Math.round(metres * drivenMultiplier(distanceKind) * factor.baseKgPerKm));
  return { totalGrams, baseGrams, refrigerationGrams: totalGrams - baseGrams };
}

export function drivenMultiplier(kind: DistanceKind): number {
  if (kind === "DRIVEN") return 1;
  if (kind === "PLANNED") return GLEC_PLANNED_TO_DRIVEN;
  throw new CarbonInputError(`Unknown distance kind "${String(kind)}"; expected DRIVEN or PLANNED`);
}

/**
 * Length of a closed round depot → stops in order → depot from a distance matrix, so the
 * return leg is never forgotten.
 */
export function closedRouteMetres(
  matrix: readonly (readonly number[])[],
  depot: number,
  sequence: readonly number[],
): number {
  let total = 0;
  let at = depot;
  for (const next of [...sequence, depot]) {
    const leg = matrix[at]?.[next];
    if (leg === undefined) throw new CarbonInputError(`No distance from index ${at} to index ${next}`);
    total += leg;
    at = next;
  }
  return total;
}
