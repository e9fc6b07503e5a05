/**
 * When collecting a self-delivering farm would cut emissions (issue 17): a farm with
 * `selfDelivers` drives its cycle's goods to the hub and back itself (the FARM_DROP_OFF leg of the
 * allocation, app/domain/planning/carbon.ts). If a collection route of the saved plan passes near
 * it, adding the farm to that route may emit less than the farm's own round trip.
 *
 * For each self-delivering farm with goods in the cycle and each collection route of the plan:
 * the cheapest insertion of the farm into the route (marginal metres on the planner's estimate
 * basis: great circle × circuity per leg, rounded per leg like `estimateMatrix`), if the vehicle
 * can take it — refrigerated when the farm has chilled goods, the farm's goods within the
 * vehicle's spare capacity, and (when the plan carries times) the vehicle back before the end of
 * its shift, within its longest route time, and every later farm still inside its pickup window.
 * The route's extra emissions (its vehicle's factor, planned distance) are set against the farm's
 * own trip (2 × farm → hub with the drop-off vehicle, exactly as the allocation models it); a
 * suggestion is made when collecting saves at least `minSavingGrams`. One suggestion per farm (its
 * best route), best saving first; the other routes that would also save are listed with it.
 *
 * What saved data cannot check, and is therefore not checked:
 * - Each suggestion is worked out alone: two farms suggested for one route may not both fit.
 * - A farm with chilled and ambient goods is collected whole by one refrigerated vehicle; the
 *   planner could split it over two vehicles, which is not tried here.
 * - Times: the extra driving time is the estimate basis (distance ÷ average speed) even when the
 *   plan's own times came from a road router, and a delay is carried to later stops as it is,
 *   less any waiting for a pickup window to open. A route without times is not time-checked, and
 *   the suggestion says so (`timeChecked: false`).
 * - A locked route, or one with a stop already marked done or failed, is not changed.
 * - The farm's pickup window applies if it has one (self-delivering farms usually have none).
 */
import {
  DEFAULT_ESTIMATE_ASSUMPTIONS,
  DESNZ_2025,
  resolveVehicleFactor,
  routeEmissionsGrams,
  type FactorSet,
  type VehicleSpec,
} from "../carbon";
import { DEFAULT_CIRCUITY, DEFAULT_SPEED_KMH, durationSeconds, haversineMetres, type LatLng } from "../geo";
import type { DistanceUnit } from "../geo/format";
import { message, type Message } from "../message";
import { zonedDate, zonedToUtc } from "../time-zone";
import { COLLECTION_SERVICE_SECONDS } from "./problems";

/** Minutes from midnight (hub time) on the route's day. */
export interface MinuteWindow {
  startMinute: number;
  endMinute: number;
}

export interface SuggestionStop {
  lat: number;
  lng: number;
  /** Null when the plan carries no times. */
  arrivalAt: Date | string | null;
  departureAt: Date | string | null;
  /** The farm's pickup window (a collection stop); null when it has none. */
  window: MinuteWindow | null;
  /** A stop already marked done or failed: the route is under way and is not changed. */
  marked?: boolean;
}

export interface SuggestionRoute {
  id: string;
  kind: "COLLECTION" | "DELIVERY";
  /** How the page names it ("Collection 2"): text or a Message. */
  name: string | Message;
  locked: boolean;
  vehicle: VehicleSpec & {
    capacityGrams: number;
    /** Minutes from midnight (hub time) on the route's day. */
    shiftEndMinute: number;
    maxRouteSeconds: number | null;
  };
  /** Collected on the whole round (a collection run's load grows to this). */
  loadGrams: number;
  /** Null when the plan carries no times. */
  startAt: Date | string | null;
  endAt: Date | string | null;
  stops: SuggestionStop[];
}

export interface SelfDeliveringFarmLoad {
  id: string;
  name: string;
  lat: number;
  lng: number;
  /** All the farm's goods in the cycle (active orders). */
  grams: number;
  /** The chilled part of `grams`. */
  chilledGrams: number;
  pickupWindow: MinuteWindow | null;
}

