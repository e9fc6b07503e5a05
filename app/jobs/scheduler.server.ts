// Every periodic task of the app, in one list, run by one timer that the server starts explicitly
// (entry.server `ready()`, called by server.js before it listens) and stops at shutdown. Nothing
// starts background work by being imported or read. Each task is single-flight in this process and
// safe to run in several processes at once (each one's writes are guarded in the database), so
// every instance behind a load balancer may run the scheduler.
import { sendEveningNotices } from "~/services/delivery-notice.server";
import { expireStaleOrders } from "~/services/order.server";
import { makeAdjustmentRefunds } from "~/services/order-adjustment.server";
import { sendPackLists } from "~/services/pack-list.server";
import { refreshProvisionalPlans } from "~/services/provisional-plan.server";
import { runStandingOrders } from "~/services/standing-order.server";
import { solveOffThread } from "./planning-runner.server";

export interface PeriodicTask {
  name: string;
  /** How often it runs, in milliseconds. */
  everyMs: number;
  run: (now: Date) => Promise<unknown>;
}

export const PERIODIC_TASKS: readonly PeriodicTask[] = [
  // Unpaid card orders release their stock once the payment window has passed (also done lazily
  // by the reads that show stock, so a stopped scheduler never oversells).
  { name: "card-order-expiry", everyMs: 60_000, run: (now) => expireStaleOrders(now) },
  // Standing orders place each new cycle's order and send the "closing soon" reminders.
  { name: "standing-orders", everyMs: 60_000, run: (now) => runStandingOrders(now) },
  // At a cycle's cut-off each farm that sold something is told what to pack (once per farm).
  { name: "farm-pack-lists", everyMs: 60_000, run: (now) => sendPackLists(now) },
  // The open cycles' provisional plans, which checkout's carbon estimate reads: re-made when a
  // cycle's orders changed (at most every few minutes), solved in a worker thread. In-process only.
  {
    name: "provisional-plans",
    everyMs: 60_000,
    run: (now) =>
      refreshProvisionalPlans({
        now,
        solve: (problems, spec, options) =>
          solveOffThread(problems, spec, options, { onProgress: () => undefined, isCancelled: async () => false }),
      }),
  },
  // The evening before a delivery each buyer with a planned stop is told its arrival window (once per order).
  { name: "delivery-eve-notices", everyMs: 60_000, run: (now) => sendEveningNotices(now) },
  // Card refunds decided by adjustments after the cut-off that Stripe has not confirmed yet (a
  // timeout, a crash between commit and the call): retried with the same idempotency key.
  { name: "adjustment-refunds", everyMs: 60_000, run: (now) => makeAdjustmentRefunds({ now }) },
];

interface Scheduler {
  stop(): void;
}

// The development server re-imports the build after each change: the scheduler of the previous
// build is kept on globalThis so it can be stopped instead of running twice.
const globalKey = Symbol.for("foodshed.scheduler");
type WithScheduler = typeof globalThis & { [globalKey]?: Scheduler };

/** Runs one task now unless its previous run is still going; errors are logged, never thrown. */
export function singleFlight(task: PeriodicTask, log: (line: string) => void = console.error) {
  let running = false;
  return async (now = new Date()) => {
    if (running) return false;
    running = true;
    try {
      await task.run(now);
      return true;
    } catch (error) {
      log(
        `[scheduler] ${task.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return false;
    } finally {
      running = false;
    }
  };
}

/** Starts the timers of `tasks` (every task of the app by default); replaces a running scheduler. */
export function startScheduler(tasks: readonly PeriodicTask[] = PERIODIC_TASKS): Scheduler {
  const holder = globalThis as WithScheduler;
  holder[globalKey]?.stop();
  const timers = tasks.map((task) => {
    const tick = singleFlight(task);
    const timer = setInterval(() => void tick(), task.everyMs);
    timer.unref?.();
    return timer;
  });
  const scheduler: Scheduler = {
    stop() {
      for (const timer of timers) clearInterval(timer);
      if (holder[globalKey] === scheduler) delete holder[globalKey];
    },
  };
  holder[globalKey] = scheduler;
  return scheduler;
}

export function stopScheduler() {
  (globalThis as WithScheduler)[globalKey]?.stop();
}
