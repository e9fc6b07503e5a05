/**
 * Turns a closed cycle into the two routing problems of DESIGN.md §4 (docs/decisions/009):
 * collection runs (hub → farms with goods → hub, on the day before delivery) and delivery runs
 * (hub → home-delivery orders → hub, on the delivery date, windows = the chosen slot).
 * Pure data in, plain data out, so it runs in a worker and in tests without a database.
 */
import type { LatLng } from "../geo";
import { message, renderMessage, type Message } from "../message";
import type { InitialRoute, RoutingStop, RoutingVehicle } from "../routing";
import { effectiveRangeMetres, type RangeDerating } from "./range";

export type LegKind = "COLLECTION" | "DELIVERY";

export interface PlanningFarm {
  id: string;
  name: string;
  lat: number;
  lng: number;
  /** Minutes from midnight (hub time), or null when the farm gave no window. */
  pickupWindowStart: number | null;
  pickupWindowEnd: number | null;
  selfDelivers: boolean;
}

export interface PlanningOrderLine {
  farmId: string;
  grams: number;
  chilled: boolean;
}

export interface PlanningOrder {
  id: string;
  number: number;
  buyerName: string;
  fulfilment: "DELIVERY" | "PICKUP";
  lat: number | null;
  lng: number | null;
  /** Minutes from midnight (hub time) of the chosen slot. */
  slot: { startMinute: number; endMinute: number } | null;
  lines: PlanningOrderLine[];
}

export interface PlanningVehicle {
  id: string;
  name: string;
  capacityGrams: number;
  refrigerated: boolean;
  shiftStartMinute: number;
  shiftEndMinute: number;
  maxRouteSeconds: number | null;
  costPerKmMinor: number;
  /** Usable range per shift as typed on the vehicle (metres); null or absent: no limit. */
  rangeMetres?: number | null;
  /** Factor key (Vehicle.energyType): decides whether the range is derated (range.ts). */
  energyType?: string;
}

export interface KeptRoute {
  kind: LegKind;
  vehicleId: string;
  stopIds: string[];
}

export interface PlanningData {
  depot: LatLng;
  farms: PlanningFarm[];
  orders: PlanningOrder[];
  vehicles: PlanningVehicle[];
  /** Locked routes of the previous plan: kept exactly as they are. */
  locked?: KeptRoute[];
  /**
   * The delivery day's month and the hub's derating, for the vehicles' effective range
   * (range.ts). Absent: ranges apply as typed.
   */
  range?: { month: number; derating: RangeDerating };
}

export interface PlanUnassigned {
  kind: "FARM" | "ORDER";
  id: string;
  label: string;
  reason: string;
  /**
   * The parts of the place left out (a place with chilled and ambient goods is two stops): absent
   * or empty when the whole place is (before solving, or plans saved before the split).
   */
  parts?: StopPart[];
}

export interface LegProblem {
  kind: LegKind;
  stops: RoutingStop[];
  vehicles: RoutingVehicle[];
  /** Index 0 is the depot; point i + 1 belongs to stop i (the routing matrix convention). */
  points: LatLng[];
  initialRoutes: InitialRoute[];
}

export interface PlanningProblems {
  collection: LegProblem;
  delivery: LegProblem;
  /** Stops left out before solving (no location, nothing to carry), with the reason. */
  unassigned: PlanUnassigned[];
  /** Farms that bring their own goods to the hub: not collected; they count their own trip. */
  selfDelivering: Array<{ farmId: string; grams: number }>;
}

export const COLLECTION_SERVICE_SECONDS = 10 * 60;
export const DELIVERY_SERVICE_SECONDS = 4 * 60;
/**
 * Service time of the second part of a place when both parts are handled one after the other by
 * the same vehicle (the van is already there: only the extra crates). The solver plans each part
 * with the full service time; routes are re-timed with this after solving (to-routes.ts).
 */
export const SECOND_PART_SERVICE_SECONDS = 60;
export const REFRIGERATED = "refrigerated";

/**
 * A farm collection or a delivery is split by the goods it handles: the CHILLED part needs a
 * refrigerated vehicle, the AMBIENT part may go on any. A place with both is two stops.
 */
export type StopPart = "CHILLED" | "AMBIENT";
export const STOP_PARTS: readonly StopPart[] = ["CHILLED", "AMBIENT"];

const partSuffix = (part: StopPart | null) => (part === null ? "" : `:${part.toLowerCase()}`);
/** `farm:<id>:chilled`, `farm:<id>:ambient`; without a part (plans saved before the split) `farm:<id>`. */
export const farmStopId = (farmId: string, part: StopPart | null = null) => `farm:${farmId}${partSuffix(part)}`;
export const orderStopId = (orderId: string, part: StopPart | null = null) => `order:${orderId}${partSuffix(part)}`;
export const placeStopId = (kind: "FARM" | "ORDER", id: string, part: StopPart | null) =>
  kind === "FARM" ? farmStopId(id, part) : orderStopId(id, part);

