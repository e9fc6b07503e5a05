/**
 * The checkout estimate from how the hub really drives (issue 17): the order is placed on the hub's
 * recent planned routes and gets the share the allocation would give it there. Each leg is figured
 * on each recent cycle's plan and the cycles' figures are combined by their median (or mean).
 *
 * - The share of a stop joining a round (`marginalRouteShare`): if the order joined route r at d
 *   metres from the depot with m grams where it adds the fewest metres (great circle × circuity,
 *   the planner's distances), allocateRoute would give it the base part of E(r + detour) × m·d ÷
 *   (Σ mᵢ·dᵢ + m·d), plus on a refrigerated van the refrigeration part × its chilled m·d ÷ the same
 *   sum over chilled goods (decision 026), E rounded to the gram as the allocation rounds it.
 * - Delivery leg (`deliveryOnCycle`): each part of the order (chilled, ambient — the planner makes
 *   a stop of each) on the rounds that served the NEIGHBOUR_STOPS nearest stops of that part,
 *   their shares' median weighted by how many of those stops each served. (The one round with the
 *   cheapest insertion is a measured alternative: in a dense area it is nearly arbitrary.)
 * - Collection leg (`collectionOnCycle`): on a past cycle, the farm's collection intensity — its
 *   collection stops' allocated grams CO2e ÷ grams handled, per part — × the order's grams from the
 *   farm; on a provisional plan, the share of the grams added to the farm's stop; a farm the cycle
 *   did not collect is inserted into the cheapest collection round.
 * - A self-delivering farm's own trip carries all its goods of the cycle, shared by mass: trip
 *   emissions × m ÷ the farm's expected goods per cycle (the mean of its recent cycles, or the open
 *   cycle's orders so far plus this one, whichever is larger, and at least DROP_OFF_FLOOR_GRAMS).
 * - Whatever the routes cannot answer (no recent plan, places without a location) falls back to
 *   the typical round of estimate.ts, and each leg records its source.
 *
 * Pure: the caller loads the plans (app/models/carbon.server.ts caches them per hub).
 */
import { EARTH_RADIUS_METRES, type LatLng } from "../geo";
import { allocateRoute, type DistanceBasis } from "./allocation";
import { assertNonNegativeInteger, CarbonInputError } from "./errors";
import {
  DEFAULT_ESTIMATE_ASSUMPTIONS,
  estimateOrderCarbon,
  type EstimateAssumptions,
  type EstimatedLeg,
  type EstimateFarm,
  type EstimateLine,
  type OrderEstimate,
} from "./estimate";
import {
  DESNZ_2025,
  resolveVehicleFactor,
  type FactorSet,
  type ResolvedVehicleFactor,
  type VehicleSpec,
} from "./factors";
import { routeEmissionsParts, type DistanceKind } from "./route-emissions";

/**
 * Where a leg's estimate came from: DEFAULT (the project's typical rounds), HUB_HISTORY (a typical
 * round averaged from the hub's planned routes), HUB_ROUTES (the hub's recent routes themselves:
 * its delivery and collection rounds, its farms' collection intensities and drop-off loads).
 */
export type EstimateSource = "DEFAULT" | "HUB_HISTORY" | "HUB_ROUTES";

/** How the figures of several recent cycles are combined. */
export type CombineRule = "MEDIAN" | "MEAN";

/**
 * A farm's own trip is assumed to carry at least this much: below it, one thin cycle in the
 * history would charge an order most of a trip (a farm with such loads should be collected).
 */
export const DROP_OFF_FLOOR_GRAMS = 10_000;

/** How many recent planned cycles the estimate looks at. */
export const RECENT_CYCLES = 3;

export interface PlannedStop {
  /** Where the stop is; null when unknown (such a route takes no insertion). */
  point: LatLng | null;
  distanceFromDepotMetres: number;
  gramsHandled: number;
  /** The stop's allocated share of its route (Stop.co2eGrams). */
  co2eGrams: number;
  /** The farm of a collection stop; null on delivery stops. */
  farmId: string | null;
  /** The order of a delivery stop; null on collection stops. */
  orderId?: string | null;
  /** The goods the stop handles; null on plans saved before the chilled/ambient split. */
  cargo: "CHILLED" | "AMBIENT" | null;
  /** The delivery slot the buyer chose (minutes of the delivery day); null or absent: any time. */
  slot?: SlotWindow | null;
}

/** A delivery slot: minutes from midnight of the delivery day, hub time. */
export interface SlotWindow {
  startMinute: number;
  endMinute: number;
}

const overlaps = (a: SlotWindow, b: SlotWindow): boolean => a.startMinute < b.endMinute && b.startMinute < a.endMinute;

export interface PlannedRoute {
  kind: "COLLECTION" | "DELIVERY";
  /** The whole round, return to depot included. */
  metres: number;
  distanceKind: DistanceKind;
  vehicle: VehicleSpec;
  /** The vehicle's capacity; null when unknown. */
  capacityGrams: number | null;
  /** In route order. */
  stops: readonly PlannedStop[];
}

/** The latest plan of one cycle, with its carbon allocated, and what each farm brought that cycle. */
export interface PlannedCycle {
  id: string;
  routes: readonly PlannedRoute[];
  /** Grams of each farm's goods in the cycle's active orders (a drop-off trip's load). */
  farmGrams: Readonly<Record<string, number>>;
  /**
   * A provisional plan of the open cycle, made without this order: the order's goods are added to
   * the farm stops they would join. A past cycle's rounds already carry a cycle's worth of goods.
   */
  provisional?: boolean;
  /**
   * A provisional plan's share (0–1] of the goods the cycle is expected to carry once it closes
   * (provisionalFill). The figures read on it are scaled by √fill: a plan of a quarter of the
   * orders has rounds as long for a quarter of the stops and goods, and its shares come out about
   * twice what the full cycle gives (decision 031, measured by `npm run bench:carbon -- --accuracy`).
   */
  fill?: number;
}

/** The scale of the figures read on `cycle` (1 but on a provisional plan with a fill). */
export function fillScale(cycle: PlannedCycle): number {
  if (cycle.provisional !== true || cycle.fill === undefined) return 1;
  return Math.sqrt(Math.min(1, Math.max(MIN_FILL, cycle.fill)));
}

/** A provisional plan is never taken as less than this share of its cycle. */
export const MIN_FILL = 0.05;

