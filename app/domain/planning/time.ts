/**
 * Wall-clock time in a hub's time zone. Slots, shifts and pickup windows are minutes from midnight
 * (hub time) on a calendar date; the database stores instants. Intl does the zone arithmetic, so
 * daylight-saving changes are handled without a time-zone library.
 */

/** Offset of `timeZone` from UTC at `instant`, in minutes (e.g. 60 for BST). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? "0");
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The instant of `minuteOfDay` on calendar date `date` ("YYYY-MM-DD") in `timeZone`. */
export function zonedToUtc(date: string, minuteOfDay: number, timeZone: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Expected a date as YYYY-MM-DD, got "${date}"`);
  const naive = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) + minuteOfDay * 60_000;
  // Two passes settle the offset on both sides of a daylight-saving change.
  let guess = naive - zoneOffsetMinutes(new Date(naive), timeZone) * 60_000;
  guess = naive - zoneOffsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess);
}

/** Calendar date ("YYYY-MM-DD") of an instant in `timeZone`. */
export function zonedDate(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
  return parts;
}

/** Minutes from midnight of an instant in `timeZone`. */
export function zonedMinuteOfDay(instant: Date, timeZone: string): number {
  const local = instant.getTime() + zoneOffsetMinutes(instant, timeZone) * 60_000;
  const ms = ((local % 86_400_000) + 86_400_000) % 86_400_000;
  return Math.floor(ms / 60_000);
}

/** "YYYY-MM-DD" shifted by whole days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

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
