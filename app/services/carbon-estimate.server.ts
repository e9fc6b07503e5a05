// Checkout carbon estimate: loads the hub's depot, the order's farms, the fleet and its recent plans
// (cached per hub), then runs the domain estimate on those routes (domain/carbon/marginal.ts; the
// typical rounds for what they cannot answer), the baseline and the comparison. Returns the Order
// columns to store and the stored estimate the checkout box shows.
import {
  baselineProfileFor,
  buildEstimateDetail,
  DEFAULT_ESTIMATE_ASSUMPTIONS,
  estimateOnHubRoutes,
  householdCarTripFor,
  METHOD_VERSION,
  lowestChoices,
  orderCarbonFieldsFromEstimate,
  deliveryDetour,
  pickupCarTrip,
  typicalRoundFromRoutes,
  type CombineRule,
  type EstimateAssumptions,
  type FactorSet,
  type OrderEstimate,
  provisionalFill,
  type RoundSource,
  type RouteInput,
  type SlotWindow,
  type StoredEstimate,
  type TypicalRound,
  type VehicleSpec,
} from "~/domain/carbon";
import { roadDistanceMetres, type LatLng } from "~/domain/geo";
import {
  getCarbonHub,
  getHubPlanHistory,
  listCarbonFarms,
  listCarbonVehicles,
  sumCycleFarmGrams,
  type CarbonFarm,
  type CarbonHub,
  type CarbonVehicle,
  type HubPlanHistory,
} from "~/models/carbon.server";
import { getEnv } from "~/utils/env.server";
import { getActiveFactorSet } from "./carbon-config.server";
import { getProvisionalPlan, type ProvisionalPlan } from "./provisional-plan.server";

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
  /** The delivery slot chosen: the rounds that ran in it carry the order; null or absent: any time. */
  slot?: SlotWindow | null;
  /** Decides whether the baseline includes a household car trip; households by default. */
  buyerKind?: "HOUSEHOLD" | "RESTAURANT" | null;
  /**
   * The cycle the order is for: a self-delivering farm's goods in its orders placed before `now`
   * count towards the farm's trip. Without it only the recent cycles do.
   */
  cycleId?: string | null;
  /** An order being changed: its own lines are not "so far". */
  orderId?: string | null;
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

/** What the estimate reads from the database for one order (see loadCheckoutCarbonContext). */
export interface CheckoutCarbonContext {
  now: Date;
  factorSet: FactorSet;
  circuity: number;
  hub: CarbonHub | null;
  farms: CarbonFarm[];
  vehicles: CarbonVehicle[];
  /**
   * The hub's recent plans (cached per hub), and first among them the open cycle's provisional
   * plan when it has one (services/provisional-plan.server.ts).
   */
  history: HubPlanHistory;
  /** Each self-delivering farm's goods in the order's cycle so far. */
  openCycleFarmGrams: Record<string, number>;
}

export async function loadCheckoutCarbonContext(input: CheckoutCarbonInput): Promise<CheckoutCarbonContext> {
  const now = input.now ?? new Date();
  const farmIds = [...new Set(input.lines.map((l) => l.farmId))];
  const [hub, farms, vehicles, history] = await Promise.all([
    getCarbonHub({ hubId: input.hubId }),
    listCarbonFarms({ hubId: input.hubId, farmIds }),
    listCarbonVehicles({ hubId: input.hubId }),
    getHubPlanHistory({ hubId: input.hubId }),
  ]);
  const selfDelivering = farms.filter((f) => f.selfDelivers).map((f) => f.id);
  const openCycleFarmGrams =
    input.cycleId && selfDelivering.length > 0
      ? await sumCycleFarmGrams({
          hubId: input.hubId,
          cycleId: input.cycleId,
          farmIds: selfDelivering,
          before: now,
          exceptOrderId: input.orderId ?? null,
        })
      : {};
  return {
    now,
    factorSet: getActiveFactorSet(),
    circuity: getEnv().ROAD_CIRCUITY,
    hub,
    farms,
    vehicles,
    history: withProvisionalPlan(
      history,
      input.cycleId
        ? getProvisionalPlan({ hubId: input.hubId, cycleId: input.cycleId, exceptOrderId: input.orderId ?? null })
        : null,
    ),
    openCycleFarmGrams,
  };
}