export interface CollectSuggestionInput {
  depot: LatLng;
  routes: readonly SuggestionRoute[];
  farms: readonly SelfDeliveringFarmLoad[];
  /** The hub's time zone: shift ends and pickup windows are wall-clock minutes there. */
  timeZone: string;
  circuity?: number;
  speedKmh?: number;
  factorSet?: FactorSet;
  /** The farm's own vehicle (the allocation's default: no data on farms' vehicles yet). */
  dropOffVehicle?: VehicleSpec;
  /** Below this saving no suggestion is made (default 1 g: any saving). */
  minSavingGrams?: number;
  distanceUnit?: DistanceUnit;
}

export interface RouteOption {
  routeId: string;
  routeName: string | Message;
  /** Insert the farm before the stop of this 1-based sequence (stops + 1: last, before the return). */
  position: number;
  addedMetres: number;
  /** Extra emissions of the route, integer grams CO2e. */
  addedGrams: number;
  savedGrams: number;
  /** The vehicle's capacity left once the farm's goods are on board. */
  spareGramsAfter: number;
  /** How much later the route is back at the hub; null when not time-checked. */
  returnDelaySeconds: number | null;
  timeChecked: boolean;
}

export interface CollectSuggestion extends RouteOption {
  farmId: string;
  farmName: string;
  farmGrams: number;
  /** The farm's own round trip, farm → hub → farm. */
  ownTripMetres: number;
  ownTripGrams: number;
  /** "Collecting Timsbury Farm on Collection 2 adds 3.2 km and saves 11 kg CO2e." */
  message: Message;
  /** The figures behind it: own trip, detour, load, time. */
  details: Message[];
  /** Other routes that would also save, best first. */
  otherRoutes: RouteOption[];
}

export type NoSuggestionReason = "NO_ROUTES" | "ROUTES_FIXED" | "NOT_COLD" | "NO_ROOM" | "NO_TIME" | "NO_SAVING";

export interface NoSuggestion {
  farmId: string;
  farmName: string;
  reason: NoSuggestionReason;
  message: Message;
}

export interface CollectSuggestions {
  /** Self-delivering farms with goods in the cycle that were checked. */
  farmsChecked: number;
  suggestions: CollectSuggestion[];
  notSuggested: NoSuggestion[];
}

const KEY = "messages:planning.collect";

type Failure = Exclude<NoSuggestionReason, "NO_ROUTES" | "NO_SAVING">;
/** How far a route got through the checks: the reason shown is the furthest any route got. */
const FAILURE_RANK: Record<Failure, number> = { ROUTES_FIXED: 0, NOT_COLD: 1, NO_ROOM: 2, NO_TIME: 3 };

const further = (a: Failure | null, b: Failure): Failure => (a !== null && FAILURE_RANK[a] >= FAILURE_RANK[b] ? a : b);

const instant = (value: Date | string) => new Date(value).getTime();