/**
 * How full the open cycle's provisional plan is: its goods so far over the median of the recent
 * cycles' goods (at most 1); without recent cycles, the share of the ordering window gone by;
 * without either, 1 (taken as it is).
 */
export function provisionalFill({
  provisional,
  recent,
  elapsed = null,
}: {
  provisional: Pick<PlannedCycle, "farmGrams">;
  recent: ReadonlyArray<Pick<PlannedCycle, "farmGrams">>;
  /** Of the cycle's ordering window (opens → cut-off), the share gone by; null: unknown. */
  elapsed?: number | null;
}): number {
  const grams = (c: Pick<PlannedCycle, "farmGrams">) => Object.values(c.farmGrams).reduce((s, g) => s + g, 0);
  const totals = recent
    .map(grams)
    .filter((g) => g > 0)
    .sort((a, b) => a - b);
  let fill = 1;
  if (totals.length > 0) {
    const mid = Math.floor(totals.length / 2);
    const median =
      totals.length % 2 === 1 ? (totals[mid] as number) : ((totals[mid - 1] as number) + (totals[mid] as number)) / 2;
    fill = grams(provisional) / median;
  } else if (elapsed !== null && Number.isFinite(elapsed)) fill = elapsed;
  return Math.min(1, Math.max(MIN_FILL, fill));
}

// ---------------------------------------------------------------------------------------------
// Geometry: cheapest insertion with the planner's distances.

const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;

interface PreparedPoint {
  lat: number;
  lng: number;
  cosLat: number;
}

const prepare = (p: LatLng): PreparedPoint => ({ lat: p.lat, lng: p.lng, cosLat: Math.cos(toRadians(p.lat)) });

/** round(great circle × circuity): the same operations as geo's haversineMetres, without its checks. */
function roadMetres(a: PreparedPoint, b: PreparedPoint, circuity: number): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLng = toRadians(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + a.cosLat * b.cosLat * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h))) * circuity);
}

interface PreparedRoute {
  /** Depot, stops…, depot. */
  path: PreparedPoint[];
  /** legs[i]: path[i] → path[i + 1]. */
  legs: number[];
}

const prepared = new WeakMap<object, Map<string, PreparedRoute | null>>();

function preparedRoute(route: Pick<PlannedRoute, "stops">, depot: LatLng, circuity: number): PreparedRoute | null {
  const key = `${depot.lat},${depot.lng},${circuity}`;
  let byKey = prepared.get(route);
  if (byKey === undefined) {
    byKey = new Map();
    prepared.set(route, byKey);
  }
  if (byKey.has(key)) return byKey.get(key) ?? null;
  let result: PreparedRoute | null = null;
  if (route.stops.every((s) => s.point !== null)) {
    const d = prepare(depot);
    const path = [d, ...route.stops.map((s) => prepare(s.point as LatLng)), d];
    const legs = path.slice(1).map((p, i) => roadMetres(path[i] as PreparedPoint, p, circuity));
    result = { path, legs };
  }
  byKey.set(key, result);
  return result;
}

export interface Insertion {
  /** Index in the route's stops before which the point goes (stops.length: at the end). */
  position: number;
  /** Extra metres of the round with the point inserted there (never negative). */
  detourMetres: number;
}

/**
 * The cheapest place to insert `point` into the round depot → stops → depot, with distances
 * round(great circle × circuity) like the planner's. null when a stop has no known location.
 */
export function cheapestInsertion(
  route: Pick<PlannedRoute, "stops">,
  depot: LatLng,
  point: LatLng,
  circuity: number,
  /** Only these positions (see Insertion.position); default: every one. */
  allowed?: (position: number) => boolean,
): Insertion | null {
  const geometry = preparedRoute(route, depot, circuity);
  if (geometry === null) return null;
  const p = prepare(point);
  const { path, legs } = geometry;
  let to = roadMetres(path[0] as PreparedPoint, p, circuity);
  let best: Insertion | null = null;
  for (let i = 0; i < legs.length; i++) {
    const from = to;
    to = roadMetres(p, path[i + 1] as PreparedPoint, circuity);
    if (allowed !== undefined && !allowed(i)) continue;
    const detour = from + to - (legs[i] as number);
    if (best === null || detour < best.detourMetres) best = { position: i, detourMetres: detour };
  }
  return best && { position: best.position, detourMetres: Math.max(0, best.detourMetres) };
}

// ---------------------------------------------------------------------------------------------
// The allocation's share of a stop joining a route.

/** A share before rounding, and the refrigeration part of it (decision 026). */
export interface Share {
  total: number;
  refrigeration: number;
}

const ZERO: Share = { total: 0, refrigeration: 0 };
const add = (a: Share, b: Share): Share => ({
  total: a.total + b.total,
  refrigeration: a.refrigeration + b.refrigeration,
});
const times = (a: Share, k: number): Share => ({ total: a.total * k, refrigeration: a.refrigeration * k });

/** An exact quota, numerator ÷ denominator: the allocation gives its floor or its ceiling. */
export interface Quota {
  numerator: bigint;
  denominator: bigint;
}

interface Weighed {
  mass: number;
  metres: number;
}

/**
 * The quota of `total` a new stop gets among `others` by mass × distance, with the allocation's
 * fallbacks (every stop at the depot: by mass; no mass at all: equally).
 */
function quotaOf(total: number, others: readonly Weighed[], own: Weighed): Quota {
  let work = 0n;
  let mass = 0n;
  for (const o of others) {
    work += BigInt(o.mass) * BigInt(o.metres);
    mass += BigInt(o.mass);
  }
  const ownWork = BigInt(own.mass) * BigInt(own.metres);
  if (work + ownWork > 0n) return { numerator: BigInt(total) * ownWork, denominator: work + ownWork };
  if (mass + BigInt(own.mass) > 0n) {
    return { numerator: BigInt(total) * BigInt(own.mass), denominator: mass + BigInt(own.mass) };
  }
  return { numerator: BigInt(total), denominator: BigInt(others.length + 1) };
}

const valueOf = (q: Quota): number => Number(q.numerator) / Number(q.denominator);

/** A stop's chilled grams: a chilled part is all chilled; a whole place (older plans) counts as ambient. */
export const chilledGramsOf = (stop: { gramsHandled: number; cargo?: PlannedStop["cargo"]; chilledGrams?: number }) =>
  stop.chilledGrams ?? (stop.cargo === "CHILLED" ? stop.gramsHandled : 0);