/**
 * The cycles the estimate reads: the open cycle's provisional plan, when there is one, scaled by
 * how full it is against the recent cycles (provisionalFill), with the recent plans — the figures
 * are the median over them (decision 031 says why both, measured by `npm run bench:carbon --
 * --accuracy`).
 */
export function withProvisionalPlan(history: HubPlanHistory, provisional: ProvisionalPlan | null): HubPlanHistory {
  if (!provisional) return history;
  const fill = provisionalFill({ provisional: provisional.plan, recent: history.cycles, elapsed: provisional.elapsed });
  return { cycles: [{ ...provisional.plan, fill }, ...history.cycles], routes: history.routes };
}

/**
 * The typical rounds for what the recent routes cannot answer: the hub's own averages over its
 * recent plans when it has any (HUB_HISTORY), else the project defaults, with the fleet's vans.
 */
export function typicalRoundsFor(
  routes: readonly RouteInput[],
  vehicles: readonly CarbonVehicle[],
  factorSet: FactorSet,
): { assumptions: EstimateAssumptions; sources: { collection: RoundSource; delivery: RoundSource } } {
  const { ambient, chilled } = fleetVehicles(vehicles, factorSet);
  const learnedCollection = ambient ? typicalRoundFromRoutes(routes, "COLLECTION", ambient) : null;
  const learnedDelivery = ambient ? typicalRoundFromRoutes(routes, "DELIVERY", ambient) : null;
  const d = DEFAULT_ESTIMATE_ASSUMPTIONS;
  return {
    assumptions: {
      collectionRound: withVehicles(learnedCollection ?? d.collectionRound, ambient, chilled),
      deliveryRound: withVehicles(learnedDelivery ?? d.deliveryRound, ambient, chilled),
      farmDropOff: d.farmDropOff,
    },
    sources: {
      collection: learnedCollection ? "HUB_HISTORY" : "DEFAULT",
      delivery: learnedDelivery ? "HUB_HISTORY" : "DEFAULT",
    },
  };
}

export async function estimateOrderForCheckout(input: CheckoutCarbonInput): Promise<CheckoutCarbon> {
  return estimateWithContext(await loadCheckoutCarbonContext(input), input);
}

/**
 * The estimate from what loadCheckoutCarbonContext read (no I/O). The options are for measuring
 * alternatives (tests/bench/carbon-accuracy.ts): `combine`, how the recent cycles' figures are
 * combined (the median); `uncollectedFarms`, how a farm no recent round visited is counted
 * (inserted into those rounds); `deliveryRoutes`, which delivery rounds the order joins (those
 * serving its area).
 */
export function estimateWithContext(
  context: CheckoutCarbonContext,
  input: CheckoutCarbonInput,
  {
    combine = "MEDIAN",
    uncollectedFarms = "INSERTION",
    deliveryRoutes = "NEIGHBOURS",
  }: {
    combine?: CombineRule;
    uncollectedFarms?: "INSERTION" | "TYPICAL_ROUND";
    deliveryRoutes?: "NEIGHBOURS" | "CHEAPEST";
  } = {},
): CheckoutCarbon {
  const { now, factorSet, circuity, hub, farms, vehicles, history } = context;
  const farmIds = [...new Set(input.lines.map((l) => l.farmId))];
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

  const { chilled } = fleetVehicles(vehicles, factorSet);
  const typical = typicalRoundsFor(history.routes, vehicles, factorSet);
  const onRoutes = estimateOnHubRoutes({
    lines: lines.map((l) => ({ farmId: l.farmId, grams: l.grams, chilled: l.chilled })),
    farms: farms.map((f) => ({
      farmId: f.id,
      point: { lat: f.lat, lng: f.lng },
      farmToHubMetres: roadDistanceMetres(f, hub.depot, circuity),
      arrival: f.selfDelivers ? "FARM_DROP_OFF" : "COLLECTION",
    })),
    delivery: input.delivery
      ? { point: input.delivery, hubToBuyerMetres: roadDistanceMetres(hub.depot, input.delivery, circuity) }
      : null,
    depot: hub.depot,
    circuity,
    cycles: history.cycles,
    openCycleFarmGrams: context.openCycleFarmGrams,
    fallback: typical.assumptions,
    fallbackSources: typical.sources,
    distanceBasis: "GREAT_CIRCLE_X_CIRCUITY",
    factorSet,
    combine,
    uncollectedFarms,
    deliveryRoutes,
    slot: input.slot ?? null,
  });
  let estimate: OrderEstimate = onRoutes.estimate;
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
    typicalRounds: onRoutes.sources,
    refrigeratedUplift,
    computedAt: now,
  });
  return { estimate: detail.estimate, fields: orderCarbonFieldsFromEstimate(detail.estimate) };
}

