import type { DistanceBasis, LegKind, RouteInput } from "./allocation";
import { assertNonNegativeInteger, CarbonInputError } from "./errors";
import { DESNZ_2025, METHOD_VERSION, resolveVehicleFactor, type FactorSet, type VehicleSpec } from "./factors";
import { computeFoodMiles } from "./food-miles";
import type { EstimateSource } from "./marginal";
import { drivenMultiplier, type DistanceKind } from "./route-emissions";

/**
 * A typical multi-stop round, standing in for the route the order will join. With the
 * mass-weighted mean stop distance d̄ and load L, the round's total t·km of allocation work is
 * L × d̄, so an order stop of mass m at distance d gets m × d ÷ (L × d̄) of the round: the same
 * formula as the allocation, with the unknown other stops replaced by their typical sum.
 */
export interface TypicalRound {
  /** Whole round, return included. */
  metres: number;
  distanceKind: DistanceKind;
  /** Goods carried on the round (all stops together). */
  loadGrams: number;
  /** Mass-weighted mean distance of the round's stops from the depot. */
  meanStopDistanceMetres: number;
  vehicle: VehicleSpec;
  /**
   * The vehicle chilled goods ride on this round, when the fleet has a refrigerated one (its
   * uplift then applies to chilled lines only); defaults to `vehicle`.
   */
  chilledVehicle?: VehicleSpec;
}

/** A farm's own trip to the hub and back with its cycle's goods on board. */
export interface TypicalDropOff {
  distanceKind: DistanceKind;
  loadGrams: number;
  vehicle: VehicleSpec;
}

export interface EstimateAssumptions {
  collectionRound: TypicalRound;
  deliveryRound: TypicalRound;
  farmDropOff: TypicalDropOff;
}

/**
 * Project defaults until a hub has planned cycles of its own (then use `typicalRoundFromRoutes`).
 * Chosen to be plausible for a small rural hub, not measured: a 3.5 t class III van on a 60 km
 * delivery round with 400 kg for buyers averaging 10 km out; an 80 km collection round bringing
 * 500 kg from farms averaging 20 km out; a farmer's own average van bringing 100 kg.
 * Routes come from the planner, so distances are PLANNED (× 1.05 to driven).
 */
export const DEFAULT_ESTIMATE_ASSUMPTIONS: EstimateAssumptions = {
  collectionRound: {
    metres: 80_000,
    distanceKind: "PLANNED",
    loadGrams: 500_000,
    meanStopDistanceMetres: 20_000,
    vehicle: { energyType: "van-diesel-class-iii", refrigerated: false },
  },
  deliveryRound: {
    metres: 60_000,
    distanceKind: "PLANNED",
    loadGrams: 400_000,
    meanStopDistanceMetres: 10_000,
    vehicle: { energyType: "van-diesel-class-iii", refrigerated: false },
  },
  farmDropOff: {
    distanceKind: "PLANNED",
    loadGrams: 100_000,
    vehicle: { energyType: "van-diesel-average", refrigerated: false },
  },
};

export interface EstimateLine {
  farmId: string;
  /** Quantity × grams per unit; null when the product has no weight. */
  grams: number | null;
  /** Chilled goods ride the round's `chilledVehicle` when one is given. */
  chilled?: boolean;
}

export interface EstimateFarm {
  farmId: string;
  farmToHubMetres: number;
  /** How the farm's goods reach the hub. */
  arrival: "COLLECTION" | "FARM_DROP_OFF";
}

export interface EstimateInput {
  lines: readonly EstimateLine[];
  farms: readonly EstimateFarm[];
  /** null: the buyer collects at the hub (no delivery leg, and the buyer's own trip is not ours to count). */
  delivery: { hubToBuyerMetres: number } | null;
  distanceBasis: DistanceBasis;
  factorSet?: FactorSet;
  assumptions?: EstimateAssumptions;
}

export interface EstimatedLeg {
  /** Where the figure came from (marginal.ts); absent: the typical round of `assumptions`. */
  source?: EstimateSource;
  leg: LegKind;
  via: "COLLECTION" | "FARM_DROP_OFF" | "DELIVERY";
  farmId: string | null;
  grams: number;
  metres: number;
  gramsCo2e: number;
}

interface Provenance {
  methodVersion: string;
  factorSetId: string;
  distanceBasis: DistanceBasis;
}