export interface MarginalShareInput {
  route: {
    metres: number;
    distanceKind: DistanceKind;
    vehicle: VehicleSpec;
    stops: ReadonlyArray<{
      gramsHandled: number;
      distanceFromDepotMetres: number;
      cargo?: PlannedStop["cargo"];
      /** Default: from `cargo`. */
      chilledGrams?: number;
    }>;
  };
  /** Metres the round grows by when the stop joins it. */
  addedMetres: number;
  grams: number;
  /** Of `grams`, the chilled goods (default 0). */
  chilledGrams?: number;
  distanceFromDepotMetres: number;
  factorSet?: FactorSet;
}

export interface MarginalShare {
  /** The route's emissions with the stop on it, in integer grams as allocateRoute computes them. */
  routeGrams: number;
  /** The stop's quota of the base part (all goods by mass × distance). */
  base: Quota;
  /** Its quota of the refrigeration part (0 on an ambient vehicle). */
  refrigeration: Quota;
  /** base + refrigeration, unrounded. */
  gramsCo2e: number;
  refrigerationGramsCo2e: number;
}

/**
 * What allocateRoute gives a new stop of `grams` at `distanceFromDepotMetres` on `route` grown by
 * `addedMetres`: the base part × m·d ÷ (Σ mᵢ·dᵢ + m·d); on a refrigerated vehicle, plus the
 * refrigeration part × its chilled grams × d ÷ the same sum over chilled grams (shared by all goods
 * like the base part when no chilled goods ride the round) — decision 026. Integers and BigInt, so
 * each quota is exact; the allocation gives the floor or ceiling of each.
 */
export function marginalRouteShare({
  route,
  addedMetres,
  grams,
  chilledGrams = 0,
  distanceFromDepotMetres,
  factorSet = DESNZ_2025,
}: MarginalShareInput): MarginalShare {
  assertNonNegativeInteger(route.metres, "route metres");
  assertNonNegativeInteger(addedMetres, "added metres");
  assertNonNegativeInteger(grams, "grams");
  assertNonNegativeInteger(chilledGrams, "chilled grams");
  assertNonNegativeInteger(distanceFromDepotMetres, "distanceFromDepotMetres");
  if (chilledGrams > grams) throw new CarbonInputError(`chilled grams ${chilledGrams} exceed the grams ${grams}`);
  const factor = resolveVehicleFactor(factorSet, route.vehicle);
  const parts = routeEmissionsParts({ metres: route.metres + addedMetres, distanceKind: route.distanceKind, factor });
  const all = route.stops.map((s) => ({ mass: s.gramsHandled, metres: s.distanceFromDepotMetres }));
  const base = quotaOf(parts.baseGrams, all, { mass: grams, metres: distanceFromDepotMetres });
  let refrigeration: Quota = { numerator: 0n, denominator: 1n };
  if (factor.refrigerated) {
    const cold = route.stops.map((s) => ({ mass: chilledGramsOf(s), metres: s.distanceFromDepotMetres }));
    refrigeration =
      chilledGrams > 0 || cold.some((c) => c.mass > 0)
        ? quotaOf(parts.refrigerationGrams, cold, { mass: chilledGrams, metres: distanceFromDepotMetres })
        : quotaOf(parts.refrigerationGrams, all, { mass: grams, metres: distanceFromDepotMetres });
  }
  const r = valueOf(refrigeration);
  return {
    routeGrams: parts.totalGrams,
    base,
    refrigeration,
    gramsCo2e: valueOf(base) + r,
    refrigerationGramsCo2e: r,
  };
}

const shareOf = (m: MarginalShare): Share => ({ total: m.gramsCo2e, refrigeration: m.refrigerationGramsCo2e });

/** A leg in integer grams; the refrigeration part rounded apart, never above the leg (as estimate.ts). */
const rounded = (share: Share) => ({
  gramsCo2e: Math.round(share.total),
  refrigerationGramsCo2e: Math.min(Math.round(share.total), Math.round(share.refrigeration)),
});

// ---------------------------------------------------------------------------------------------
// Per cycle: the delivery share, the farms' collection intensities and drop-off loads.

/** The median (by total) or mean of several cycles' figures; null when there are none. */
function combine(values: readonly Share[], rule: CombineRule): Share | null {
  if (values.length === 0) return null;
  if (rule === "MEAN") return times(values.reduce(add, ZERO), 1 / values.length);
  const sorted = [...values].sort((a, b) => a.total - b.total);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as Share)
    : times(add(sorted[mid - 1] as Share, sorted[mid] as Share), 0.5);
}

function knownFactor(factorSet: FactorSet, vehicle: VehicleSpec): ResolvedVehicleFactor | null {
  try {
    return resolveVehicleFactor(factorSet, vehicle);
  } catch (error) {
    if (error instanceof CarbonInputError) return null;
    throw error;
  }
}

const routeLoad = (route: PlannedRoute): number => route.stops.reduce((s, x) => s + x.gramsHandled, 0);

export interface Placement {
  /** Index of the route in the cycle's routes. */
  routeIndex: number;
  insertion: Insertion;
  share: MarginalShare;
}

export interface PlaceInput {
  cycle: PlannedCycle;
  /** DELIVERY: a buyer joins a delivery round; COLLECTION: a farm joins a collection round. */
  kind: "COLLECTION" | "DELIVERY";
  depot: LatLng;
  circuity: number;
  point: LatLng;
  distanceFromDepotMetres: number;
  grams: number;
  /** Of `grams`, the chilled goods: they ride a refrigerated round when the cycle had one. */
  chilledGrams: number;
  factorSet?: FactorSet;
}

/**
 * Where a new stop would join the cycle's rounds of `kind`: the route with the cheapest insertion
 * among those that could carry it (refrigerated ones for chilled goods when the cycle had one;
 * within capacity when any is), and its share there. null when no such route has locations.
 */
export function placeOnRoutes(input: PlaceInput): Placement | null {
  const { cycle, kind, depot, circuity, point, distanceFromDepotMetres, grams, chilledGrams } = input;
  const factorSet = input.factorSet ?? DESNZ_2025;
  // The same order is often estimated more than once (the checkout page, then placing it).
  const key = [
    kind,
    point.lat,
    point.lng,
    distanceFromDepotMetres,
    grams,
    chilledGrams,
    depot.lat,
    depot.lng,
    circuity,
    factorSet.id,
  ].join("|");
  return memoised(placements, cycle, key, () =>
    place(cycle, kind, depot, circuity, point, distanceFromDepotMetres, grams, chilledGrams, factorSet),
  );
}