export function parseStopId(stopId: string): { kind: "FARM" | "ORDER"; id: string; part: StopPart | null } {
  let kind: "FARM" | "ORDER";
  let rest: string;
  if (stopId.startsWith("farm:")) [kind, rest] = ["FARM", stopId.slice(5)];
  else if (stopId.startsWith("order:")) [kind, rest] = ["ORDER", stopId.slice(6)];
  else throw new Error(`Unknown stop id "${stopId}"`);
  if (rest.endsWith(":chilled")) return { kind, id: rest.slice(0, -8), part: "CHILLED" };
  if (rest.endsWith(":ambient")) return { kind, id: rest.slice(0, -8), part: "AMBIENT" };
  return { kind, id: rest, part: null };
}

/** Grams of a place split by part: the stops it becomes (a part with no grams is no stop). */
export function partsOf(load: { chilled: number; ambient: number }): Array<{ part: StopPart; grams: number }> {
  const parts: Array<{ part: StopPart; grams: number }> = [];
  if (load.chilled > 0) parts.push({ part: "CHILLED", grams: load.chilled });
  if (load.ambient > 0 || load.chilled <= 0) parts.push({ part: "AMBIENT", grams: Math.max(0, load.ambient) });
  return parts;
}

/** Planning cannot start; `problem` is the message to translate, `message` the same in the current language. */
export class PlanningInputError extends Error {
  override name = "PlanningInputError";
  constructor(readonly problem: Message) {
    super(renderMessage(problem));
  }
}

const NO_DERATING: RangeDerating = { winterMonths: [], winterPercent: 0, refrigeratedPercent: 0 };

/** A vehicle's effective range for the cycle (metres), or null for no limit. */
export function planningRangeMetres(
  v: Pick<PlanningVehicle, "rangeMetres" | "energyType" | "refrigerated">,
  range: PlanningData["range"],
): number | null {
  return effectiveRangeMetres(
    { rangeMetres: v.rangeMetres ?? null, energyType: v.energyType ?? "", refrigerated: v.refrigerated },
    range ?? { month: 1, derating: NO_DERATING },
  );
}

function routingVehicle(v: PlanningVehicle, allHaveCost: boolean, range: PlanningData["range"]): RoutingVehicle {
  const maxRouteMetres = planningRangeMetres(v, range);
  return {
    id: v.id,
    capacityGrams: v.capacityGrams,
    shiftStart: v.shiftStartMinute * 60,
    shiftEnd: v.shiftEndMinute * 60,
    ...(v.maxRouteSeconds ? { maxRouteSeconds: v.maxRouteSeconds } : {}),
    ...(maxRouteMetres !== null ? { maxRouteMetres } : {}),
    ...(allHaveCost ? { costPerKm: v.costPerKmMinor / 100 } : {}),
    features: v.refrigerated ? [REFRIGERATED] : [],
  };
}

/** Checks the fleet before anything is solved: a clear message beats an empty plan. */
export function checkVehicles(vehicles: readonly PlanningVehicle[]): void {
  if (vehicles.length === 0) {
    throw new PlanningInputError(message("messages:planning.noVehicles"));
  }
  for (const v of vehicles) {
    if (!(v.capacityGrams > 0)) {
      throw new PlanningInputError(message("messages:planning.noCapacity", { vehicle: v.name }));
    }
    if (!(v.shiftEndMinute > v.shiftStartMinute)) {
      throw new PlanningInputError(message("messages:planning.shiftBackwards", { vehicle: v.name }));
    }
    if (v.rangeMetres !== undefined && v.rangeMetres !== null && !(v.rangeMetres > 0)) {
      throw new PlanningInputError(message("messages:planning.noRange", { vehicle: v.name }));
    }
  }
}

