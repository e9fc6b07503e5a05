// The planning runner: a cycle's planning job from the coordinator's click to the saved plan,
// in the background of the process that took the click. The service checks and records the job
// (services/route-planning.server.ts preparePlanning); this module fetches road distances, runs the
// solver in a worker thread (cancellable, with progress), beats the job's heartbeat so other
// instances see it alive, and saves the plan with its carbon (savePlan, one transaction). At
// start-up, jobs whose process died are marked failed (failInterruptedPlanningJobs).
// docs/decisions/017-planning-jobs-and-progress.md, 022-background-work.md.
import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import {
  EFFORT_TIME_LIMIT_MS,
  solveLegs,
  type LegSolutions,
  type MatrixSpec,
  type PlanEffort,
  type PlanningProblems,
} from "~/domain/planning";
import { fetchOsrmTable } from "~/integrations/osrm.server";
import {
  failStalePlanningJobs,
  finishPlanningJob,
  isPlanningCancelRequested,
  PLANNING_HEARTBEAT_MS,
  PLANNING_STALE_MS,
  touchPlanningJob,
  updatePlanningJob,
} from "~/models/planning-job.server";
import {
  preparePlanning,
  savePlan,
  type PlanningRun,
  type PreparePlanningResult,
} from "~/services/route-planning.server";
import { getEnv } from "~/utils/env.server";
import { serverT } from "~/i18n/i18n.server";

export type StartPlanningResult =
  { ok: true; jobId: string; done: Promise<void> } | Extract<PreparePlanningResult, { ok: false }>;

/** Checks the cycle can be planned, records its job and starts solving in the background. */
export async function startPlanning(input: {
  hubId: string;
  cycleId: string;
  userId: string | null;
  effort: PlanEffort;
  now?: Date;
}): Promise<StartPlanningResult> {
  const prepared = await preparePlanning(input);
  if (!prepared.ok) return prepared;
  const { run } = prepared;
  const done = runPlanningJob(run).catch(async (error: unknown) => {
    console.error("route planning failed", error);
    await finishPlanningJob({
      jobId: run.jobId,
      status: "FAILED",
      message: serverT("messages")("planning.job.failed", {
        error: error instanceof Error ? error.message : String(error),
      }),
    }).catch(() => undefined);
  });
  return { ok: true, jobId: run.jobId, done };
}

/**
 * At start-up: planning runs that lost their process become FAILED with the reason. On the
 * embedded database this process is the only one (the data folder is locked), so every RUNNING job
 * is an orphan; on PostgreSQL other instances may be running theirs, so only stale ones are.
 */
export async function failInterruptedPlanningJobs({
  embedded,
  now = new Date(),
}: {
  embedded: boolean;
  now?: Date;
}): Promise<number> {
  const { count } = await failStalePlanningJobs({
    before: embedded ? now : new Date(now.getTime() - PLANNING_STALE_MS),
  });
  return count;
}

async function matrixSpec(
  problems: PlanningProblems,
): Promise<{ spec: MatrixSpec; source: string; notice: string | null }> {
  const env = getEnv();
  const estimate: MatrixSpec = { kind: "estimate", circuity: env.ROAD_CIRCUITY, speedKmh: env.AVERAGE_SPEED_KMH };
  if (!env.OSRM_URL) return { spec: estimate, source: "haversine", notice: null };
  try {
    const [collection, delivery] = await Promise.all([
      fetchOsrmTable(env.OSRM_URL, problems.collection.points),
      fetchOsrmTable(env.OSRM_URL, problems.delivery.points),
    ]);
    return { spec: { kind: "table", collection, delivery }, source: "osrm", notice: null };
  } catch (error) {
    return {
      spec: estimate,
      source: "haversine",
      notice: serverT("messages")("planning.job.noRoadDistances", {
        error: error instanceof Error ? error.message : String(error),
        circuity: env.ROAD_CIRCUITY,
      }),
    };
  }
}

/**
 * The planning worker's file: built ahead by `npm run build`, by `npm run dev` (scripts/dev-server.mjs
 * builds and watches it) and by the test setup — never bundled at run time. Null (no build yet):
 * the solver runs on this thread.
 */
function workerEntry(): string | null {
  const built = path.resolve("build/workers/plan-routes.js");
  return existsSync(built) ? built : null;
}

interface RunHooks {
  onProgress: (fraction: number) => void;
  isCancelled: () => Promise<boolean>;
}