const MAX_PLACEMENTS_PER_CYCLE = 20_000;
const placements = new WeakMap<PlannedCycle, Map<string, Placement | null>>();

/** The value of `key` for this cycle's plan, computed once (a bounded memo per plan, dropped with it). */
function memoised<T>(
  store: WeakMap<PlannedCycle, Map<string, T>>,
  cycle: PlannedCycle,
  key: string,
  compute: () => T,
): T {
  let memo = store.get(cycle);
  if (memo === undefined) {
    memo = new Map();
    store.set(cycle, memo);
  }
  if (memo.has(key)) return memo.get(key) as T;
  if (memo.size >= MAX_PLACEMENTS_PER_CYCLE) memo.clear();
  const value = compute();
  memo.set(key, value);
  return value;
}

function place(
  cycle: PlannedCycle,
  kind: "COLLECTION" | "DELIVERY",
  depot: LatLng,
  circuity: number,
  point: LatLng,
  distanceFromDepotMetres: number,
  grams: number,
  chilledGrams: number,
  factorSet: FactorSet,
): Placement | null {
  let candidates = cycle.routes
    .map((route, index) => ({ route, index }))
    .filter(({ route }) => route.kind === kind && knownFactor(factorSet, route.vehicle) !== null);
  if (chilledGrams > 0 && candidates.some(({ route }) => route.vehicle.refrigerated)) {
    candidates = candidates.filter(({ route }) => route.vehicle.refrigerated);
  }
  const fits = candidates.filter(
    ({ route }) => route.capacityGrams === null || routeLoad(route) + grams <= route.capacityGrams,
  );
  if (fits.length > 0) candidates = fits;
  let best: { index: number; insertion: Insertion } | null = null;
  for (const { route, index } of candidates) {
    const insertion = cheapestInsertion(route, depot, point, circuity);
    if (insertion === null) continue;
    if (best === null || insertion.detourMetres < best.insertion.detourMetres) best = { index, insertion };
  }
  if (best === null) return null;
  const route = cycle.routes[best.index] as PlannedRoute;
  return {
    routeIndex: best.index,
    insertion: best.insertion,
    share: marginalRouteShare({
      route,
      addedMetres: best.insertion.detourMetres,
      grams,
      chilledGrams,
      distanceFromDepotMetres,
      factorSet,
    }),
  };
}

/** How many of the nearest delivery stops of the same goods show which rounds serve a buyer's area. */
export const NEIGHBOUR_STOPS = 10;

interface IndexedStop {
  at: PreparedPoint;
  routeIndex: number;
}

/** Per part, the delivery stops that may show where that part rides (see neighbourShare). */
interface DeliveryStopIndex {
  CHILLED: IndexedStop[];
  AMBIENT: IndexedStop[];
}

const deliveryStopIndexes = new WeakMap<PlannedCycle, Map<string, DeliveryStopIndex>>();

/**
 * Whether a delivery stop was served in `slot`: its buyer chose a slot overlapping it (a stop
 * without a slot could be served at any time, so it says nothing of where the vans are then).
 */
export const stopInSlot = (stop: Pick<PlannedStop, "slot">, slot: SlotWindow): boolean =>
  stop.slot != null && overlaps(stop.slot, slot);

/**
 * Where a stop of `slot` can join a round: next to one of the round's stops of that slot (before
 * or after it), where the van is during the slot. Every position when `slot` is null.
 */
export function slotPositions(
  route: Pick<PlannedRoute, "stops">,
  slot: SlotWindow | null,
): ((position: number) => boolean) | undefined {
  if (slot === null) return undefined;
  const inSlot = route.stops.map((s) => stopInSlot(s, slot));
  if (!inSlot.some(Boolean)) return undefined;
  return (position) => inSlot[position - 1] === true || inSlot[position] === true;
}

function deliveryStopIndex(cycle: PlannedCycle, factorSet: FactorSet, slot: SlotWindow | null): DeliveryStopIndex {
  const slotKey = slot === null ? "any" : `${slot.startMinute}-${slot.endMinute}`;
  let bySlot = deliveryStopIndexes.get(cycle);
  if (bySlot === undefined) {
    bySlot = new Map();
    deliveryStopIndexes.set(cycle, bySlot);
  }
  const cached = bySlot.get(slotKey);
  if (cached) return cached;
  // A slot: the stops served in it (every stop when none was: the cycle says nothing of it).
  const slotKnown =
    slot !== null &&
    cycle.routes.some((route) => route.kind === "DELIVERY" && route.stops.some((s) => stopInSlot(s, slot)));
  const stops: Array<IndexedStop & { cargo: PlannedStop["cargo"]; refrigerated: boolean }> = [];
  cycle.routes.forEach((route, routeIndex) => {
    if (route.kind !== "DELIVERY" || knownFactor(factorSet, route.vehicle) === null) return;
    if (route.stops.some((s) => s.point === null)) return;
    for (const stop of route.stops) {
      if (slotKnown && !stopInSlot(stop, slot)) continue;
      stops.push({
        at: prepare(stop.point as LatLng),
        routeIndex,
        cargo: stop.cargo,
        refrigerated: route.vehicle.refrigerated,
      });
    }
  });
  // Stops of the same part (a stop saved before the split carries both); chilled goods only on
  // refrigerated rounds when the cycle had one; any stop when the cycle had none of that part.
  const pool = (part: "CHILLED" | "AMBIENT") => {
    let same = stops.filter((s) => s.cargo === part || s.cargo === null);
    if (part === "CHILLED" && same.some((s) => s.refrigerated)) same = same.filter((s) => s.refrigerated);
    return (same.length > 0 ? same : stops).map(({ at, routeIndex }) => ({ at, routeIndex }));
  };
  const index = { CHILLED: pool("CHILLED"), AMBIENT: pool("AMBIENT") };
  bySlot.set(slotKey, index);
  return index;
}

/** The value (ordered by `by`, default a share's total) with half the weight at or below it. */
function weightedMedian<T = Share>(
  items: ReadonlyArray<{ value: T; weight: number }>,
  by: (value: T) => number = (value) => (value as Share).total,
): T | null {
  if (items.length === 0) return null;
  const sorted = [...items].sort((a, b) => by(a.value) - by(b.value));
  const half = sorted.reduce((s, x) => s + x.weight, 0) / 2;
  let seen = 0;
  for (const item of sorted) {
    seen += item.weight;
    if (seen >= half) return item.value;
  }
  return (sorted[sorted.length - 1] as { value: T }).value;
}

