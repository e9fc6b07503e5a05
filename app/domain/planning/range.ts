/**
 * A vehicle's usable range for one cycle's shift: the distance the route solver must not exceed
 * (RoutingVehicle.maxRouteMetres) and the figure the plan page and the manifest show planned
 * kilometres against. Pure: the hub's settings, the vehicle and the delivery month in, metres out.
 *
 * Only battery-electric vehicles are derated. Cold weather lowers a battery's usable capacity and
 * heating the cab and the battery draws on it; a refrigeration unit on an electric van runs off
 * the traction battery. A combustion van has no practical range per shift (a tank lasts several
 * shifts and refuels in minutes): its range is empty by default, and when a coordinator sets one
 * anyway (a policy limit, say) it applies as typed, not derated.
 * docs/decisions/005-route-solver.md (revision "distance limit").
 */
import { DESNZ_2025 } from "../carbon/factors";
import { zonedParts } from "../time-zone";

/**
 * What the new-vehicle form offers for an electric van (160 km): a project assumption, about half
 * the WLTP range of common medium electric vans (roughly 300–330 km), which leaves room for the
 * gap between WLTP and laden stop-start delivery work and for a reserve at the end of the shift.
 * A hub should type its own vans' figure.
 */
export const DEFAULT_ELECTRIC_RANGE_METRES = 160_000;

/** Months (1–12) a hub treats as winter unless it says otherwise: November to March. */
export const DEFAULT_WINTER_MONTHS: readonly number[] = [11, 12, 1, 2, 3];
/** Range lost in winter (project assumption; electric vans lose more in frost, less in a mild spell). */
export const DEFAULT_WINTER_DERATING_PERCENT = 20;
/** Range lost to a refrigeration unit running off the traction battery (project assumption). */
export const DEFAULT_REFRIGERATED_DERATING_PERCENT = 15;
/** A derating above this would leave nearly no range: the settings form refuses it. */
export const MAX_DERATING_PERCENT = 90;

export interface RangeDerating {
  /** Months (1 = January … 12 = December) whose delivery days get the winter derating. */
  winterMonths: readonly number[];
  /** Whole percent, 0–MAX_DERATING_PERCENT. */
  winterPercent: number;
  /** Whole percent, 0–MAX_DERATING_PERCENT; for refrigerated electric vehicles. */
  refrigeratedPercent: number;
}

export const DEFAULT_RANGE_DERATING: RangeDerating = {
  winterMonths: DEFAULT_WINTER_MONTHS,
  winterPercent: DEFAULT_WINTER_DERATING_PERCENT,
  refrigeratedPercent: DEFAULT_REFRIGERATED_DERATING_PERCENT,
};

export interface RangeVehicle {
  /** Usable range per shift in metres as typed on the vehicle; null: no limit. */
  rangeMetres: number | null;
  /** A factor key of domain/carbon (Vehicle.energyType). */
  energyType: string;
  refrigerated: boolean;
}

/** Whether an energy type (a factor key such as "van-bev-average") is battery electric. */
export function isElectricEnergyType(energyType: string): boolean {
  return DESNZ_2025.vehicleFactors.some((f) => f.key === energyType && f.energy === "BATTERY_ELECTRIC");
}

/** The month (1–12) of a cycle's delivery day in the hub's time zone. */
export function deliveryMonth(deliveryDate: Date, timeZone: string): number {
  return zonedParts(deliveryDate, timeZone).month;
}

/** A hub's range settings as stored (Hub.winterMonths, winterDeratingPercent, fridgeDeratingPercent). */
export interface HubRangeSettings {
  timeZone: string;
  winterMonths: readonly number[];
  winterDeratingPercent: number;
  fridgeDeratingPercent: number;
}

/** The month and derating that decide the vehicles' effective range for a cycle of this hub. */
export function cycleRangeConditions(
  hub: HubRangeSettings,
  deliveryDate: Date,
): { month: number; derating: RangeDerating } {
  return {
    month: deliveryMonth(deliveryDate, hub.timeZone),
    derating: {
      winterMonths: hub.winterMonths,
      winterPercent: hub.winterDeratingPercent,
      refrigeratedPercent: hub.fridgeDeratingPercent,
    },
  };
}

function checkPercent(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0 || value > 100) {
    throw new RangeError(`${name} must be a percentage between 0 and 100, got ${String(value)}`);
  }
}

/**
 * Effective range for a cycle in whole metres (rounded down, never more than typed), or null for
 * no limit: rangeMetres × (1 − winter) × (1 − refrigeration) for an electric vehicle — the winter
 * part when `month` is one of the hub's winter months, the refrigeration part when the vehicle is
 * refrigerated — and rangeMetres as typed for any other energy type.
 */
export function effectiveRangeMetres(
  vehicle: RangeVehicle,
  { month, derating }: { month: number; derating: RangeDerating },
): number | null {
  if (vehicle.rangeMetres === null) return null;
  if (!Number.isFinite(vehicle.rangeMetres) || vehicle.rangeMetres <= 0) {
    throw new RangeError(`rangeMetres must be a positive number of metres, got ${String(vehicle.rangeMetres)}`);
  }
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`month must be 1–12, got ${String(month)}`);
  }
  checkPercent("winterPercent", derating.winterPercent);
  checkPercent("refrigeratedPercent", derating.refrigeratedPercent);
  if (!isElectricEnergyType(vehicle.energyType)) return Math.floor(vehicle.rangeMetres);
  const winter = derating.winterMonths.includes(month) ? derating.winterPercent : 0;
  const cold = vehicle.refrigerated ? derating.refrigeratedPercent : 0;
  // In hundredths of a percent, so whole percents give an exact product before rounding down.
  return Math.floor((vehicle.rangeMetres * (100 - winter) * (100 - cold)) / 10_000);
}
