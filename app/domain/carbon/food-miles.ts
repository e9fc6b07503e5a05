import { assertNonNegativeInteger } from "./errors";
import { METHOD_VERSION } from "./factors";

export interface FoodMilesInput {
  /** Goods by farm: grams (null when the product has no weight) and the farm → hub distance. */
  parts: ReadonlyArray<{ farmId: string; grams: number | null; farmToHubMetres: number }>;
  /** 0 when the buyer collects at the hub. */
  hubToBuyerMetres: number;
}

export type FoodMilesResult =
  | { status: "ESTIMATED"; metres: number; grams: number; methodVersion: string }
  | { status: "NOT_ESTIMATED"; reason: string; methodVersion: string };

/**
 * Mass-weighted mean distance the goods travel, farm → hub → buyer, in integer metres. It is a
 * property of the goods, not of the vans: every gram travels its farm's leg plus the buyer's leg.
 */
export function computeFoodMiles({ parts, hubToBuyerMetres }: FoodMilesInput): FoodMilesResult {
  assertNonNegativeInteger(hubToBuyerMetres, "hubToBuyerMetres");
  const missing = parts.filter((p) => p.grams === null).map((p) => p.farmId);
  if (parts.length === 0) {
    return { status: "NOT_ESTIMATED", reason: "The order has no goods.", methodVersion: METHOD_VERSION };
  }
  if (missing.length > 0) {
    return {
      status: "NOT_ESTIMATED",
      reason: `No weight data for goods from farm ${[...new Set(missing)].join(", ")}.`,
      methodVersion: METHOD_VERSION,
    };
  }
  let grams = 0;
  let gramMetres = 0;
  for (const p of parts) {
    const g = p.grams as number;
    assertNonNegativeInteger(g, `grams from farm ${p.farmId}`);
    assertNonNegativeInteger(p.farmToHubMetres, `farmToHubMetres of farm ${p.farmId}`);
    grams += g;
    gramMetres += g * p.farmToHubMetres;
  }
  if (grams === 0) {
    return { status: "NOT_ESTIMATED", reason: "The order's goods weigh 0 g.", methodVersion: METHOD_VERSION };
  }
  return {
    status: "ESTIMATED",
    metres: Math.round(gramMetres / grams) + hubToBuyerMetres,
    grams,
    methodVersion: METHOD_VERSION,
  };
}