export function collectSuggestions(input: CollectSuggestionInput): CollectSuggestions {
  const circuity = input.circuity ?? DEFAULT_CIRCUITY;
  const speedKmh = input.speedKmh ?? DEFAULT_SPEED_KMH;
  const factorSet = input.factorSet ?? DESNZ_2025;
  const unit = input.distanceUnit ?? "KM";
  const minSaving = input.minSavingGrams ?? 1;
  const dropOffFactor = resolveVehicleFactor(
    factorSet,
    input.dropOffVehicle ?? DEFAULT_ESTIMATE_ASSUMPTIONS.farmDropOff.vehicle,
  );
  // The same leg metres as the planner's estimate matrix: great circle × circuity, rounded per leg.
  const metres = (a: LatLng, b: LatLng) => Math.round(haversineMetres(a, b) * circuity);
  const seconds = (m: number) => durationSeconds(m, speedKmh);
  const routes = input.routes.filter((r) => r.kind === "COLLECTION");

  const suggestions: CollectSuggestion[] = [];
  const notSuggested: NoSuggestion[] = [];
  for (const farm of input.farms) {
    if (farm.grams <= 0) continue;
    // The farm's own trip, as the allocation models it: round(farm → hub) × 2, planned distance.
    const ownTripMetres = metres(farm, input.depot) * 2;
    const ownTripGrams = routeEmissionsGrams({ metres: ownTripMetres, distanceKind: "PLANNED", factor: dropOffFactor });
    const options: RouteOption[] = [];
    let furthest: Failure | null = null;
    for (const route of routes) {
      if (route.locked || route.stops.some((s) => s.marked)) {
        furthest = further(furthest, "ROUTES_FIXED");
        continue;
      }
      if (farm.chilledGrams > 0 && !route.vehicle.refrigerated) {
        furthest = further(furthest, "NOT_COLD");
        continue;
      }
      const spareGramsAfter = route.vehicle.capacityGrams - route.loadGrams - farm.grams;
      if (spareGramsAfter < 0) {
        furthest = further(furthest, "NO_ROOM");
        continue;
      }
      const inserted = cheapestInsertion(route, farm, input.depot, input.timeZone, metres, seconds);
      if (!inserted) {
        furthest = further(furthest, "NO_TIME");
        continue;
      }
      const factor = resolveVehicleFactor(factorSet, route.vehicle);
      const addedGrams = routeEmissionsGrams({ metres: inserted.addedMetres, distanceKind: "PLANNED", factor });
      options.push({
        routeId: route.id,
        routeName: route.name,
        position: inserted.position,
        addedMetres: inserted.addedMetres,
        addedGrams,
        savedGrams: ownTripGrams - addedGrams,
        spareGramsAfter,
        returnDelaySeconds: inserted.returnDelaySeconds,
        timeChecked: inserted.returnDelaySeconds !== null,
      });
    }
    options.sort((a, b) => b.savedGrams - a.savedGrams || a.addedMetres - b.addedMetres);
    const best = options[0];
    const farmName = farm.name;
    if (best && best.savedGrams >= minSaving) {
      const values = {
        farm: farmName,
        route: best.routeName,
        distance: { metres: best.addedMetres, unit },
        co2e: { co2eGrams: best.savedGrams },
      };
      const details: Message[] = [
        message(`${KEY}.ownTrip`, {
          distance: { metres: ownTripMetres, unit },
          co2e: { co2eGrams: ownTripGrams },
        }),
        message(`${KEY}.detour`, {
          route: best.routeName,
          distance: { metres: best.addedMetres, unit },
          co2e: { co2eGrams: best.addedGrams },
        }),
        message(`${KEY}.load`, { weight: { grams: farm.grams }, spare: { grams: best.spareGramsAfter } }),
        best.returnDelaySeconds === null
          ? message(`${KEY}.timeNotChecked`)
          : message(`${KEY}.time`, { minutes: Math.max(1, Math.round(best.returnDelaySeconds / 60)) }),
      ];
      suggestions.push({
        ...best,
        farmId: farm.id,
        farmName,
        farmGrams: farm.grams,
        ownTripMetres,
        ownTripGrams,
        message: message(`${KEY}.suggestion`, values),
        details,
        otherRoutes: options.slice(1).filter((o) => o.savedGrams >= minSaving),
      });
      continue;
    }
    let reason: NoSuggestionReason;
    let why: Message;
    if (best) {
      reason = "NO_SAVING";
      why = message(`${KEY}.none.noSaving`, {
        route: best.routeName,
        distance: { metres: best.addedMetres, unit },
        co2e: { co2eGrams: best.addedGrams },
        own: { co2eGrams: ownTripGrams },
      });
    } else if (furthest === null) {
      reason = "NO_ROUTES";
      why = message(`${KEY}.none.noRoutes`);
    } else {
      reason = furthest;
      const key = {
        ROUTES_FIXED: "routesFixed",
        NOT_COLD: "notCold",
        NO_ROOM: "noRoom",
        NO_TIME: "noTime",
      }[furthest];
      why = message(`${KEY}.none.${key}`, { weight: { grams: farm.grams } });
    }
    notSuggested.push({ farmId: farm.id, farmName, reason, message: why });
  }
  suggestions.sort((a, b) => b.savedGrams - a.savedGrams || a.farmName.localeCompare(b.farmName));
  notSuggested.sort((a, b) => a.farmName.localeCompare(b.farmName));
  return { farmsChecked: suggestions.length + notSuggested.length, suggestions, notSuggested };
}