/** Solves in a worker thread; falls back to this thread when no worker file can be found. */
export async function solveOffThread(
  problems: PlanningProblems,
  spec: MatrixSpec,
  options: { timeLimitMs: number; seed?: number; iterationLimit?: number },
  hooks: RunHooks,
): Promise<LegSolutions> {
  const entry = workerEntry();
  if (!entry) return solveLegs(problems, spec, { ...options, onProgress: (f) => hooks.onProgress(f) });
  const flag = new Int32Array(new SharedArrayBuffer(4));
  return new Promise<LegSolutions>((resolve, reject) => {
    const worker = new Worker(entry, { workerData: { problems, spec, options, flag } });
    let settled = false;
    const poll = setInterval(() => {
      void hooks.isCancelled().then((cancelled) => {
        if (cancelled) Atomics.store(flag, 0, 1);
      });
    }, 500);
    const hardStop = setTimeout(() => {
      Atomics.store(flag, 0, 1);
      setTimeout(() => void worker.terminate(), 10_000).unref();
    }, options.timeLimitMs + 120_000);
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearInterval(poll);
      clearTimeout(hardStop);
      fn();
      void worker.terminate();
    };
    worker.on("message", (msg: { type: string; fraction?: number; result?: LegSolutions; message?: string }) => {
      if (msg.type === "progress") hooks.onProgress(msg.fraction ?? 0);
      else if (msg.type === "done") finish(() => resolve(msg.result!));
      else if (msg.type === "error") finish(() => reject(new Error(msg.message)));
    });
    worker.on("error", (error) => finish(() => reject(error)));
    worker.on("exit", (code) => finish(() => reject(new Error(`the planning worker stopped (exit code ${code})`))));
  });
}

async function runPlanningJob(run: PlanningRun) {
  // The heartbeat tells every instance this run is alive, whatever the solver reports.
  const heartbeat = setInterval(
    () => void touchPlanningJob({ jobId: run.jobId }).catch(() => undefined),
    PLANNING_HEARTBEAT_MS,
  );
  heartbeat.unref?.();
  try {
    await solveAndSave(run);
  } finally {
    clearInterval(heartbeat);
  }
}

async function solveAndSave({ jobId, source, problems, effort, userId }: PlanningRun) {
  const distances = await matrixSpec(problems);
  await updatePlanningJob({ jobId, progress: 2, message: serverT("messages")("planning.job.collection") });
  let lastWrite = 0;
  let pending: Promise<unknown> = Promise.resolve();
  const solved = await solveOffThread(
    problems,
    distances.spec,
    { timeLimitMs: EFFORT_TIME_LIMIT_MS[effort], seed: 1 },
    {
      onProgress: (fraction) => {
        const now = Date.now();
        if (now - lastWrite < 700) return;
        lastWrite = now;
        const progress = Math.min(95, Math.round(2 + fraction * 93));
        const message =
          fraction < 0.5 && problems.collection.stops.length > 0
            ? serverT("messages")("planning.job.collection")
            : serverT("messages")("planning.job.delivery");
        pending = pending.then(() => updatePlanningJob({ jobId, progress, message })).catch(() => undefined);
      },
      isCancelled: () => isPlanningCancelRequested({ jobId }),
    },
  );
  await pending;
  if (solved.cancelled || (await isPlanningCancelRequested({ jobId }))) {
    await finishPlanningJob({ jobId, status: "CANCELLED", message: serverT("messages")("planning.job.cancelled") });
    return;
  }
  await updatePlanningJob({ jobId, progress: 96, message: serverT("messages")("planning.job.saving") });
  const { planId, result } = await savePlan({
    source,
    problems,
    solved,
    createdById: userId,
    distanceSource: distances.source,
    notice: distances.notice,
  });
  const served = result.routes.reduce((s, r) => s + r.stops.length, 0);
  const left = result.unassigned.length;
  await finishPlanningJob({
    jobId,
    status: "DONE",
    planId,
    // The job runs in the background of the coordinator's request: their language.
    message: left
      ? serverT("messages")("planning.job.doneWithLeft", {
          routes: serverT("messages")("planning.job.routes", { count: result.routes.length }),
          stops: serverT("messages")("planning.job.stops", { count: served }),
          left: serverT("messages")("planning.job.left", { count: left }),
        })
      : serverT("messages")("planning.job.done", {
          routes: serverT("messages")("planning.job.routes", { count: result.routes.length }),
          stops: serverT("messages")("planning.job.stops", { count: served }),
        }),
  });
}