export interface DeliveryOnCycleInput {
  cycle: PlannedCycle;
  depot: LatLng;
  circuity: number;
  point: LatLng;
  distanceFromDepotMetres: number;
  /** The order's goods by part: the planner makes a stop of each, chilled on a refrigerated van. */
  split: { ambient: number; chilled: number };
  factorSet?: FactorSet;
  /**
   * NEIGHBOURS: the rounds that served the nearest NEIGHBOUR_STOPS stops of the same part, each
   * weighted by how many of them it served; CHEAPEST: the one round the point joins most cheaply.
   */
  routes?: "NEIGHBOURS" | "CHEAPEST";
  /**
   * The delivery slot the buyer chose: only the rounds that ran in it are joined (all rounds when
   * none did). null or absent: any time.
   */
  slot?: SlotWindow | null;
}

/**
 * The order's delivery share on one cycle's rounds, unrounded; null when the cycle has no round
 * with locations. For each part of its goods, the share it would get by joining a round — the
 * allocation's (route + detour) × factor × m·d ÷ (Σ mᵢ·dᵢ + m·d) — on the rounds that served its
 * area for that part (their weighted median). Which van serves a street varies with the slot and
 * the load, and an electric van's km emit a quarter of a diesel's, so the rounds actually serving
 * the area say more than the one that passes closest.
 */
export function deliveryOnCycle({
  cycle,
  depot,
  circuity,
  point,
  distanceFromDepotMetres,
  split,
  factorSet = DESNZ_2025,
  routes = "NEIGHBOURS",
  slot = null,
}: DeliveryOnCycleInput): Share | null {
  let total = ZERO;
  for (const [part, grams] of [
    ["CHILLED", split.chilled],
    ["AMBIENT", split.ambient],
  ] as const) {
    if (grams <= 0) continue;
    const base = { cycle, kind: "DELIVERY" as const, depot, circuity, point, distanceFromDepotMetres, factorSet };
    if (routes === "CHEAPEST") {
      // The whole order in one stop, on a refrigerated round when it has chilled goods.
      const placed = placeOnRoutes({ ...base, grams: split.ambient + split.chilled, chilledGrams: split.chilled });
      return placed ? shareOf(placed.share) : null;
    }
    const share = neighbourShare(base, part, grams, slot);
    if (share === null) return null;
    total = add(total, share);
  }
  return total;
}

const neighbourShares = new WeakMap<PlannedCycle, Map<string, Share | null>>();

/**
 * The rounds that served the NEIGHBOUR_STOPS stops nearest to `point` carrying `part` (in `slot`
 * when given), each with how many of those stops it served and where `point` joins it most
 * cheaply (next to its stops of that slot).
 */
function neighbourRounds(
  cycle: PlannedCycle,
  factorSet: FactorSet,
  depot: LatLng,
  circuity: number,
  point: LatLng,
  part: "CHILLED" | "AMBIENT",
  slot: SlotWindow | null,
): Array<{ route: PlannedRoute; weight: number; insertion: Insertion }> {
  const pool = deliveryStopIndex(cycle, factorSet, slot)[part];
  const p = prepare(point);
  // The NEIGHBOUR_STOPS nearest, kept in order as the pool is scanned once.
  const nearest: Array<{ routeIndex: number; metres: number }> = [];
  for (const s of pool) {
    const metres = roadMetres(p, s.at, circuity);
    if (nearest.length === NEIGHBOUR_STOPS && metres >= (nearest[nearest.length - 1] as { metres: number }).metres) {
      continue;
    }
    let i = nearest.length;
    while (i > 0 && (nearest[i - 1] as { metres: number }).metres > metres) i--;
    nearest.splice(i, 0, { routeIndex: s.routeIndex, metres });
    if (nearest.length > NEIGHBOUR_STOPS) nearest.pop();
  }
  const weights = new Map<number, number>();
  for (const n of nearest) weights.set(n.routeIndex, (weights.get(n.routeIndex) ?? 0) + 1);
  return [...weights].flatMap(([routeIndex, weight]) => {
    const route = cycle.routes[routeIndex] as PlannedRoute;
    // With a slot, the round is joined where its van is during that slot.
    const insertion = cheapestInsertion(route, depot, point, circuity, slotPositions(route, slot));
    return insertion === null ? [] : [{ route, weight, insertion }];
  });
}

const slotKeyOf = (slot: SlotWindow | null): string =>
  slot === null ? "any" : `${slot.startMinute}-${slot.endMinute}`;

function neighbourShare(
  input: Omit<PlaceInput, "grams" | "chilledGrams"> & { factorSet: FactorSet },
  part: "CHILLED" | "AMBIENT",
  grams: number,
  slot: SlotWindow | null,
): Share | null {
  const { cycle, depot, circuity, point, distanceFromDepotMetres, factorSet } = input;
  const key = [
    part,
    point.lat,
    point.lng,
    distanceFromDepotMetres,
    grams,
    depot.lat,
    depot.lng,
    circuity,
    factorSet.id,
    slotKeyOf(slot),
  ].join("|");
  return memoised(neighbourShares, cycle, key, () => {
    const shares = neighbourRounds(cycle, factorSet, depot, circuity, point, part, slot).map(
      ({ route, weight, insertion }) => ({
        value: shareOf(
          marginalRouteShare({
            route,
            addedMetres: insertion.detourMetres,
            grams,
            chilledGrams: part === "CHILLED" ? grams : 0,
            distanceFromDepotMetres,
            factorSet,
          }),
        ),
        weight,
      }),
    );
    return weightedMedian(shares);
  });
}

/** The extra driving a delivery causes: the rounds' detour to the door, and what it emits. */
export interface DeliveryDetour {
  metres: number;
  /** The detour × each vehicle's factor (its refrigeration included), unrounded. */
  co2eGrams: number;
}

const detours = new WeakMap<PlannedCycle, Map<string, DeliveryDetour | null>>();

/**
 * The consequence of delivering to `point` on one cycle's rounds (in `slot` when given): for each
 * part of the goods, the detour of the rounds that served the area for that part (their weighted
 * median by emissions) × the vehicle's factor. A slot whose van already passes the door costs
 * almost nothing. null when the cycle has no round with locations. Unlike the estimate's share,
 * this is what choosing this delivery adds to the hub's driving — the figure for comparing choices.
 */