export type OrderEstimate =
  | (Provenance & {
      status: "ESTIMATED";
      gramsCo2e: number;
      farmToHubGramsCo2e: number;
      hubToBuyerGramsCo2e: number;
      byFarm: Array<{ farmId: string; gramsCo2e: number }>;
      legs: EstimatedLeg[];
      foodMetres: number;
      grams: number;
      assumptions: EstimateAssumptions;
    })
  | (Provenance & { status: "NOT_ESTIMATED"; reason: string });

function validateRound(
  name: string,
  round: { loadGrams: number; metres?: number; meanStopDistanceMetres?: number },
): void {
  if (!Number.isSafeInteger(round.loadGrams) || round.loadGrams <= 0) {
    throw new CarbonInputError(`${name}.loadGrams must be a positive integer, got ${String(round.loadGrams)}`);
  }
  if (round.metres !== undefined) assertNonNegativeInteger(round.metres, `${name}.metres`);
  if (round.meanStopDistanceMetres !== undefined && !(round.meanStopDistanceMetres > 0)) {
    throw new CarbonInputError(
      `${name}.meanStopDistanceMetres must be positive, got ${String(round.meanStopDistanceMetres)}`,
    );
  }
}

/** g CO2e for m grams at d metres on a typical round (unrounded; rounded once per leg). */
function roundShare(round: TypicalRound, factorSet: FactorSet, grams: number, metres: number, chilled = false): number {
  const vehicle = chilled ? (round.chilledVehicle ?? round.vehicle) : round.vehicle;
  const factor = resolveVehicleFactor(factorSet, vehicle);
  const roundGrams = round.metres * drivenMultiplier(round.distanceKind) * factor.kgPerKm;
  return (grams * metres * roundGrams) / (round.loadGrams * round.meanStopDistanceMetres);
}

/** Ambient and chilled grams on one leg: each rides its own vehicle, the leg is rounded once. */
function splitRoundShare(
  round: TypicalRound,
  factorSet: FactorSet,
  split: { ambient: number; chilled: number },
  metres: number,
): number {
  return (
    roundShare(round, factorSet, split.ambient, metres, false) +
    roundShare(round, factorSet, split.chilled, metres, true)
  );
}

/**
 * Checkout estimate from the order's expected legs; see DEFAULT_ESTIMATE_ASSUMPTIONS and
 * docs/decisions/006-carbon-allocation.md for what is assumed. Legs are rounded to integer
 * grams and the total is their sum, so the breakdown always adds up.
 */
