/**
 * Wall-clock time in a hub's time zone for planning. Slots, shifts and pickup windows are minutes
 * from midnight (hub time) on a calendar date; the database stores instants. The zone arithmetic
 * lives in domain/time-zone.
 */
import { zonedDate, zonedMinuteOfDay, zonedToUtc } from "../time-zone";

export { addDays, zonedDate, zonedMinuteOfDay, zoneOffsetMinutes, zonedToUtc } from "../time-zone";

/** "09:30" from 570. */
export function formatMinute(minute: number): string {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

/** 570 from "09:30"; null when it is not a valid 24-hour time. */
export function parseMinute(text: string): number | null {
  const match = /^\s*([01]?\d|2[0-3]):([0-5]\d)\s*$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

/** "YYYY-MM-DDTHH:MM" (a datetime-local value) in `timeZone` for an instant. */
export function toZonedInputValue(instant: Date, timeZone: string): string {
  return `${zonedDate(instant, timeZone)}T${formatMinute(zonedMinuteOfDay(instant, timeZone))}`;
}

/** The instant of a datetime-local value typed in `timeZone`; null when malformed. */
export function fromZonedInputValue(value: string, timeZone: string): Date | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value);
  if (!match) return null;
  const minute = parseMinute(match[2] as string);
  if (minute === null) return null;
  return zonedToUtc(match[1] as string, minute, timeZone);
}
