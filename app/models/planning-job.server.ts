// Route-planning runs: progress and cancellation in the database so any instance can show them.
import type { JobStatus } from "~generated/prisma/enums.ts";
import { prisma } from "~/utils/db.server";

const JOB_SELECT = { id: true, cycleId: true, status: true, progress: true, message: true, cancelRequested: true, planId: true, createdAt: true, updatedAt: true } as const;

export function createPlanningJob({ cycleId, message }: { cycleId: string; message: string }) {
  return prisma.planningJob.create({ data: { cycleId, message }, select: JOB_SELECT });
}

export function findPlanningJob({ hubId, cycleId, jobId }: { hubId: string; cycleId: string; jobId: string }) {
  return prisma.planningJob.findFirst({ where: { id: jobId, cycleId, cycle: { hubId } }, select: JOB_SELECT });
}

export function findLatestPlanningJob({ hubId, cycleId }: { hubId: string; cycleId: string }) {
  return prisma.planningJob.findFirst({ where: { cycleId, cycle: { hubId } }, orderBy: { createdAt: "desc" }, select: JOB_SELECT });
}

export function findRunningPlanningJob({ cycleId, since }: { cycleId: string; since: Date }) {
  return prisma.planningJob.findFirst({ where: { cycleId, status: "RUNNING", updatedAt: { gte: since } }, select: JOB_SELECT });
}

export function updatePlanningJob({ jobId, progress, message }: { jobId: string; progress?: number; message?: string }) {
  return prisma.planningJob.updateMany({ where: { id: jobId, status: "RUNNING" }, data: { ...(progress !== undefined ? { progress } : {}), ...(message !== undefined ? { message } : {}) } });
}

export function finishPlanningJob({ jobId, status, message, planId }: { jobId: string; status: JobStatus; message: string; planId?: string }) {
  return prisma.planningJob.update({ where: { id: jobId }, data: { status, message, ...(status === "DONE" ? { progress: 100 } : {}), ...(planId ? { planId } : {}) } });
}

export async function isPlanningCancelRequested({ jobId }: { jobId: string }) {
  const job = await prisma.planningJob.findUnique({ where: { id: jobId }, select: { cancelRequested: true } });
  return job?.cancelRequested ?? true;
}

export async function requestPlanningCancel({ hubId, cycleId, jobId }: { hubId: string; cycleId: string; jobId: string }) {
  const result = await prisma.planningJob.updateMany({ where: { id: jobId, cycleId, cycle: { hubId }, status: "RUNNING" }, data: { cancelRequested: true } });
  return result.count === 1;
}

/** Jobs whose process died (no progress for a while) are marked failed so the page does not spin forever. */
export function failStalePlanningJobs({ cycleId, before }: { cycleId: string; before: Date }) {
  return prisma.planningJob.updateMany({
    where: { cycleId, status: "RUNNING", updatedAt: { lt: before } },
    data: { status: "FAILED", message: "Planning stopped without finishing (the server restarted?). Plan again." },
  });
}
