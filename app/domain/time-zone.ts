/**
 * Wall-clock time in an IANA time zone: the one module that does zone arithmetic, on top of a
 * maintained library (@date-fns/tz: pure, no I/O, zone rules from the runtime's Intl data).
 * Instants are Dates; wall-clock dates are "YYYY-MM-DD" strings; times of day are minutes from
 * midnight. Handles daylight-saving changes and offsets that are not whole hours (Asia/Kolkata
 * +5:30, Australia/Eucla +8:45).
 */
import { TZDate, tzOffset } from "@date-fns/tz";

/** Offset of `timeZone` from UTC at `instant`, in minutes (60 for BST, 330 for India). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  return tzOffset(timeZone, instant);
}

function dateParts(date: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Expected a date as YYYY-MM-DD, got "${date}"`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/**
 * The instant when the wall clock in `timeZone` shows `minuteOfDay` on calendar date `date`. A
 * time skipped by a daylight-saving change moves forward by the change (01:30 on the spring-forward
 * night in London is 02:30 BST); a repeated time is its later occurrence.
 */
export function zonedToUtc(date: string, minuteOfDay: number, timeZone: string): Date {
  const [year, month, day] = dateParts(date);
  return new Date(new TZDate(year, month - 1, day, 0, minuteOfDay, timeZone).getTime());
}

/** The wall clock in `timeZone` at `instant`. */
export function zonedParts(instant: Date, timeZone: string) {
  const local = new TZDate(instant.getTime(), timeZone);
  return {
    year: local.getFullYear(),
    month: local.getMonth() + 1,
    day: local.getDate(),
    hour: local.getHours(),
    minute: local.getMinutes(),
    /** 0 = Sunday … 6 = Saturday. */
    weekday: local.getDay(),
  };
}

/** Calendar date ("YYYY-MM-DD") of an instant in `timeZone`. */
export function zonedDate(instant: Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${String(p.year).padStart(4, "0")}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/** Minutes from midnight of an instant in `timeZone`. */
export function zonedMinuteOfDay(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  return p.hour * 60 + p.minute;
}

/** "YYYY-MM-DD" shifted by whole days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = dateParts(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
