import { z } from "zod";
import { CarbonInputError } from "./errors";

/**
 * Bump when the method (not the factors) changes, so stored figures say what produced them.
 * 2: a refrigerated vehicle's refrigeration part is charged to chilled goods only (decision 026).
 */
export const METHOD_VERSION = "foodshed-carbon-2";

export type EnergyType = "DIESEL" | "PETROL" | "BATTERY_ELECTRIC" | "HYBRID";
export type VehicleClass = "VAN_AVERAGE" | "VAN_CLASS_I" | "VAN_CLASS_II" | "VAN_CLASS_III" | "CAR_AVERAGE";

export const ENERGY_TYPES = ["DIESEL", "PETROL", "BATTERY_ELECTRIC", "HYBRID"] as const;
export const VEHICLE_CLASSES = ["VAN_AVERAGE", "VAN_CLASS_I", "VAN_CLASS_II", "VAN_CLASS_III", "CAR_AVERAGE"] as const;

/** Per vehicle-km factor. kg CO2e/km is numerically g CO2e/m, which the code relies on. */
export interface EmissionFactor {
  key: string;
  label: string;
  vehicleClass: VehicleClass;
  energy: EnergyType;
  /** Tank-to-wheel (for electric: generation). */
  directKgPerKm: number;
  /** Well-to-tank (for electric: transmission losses and upstream of generation). */
  upstreamKgPerKm: number;
  wellToWheelKgPerKm: number;
  source: string;
  year: number;
  licence: string;
}

/** Per tonne-km factor for the conventional-chain baseline. */
export interface TonneKmFactor {
  key: string;
  label: string;
  kgPerTonneKm: number;
  source: string;
  year: number;
  licence: string;
}

export interface FactorSet {
  id: string;
  label: string;
  source: string;
  year: number;
  licence: string;
  vehicleFactors: readonly EmissionFactor[];
  hgvAmbient: TonneKmFactor;
  hgvRefrigerated: TonneKmFactor;
  /** Multiplier for a refrigerated van, applied to direct and upstream alike. */
  refrigeratedVanUplift: number;
  refrigeratedVanUpliftBasis: string;
  /** Grid intensity the electric factors were computed with; lets an override re-base them. */
  electricityKgCo2ePerKwh: number;
}

const DESNZ_SOURCE = "UK Government (DESNZ), Greenhouse gas reporting: conversion factors 2025";
const OGL = "Open Government Licence v3.0";

function desnz(
  key: string,
  label: string,
  vehicleClass: VehicleClass,
  energy: EnergyType,
  direct: number,
  upstream: number,
  wellToWheel: number,
): EmissionFactor {
  return {
    key,
    label,
    vehicleClass,
    energy,
    directKgPerKm: direct,
    upstreamKgPerKm: upstream,
    wellToWheelKgPerKm: wellToWheel,
    source: DESNZ_SOURCE,
    year: 2025,
    licence: OGL,
  };
}

/** Default factor set: the DESNZ 2025 figures quoted in CARBON.md, well-to-wheel as published. */
export const DESNZ_2025: FactorSet = {
  id: "desnz-2025",
  label: "UK DESNZ conversion factors 2025",
  source: DESNZ_SOURCE,
  year: 2025,
  licence: OGL,
  vehicleFactors: [
    desnz(
      "van-diesel-average",
      "Van, average (up to 3.5 t), diesel",
      "VAN_AVERAGE",
      "DIESEL",
      0.25561,
      0.06128,
      0.31689,
    ),
    desnz(
      "van-diesel-class-iii",
      "Van class III (1.74–3.5 t), diesel",
      "VAN_CLASS_III",
      "DIESEL",
      0.27878,
      0.06706,
      0.34584,
    ),
    desnz(
      "van-diesel-class-ii",
      "Van class II (1.305–1.74 t), diesel",
      "VAN_CLASS_II",
      "DIESEL",
      0.1926,
      0.04602,
      0.23862,
    ),
    desnz(
      "van-diesel-class-i",
      "Van class I (up to 1.305 t), diesel",
      "VAN_CLASS_I",
      "DIESEL",
      0.15738,
      0.03746,
      0.19484,
    ),
    desnz("van-petrol-average", "Van, average, petrol", "VAN_AVERAGE", "PETROL", 0.21335, 0.06183, 0.27518),
    desnz(
      "van-bev-average",
      "Van, average, battery electric (UK grid incl. losses)",
      "VAN_AVERAGE",
      "BATTERY_ELECTRIC",
      0.06976,
      0.01759,
      0.08735,
    ),
    desnz("car-petrol-average", "Car, average, petrol", "CAR_AVERAGE", "PETROL", 0.16272, 0.04599, 0.20871),
    desnz("car-diesel-average", "Car, average, diesel", "CAR_AVERAGE", "DIESEL", 0.17304, 0.04146, 0.2145),
    desnz("car-hybrid-average", "Car, average, hybrid", "CAR_AVERAGE", "HYBRID", 0.12825, 0.03315, 0.1614),
  ],
  hgvAmbient: {
    key: "hgv-all-average-laden",
    label: "HGV, all, average laden, ambient",
    kgPerTonneKm: 0.10163,
    source: DESNZ_SOURCE,
    year: 2025,
    licence: OGL,
  },
  hgvRefrigerated: {
    key: "hgv-all-average-laden-refrigerated",
    label: "HGV, all, average laden, refrigerated",
    kgPerTonneKm: 0.11894,
    source: DESNZ_SOURCE,
    year: 2025,
    licence: OGL,
  },
  refrigeratedVanUplift: 1.19,
  refrigeratedVanUpliftBasis:
    "Project assumption: DESNZ publishes no refrigerated van factor; 1.19 follows the DESNZ refrigerated/ambient ratio for rigid HGVs (1.191).",
  electricityKgCo2ePerKwh: 0.177 + 0.01853,
};