export function deliveryDetourOnCycle({
  cycle,
  depot,
  circuity,
  point,
  split,
  factorSet = DESNZ_2025,
  slot = null,
}: Omit<DeliveryOnCycleInput, "routes" | "distanceFromDepotMetres">): DeliveryDetour | null {
  const key = [
    point.lat,
    point.lng,
    split.ambient > 0,
    split.chilled > 0,
    depot.lat,
    depot.lng,
    circuity,
    factorSet.id,
    slotKeyOf(slot),
  ].join("|");
  return memoised(detours, cycle, key, () => {
    let total: DeliveryDetour = { metres: 0, co2eGrams: 0 };
    for (const [part, grams] of [
      ["CHILLED", split.chilled],
      ["AMBIENT", split.ambient],
    ] as const) {
      if (grams <= 0) continue;
      const rounds = neighbourRounds(cycle, factorSet, depot, circuity, point, part, slot);
      const items = rounds.map(({ route, weight, insertion }) => ({
        value: {
          metres: insertion.detourMetres,
          // kg per km = g per m.
          co2eGrams: insertion.detourMetres * resolveVehicleFactor(factorSet, route.vehicle).kgPerKm,
        },
        weight,
      }));
      const median = weightedMedian<DeliveryDetour>(items, (d) => d.co2eGrams);
      if (median === null) return null;
      total = { metres: total.metres + median.metres, co2eGrams: total.co2eGrams + median.co2eGrams };
    }
    return total;
  });
}

/** The median over the cycles of deliveryDetourOnCycle; null when no cycle can say. */
export function deliveryDetour(
  input: Omit<DeliveryOnCycleInput, "routes" | "distanceFromDepotMetres" | "cycle"> & {
    cycles: readonly PlannedCycle[];
  },
): DeliveryDetour | null {
  const figures = input.cycles.flatMap((cycle) => {
    const d = deliveryDetourOnCycle({ ...input, cycle });
    const k = fillScale(cycle);
    return d === null ? [] : [k === 1 ? d : { metres: d.metres * k, co2eGrams: d.co2eGrams * k }];
  });
  if (figures.length === 0) return null;
  const sorted = [...figures].sort((a, b) => a.co2eGrams - b.co2eGrams);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[mid] as DeliveryDetour;
  const [a, b] = [sorted[mid - 1] as DeliveryDetour, sorted[mid] as DeliveryDetour];
  return { metres: (a.metres + b.metres) / 2, co2eGrams: (a.co2eGrams + b.co2eGrams) / 2 };
}

/**
 * g CO2e per g collected (and the refrigeration part of it), per part of the farm's goods; ALL
 * pools every collection stop of the farm.
 */
export interface CollectionIntensity {
  ALL: Share;
  CHILLED?: Share;
  AMBIENT?: Share;
}

const intensityCache = new WeakMap<PlannedCycle, Map<string, CollectionIntensity>>();

/** The refrigeration part of each stop's allocated grams, in proportion as the allocation splits them. */
function refrigerationParts(route: PlannedRoute, factorSet: FactorSet): number[] {
  if (!route.vehicle.refrigerated || knownFactor(factorSet, route.vehicle) === null) return route.stops.map(() => 0);
  const allocation = allocateRoute(
    {
      id: "history",
      kind: route.kind,
      metres: route.metres,
      distanceKind: route.distanceKind,
      vehicle: route.vehicle,
      stops: route.stops.map((s, i) => ({
        id: String(i),
        distanceFromDepotMetres: s.distanceFromDepotMetres,
        consignments: [
          { orderId: String(i), farmId: s.farmId, grams: s.gramsHandled, chilledGrams: chilledGramsOf(s) },
        ],
      })),
    },
    factorSet,
  );
  return route.stops.map((s, i) => {
    const stop = allocation.stops[i];
    return stop && stop.gramsCo2e > 0 ? (s.co2eGrams * stop.refrigerationGramsCo2e) / stop.gramsCo2e : 0;
  });
}

/**
 * Each farm's collection intensity in one cycle: its stops' allocated grams CO2e ÷ grams handled
 * (the refrigeration part in the proportion the allocation gives it).
 */
export function cycleCollectionIntensities(
  cycle: PlannedCycle,
  factorSet: FactorSet = DESNZ_2025,
): ReadonlyMap<string, CollectionIntensity> {
  const cached = intensityCache.get(cycle);
  if (cached) return cached;
  type Sum = { co2e: number; refrigeration: number; grams: number };
  const sums = new Map<string, Record<"ALL" | "CHILLED" | "AMBIENT", Sum>>();
  for (const route of cycle.routes) {
    if (route.kind !== "COLLECTION") continue;
    const cold = refrigerationParts(route, factorSet);
    route.stops.forEach((stop, i) => {
      if (stop.farmId === null || stop.gramsHandled <= 0) return;
      let entry = sums.get(stop.farmId);
      if (entry === undefined) {
        const zero = () => ({ co2e: 0, refrigeration: 0, grams: 0 });
        entry = { ALL: zero(), CHILLED: zero(), AMBIENT: zero() };
        sums.set(stop.farmId, entry);
      }
      for (const key of stop.cargo === null ? (["ALL"] as const) : (["ALL", stop.cargo] as const)) {
        entry[key].co2e += stop.co2eGrams;
        entry[key].refrigeration += cold[i] as number;
        entry[key].grams += stop.gramsHandled;
      }
    });
  }
  const perGram = (x: Sum): Share => ({ total: x.co2e / x.grams, refrigeration: x.refrigeration / x.grams });
  const result = new Map<string, CollectionIntensity>();
  for (const [farmId, entry] of sums) {
    const intensity: CollectionIntensity = { ALL: perGram(entry.ALL) };
    if (entry.CHILLED.grams > 0) intensity.CHILLED = perGram(entry.CHILLED);
    if (entry.AMBIENT.grams > 0) intensity.AMBIENT = perGram(entry.AMBIENT);
    result.set(farmId, intensity);
  }
  intensityCache.set(cycle, result);
  return result;
}

export interface FarmOnRoutes {
  farmId: string;
  /** The farm's place: needed to insert a farm the cycle did not collect. */
  point: LatLng | null;
  farmToHubMetres: number;
}

/**
 * The order's goods from one farm on one cycle's collection rounds, unrounded; null when the cycle
 * cannot say (no collection round it could join).
 * - The cycle collected the farm: a past cycle gives the farm's intensity × the order's grams (its
 *   rounds already carried a cycle's worth of goods); a provisional plan (the open cycle without
 *   this order) gives the allocation's share of the grams added to the farm's stop (m·d joins Σ).
 * - It did not: the farm inserted into the collection round that takes it most cheaply (marginal
 *   share, as for a delivery), refrigerated rounds for chilled goods.
 */
