import type { DistanceBasis, LegKind, RouteInput } from "./allocation";
import { assertNonNegativeInteger, CarbonInputError } from "./errors";
import {
  DESNZ_2025,
  METHOD_VERSION,
  resolveVehicleFactor,
  type FactorSet,
  type ResolvedVehicleFactor,
  type VehicleSpec,
} from "./factors";
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
   * The vehicle chilled goods ride on this round, when the fleet has a refrigerated one; defaults
   * to `vehicle`. Ambient goods ride `vehicle`.
   */
  chilledVehicle?: VehicleSpec;
  /**
   * On a refrigerated vehicle, the share (0–1) of the round's t·km that is chilled goods: they
   * carry its refrigeration part between them, as in the allocation (decision 026). Default 1:
   * the refrigerated round's goods are taken to be chilled. 0: the round typically carries no
   * chilled goods, so its refrigeration part is shared by all goods like the base part.
   */
  chilledWorkShare?: number;
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
  /** Of gramsCo2e, the refrigeration part (chilled goods on a refrigerated vehicle). */
  refrigerationGramsCo2e: number;
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
      /** Of gramsCo2e, the refrigeration part. */
      refrigerationGramsCo2e: number;
      byFarm: Array<{ farmId: string; gramsCo2e: number }>;
      legs: EstimatedLeg[];
      foodMetres: number;
      grams: number;
      assumptions: EstimateAssumptions;
    })
  | (Provenance & { status: "NOT_ESTIMATED"; reason: string });

function validateRound(
  name: string,
  round: { loadGrams: number; metres?: number; meanStopDistanceMetres?: number; chilledWorkShare?: number },
): void {
  const share = round.chilledWorkShare;
  if (share !== undefined && !(Number.isFinite(share) && share >= 0 && share <= 1)) {
    throw new CarbonInputError(`${name}.chilledWorkShare must be between 0 and 1, got ${String(share)}`);
  }
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

/** Unrounded g CO2e of one leg, and the refrigeration part of it. */
interface LegShare {
  total: number;
  refrigeration: number;
}

const addShares = (a: LegShare, b: LegShare): LegShare => ({
  total: a.total + b.total,
  refrigeration: a.refrigeration + b.refrigeration,
});

/**
 * `work` is the goods' part of the trip's transport work (t·km of the goods ÷ t·km of the trip),
 * `tripMetres` the driven distance. The base part is work × distance × base factor. On a
 * refrigerated vehicle the refrigeration part goes to chilled goods only, each paying work ÷
 * chilledWorkShare of it (their part of the chilled t·km); with a share of 0 (no chilled goods
 * typically on board) it is shared by all goods as the base part. The allocation's rule.
 */
function tripShare(
  factor: ResolvedVehicleFactor,
  tripMetres: number,
  work: number,
  chilled: boolean,
  chilledWorkShare = 1,
): LegShare {
  const base = work * tripMetres * factor.baseKgPerKm;
  if (!factor.refrigerated) return { total: base, refrigeration: 0 };
  const unit = tripMetres * (factor.kgPerKm - factor.baseKgPerKm);
  const refrigeration = chilledWorkShare === 0 ? work * unit : chilled ? (work * unit) / chilledWorkShare : 0;
  return { total: base + refrigeration, refrigeration };
}

/** g CO2e for m grams at d metres on a typical round (unrounded; rounded once per leg). */
function roundShare(
  round: TypicalRound,
  factorSet: FactorSet,
  grams: number,
  metres: number,
  chilled = false,
): LegShare {
  const vehicle = chilled ? (round.chilledVehicle ?? round.vehicle) : round.vehicle;
  const factor = resolveVehicleFactor(factorSet, vehicle);
  const driven = round.metres * drivenMultiplier(round.distanceKind);
  const work = (grams * metres) / (round.loadGrams * round.meanStopDistanceMetres);
  return tripShare(factor, driven, work, chilled, round.chilledWorkShare);
}

/** Ambient and chilled grams on one leg: each rides its own vehicle, the leg is rounded once. */
function splitRoundShare(
  round: TypicalRound,
  factorSet: FactorSet,
  split: { ambient: number; chilled: number },
  metres: number,
): LegShare {
  return addShares(
    roundShare(round, factorSet, split.ambient, metres, false),
    roundShare(round, factorSet, split.chilled, metres, true),
  );
}

/** A leg's figure in integer grams; the refrigeration part rounded apart (never above the leg). */
const roundedLeg = (share: LegShare) => ({
  gramsCo2e: Math.round(share.total),
  refrigerationGramsCo2e: Math.min(Math.round(share.total), Math.round(share.refrigeration)),
});

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
    let co2e: LegShare;
    if (farm.arrival === "COLLECTION") {
      co2e = splitRoundShare(a.collectionRound, factorSet, { ambient: grams - chilledGrams, chilled: chilledGrams }, d);
    } else {
      // A single-stop trip there and back: its whole emission is shared by mass alone.
      const drop = a.farmDropOff;
      const factor = resolveVehicleFactor(factorSet, drop.vehicle);
      const trip = 2 * d * drivenMultiplier(drop.distanceKind);
      co2e = addShares(
        tripShare(factor, trip, (grams - chilledGrams) / drop.loadGrams, false),
        tripShare(factor, trip, chilledGrams / drop.loadGrams, true),
      );
    }
    legs.push({ leg: "FARM_TO_HUB", via: farm.arrival, farmId, grams, metres: d, ...roundedLeg(co2e) });
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
      ...roundedLeg(splitRoundShare(a.deliveryRound, factorSet, split, d)),
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
    refrigerationGramsCo2e: legs.reduce((s, l) => s + l.refrigerationGramsCo2e, 0),
    byFarm: farmLegs.map((l) => ({ farmId: l.farmId as string, gramsCo2e: l.gramsCo2e })),
    legs,
    foodMetres: foodMiles.status === "ESTIMATED" ? foodMiles.metres : 0,
    grams: totalGrams,
    assumptions: a,
  };
}

/**
 * Replaces the default typical round with a hub's own history: mean round length and load, and
 * the pooled mass-weighted mean stop distance, over planned routes of one kind; and, when some of
 * them ran refrigerated, the chilled goods' share of those routes' t·km (`chilledWorkShare`). Returns null
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
  // On the refrigerated routes: all goods' and chilled goods' g·m, for the chilled work share.
  let coldGramMetres = 0;
  let chilledGramMetres = 0;
  for (const r of routes) {
    if (r.kind !== kind) continue;
    let routeGrams = 0;
    for (const s of r.stops) {
      for (const c of s.consignments) {
        const g = c.grams ?? 0;
        routeGrams += g;
        gramMetres += g * s.distanceFromDepotMetres;
        if (r.vehicle.refrigerated) {
          coldGramMetres += g * s.distanceFromDepotMetres;
          chilledGramMetres += Math.min(g, c.chilledGrams ?? 0) * s.distanceFromDepotMetres;
        }
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
    ...(coldGramMetres > 0 ? { chilledWorkShare: chilledGramMetres / coldGramMetres } : {}),
  };
}