/** A factor ready to multiply: uplift applied, with what it came from. */
export interface ResolvedVehicleFactor {
  key: string;
  label: string;
  refrigerated: boolean;
  /** 1 or the set's refrigerated uplift. */
  multiplier: number;
  /** Well-to-wheel including the multiplier; numerically g CO2e per metre. */
  kgPerKm: number;
  /**
   * Well-to-wheel of the vehicle itself, without the refrigeration multiplier: the base part a
   * route's goods share, all of them (decision 026). Equals kgPerKm on an ambient vehicle.
   */
  baseKgPerKm: number;
  factorSetId: string;
}

export interface VehicleSpec {
  /** A factor key such as "van-diesel-class-iii" (Vehicle.energyType in the schema). */
  energyType: string;
  refrigerated: boolean;
}

export function resolveVehicleFactor(set: FactorSet, vehicle: VehicleSpec): ResolvedVehicleFactor {
  const factor = set.vehicleFactors.find((f) => f.key === vehicle.energyType);
  if (factor === undefined) {
    const known = set.vehicleFactors.map((f) => f.key).join(", ");
    throw new CarbonInputError(
      `Unknown vehicle energy type "${vehicle.energyType}" in factor set ${set.id}; known types: ${known}`,
    );
  }
  const multiplier = vehicle.refrigerated ? set.refrigeratedVanUplift : 1;
  return {
    key: factor.key,
    label: vehicle.refrigerated ? `${factor.label}, refrigerated` : factor.label,
    refrigerated: vehicle.refrigerated,
    multiplier,
    kgPerKm: factor.wellToWheelKgPerKm * multiplier,
    baseKgPerKm: factor.wellToWheelKgPerKm,
    factorSetId: set.id,
  };
}

// ---------------------------------------------------------------------------------------------
// Overrides: another country's grid, a newer year. Parsed from configuration, never trusted.

const positive = z.number().finite().positive();

const vehicleOverrideSchema = z
  .object({
    label: z.string().min(1).optional(),
    vehicleClass: z.enum(VEHICLE_CLASSES).optional(),
    energy: z.enum(ENERGY_TYPES).optional(),
    direct: positive,
    upstream: positive,
  })
  .strict();

export const factorOverrideSchema = z
  .object({
    /** Required and distinct from the base: a stored figure must say which set produced it. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be lower-case letters, digits and dashes"),
    label: z.string().min(1).optional(),
    source: z.string().min(1),
    year: z.number().int().min(1990).max(2100),
    licence: z.string().min(1).optional(),
    vehicleFactors: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/), vehicleOverrideSchema).optional(),
    hgvKgPerTonneKm: z.object({ ambient: positive.optional(), refrigerated: positive.optional() }).strict().optional(),
    refrigeratedVanUplift: z.number().finite().min(1).optional(),
    refrigeratedVanUpliftBasis: z.string().min(1).optional(),
    /** Re-bases electric vehicle factors proportionally to this grid (generation + losses). */
    electricityKgCo2ePerKwh: positive.optional(),
  })
  .strict();

