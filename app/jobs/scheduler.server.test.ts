import { afterEach, describe, expect, it, vi } from "vitest";
import { PERIODIC_TASKS, singleFlight, startScheduler, stopScheduler, type PeriodicTask } from "./scheduler.server";

afterEach(() => {
  stopScheduler();
  vi.useRealTimers();
});

describe("the scheduler", () => {
  it("lists every periodic task of the app, and each runs against a real database", async () => {
    expect(PERIODIC_TASKS.map((t) => t.name)).toEqual([
      "card-order-expiry",
      "standing-orders",
      "farm-pack-lists",
      "provisional-plans",
      "delivery-eve-notices",
      "adjustment-refunds",
    ]);
    for (const task of PERIODIC_TASKS) await expect(task.run(new Date())).resolves.not.toThrow();
  });

  it("runs each task on its own interval once started, and not after it is stopped", async () => {
    vi.useFakeTimers();
    const runs: string[] = [];
    const tasks: PeriodicTask[] = [
      { name: "fast", everyMs: 1_000, run: async () => void runs.push("fast") },
      { name: "slow", everyMs: 3_000, run: async () => void runs.push("slow") },
    ];
    startScheduler(tasks);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(runs.filter((r) => r === "fast")).toHaveLength(3);
    expect(runs.filter((r) => r === "slow")).toHaveLength(1);
    stopScheduler();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toHaveLength(4);
  });

  it("a second start replaces the first (the development server re-imports the build)", async () => {
    vi.useFakeTimers();
    let count = 0;
    const tasks: PeriodicTask[] = [{ name: "tick", everyMs: 1_000, run: async () => void count++ }];
    startScheduler(tasks);
    startScheduler(tasks);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(count).toBe(1);
  });

  it("does not overlap runs of one task, and logs a failure instead of throwing", async () => {
    let release: () => void = () => {};
    let started = 0;
    const slow = singleFlight({
      name: "slow",
      everyMs: 1,
      run: () => (started++, new Promise<void>((r) => (release = r))),
    });
    const first = slow();
    expect(await slow()).toBe(false);
    release();
    expect(await first).toBe(true);
    expect(started).toBe(1);

    const lines: string[] = [];
    const failing = singleFlight(
      {
        name: "broken",
        everyMs: 1,
        run: async () => {
          throw new Error("boom");
        },
      },
      (l) => lines.push(l),
    );
    expect(await failing()).toBe(false);
    expect(lines[0]).toMatch(/\[scheduler\] broken failed: Error: boom/);
  });
});