export function collectionOnCycle({
  cycle,
  farm,
  split,
  depot,
  circuity,
  factorSet = DESNZ_2025,
  uncollected = "INSERTION",
}: {
  cycle: PlannedCycle;
  farm: FarmOnRoutes;
  split: { ambient: number; chilled: number };
  depot: LatLng;
  circuity: number;
  factorSet?: FactorSet;
  /** What to do with a farm the cycle did not collect; TYPICAL_ROUND: leave it to the caller. */
  uncollected?: "INSERTION" | "TYPICAL_ROUND";
}): Share | null {
  const stops = cycle.routes.flatMap((route) =>
    route.kind === "COLLECTION"
      ? route.stops.filter((s) => s.farmId === farm.farmId && s.gramsHandled > 0).map((stop) => ({ route, stop }))
      : [],
  );
  if (stops.length > 0 && cycle.provisional !== true) {
    const intensity = cycleCollectionIntensities(cycle, factorSet).get(farm.farmId) as CollectionIntensity;
    return collectionShare(intensity, split);
  }
  if (stops.length > 0) {
    let total = ZERO;
    for (const [part, grams] of [
      ["CHILLED", split.chilled],
      ["AMBIENT", split.ambient],
    ] as const) {
      if (grams <= 0) continue;
      const at =
        stops.find((x) => x.stop.cargo === part) ??
        stops.find((x) => x.stop.cargo === null) ??
        (stops[0] as (typeof stops)[number]);
      const share = marginalRouteShare({
        route: at.route,
        addedMetres: 0,
        grams,
        chilledGrams: part === "CHILLED" ? grams : 0,
        distanceFromDepotMetres: at.stop.distanceFromDepotMetres,
        factorSet,
      });
      total = add(total, shareOf(share));
    }
    return total;
  }
  if (uncollected === "TYPICAL_ROUND" || farm.point === null) return null;
  const placed = placeOnRoutes({
    cycle,
    kind: "COLLECTION",
    depot,
    circuity,
    point: farm.point,
    distanceFromDepotMetres: farm.farmToHubMetres,
    grams: split.ambient + split.chilled,
    chilledGrams: split.chilled,
    factorSet,
  });
  return placed ? shareOf(placed.share) : null;
}

/** g CO2e for a farm's goods at its collection intensity (each part at its own, else the pooled one). */
export function collectionShare(intensity: CollectionIntensity, split: { ambient: number; chilled: number }): Share {
  return add(
    times(intensity.AMBIENT ?? intensity.ALL, split.ambient),
    times(intensity.CHILLED ?? intensity.ALL, split.chilled),
  );
}

/**
 * The load a self-delivering farm's trip is expected to carry: the mean of its goods over the
 * recent cycles it had goods in, or the open cycle's goods so far plus this order's, whichever is
 * larger, and at least `floorGrams`. Without either figure: null (the caller uses its default).
 */
export function expectedDropOffGrams({
  cycles,
  farmId,
  soFarGrams,
  orderGrams,
  defaultGrams,
  floorGrams = DROP_OFF_FLOOR_GRAMS,
}: {
  cycles: readonly PlannedCycle[];
  farmId: string;
  /** The farm's goods in the open cycle's other orders so far. */
  soFarGrams: number;
  orderGrams: number;
  /** Used in place of the history when the farm had no goods in the recent cycles. */
  defaultGrams: number;
  floorGrams?: number;
}): number | null {
  const loads = cycles.map((c) => c.farmGrams[farmId] ?? 0).filter((g) => g > 0);
  if (loads.length === 0 && soFarGrams <= 0) return null;
  const history = loads.length > 0 ? loads.reduce((s, g) => s + g, 0) / loads.length : defaultGrams;
  return Math.max(history, soFarGrams + orderGrams, floorGrams);
}

/**
 * A farm's own trip there and back with `loadGrams` on board: this order's share by mass, as the
 * allocation's FARM_DROP_OFF route (one stop, the hub) gives it. Unrounded. (A farm's own vehicle
 * is taken to be ambient: were it refrigerated, its refrigeration part is shared by mass too.)
 */
export function dropOffShare({
  farmToHubMetres,
  grams,
  loadGrams,
  vehicle,
  factorSet = DESNZ_2025,
}: {
  farmToHubMetres: number;
  grams: number;
  loadGrams: number;
  vehicle: VehicleSpec;
  factorSet?: FactorSet;
}): Share {
  assertNonNegativeInteger(farmToHubMetres, "farmToHubMetres");
  if (!(loadGrams > 0) || grams > loadGrams) {
    throw new CarbonInputError(`loadGrams must be positive and at least the order's grams, got ${String(loadGrams)}`);
  }
  const trip = routeEmissionsParts({
    metres: 2 * farmToHubMetres,
    distanceKind: "PLANNED",
    factor: resolveVehicleFactor(factorSet, vehicle),
  });
  return { total: (trip.totalGrams * grams) / loadGrams, refrigeration: (trip.refrigerationGrams * grams) / loadGrams };
}

// ---------------------------------------------------------------------------------------------
// The estimate.

export interface RouteEstimateInput {
  lines: readonly EstimateLine[];
  /** With the farm's place, so a farm the recent rounds did not visit can be inserted into them. */
  farms: ReadonlyArray<EstimateFarm & { point?: LatLng | null }>;
  /** null: the buyer collects at the hub. */
  delivery: { point: LatLng; hubToBuyerMetres: number } | null;
  depot: LatLng;
  circuity: number;
  /**
   * The hub's most recent planned cycles with their carbon allocated, newest first (the caller
   * passes up to RECENT_CYCLES), and the open cycle's provisional plan when one exists.
   */
  cycles: readonly PlannedCycle[];
  /** Each farm's grams in the open cycle's other orders so far. */
  openCycleFarmGrams?: Readonly<Record<string, number>>;
  /** Typical rounds for what the routes cannot answer, and where they came from. */
  fallback?: EstimateAssumptions;
  fallbackSources?: { collection: EstimateSource; delivery: EstimateSource };
  distanceBasis: DistanceBasis;
  factorSet?: FactorSet;
  combine?: CombineRule;
  /** For measurement: TYPICAL_ROUND estimates a farm no recent round visited on the typical round. */
  uncollectedFarms?: "INSERTION" | "TYPICAL_ROUND";
  /** For measurement: CHEAPEST puts the whole order on the one round it joins most cheaply. */
  deliveryRoutes?: "NEIGHBOURS" | "CHEAPEST";
  /** The delivery slot the buyer chose (see deliveryOnCycle); null or absent: any time. */
  slot?: SlotWindow | null;
}

