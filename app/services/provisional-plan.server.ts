// The open cycle's provisional plan (issue 17, docs/decisions/031-provisional-plan.md): the orders
// placed so far, solved as the planning job solves a cycle but briefly, with the plan's carbon
// allocated, kept in this process for the checkout estimate. A periodic task
// (jobs/scheduler.server.ts) re-plans a cycle when its orders changed; checkout only reads.
// Nothing is stored: the plan is derived from the orders and made again after a restart.
import type { PlannedCycle } from "~/domain/carbon";
import { cycleWithoutOrder } from "~/domain/carbon";
import {
  buildPlanningProblems,
  provisionalCycle,
  type LegSolutions,
  type MatrixSpec,
  type PlanningProblems,
} from "~/domain/planning";
import { listOpenCycleOrderStates } from "~/models/carbon.server";
import { getPlanningSource } from "~/models/route-plan.server";
import { getEnv } from "~/utils/env.server";
import { getActiveFactorSet } from "./carbon-config.server";

/** Solver time for one provisional plan (in a worker thread when the task runs it). */
export const PROVISIONAL_TIME_LIMIT_MS = 3_000;
/** A cycle with fewer counted orders has no provisional plan: the recent plans say more. */
export const PROVISIONAL_MIN_ORDERS = 5;
/** A cycle is re-planned at most this often while orders come in… */
export const PROVISIONAL_MIN_INTERVAL_MS = 5 * 60_000;
/** …unless its orders grew by this share since its plan was made. */
export const PROVISIONAL_GROWTH = 0.2;

export type ProvisionalSolve = (
  problems: PlanningProblems,
  spec: MatrixSpec,
  options: { timeLimitMs: number; seed: number },
) => Promise<LegSolutions>;

interface Entry {
  hubId: string;
  /** Counted orders and their latest change when the plan was made. */
  fingerprint: string;
  orders: number;
  madeAt: number;
  plan: PlannedCycle;
  depot: { lat: number; lng: number };
  /** Of the cycle's ordering window (opens → cut-off), the share gone by when the plan was made. */
  elapsed: number;
  /** Each planned order's goods as planned, to take an order back out (cycleWithoutOrder). */
  lines: ReadonlyMap<string, ReadonlyArray<{ farmId: string; grams: number; chilled: boolean }>>;
}

// Kept on globalThis: the development server re-imports the build after each change.
const storeKey = Symbol.for("foodshed.provisionalPlans");
type WithStore = typeof globalThis & { [storeKey]?: Map<string, Entry> };
function store(): Map<string, Entry> {
  const holder = globalThis as WithStore;
  holder[storeKey] ??= new Map();
  return holder[storeKey];
}

export interface ProvisionalPlan {
  plan: PlannedCycle;
  /** Of the cycle's ordering window, the share gone by when the plan was made. */
  elapsed: number;
}

/**
 * The cycle's provisional plan as the estimate of `exceptOrderId` should see it (an order already
 * on the plan — a buyer changing it — is taken back out), or null when there is none.
 */
export function getProvisionalPlan({
  hubId,
  cycleId,
  exceptOrderId = null,
}: {
  hubId: string;
  cycleId: string;
  exceptOrderId?: string | null;
}): ProvisionalPlan | null {
  const entry = store().get(cycleId);
  if (!entry || entry.hubId !== hubId) return null;
  const lines = exceptOrderId ? entry.lines.get(exceptOrderId) : undefined;
  if (!lines) return { plan: entry.plan, elapsed: entry.elapsed };
  const plan = cycleWithoutOrder({
    cycle: entry.plan,
    order: { id: exceptOrderId as string, lines },
    depot: entry.depot,
    circuity: getEnv().ROAD_CIRCUITY,
    factorSet: getActiveFactorSet(),
  });
  return { plan, elapsed: entry.elapsed };
}

/** When the cycle's provisional plan was made and of how many orders; null when it has none. */
export function provisionalPlanState(cycleId: string): { madeAt: Date; orders: number } | null {
  const entry = store().get(cycleId);
  return entry ? { madeAt: new Date(entry.madeAt), orders: entry.orders } : null;
}

