// Wall-clock helpers for the seeds, over the app's own time-zone module (app/domain/time-zone):
// cycles are placed on local dates ("delivery on Friday, cut-off two days before at 18:00,
// Europe/London").
import { addDays as addDateDays, zonedParts, zonedToUtc } from "../../app/domain/time-zone";

export interface LocalDate {
  year: number;
  month: number; // 1-12
  day: number;
}

const iso = (date: LocalDate) =>
  `${String(date.year).padStart(4, "0")}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
const fromIso = (date: string): LocalDate => {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return { year, month, day };
};

/** The calendar date at `instant` in the zone. */
export function localDateOf(timeZone: string, instant: Date): LocalDate {
  const { year, month, day } = zonedParts(instant, timeZone);
  return { year, month, day };
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromIso(addDateDays(iso(date), days));
}

/** The instant when the wall clock in the zone shows `date` at `minuteOfDay`. */
export function zonedInstant(timeZone: string, date: LocalDate, minuteOfDay = 0): Date {
  return zonedToUtc(iso(date), minuteOfDay, timeZone);
}

export function formatLocalDate(timeZone: string, date: LocalDate): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "long",
    day: "numeric",
    month: "long",
  }).format(zonedInstant(timeZone, date, 12 * 60));
}