export interface RouteEstimate {
  estimate: OrderEstimate;
  /** Per kind of leg, the weakest source of its legs (DEFAULT < HUB_HISTORY < HUB_ROUTES). */
  sources: { collection: EstimateSource; delivery: EstimateSource };
}

/**
 * The checkout estimate on the hub's recent routes (see the top of this file). Legs are rounded
 * to integer grams and the total is their sum, as in estimateOrderCarbon, which answers every leg
 * the routes cannot (and every case it does not estimate: no goods, no weight).
 */
export function estimateOnHubRoutes(input: RouteEstimateInput): RouteEstimate {
  const factorSet = input.factorSet ?? DESNZ_2025;
  const fallback = input.fallback ?? DEFAULT_ESTIMATE_ASSUMPTIONS;
  const fallbackSources = input.fallbackSources ?? { collection: "DEFAULT", delivery: "DEFAULT" };
  const rule = input.combine ?? "MEDIAN";
  const base = estimateOrderCarbon({
    lines: input.lines,
    farms: input.farms,
    delivery: input.delivery ? { hubToBuyerMetres: input.delivery.hubToBuyerMetres } : null,
    distanceBasis: input.distanceBasis,
    factorSet,
    assumptions: fallback,
  });
  if (base.status !== "ESTIMATED") return { estimate: base, sources: fallbackSources };

  const split = new Map<string, { ambient: number; chilled: number }>();
  for (const line of input.lines) {
    const entry = split.get(line.farmId) ?? { ambient: 0, chilled: 0 };
    entry[line.chilled === true ? "chilled" : "ambient"] += line.grams ?? 0;
    split.set(line.farmId, entry);
  }
  const farms = new Map(input.farms.map((f) => [f.farmId, f]));
  const soFar = input.openCycleFarmGrams ?? {};

  const legs: EstimatedLeg[] = base.legs.map((leg): EstimatedLeg => {
    if (leg.leg === "HUB_TO_BUYER") {
      const delivery = input.delivery;
      const deliverySplit = { ambient: 0, chilled: 0 };
      for (const part of split.values()) {
        deliverySplit.ambient += part.ambient;
        deliverySplit.chilled += part.chilled;
      }
      const shares =
        delivery === null
          ? []
          : input.cycles.flatMap((cycle) => {
              const share = deliveryOnCycle({
                cycle,
                depot: input.depot,
                circuity: input.circuity,
                point: delivery.point,
                distanceFromDepotMetres: leg.metres,
                split: deliverySplit,
                factorSet,
                routes: input.deliveryRoutes ?? "NEIGHBOURS",
                slot: input.slot ?? null,
              });
              return share === null ? [] : [times(share, fillScale(cycle))];
            });
      const share = combine(shares, rule);
      return share === null
        ? { ...leg, source: fallbackSources.delivery }
        : { ...leg, ...rounded(share), source: "HUB_ROUTES" };
    }
    const farmId = leg.farmId as string;
    const parts = split.get(farmId) ?? { ambient: leg.grams, chilled: 0 };
    const farm = farms.get(farmId) as RouteEstimateInput["farms"][number];
    if (leg.via === "COLLECTION") {
      const figures = input.cycles.flatMap((cycle) => {
        const figure = collectionOnCycle({
          cycle,
          farm: { farmId, point: farm.point ?? null, farmToHubMetres: farm.farmToHubMetres },
          split: parts,
          depot: input.depot,
          circuity: input.circuity,
          factorSet,
          uncollected: input.uncollectedFarms ?? "INSERTION",
        });
        return figure === null ? [] : [times(figure, fillScale(cycle))];
      });
      const share = combine(figures, rule);
      return share === null
        ? { ...leg, source: fallbackSources.collection }
        : { ...leg, ...rounded(share), source: "HUB_ROUTES" };
    }
    const load = expectedDropOffGrams({
      cycles: input.cycles,
      farmId,
      soFarGrams: soFar[farmId] ?? 0,
      orderGrams: leg.grams,
      defaultGrams: fallback.farmDropOff.loadGrams,
    });
    if (load === null) return { ...leg, source: "DEFAULT" };
    const co2e = dropOffShare({
      farmToHubMetres: farm.farmToHubMetres,
      grams: leg.grams,
      loadGrams: load,
      vehicle: fallback.farmDropOff.vehicle,
      factorSet,
    });
    return { ...leg, ...rounded(co2e), source: "HUB_ROUTES" };
  });

  const farmLegs = legs.filter((l) => l.leg === "FARM_TO_HUB");
  const deliveryLegs = legs.filter((l) => l.leg === "HUB_TO_BUYER");
  const farmToHub = farmLegs.reduce((s, l) => s + l.gramsCo2e, 0);
  const hubToBuyer = deliveryLegs.reduce((s, l) => s + l.gramsCo2e, 0);
  // A kind of leg is as good as its weakest leg: DEFAULT < HUB_HISTORY < HUB_ROUTES.
  const rank: Record<EstimateSource, number> = { DEFAULT: 0, HUB_HISTORY: 1, HUB_ROUTES: 2 };
  const sourceOf = (of: EstimatedLeg[], otherwise: EstimateSource): EstimateSource =>
    of.reduce<EstimateSource | null>((weakest, l) => {
      const s = l.source ?? otherwise;
      return weakest === null || rank[s] < rank[weakest] ? s : weakest;
    }, null) ?? otherwise;
  return {
    estimate: {
      ...base,
      gramsCo2e: farmToHub + hubToBuyer,
      farmToHubGramsCo2e: farmToHub,
      hubToBuyerGramsCo2e: hubToBuyer,
      refrigerationGramsCo2e: legs.reduce((s, l) => s + l.refrigerationGramsCo2e, 0),
      byFarm: farmLegs.map((l) => ({ farmId: l.farmId as string, gramsCo2e: l.gramsCo2e })),
      legs,
    },
    sources: {
      collection: sourceOf(farmLegs, fallbackSources.collection),
      delivery: sourceOf(deliveryLegs, fallbackSources.delivery),
    },
  };
}
