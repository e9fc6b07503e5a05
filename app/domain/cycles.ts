// Delivery cycles: the stored status is what a coordinator last set; OPEN becomes CLOSED by the
// clock at the cut-off, without a job. Every read that decides "can this buyer order / change an
// order?" goes through `effectiveCycleStatus` with the request's `now`.
import { message, type Message } from "./message";
import type { CycleStatus } from "~generated/prisma/enums.ts";
import { addDays, zonedDate, zonedToUtc } from "./time-zone";

export interface CycleClock {
  status: CycleStatus;
  opensAt: Date | string;
  cutoffAt: Date | string;
}

/** "SCHEDULED" is an OPEN cycle whose ordering window has not started yet. */
export type EffectiveCycleStatus = CycleStatus | "SCHEDULED";

const time = (value: Date | string) => new Date(value).getTime();

export function effectiveCycleStatus(cycle: CycleClock, now: Date): EffectiveCycleStatus {
  if (cycle.status !== "OPEN") return cycle.status;
  const t = now.getTime();
  if (t < time(cycle.opensAt)) return "SCHEDULED";
  if (t >= time(cycle.cutoffAt)) return "CLOSED";
  return "OPEN";
}

/**
 * The stored cycle lifecycle. OPEN becomes CLOSED by the clock (effectiveCycleStatus) or by the
 * coordinator's "close ordering now"; a saved route plan makes it PLANNED (again when planned
 * again); the last delivery stop marked makes it DELIVERED, which is final.
 */
const CYCLE_TRANSITIONS: Readonly<Record<CycleStatus, readonly CycleStatus[]>> = {
  OPEN: ["CLOSED", "PLANNED"],
  CLOSED: ["PLANNED"],
  PLANNED: ["PLANNED", "DELIVERED"],
  DELIVERED: [],
};

export function canMoveCycle(from: CycleStatus, to: CycleStatus): boolean {
  return CYCLE_TRANSITIONS[from].includes(to);
}

/** The stored statuses a cycle may be in for a move to `to` (a model's `WHERE status IN (…)`). */
export function cycleStatusesThatMayBecome(to: CycleStatus): CycleStatus[] {
  return (Object.keys(CYCLE_TRANSITIONS) as CycleStatus[]).filter((from) => canMoveCycle(from, to));
}

/** After a delivery stop is marked: DELIVERED once no delivery stop of the plan is pending, else no change. */
export function cycleStatusAfterDeliveryMarks(pendingDeliveryStops: number): "DELIVERED" | null {
  return pendingDeliveryStops === 0 ? "DELIVERED" : null;
}

/** True while buyers may place orders and change or cancel them in this cycle. */
export function isOrderingOpen(cycle: CycleClock, now: Date): boolean {
  return effectiveCycleStatus(cycle, now) === "OPEN";
}

/** Milliseconds until the cut-off (0 once it has passed). */
export function msUntilCutoff(cycle: Pick<CycleClock, "cutoffAt">, now: Date): number {
  return Math.max(0, time(cycle.cutoffAt) - now.getTime());
}

/** True when the cut-off is within `withinMs` from now and has not passed (e.g. "closing soon" emails). */
export function isClosingSoon(cycle: CycleClock, now: Date, withinMs = 24 * 3_600_000): boolean {
  if (!isOrderingOpen(cycle, now)) return false;
  return msUntilCutoff(cycle, now) <= withinMs;
}

/**
 * The cycle a buyer orders into: the open one with the earliest cut-off; ties broken by delivery
 * date then id so the choice is stable.
 */
export function pickOrderingCycle<T extends CycleClock & { id: string; deliveryDate: Date | string }>(
  cycles: readonly T[],
  now: Date,
): T | null {
  const open = cycles.filter((cycle) => isOrderingOpen(cycle, now));
  open.sort(
    (a, b) =>
      time(a.cutoffAt) - time(b.cutoffAt) || time(a.deliveryDate) - time(b.deliveryDate) || a.id.localeCompare(b.id),
  );
  return open[0] ?? null;
}

/** The next cycle that will open (for "ordering opens on …" when none is open). */
export function pickNextScheduledCycle<T extends CycleClock & { id: string }>(
  cycles: readonly T[],
  now: Date,
): T | null {
  const scheduled = cycles.filter((cycle) => effectiveCycleStatus(cycle, now) === "SCHEDULED");
  scheduled.sort((a, b) => time(a.opensAt) - time(b.opensAt) || a.id.localeCompare(b.id));
  return scheduled[0] ?? null;
}

/**
 * Default cut-off for a delivery date under a hub's rule: `daysBefore` days earlier at
 * `minuteOfDay` minutes past midnight, wall-clock time in `timeZone` (DST-safe).
 */
export function defaultCutoff(
  deliveryDate: Date,
  rule: { daysBefore: number; minuteOfDay: number; timeZone: string },
): Date {
  return zonedToUtc(addDays(zonedDate(deliveryDate, rule.timeZone), -rule.daysBefore), rule.minuteOfDay, rule.timeZone);
}

/**
 * Why a cycle cannot deliver on `deliveryDate`, or null. A hub delivers once a day: a second cycle
 * delivering on the same calendar day (hub time) would split one round of routes in two, so it is
 * refused, naming the other cycle. A delivery date before today (hub time) is refused too. Two
 * cycles may be open for ordering at once as long as they deliver on different days.
 */
export function deliveryDateProblem({
  deliveryDate,
  timeZone,
  now,
  others,
}: {
  deliveryDate: Date;
  timeZone: string;
  now: Date;
  /** The hub's other cycles (not the one being edited). */
  others: ReadonlyArray<{ name: string; deliveryDate: Date }>;
}): Message | null {
  const day = zonedDate(deliveryDate, timeZone);
  if (day < zonedDate(now, timeZone)) return message("messages:cycles.deliveryInPast");
  const same = others.find((other) => zonedDate(other.deliveryDate, timeZone) === day);
  if (same) return message("messages:cycles.deliveryDayTaken", { cycle: same.name });
  return null;
}
