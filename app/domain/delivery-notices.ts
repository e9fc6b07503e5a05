/**
 * Delivery messages to buyers (docs/decisions/033): when each is due, the arrival window of the
 * evening before, how far the van is, and which channels a buyer's choice means. Pure: instants
 * in, instants and counts out; the wording is in the catalogues.
 */
import { addDays, zonedDate, zonedMinuteOfDay } from "./time-zone";

export type DeliveryNoticeKind = "eve" | "near" | "delivered" | "failed" | "partlyDelivered";
export type DeliveryNoticeChannel = "EMAIL" | "SMS" | "BOTH" | "NONE";
export type StopState = "PENDING" | "DONE" | "PARTIAL" | "FAILED";

const MINUTE = 60_000;
const QUARTER = 15 * MINUTE;

/** The "a few stops away" message goes when the buyer's stop is this many pending stops ahead, or nearer. */
export const NEAR_STOPS = 3;
/** Half the width of the evening-before window around the rounded planned arrival. */
export const WINDOW_HALF_WIDTH_MS = 30 * MINUTE;
/** The evening-before message goes from this time of day (hub time), unless configured. */
export const DEFAULT_EVE_NOTICE_MINUTE = 18 * 60;

/**
 * Nearest quarter hour (ties go up). Time-zone offsets in use are whole quarter hours, so a
 * quarter of UTC is a quarter of the hub's clock.
 */
export function roundToQuarterHour(instant: Date): Date {
  return new Date(Math.round(instant.getTime() / QUARTER) * QUARTER);
}

function floorToQuarterHour(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / QUARTER) * QUARTER);
}

/**
 * The window told the evening before: the planned arrival rounded to the quarter hour, ±30 min
 * (an order in two parts: from its first part's arrival to its last's). Never starts before the van
 * leaves the depot (`notBefore`, floored to the quarter hour). Null without a planned arrival.
 */
export function arrivalWindow(arrivals: readonly Date[], notBefore?: Date | null): { from: Date; to: Date } | null {
  if (arrivals.length === 0) return null;
  const times = arrivals.map((a) => a.getTime());
  let from = roundToQuarterHour(new Date(Math.min(...times))).getTime() - WINDOW_HALF_WIDTH_MS;
  const to = roundToQuarterHour(new Date(Math.max(...times))).getTime() + WINDOW_HALF_WIDTH_MS;
  if (notBefore) from = Math.max(from, floorToQuarterHour(notBefore).getTime());
  return { from: new Date(from), to: new Date(to) };
}

/**
 * Whether the evening-before message is due now: the hub's calendar says the delivery is tomorrow
 * and its clock has reached `minuteOfDay`. Until midnight, so a server that was down at 18:00
 * still sends it that evening, never on the day itself.
 */
export function eveningNoticeDue({
  now,
  deliveryDate,
  timeZone,
  minuteOfDay = DEFAULT_EVE_NOTICE_MINUTE,
}: {
  now: Date;
  deliveryDate: Date;
  timeZone: string;
  minuteOfDay?: number;
}): boolean {
  const today = zonedDate(now, timeZone);
  return addDays(today, 1) === zonedDate(deliveryDate, timeZone) && zonedMinuteOfDay(now, timeZone) >= minuteOfDay;
}

export interface RouteStopState {
  id: string;
  sequence: number;
  status: StopState;
  orderId: string | null;
}

/** Pending stops before `stopId` on its route (in route order); null when that stop is not pending. */
export function pendingStopsBefore(stops: readonly RouteStopState[], stopId: string): number | null {
  const stop = stops.find((s) => s.id === stopId);
  if (!stop || stop.status !== "PENDING") return null;
  return stops.filter((s) => s.status === "PENDING" && s.sequence < stop.sequence).length;
}

/**
 * Orders whose stop is now among the next `NEAR_STOPS` pending stops of the route, with how many
 * pending stops come before theirs (0: next). An order in two parts on one route counts its first.
 */
export function ordersNearby(stops: readonly RouteStopState[], near = NEAR_STOPS): Map<string, number> {
  const pending = stops.filter((s) => s.status === "PENDING").sort((a, b) => a.sequence - b.sequence);
  const result = new Map<string, number>();
  pending.slice(0, near).forEach((stop, index) => {
    if (stop.orderId && !result.has(stop.orderId)) result.set(stop.orderId, index);
  });
  return result;
}

export interface TimedStop {
  status: StopState;
  /** When the plan had the van leave the stop. */
  departureAt: Date;
  /** When the driver marked it. */
  completedAt: Date | null;
}

/**
 * How late the route runs against its plan, in ms (negative: early): the last marked stop's mark
 * against its planned departure. 0 before the first mark.
 */
export function routeDelayMs(stops: readonly TimedStop[]): number {
  let last: TimedStop | null = null;
  for (const stop of stops) {
    if (stop.status === "PENDING" || !stop.completedAt) continue;
    if (!last || stop.completedAt.getTime() > last.completedAt!.getTime()) last = stop;
  }
  return last ? last.completedAt!.getTime() - last.departureAt.getTime() : 0;
}

/**
 * When the van is expected at a stop: its planned arrival moved by the route's delay, never in the
 * past, rounded up to 5 minutes (an estimate, not a promise to the minute).
 */
export function expectedArrival({
  plannedArrival,
  delayMs,
  now,
}: {
  plannedArrival: Date;
  delayMs: number;
  now: Date;
}) {
  const at = Math.max(plannedArrival.getTime() + delayMs, now.getTime());
  const five = 5 * MINUTE;
  return new Date(Math.ceil(at / five) * five);
}

/** The message an order's status calls for after a mark: none while parts are still on the way. */
export function noticeForOrderStatus(status: string): "delivered" | "failed" | "partlyDelivered" | null {
  switch (status) {
    case "DELIVERED":
      return "delivered";
    case "FAILED":
      return "failed";
    case "PARTLY_DELIVERED":
      return "partlyDelivered";
    default:
      return null;
  }
}

/**
 * Where a buyer's delivery messages go. A choice of SMS without a number left (it is required when
 * chosen; this is a safety net) falls back to email rather than silence.
 */
export function deliveryChannels(
  choice: DeliveryNoticeChannel,
  mobilePhone: string | null,
): { email: boolean; sms: boolean } {
  const sms = (choice === "SMS" || choice === "BOTH") && Boolean(mobilePhone);
  const email = choice === "EMAIL" || choice === "BOTH" || (choice === "SMS" && !mobilePhone);
  return { email, sms };
}

/** The once-only key of a message kind for an order (one per channel table). */
export const deliveryNoticeKey = (kind: DeliveryNoticeKind, orderId: string) => `delivery-${kind}:${orderId}`;

/** "18:00" → 1080; null when not a time of day. */
export function parseTimeOfDay(value: string): number | null {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}