export function buildPlanningProblems(data: PlanningData): PlanningProblems {
  checkVehicles(data.vehicles);
  const allHaveCost = data.vehicles.every((v) => v.costPerKmMinor > 0);
  const vehicles = data.vehicles.map((v) => routingVehicle(v, allHaveCost, data.range));
  const unassigned: PlanUnassigned[] = [];

  // Collection: grams (and chilled grams) to collect per farm.
  const farmById = new Map(data.farms.map((f) => [f.id, f]));
  const perFarm = new Map<string, { grams: number; chilled: number; ambient: number }>();
  for (const order of data.orders) {
    for (const line of order.lines) {
      const entry = perFarm.get(line.farmId) ?? { grams: 0, chilled: 0, ambient: 0 };
      entry.grams += line.grams;
      if (line.chilled) entry.chilled += line.grams;
      else entry.ambient += line.grams;
      perFarm.set(line.farmId, entry);
    }
  }
  const collection: LegProblem = { kind: "COLLECTION", stops: [], vehicles, points: [data.depot], initialRoutes: [] };
  const selfDelivering: PlanningProblems["selfDelivering"] = [];
  const farmIds = [...perFarm.keys()].sort((a, b) =>
    (farmById.get(a)?.name ?? a).localeCompare(farmById.get(b)?.name ?? b),
  );
  for (const farmId of farmIds) {
    const load = perFarm.get(farmId)!;
    const farm = farmById.get(farmId);
    if (!farm) {
      unassigned.push({
        kind: "FARM",
        id: farmId,
        label: farmId,
        reason: renderMessage(message("messages:planning.farmGone")),
      });
      continue;
    }
    if (farm.selfDelivers) {
      selfDelivering.push({ farmId, grams: load.grams });
      continue;
    }
    const window =
      farm.pickupWindowStart !== null && farm.pickupWindowEnd !== null && farm.pickupWindowEnd > farm.pickupWindowStart
        ? { start: farm.pickupWindowStart * 60, end: farm.pickupWindowEnd * 60 }
        : undefined;
    // Chilled goods on a refrigerated vehicle, the rest on any: up to two stops at one farm.
    for (const { part, grams } of partsOf(load)) {
      collection.stops.push({
        id: farmStopId(farmId, part),
        demandGrams: grams,
        serviceSeconds: COLLECTION_SERVICE_SECONDS,
        ...(window ? { window } : {}),
        ...(part === "CHILLED" ? { requires: [REFRIGERATED] } : {}),
      });
      collection.points.push({ lat: farm.lat, lng: farm.lng });
    }
  }

  // Delivery: one stop per home-delivery order.
  const delivery: LegProblem = { kind: "DELIVERY", stops: [], vehicles, points: [data.depot], initialRoutes: [] };
  const orders = [...data.orders].filter((o) => o.fulfilment === "DELIVERY").sort((a, b) => a.number - b.number);
  for (const order of orders) {
    const label = orderLabel(order);
    if (order.lat === null || order.lng === null) {
      unassigned.push({
        kind: "ORDER",
        id: order.id,
        label,
        reason: renderMessage(message("messages:planning.noLocation")),
      });
      continue;
    }
    const load = { chilled: 0, ambient: 0 };
    for (const l of order.lines) load[l.chilled ? "chilled" : "ambient"] += l.grams;
    for (const { part, grams } of partsOf(load)) {
      delivery.stops.push({
        id: orderStopId(order.id, part),
        demandGrams: grams,
        serviceSeconds: DELIVERY_SERVICE_SECONDS,
        ...(order.slot ? { window: { start: order.slot.startMinute * 60, end: order.slot.endMinute * 60 } } : {}),
        ...(part === "CHILLED" ? { requires: [REFRIGERATED] } : {}),
      });
      delivery.points.push({ lat: order.lat, lng: order.lng });
    }
  }

  // Locked routes are kept as they are, minus stops that have left the cycle since. A stop of a
  // plan saved before the split (no part) stands for every part of its place.
  const vehicleIds = new Set(vehicles.map((v) => v.id));
  const taken = new Set<string>();
  for (const kept of data.locked ?? []) {
    const leg = kept.kind === "COLLECTION" ? collection : delivery;
    const present = new Set(leg.stops.map((s) => s.id));
    if (!vehicleIds.has(kept.vehicleId)) continue;
    if (leg.initialRoutes.some((r) => r.vehicleId === kept.vehicleId)) continue;
    const stopIds = kept.stopIds.flatMap((stopId) => {
      const { kind, id, part } = parseStopId(stopId);
      const ids = part === null ? STOP_PARTS.map((p) => placeStopId(kind, id, p)) : [stopId];
      return ids.filter((s) => present.has(s) && !taken.has(s));
    });
    for (const id of stopIds) taken.add(id);
    leg.initialRoutes.push({ vehicleId: kept.vehicleId, stopIds, locked: true });
  }
  return { collection, delivery, unassigned, selfDelivering };
}

/** Human label for a stop id, for unassigned lists. */
export function stopLabel(data: Pick<PlanningData, "farms" | "orders">, stopId: string): string {
  const { kind, id } = parseStopId(stopId);
  if (kind === "FARM") return data.farms.find((f) => f.id === id)?.name ?? id;
  const order = data.orders.find((o) => o.id === id);
  return order ? orderLabel(order) : id;
}

/** "Order #12 (Ana)", in the current language (the plan keeps the words of the coordinator who planned). */
const orderLabel = (order: { number: number; buyerName: string }) =>
  renderMessage(message("messages:planning.orderLabel", { number: order.number, buyer: order.buyerName }));