/** A delivery slot of the cycle, as checkout lists it. */
export interface ChoiceSlot extends SlotWindow {
  id: string;
}

/**
 * One way to receive the basket and what it adds: the extra driving of the hub's rounds to the
 * door in that slot, or the buyer's drive to the hub and back (domain/carbon/choices.ts).
 */
export interface CarbonChoice {
  kind: "DELIVERY" | "PICKUP";
  /** DELIVERY: the slot; null for "any time". */
  slotId: string | null;
  /** g CO2e the choice adds; null when it cannot be figured (no planned rounds yet). */
  co2eGrams: number | null;
  /** Metres it adds: the rounds' detour, or the drive there and back. */
  metres: number | null;
  /**
   * DELIVERY: the lowest of the slots (several when they tie; none when all are about equal);
   * PICKUP: lower than home delivery in its best slot.
   */
  lowest: boolean;
}

export interface CarbonChoices {
  /** Home delivery at any time, in each slot, then collecting at the hub. */
  options: CarbonChoice[];
  /** Home delivery in its best slot adds less than collecting by car. */
  deliveryLower: boolean;
}

/**
 * What each way of receiving the basket adds to the driving — for delivery, the detour of the
 * rounds that served the buyer's area in that slot on the hub's recent plans × their vans'
 * factors; for collecting, the buyer's car trip there and back — on what loadCheckoutCarbonContext
 * read (no I/O). The farms' legs are the same whichever is chosen, so they are left out.
 */
export function carbonChoicesWithContext(
  context: CheckoutCarbonContext,
  input: Omit<CheckoutCarbonInput, "delivery" | "slot">,
  point: LatLng,
  slots: readonly ChoiceSlot[],
): CarbonChoices {
  const split = { ambient: 0, chilled: 0 };
  for (const l of input.lines) split[l.chilled ? "chilled" : "ambient"] += Math.max(0, l.grams ?? 0);
  const hub = context.hub;
  const delivery: CarbonChoice[] = [null, ...slots].map((slot) => {
    const detour =
      hub === null || split.ambient + split.chilled === 0
        ? null
        : deliveryDetour({
            cycles: context.history.cycles,
            depot: hub.depot,
            circuity: context.circuity,
            point,
            split,
            factorSet: context.factorSet,
            slot,
          });
    return {
      kind: "DELIVERY",
      slotId: slot?.id ?? null,
      co2eGrams: detour ? Math.round(detour.co2eGrams) : null,
      metres: detour ? Math.round(detour.metres) : null,
      lowest: false,
    };
  });
  const trip =
    hub === null
      ? null
      : pickupCarTrip({
          buyerToHubMetres: roadDistanceMetres(point, hub.depot, context.circuity),
          profile: baselineProfileFor(hub.baselineProfileId),
          factorSet: context.factorSet,
        });
  const pickup: CarbonChoice = {
    kind: "PICKUP",
    slotId: null,
    co2eGrams: trip?.co2eGrams ?? null,
    metres: trip?.metres ?? null,
    lowest: false,
  };
  // Slots against each other; then collecting against home delivery in its best slot.
  const slotsLowest = lowestChoices(delivery);
  const figures = delivery.flatMap((o) => (o.co2eGrams === null ? [] : [o.co2eGrams]));
  const [deliveryLower = false, pickupLower = false] = lowestChoices([
    { co2eGrams: figures.length > 0 ? Math.min(...figures) : null },
    pickup,
  ]);
  return {
    options: [
      ...delivery.map((o, i) => ({ ...o, lowest: slotsLowest[i] === true })),
      { ...pickup, lowest: pickupLower },
    ],
    deliveryLower,
  };
}

/** The checkout estimate for `input` and, when the buyer's place is known, the choices (one read). */
export async function estimateWithChoices(
  input: CheckoutCarbonInput,
  choicesFor: { point: LatLng; slots: readonly ChoiceSlot[] } | null,
): Promise<{ carbon: CheckoutCarbon; choices: CarbonChoices | null }> {
  const context = await loadCheckoutCarbonContext(input);
  return {
    carbon: estimateWithContext(context, input),
    choices: choicesFor ? carbonChoicesWithContext(context, input, choicesFor.point, choicesFor.slots) : null,
  };
}