export function estimateOrderCarbon(input: EstimateInput): OrderEstimate {
  const factorSet = input.factorSet ?? DESNZ_2025;
  const a = input.assumptions ?? DEFAULT_ESTIMATE_ASSUMPTIONS;
  const provenance: Provenance = {
    methodVersion: METHOD_VERSION,
    factorSetId: factorSet.id,
    distanceBasis: input.distanceBasis,
  };
  validateRound("collectionRound", a.collectionRound);
  validateRound("deliveryRound", a.deliveryRound);
  validateRound("farmDropOff", a.farmDropOff);
  if (input.delivery !== null) assertNonNegativeInteger(input.delivery.hubToBuyerMetres, "hubToBuyerMetres");
  const farms = new Map(input.farms.map((f) => [f.farmId, f]));
  for (const f of input.farms) assertNonNegativeInteger(f.farmToHubMetres, `farmToHubMetres of farm ${f.farmId}`);

  if (input.lines.length === 0) return { ...provenance, status: "NOT_ESTIMATED", reason: "The order has no goods." };
  const gramsByFarm = new Map<string, number>();
  const chilledGramsByFarm = new Map<string, number>();
  const unweighted = new Set<string>();
  for (const line of input.lines) {
    if (line.grams === null) {
      unweighted.add(line.farmId);
      continue;
    }
    assertNonNegativeInteger(line.grams, `grams of a line from farm ${line.farmId}`);
    if (!farms.has(line.farmId)) throw new CarbonInputError(`Unknown farm "${line.farmId}" on an order line`);
    gramsByFarm.set(line.farmId, (gramsByFarm.get(line.farmId) ?? 0) + line.grams);
    if (line.chilled === true) {
      chilledGramsByFarm.set(line.farmId, (chilledGramsByFarm.get(line.farmId) ?? 0) + line.grams);
    }
  }
  if (unweighted.size > 0) {
    return {
      ...provenance,
      status: "NOT_ESTIMATED",
      reason: `No weight data for goods from farm ${[...unweighted].join(", ")}.`,
    };
  }
  const totalGrams = [...gramsByFarm.values()].reduce((s, g) => s + g, 0);
  if (totalGrams === 0) return { ...provenance, status: "NOT_ESTIMATED", reason: "The order's goods weigh 0 g." };

  const legs: EstimatedLeg[] = [];
  const farmIds = [...gramsByFarm.keys()].sort();
  for (const farmId of farmIds) {
    const farm = farms.get(farmId) as EstimateFarm;
    const grams = gramsByFarm.get(farmId) as number;
    const chilledGrams = chilledGramsByFarm.get(farmId) ?? 0;
    const d = farm.farmToHubMetres;
    let co2e: number;
    if (farm.arrival === "COLLECTION") {
      co2e = splitRoundShare(a.collectionRound, factorSet, { ambient: grams - chilledGrams, chilled: chilledGrams }, d);
    } else {
      // A single-stop trip there and back: its whole emission is shared by mass alone.
      const drop = a.farmDropOff;
      const factor = resolveVehicleFactor(factorSet, drop.vehicle);
      co2e = (2 * d * drivenMultiplier(drop.distanceKind) * factor.kgPerKm * grams) / drop.loadGrams;
    }
    legs.push({ leg: "FARM_TO_HUB", via: farm.arrival, farmId, grams, metres: d, gramsCo2e: Math.round(co2e) });
  }
  if (input.delivery !== null) {
    const d = input.delivery.hubToBuyerMetres;
    const chilledGrams = [...chilledGramsByFarm.values()].reduce((s, g) => s + g, 0);
    const split = { ambient: totalGrams - chilledGrams, chilled: chilledGrams };
    legs.push({
      leg: "HUB_TO_BUYER",
      via: "DELIVERY",
      farmId: null,
      grams: totalGrams,
      metres: d,
      gramsCo2e: Math.round(splitRoundShare(a.deliveryRound, factorSet, split, d)),
    });
  }

  const foodMiles = computeFoodMiles({
    parts: farmIds.map((farmId) => ({
      farmId,
      grams: gramsByFarm.get(farmId) as number,
      farmToHubMetres: (farms.get(farmId) as EstimateFarm).farmToHubMetres,
    })),
    hubToBuyerMetres: input.delivery?.hubToBuyerMetres ?? 0,
  });
  const farmLegs = legs.filter((l) => l.leg === "FARM_TO_HUB");
  const farmToHub = farmLegs.reduce((s, l) => s + l.gramsCo2e, 0);
  const hubToBuyer = legs.filter((l) => l.leg === "HUB_TO_BUYER").reduce((s, l) => s + l.gramsCo2e, 0);
  return {
    ...provenance,
    status: "ESTIMATED",
    gramsCo2e: farmToHub + hubToBuyer,
    farmToHubGramsCo2e: farmToHub,
    hubToBuyerGramsCo2e: hubToBuyer,
    byFarm: farmLegs.map((l) => ({ farmId: l.farmId as string, gramsCo2e: l.gramsCo2e })),
    legs,
    foodMetres: foodMiles.status === "ESTIMATED" ? foodMiles.metres : 0,
    grams: totalGrams,
    assumptions: a,
  };
}

/**
 * Replaces the default typical round with a hub's own history: mean round length and load, and
 * the pooled mass-weighted mean stop distance, over planned routes of one kind. Returns null
 * when there is nothing to learn from (no routes of that kind with goods away from the depot).
 */
export function typicalRoundFromRoutes(
  routes: readonly RouteInput[],
  kind: "COLLECTION" | "DELIVERY",
  vehicle: VehicleSpec,
): TypicalRound | null {
  let count = 0;
  let metres = 0;
  let grams = 0;
  let gramMetres = 0;
  for (const r of routes) {
    if (r.kind !== kind) continue;
    let routeGrams = 0;
    for (const s of r.stops) {
      for (const c of s.consignments) {
        const g = c.grams ?? 0;
        routeGrams += g;
        gramMetres += g * s.distanceFromDepotMetres;
      }
    }
    if (routeGrams === 0) continue;
    count++;
    metres += r.metres;
    grams += routeGrams;
  }
  if (count === 0 || gramMetres === 0) return null;
  const distanceKind = routes.find((r) => r.kind === kind)?.distanceKind ?? "PLANNED";
  return {
    metres: Math.round(metres / count),
    distanceKind,
    loadGrams: Math.round(grams / count),
    meanStopDistanceMetres: Math.round(gramMetres / grams),
    vehicle,
  };
}
