// Checkout carbon estimate: loads the hub's depot, the order's farms, the fleet and (when the hub
// has planned cycles) its typical rounds, then runs the domain estimate, baseline and comparison.
// Returns the Order columns to store and the stored estimate the checkout box shows.
import {
  baselineProfileFor,
  buildEstimateDetail,
  DEFAULT_ESTIMATE_ASSUMPTIONS,
  estimateOrderCarbon,
  householdCarTripFor,
  METHOD_VERSION,
  orderCarbonFieldsFromEstimate,
  typicalRoundFromRoutes,
  type EstimateAssumptions,
  type FactorSet,
  type OrderEstimate,
  type RoundSource,
  type StoredEstimate,
  type TypicalRound,
  type VehicleSpec,
} from "~/domain/carbon";
import { roadDistanceMetres } from "~/domain/geo";
import {
  getCarbonHub,
  listCarbonFarms,
  listCarbonVehicles,
  listRecentHubRoutes,
  type CarbonVehicle,
} from "~/models/carbon.server";
import { getEnv } from "~/utils/env.server";
import { getActiveFactorSet } from "./carbon-config.server";

export interface CheckoutCarbonLine {
  farmId: string;
  /** Quantity × grams per unit. null or 0: the product has no weight recorded. */
  grams: number | null;
  chilled: boolean;
}

export interface CheckoutCarbonInput {
  hubId: string;
  lines: readonly CheckoutCarbonLine[];
  /** The delivery address; null when the buyer collects at the hub. */
  delivery: { lat: number; lng: number } | null;
  /** Decides whether the baseline includes a household car trip; households by default. */
  buyerKind?: "HOUSEHOLD" | "RESTAURANT" | null;
  now?: Date;
}

export interface CheckoutCarbon {
  /** What `<CarbonEstimate estimate={...} />` shows. */
  estimate: StoredEstimate;
  /** Spread into the Order's create data: estFoodMetres, estCo2eGrams, carbonMethodVersion, carbonFactorSet, carbonDetail. */
  fields: ReturnType<typeof orderCarbonFieldsFromEstimate>;
}

/** The most common vehicle type among `vehicles` (ties: the earliest listed). */
function mostCommon(vehicles: readonly CarbonVehicle[]): CarbonVehicle | undefined {
  const counts = new Map<string, number>();
  for (const v of vehicles) counts.set(v.energyType, (counts.get(v.energyType) ?? 0) + 1);
  let best: CarbonVehicle | undefined;
  for (const v of vehicles) {
    if (best === undefined || (counts.get(v.energyType) ?? 0) > (counts.get(best.energyType) ?? 0)) best = v;
  }
  return best;
}

/**
 * Which vehicle ambient and chilled goods ride: the fleet's most common ambient van, and its
 * refrigerated van for chilled goods when it has one. Vehicle types the factor set does not
 * know are ignored here (the planner reports them); no usable fleet → the defaults.
 */
export function fleetVehicles(
  vehicles: readonly CarbonVehicle[],
  factorSet: FactorSet,
): { ambient: VehicleSpec | null; chilled: VehicleSpec | null } {
  const known = vehicles.filter((v) => factorSet.vehicleFactors.some((f) => f.key === v.energyType));
  const ambient = mostCommon(known.filter((v) => !v.refrigerated)) ?? mostCommon(known);
  const chilled = mostCommon(known.filter((v) => v.refrigerated)) ?? ambient;
  const spec = (v: CarbonVehicle | undefined): VehicleSpec | null =>
    v ? { energyType: v.energyType, refrigerated: v.refrigerated } : null;
  return { ambient: spec(ambient), chilled: spec(chilled) };
}

function withVehicles(round: TypicalRound, ambient: VehicleSpec | null, chilled: VehicleSpec | null): TypicalRound {
  return { ...round, vehicle: ambient ?? round.vehicle, chilledVehicle: chilled ?? ambient ?? round.vehicle };
}

function notEstimated(factorSet: FactorSet, reason: string, now: Date): CheckoutCarbon {
  const estimate: StoredEstimate = {
    status: "NOT_ESTIMATED",
    methodVersion: METHOD_VERSION,
    factorSetId: factorSet.id,
    distanceBasis: "GREAT_CIRCLE_X_CIRCUITY",
    computedAt: now.toISOString(),
    reason,
  };
  return { estimate, fields: orderCarbonFieldsFromEstimate(estimate) };
}

