// Route-planning runs: progress and cancellation in the database so any instance can show them.
import type { JobStatus } from "~generated/prisma/enums.ts";
import { serverT, tFor } from "~/i18n/i18n.server";
import { prisma } from "~/utils/db.server";

/** The process running a job writes to it at least this often (progress or a heartbeat). */
export const PLANNING_HEARTBEAT_MS = 5_000;
/** A RUNNING job not written for this long has lost its process: it reads as failed. */
export const PLANNING_STALE_MS = 60_000;
/** Why a job whose process died failed, in the language of whoever reads it first (English at start-up). */
export const staleJobMessage = () => serverT("messages")("planning.job.stale");
/** The same in English. */
export const STALE_JOB_MESSAGE = tFor(null, "messages")("planning.job.stale");

const JOB_SELECT = {
  id: true,
  cycleId: true,
  status: true,
  progress: true,
  message: true,
  cancelRequested: true,
  planId: true,
  createdAt: true,
  updatedAt: true,
} as const;

export function createPlanningJob({ cycleId, message }: { cycleId: string; message: string }) {
  return prisma.planningJob.create({ data: { cycleId, message }, select: JOB_SELECT });
}

/** A job as its readers see it: a RUNNING job whose process stopped writing is failed first. */
export async function findPlanningJob({
  hubId,
  cycleId,
  jobId,
  now = new Date(),
}: {
  hubId: string;
  cycleId: string;
  jobId: string;
  now?: Date;
}) {
  await failStalePlanningJobs({ cycleId, before: new Date(now.getTime() - PLANNING_STALE_MS) });
  return prisma.planningJob.findFirst({ where: { id: jobId, cycleId, cycle: { hubId } }, select: JOB_SELECT });
}

export async function findLatestPlanningJob({
  hubId,
  cycleId,
  now = new Date(),
}: {
  hubId: string;
  cycleId: string;
  now?: Date;
}) {
  await failStalePlanningJobs({ cycleId, before: new Date(now.getTime() - PLANNING_STALE_MS) });
  return prisma.planningJob.findFirst({
    where: { cycleId, cycle: { hubId } },
    orderBy: { createdAt: "desc" },
    select: JOB_SELECT,
  });
}

/** The runner's heartbeat: keeps a long solve (no progress to report) from reading as stale. */
export function touchPlanningJob({ jobId }: { jobId: string }) {
  return prisma.planningJob.updateMany({ where: { id: jobId, status: "RUNNING" }, data: { updatedAt: new Date() } });
}

export function findRunningPlanningJob({ cycleId, since }: { cycleId: string; since: Date }) {
  return prisma.planningJob.findFirst({
    where: { cycleId, status: "RUNNING", updatedAt: { gte: since } },
    select: JOB_SELECT,
  });
}

export function updatePlanningJob({
  jobId,
  progress,
  message,
}: {
  jobId: string;
  progress?: number;
  message?: string;
}) {
  return prisma.planningJob.updateMany({
    where: { id: jobId, status: "RUNNING" },
    data: { ...(progress !== undefined ? { progress } : {}), ...(message !== undefined ? { message } : {}) },
  });
}

export function finishPlanningJob({
  jobId,
  status,
  message,
  planId,
}: {
  jobId: string;
  status: JobStatus;
  message: string;
  planId?: string;
}) {
  return prisma.planningJob.update({
    where: { id: jobId },
    data: { status, message, ...(status === "DONE" ? { progress: 100 } : {}), ...(planId ? { planId } : {}) },
  });
}

export async function isPlanningCancelRequested({ jobId }: { jobId: string }) {
  const job = await prisma.planningJob.findUnique({ where: { id: jobId }, select: { cancelRequested: true } });
  return job?.cancelRequested ?? true;
}

/**
 * Cancel: a live run is asked to stop (its runner ends it); a run whose process is gone is ended
 * here and now. False when the job is not running any more (or is not this hub's).
 */
export async function requestPlanningCancel({
  hubId,
  cycleId,
  jobId,
  now = new Date(),
}: {
  hubId: string;
  cycleId: string;
  jobId: string;
  now?: Date;
}) {
  const ended = await prisma.planningJob.updateMany({
    where: {
      id: jobId,
      cycleId,
      cycle: { hubId },
      status: "RUNNING",
      updatedAt: { lt: new Date(now.getTime() - PLANNING_STALE_MS) },
    },
    data: {
      status: "CANCELLED",
      cancelRequested: true,
      message: "Cancelled. The run had already stopped (the server restarted), so nothing was saved.",
    },
  });
  if (ended.count === 1) return true;
  const result = await prisma.planningJob.updateMany({
    where: { id: jobId, cycleId, cycle: { hubId }, status: "RUNNING" },
    data: { cancelRequested: true },
  });
  return result.count === 1;
}

/**
 * RUNNING jobs not written since `before` lost their process: they become FAILED with the reason,
 * so the page stops waiting and offers to plan again. `cycleId` narrows it to one cycle; without
 * it every hub's jobs are checked (start-up).
 */
export function failStalePlanningJobs({ cycleId, before }: { cycleId?: string; before: Date }) {
  return prisma.planningJob.updateMany({
    where: { ...(cycleId ? { cycleId } : {}), status: "RUNNING", updatedAt: { lt: before } },
    data: { status: "FAILED", message: staleJobMessage() },
  });
}