/** Of the ordering window (opens → cut-off), the share gone by at `now`, within 0–1. */
export function elapsedShare(cycle: { opensAt: Date; cutoffAt: Date }, now: Date): number {
  const span = cycle.cutoffAt.getTime() - cycle.opensAt.getTime();
  if (!(span > 0)) return 1;
  return Math.min(1, Math.max(0, (now.getTime() - cycle.opensAt.getTime()) / span));
}

/** Forgets every provisional plan (tests; a process starting has none). */
export function forgetProvisionalPlans(): void {
  store().clear();
}

/**
 * Makes the provisional plan of every open cycle whose orders changed since its plan (at most
 * once per PROVISIONAL_MIN_INTERVAL_MS, sooner when its orders grew by PROVISIONAL_GROWTH), and
 * forgets those of cycles no longer open. One cycle after the other; returns the cycles planned.
 */
export async function refreshProvisionalPlans({
  now = new Date(),
  solve,
  timeLimitMs = PROVISIONAL_TIME_LIMIT_MS,
  log = console.error,
}: {
  now?: Date;
  solve: ProvisionalSolve;
  timeLimitMs?: number;
  log?: (line: string) => void;
}): Promise<string[]> {
  const plans = store();
  const states = await listOpenCycleOrderStates({ now });
  const open = new Set(states.map((s) => s.cycleId));
  for (const cycleId of [...plans.keys()]) if (!open.has(cycleId)) plans.delete(cycleId);
  const made: string[] = [];
  for (const state of states) {
    const fingerprint = `${state.orders}|${state.changedAt?.toISOString() ?? ""}`;
    const entry = plans.get(state.cycleId);
    if (state.orders < PROVISIONAL_MIN_ORDERS) {
      plans.delete(state.cycleId);
      continue;
    }
    if (entry?.fingerprint === fingerprint) continue;
    const recent = entry !== undefined && now.getTime() - entry.madeAt < PROVISIONAL_MIN_INTERVAL_MS;
    if (recent && state.orders < entry.orders * (1 + PROVISIONAL_GROWTH)) continue;
    // One cycle's failure (bad data, a crashed worker) is logged and leaves the others planned;
    // its previous plan, if any, stays until the next try.
    try {
      if (await planCycle(state, fingerprint, { now, solve, timeLimitMs })) made.push(state.cycleId);
    } catch (error) {
      log(`[provisional-plans] cycle ${state.cycleId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return made;
}

/** Plans one open cycle and keeps the plan; false when it has nothing to plan. */
async function planCycle(
  state: { cycleId: string; hubId: string; orders: number },
  fingerprint: string,
  { now, solve, timeLimitMs }: { now: Date; solve: ProvisionalSolve; timeLimitMs: number },
): Promise<boolean> {
  const plans = store();
  const env = getEnv();
  const source = await getPlanningSource({ hubId: state.hubId, cycleId: state.cycleId });
  if (!source) return false;
  const problems = buildPlanningProblems(source.data);
  if (problems.collection.stops.length === 0 && problems.delivery.stops.length === 0) {
    plans.delete(state.cycleId);
    return false;
  }
  const solved = await solve(
    problems,
    { kind: "estimate", circuity: env.ROAD_CIRCUITY, speedKmh: env.AVERAGE_SPEED_KMH },
    { timeLimitMs, seed: 1 },
  );
  const plan = provisionalCycle({
    id: state.cycleId,
    data: source.data,
    problems,
    solved,
    factorSet: getActiveFactorSet(),
  });
  plans.set(state.cycleId, {
    hubId: state.hubId,
    fingerprint,
    orders: state.orders,
    madeAt: now.getTime(),
    plan,
    depot: source.data.depot,
    elapsed: elapsedShare(source.cycle, now),
    lines: new Map(source.data.orders.map((o) => [o.id, o.lines])),
  });
  return true;
}