export async function estimateOrderForCheckout(input: CheckoutCarbonInput): Promise<CheckoutCarbon> {
  const now = input.now ?? new Date();
  const factorSet = getActiveFactorSet();
  const circuity = getEnv().ROAD_CIRCUITY;
  const farmIds = [...new Set(input.lines.map((l) => l.farmId))];
  const [hub, farms, vehicles, recentRoutes] = await Promise.all([
    getCarbonHub({ hubId: input.hubId }),
    listCarbonFarms({ hubId: input.hubId, farmIds }),
    listCarbonVehicles({ hubId: input.hubId }),
    listRecentHubRoutes({ hubId: input.hubId }),
  ]);
  if (hub === null) return notEstimated(factorSet, "The hub for this order was not found.", now);
  if (input.lines.length === 0) return notEstimated(factorSet, "The order has no goods.", now);
  const farmById = new Map(farms.map((f) => [f.id, f]));
  const outside = farmIds.filter((id) => !farmById.has(id));
  if (outside.length > 0) {
    return notEstimated(
      factorSet,
      "Some goods come from a farm this hub does not serve, so their journey is unknown.",
      now,
    );
  }

  // A real food item never weighs 0 g: a 0 means the farm recorded no weight.
  const lines = input.lines.map((l) => ({ ...l, grams: l.grams === null || l.grams <= 0 ? null : l.grams }));
  const unweightedFarms = [...new Set(lines.filter((l) => l.grams === null).map((l) => l.farmId))];

  const { ambient, chilled } = fleetVehicles(vehicles, factorSet);
  const learnedCollection = ambient ? typicalRoundFromRoutes(recentRoutes, "COLLECTION", ambient) : null;
  const learnedDelivery = ambient ? typicalRoundFromRoutes(recentRoutes, "DELIVERY", ambient) : null;
  const d = DEFAULT_ESTIMATE_ASSUMPTIONS;
  const assumptions: EstimateAssumptions = {
    collectionRound: withVehicles(learnedCollection ?? d.collectionRound, ambient, chilled),
    deliveryRound: withVehicles(learnedDelivery ?? d.deliveryRound, ambient, chilled),
    farmDropOff: d.farmDropOff,
  };
  const typicalRounds: { collection: RoundSource; delivery: RoundSource } = {
    collection: learnedCollection ? "HUB_HISTORY" : "DEFAULT",
    delivery: learnedDelivery ? "HUB_HISTORY" : "DEFAULT",
  };

  let estimate: OrderEstimate = estimateOrderCarbon({
    lines: lines.map((l) => ({ farmId: l.farmId, grams: l.grams, chilled: l.chilled })),
    farms: farms.map((f) => ({
      farmId: f.id,
      farmToHubMetres: roadDistanceMetres(f, hub.depot, circuity),
      arrival: f.selfDelivers ? "FARM_DROP_OFF" : "COLLECTION",
    })),
    delivery: input.delivery ? { hubToBuyerMetres: roadDistanceMetres(hub.depot, input.delivery, circuity) } : null,
    distanceBasis: "GREAT_CIRCLE_X_CIRCUITY",
    factorSet,
    assumptions,
  });
  if (estimate.status === "NOT_ESTIMATED" && unweightedFarms.length > 0) {
    const names = unweightedFarms.map((id) => farmById.get(id)?.name ?? "a farm").join(", ");
    estimate = {
      ...estimate,
      reason: `No weight is recorded for some goods from ${names}, so the transport of this order cannot be estimated.`,
    };
  }

  const refrigeratedUplift = chilled?.refrigerated === true && lines.some((l) => l.chilled);
  const detail = buildEstimateDetail({
    estimate,
    lines: lines.map((l) => ({ grams: l.grams, chilled: l.chilled })),
    householdCarTrip: householdCarTripFor({
      buyerKind: input.buyerKind ?? "HOUSEHOLD",
      fulfilment: input.delivery ? "DELIVERY" : "PICKUP",
    }),
    baselineProfile: baselineProfileFor(hub.baselineProfileId),
    farmNames: new Map(farms.map((f) => [f.id, f.name])),
    factorSet,
    typicalRounds,
    refrigeratedUplift,
    computedAt: now,
  });
  return { estimate: detail.estimate, fields: orderCarbonFieldsFromEstimate(detail.estimate) };
}