export type FactorOverride = z.input<typeof factorOverrideSchema>;

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function expectationOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "too_small":
      return issue.minimum === 0 && issue.inclusive !== true
        ? "must be a positive number"
        : `must be at least ${String(issue.minimum)}`;
    case "too_big":
      return `must be at most ${String(issue.maximum)}`;
    case "invalid_type":
      return `must be ${issue.expected === "object" ? "an" : "a"} ${issue.expected}`;
    case "invalid_value":
      return `must be one of ${issue.values.map(String).join(", ")}`;
    default:
      return issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
  }
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "number") return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Builds a new factor set from `base` and a configuration object. Every problem is reported
 * at once, each naming the field and the value found, e.g.
 * `vehicleFactors.van-diesel-average.direct must be a positive number, got -0.2`.
 */
export function parseFactorOverrides(input: unknown, base: FactorSet = DESNZ_2025): FactorSet {
  const parsed = factorOverrideSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const field = issue.path.map(String).join(".") || "override";
      if (issue.code === "unrecognized_keys") {
        return `${field} has unknown key ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
      }
      return `${field} ${expectationOf(issue)}, got ${describe(valueAt(input, issue.path))}`;
    });
    throw new CarbonInputError(`Invalid emission factor override: ${problems.join("; ")}`);
  }
  const o = parsed.data;
  if (o.id === base.id) {
    throw new CarbonInputError(
      `Invalid emission factor override: id must differ from the base set "${base.id}", got "${o.id}"`,
    );
  }
  const source = o.source;
  const licence = o.licence ?? "as stated by the source";

  const gridRatio =
    o.electricityKgCo2ePerKwh === undefined ? 1 : o.electricityKgCo2ePerKwh / base.electricityKgCo2ePerKwh;
  const vehicleFactors: EmissionFactor[] = base.vehicleFactors.map((f) =>
    f.energy === "BATTERY_ELECTRIC" && gridRatio !== 1
      ? {
          ...f,
          directKgPerKm: f.directKgPerKm * gridRatio,
          upstreamKgPerKm: f.upstreamKgPerKm * gridRatio,
          wellToWheelKgPerKm: f.wellToWheelKgPerKm * gridRatio,
          label: `${f.label} (re-based to ${o.electricityKgCo2ePerKwh} kg CO2e/kWh)`,
          source,
          year: o.year,
          licence,
        }
      : f,
  );

  const newKeyProblems: string[] = [];
  for (const [key, v] of Object.entries(o.vehicleFactors ?? {})) {
    const existing = vehicleFactors.findIndex((f) => f.key === key);
    const previous = existing >= 0 ? vehicleFactors[existing] : undefined;
    const vehicleClass = v.vehicleClass ?? previous?.vehicleClass;
    const energy = v.energy ?? previous?.energy;
    const label = v.label ?? previous?.label;
    if (vehicleClass === undefined || energy === undefined || label === undefined) {
      newKeyProblems.push(`vehicleFactors.${key} is a new key and needs label, vehicleClass and energy`);
      continue;
    }
    const factor: EmissionFactor = {
      key,
      label,
      vehicleClass,
      energy,
      directKgPerKm: v.direct,
      upstreamKgPerKm: v.upstream,
      wellToWheelKgPerKm: v.direct + v.upstream,
      source,
      year: o.year,
      licence,
    };
    if (existing >= 0) vehicleFactors[existing] = factor;
    else vehicleFactors.push(factor);
  }
  if (newKeyProblems.length > 0) {
    throw new CarbonInputError(`Invalid emission factor override: ${newKeyProblems.join("; ")}`);
  }

  const hgv = (f: TonneKmFactor, value: number | undefined): TonneKmFactor =>
    value === undefined ? f : { ...f, kgPerTonneKm: value, source, year: o.year, licence };

  return {
    id: o.id,
    label: o.label ?? `${base.label}, overridden (${o.id})`,
    source,
    year: o.year,
    licence,
    vehicleFactors,
    hgvAmbient: hgv(base.hgvAmbient, o.hgvKgPerTonneKm?.ambient),
    hgvRefrigerated: hgv(base.hgvRefrigerated, o.hgvKgPerTonneKm?.refrigerated),
    refrigeratedVanUplift: o.refrigeratedVanUplift ?? base.refrigeratedVanUplift,
    refrigeratedVanUpliftBasis:
      o.refrigeratedVanUpliftBasis ??
      (o.refrigeratedVanUplift === undefined ? base.refrigeratedVanUpliftBasis : `Configured in ${o.id}`),
    electricityKgCo2ePerKwh: o.electricityKgCo2ePerKwh ?? base.electricityKgCo2ePerKwh,
  };
}
