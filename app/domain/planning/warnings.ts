// What the coordinator is warned about on a saved plan's route: over capacity, longer than the
// vehicle's range for the cycle, a delivery that arrives after its slot ends, chilled goods on a
// vehicle without refrigeration. The route page words them; manual moves can leave a plan in some
// of these states (they are allowed, but shown), and a vehicle's range or the hub's derating may
// have changed since the plan was made.
import { zonedToUtc } from "../time-zone";
import { stopNeedsCold } from "./cargo";
import type { StopPart } from "./problems";

export interface WarningStop {
  sequence: number;
  arrivalAt: Date | string;
  cargo: StopPart | null;
  /** The buyer's delivery slot (minutes after midnight, hub time, on the delivery date); null for farms. */
  slot: { endMinute: number } | null;
  /** Whether the stop's place has chilled goods in the cycle (for stops saved without a part). */
  placeHasChilledGoods: boolean;
}

export interface WarningRoute {
  loadGrams: number;
  vehicle: { capacityGrams: number; refrigerated: boolean };
  stops: WarningStop[];
  /** The route's planned metres and the vehicle's effective range for the cycle (range.ts); null: no limit. */
  distanceM?: number;
  rangeMetres?: number | null;
}

export type RouteWarning =
  | { code: "OVER_CAPACITY"; overGrams: number }
  | { code: "OVER_RANGE"; overMetres: number; rangeMetres: number }
  | { code: "AFTER_SLOT"; sequence: number; lateSeconds: number }
  | { code: "CHILLED_NOT_COLD"; sequence: number };

/**
 * The warnings of one route. A slot ends at its end minute on the delivery date in the hub's time
 * zone — compared as instants, so an arrival after midnight, or in a zone with a half-hour offset
 * or on a daylight-saving day, is judged right.
 */
export function routeWarnings(
  route: WarningRoute,
  { deliveryDate, timeZone }: { deliveryDate: string; timeZone: string },
): RouteWarning[] {
  const warnings: RouteWarning[] = [];
  if (route.loadGrams > route.vehicle.capacityGrams)
    warnings.push({ code: "OVER_CAPACITY", overGrams: route.loadGrams - route.vehicle.capacityGrams });
  if (route.rangeMetres != null && route.distanceM !== undefined && route.distanceM > route.rangeMetres)
    warnings.push({
      code: "OVER_RANGE",
      overMetres: route.distanceM - route.rangeMetres,
      rangeMetres: route.rangeMetres,
    });
  for (const stop of route.stops) {
    if (stop.slot) {
      const slotEnd = zonedToUtc(deliveryDate, stop.slot.endMinute, timeZone).getTime();
      const arrival = new Date(stop.arrivalAt).getTime();
      if (arrival > slotEnd)
        warnings.push({
          code: "AFTER_SLOT",
          sequence: stop.sequence,
          lateSeconds: Math.round((arrival - slotEnd) / 1000),
        });
    }
    if (stopNeedsCold(stop.cargo, stop.placeHasChilledGoods) && !route.vehicle.refrigerated)
      warnings.push({ code: "CHILLED_NOT_COLD", sequence: stop.sequence });
  }
  return warnings;
}
