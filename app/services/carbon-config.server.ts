// The emission factor set in use: DESNZ 2025 by default, or CARBON_FACTOR_OVERRIDES (JSON, see
// factorOverrideSchema in ~/domain/carbon/factors) built on top of it. Resolved once per process.
import { CarbonInputError, DESNZ_2025, parseFactorOverrides, type FactorSet } from "~/domain/carbon";
import { getEnv } from "~/utils/env.server";

export class CarbonConfigError extends Error {
  override name = "CarbonConfigError";
}

function quote(raw: string): string {
  return raw.length > 200 ? `${raw.slice(0, 200)}…` : raw;
}

/**
 * The factor set for a raw CARBON_FACTOR_OVERRIDES value (undefined or blank: the defaults).
 * Throws CarbonConfigError naming the variable, the problem and the value.
 */
export function resolveFactorSet(raw: string | undefined): FactorSet {
  if (raw === undefined || raw.trim() === "") return DESNZ_2025;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new CarbonConfigError(`CARBON_FACTOR_OVERRIDES is not valid JSON (${why}), got ${quote(raw)}`);
  }
  try {
    return parseFactorOverrides(json, DESNZ_2025);
  } catch (error) {
    if (error instanceof CarbonInputError) {
      throw new CarbonConfigError(`CARBON_FACTOR_OVERRIDES: ${error.message}. Value: ${quote(raw)}`);
    }
    throw error;
  }
}

let cached: FactorSet | undefined;

/** The factor set every new carbon figure uses. */
export function getActiveFactorSet(): FactorSet {
  cached ??= resolveFactorSet(getEnv().CARBON_FACTOR_OVERRIDES);
  return cached;
}

/** True when configuration replaced the default DESNZ 2025 set. */
export function isFactorSetOverridden(): boolean {
  return getActiveFactorSet().id !== DESNZ_2025.id;
}

/**
 * Start-up check (call from `ready()` in entry.server): a bad override stops the process with a
 * message naming the value, instead of failing on the first checkout.
 */
export function validateCarbonConfig(): { factorSetId: string; overridden: boolean } {
  const set = getActiveFactorSet();
  return { factorSetId: set.id, overridden: set.id !== DESNZ_2025.id };
}