interface Insertion {
  position: number;
  addedMetres: number;
  returnDelaySeconds: number | null;
}

/**
 * The insertion of `farm` into `route` that adds the fewest metres among those the times allow
 * (all positions when the route has no times); null when none does.
 */
function cheapestInsertion(
  route: SuggestionRoute,
  farm: SelfDeliveringFarmLoad,
  depot: LatLng,
  timeZone: string,
  metres: (a: LatLng, b: LatLng) => number,
  seconds: (metres: number) => number,
): Insertion | null {
  const places: LatLng[] = [depot, ...route.stops, depot];
  const candidates: Array<{ position: number; addedMetres: number }> = [];
  for (let i = 0; i + 1 < places.length; i++) {
    const prev = places[i]!;
    const next = places[i + 1]!;
    // Never negative: rounding per leg can make a farm on the line look 1 m "shorter".
    const addedMetres = Math.max(0, metres(prev, farm) + metres(farm, next) - metres(prev, next));
    candidates.push({ position: i + 1, addedMetres });
  }
  candidates.sort((a, b) => a.addedMetres - b.addedMetres || a.position - b.position);
  const timed =
    route.startAt !== null &&
    route.endAt !== null &&
    route.stops.every((s) => s.arrivalAt !== null && s.departureAt !== null);
  if (!timed) return candidates[0] ? { ...candidates[0], returnDelaySeconds: null } : null;
  for (const candidate of candidates) {
    const delay = returnDelay(route, farm, depot, candidate.position - 1, timeZone, metres, seconds);
    if (delay !== null) return { ...candidate, returnDelaySeconds: delay };
  }
  return null;
}

/**
 * Seconds later the route is back at the hub with the farm inserted after `index` places (0: right
 * after leaving the hub), or null when a window, the shift end or the longest route time is missed.
 */
function returnDelay(
  route: SuggestionRoute,
  farm: SelfDeliveringFarmLoad,
  depot: LatLng,
  index: number,
  timeZone: string,
  metres: (a: LatLng, b: LatLng) => number,
  seconds: (metres: number) => number,
): number | null {
  const start = instant(route.startAt!);
  const end = instant(route.endAt!);
  const day = zonedDate(new Date(start), timeZone);
  const at = (minute: number) => zonedToUtc(day, minute, timeZone).getTime();
  const prev: LatLng = index === 0 ? depot : route.stops[index - 1]!;
  const next: LatLng = index < route.stops.length ? route.stops[index]! : depot;
  const leftPrev = index === 0 ? start : instant(route.stops[index - 1]!.departureAt!);
  // At the farm: wait for its window to open if it has one; service as a planned collection.
  const arrival = leftPrev + seconds(metres(prev, farm)) * 1000;
  const open = farm.pickupWindow ? at(farm.pickupWindow.startMinute) : arrival;
  const serviceStart = Math.max(arrival, open);
  if (farm.pickupWindow && serviceStart > at(farm.pickupWindow.endMinute)) return null;
  const reachNext = serviceStart + COLLECTION_SERVICE_SECONDS * 1000 + seconds(metres(farm, next)) * 1000;
  const reachNextBefore = leftPrev + seconds(metres(prev, next)) * 1000;
  let delay = Math.max(0, reachNext - reachNextBefore);
  // Later stops move by the delay, less any wait for a window that was still closed.
  for (const stop of route.stops.slice(index)) {
    if (delay === 0) break;
    if (!stop.window) continue;
    const arrived = instant(stop.arrivalAt!);
    const opens = at(stop.window.startMinute);
    const before = Math.max(arrived, opens);
    const after = Math.max(arrived + delay, opens);
    if (after > at(stop.window.endMinute)) return null;
    delay = after - before;
  }
  const back = end + delay;
  if (back > at(route.vehicle.shiftEndMinute)) return null;
  if (route.vehicle.maxRouteSeconds !== null && back - start > route.vehicle.maxRouteSeconds * 1000) return null;
  return Math.round(delay / 1000);
}
