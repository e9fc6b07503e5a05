// Wall-clock helpers for one IANA time zone, without a date library: cycles are placed on local
// dates ("delivery on Friday, cut-off two days before at 18:00, Europe/London").

export interface LocalDate {
  year: number;
  month: number; // 1-12
  day: number;
}

function partsIn(timeZone: string, instant: Date): Record<string, number> {
  const formatter = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  const out: Record<string, number> = {};
  for (const part of formatter.formatToParts(instant)) {
    if (part.type !== "literal") out[part.type] = Number(part.value);
  }
  return out;
}

/** Offset of the zone from UTC at `instant`, in minutes (Europe/London: 0 or 60). */
export function zoneOffsetMinutes(timeZone: string, instant: Date): number {
  const p = partsIn(timeZone, instant);
  const asUtc = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The calendar date at `instant` in the zone. */
export function localDateOf(timeZone: string, instant: Date): LocalDate {
  const p = partsIn(timeZone, instant);
  return { year: p.year ?? 1970, month: p.month ?? 1, day: p.day ?? 1 };
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The instant when the wall clock in the zone shows `date` at `minuteOfDay`. */
export function zonedInstant(timeZone: string, date: LocalDate, minuteOfDay = 0): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay);
  // Two passes settle the offset either side of a DST change.
  let instant = wall - zoneOffsetMinutes(timeZone, new Date(wall)) * 60_000;
  instant = wall - zoneOffsetMinutes(timeZone, new Date(instant)) * 60_000;
  return new Date(instant);
}

export function formatLocalDate(timeZone: string, date: LocalDate): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "long",
    day: "numeric",
    month: "long",
  }).format(zonedInstant(timeZone, date, 12 * 60));
}
