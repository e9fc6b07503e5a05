// A planning run whose process died (crash, restart, killed worker) must not spin forever: it reads
// as failed with the reason once its heartbeat stops, start-up fails the orphans, Cancel ends it,
// and the plan page offers planning again. A live run keeps its heartbeat and stays RUNNING.
import { describe, expect, it } from "vitest";
import {
  findLatestPlanningJob,
  findPlanningJob,
  PLANNING_STALE_MS,
  requestPlanningCancel,
  STALE_JOB_MESSAGE,
  touchPlanningJob,
} from "~/models/planning-job.server";
import { loader as planLoader } from "~/routes/hub.cycles.$cycleId.plan/route";
import { failInterruptedPlanningJobs } from "~/jobs/planning-runner.server";
import { prisma } from "~/utils/db.server";
import { createTestCycle, createTestHub, createTestUser, makeRequest } from "../factories";
import { args } from "../support/ordering";

async function world() {
  const coordinator = await createTestUser({ role: "COORDINATOR" });
  const hub = await createTestHub({ coordinatorId: coordinator.id });
  const cycle = await createTestCycle(hub.id);
  return { coordinator, hub, cycle };
}

async function runningJob(cycleId: string, lastWriteMsAgo: number) {
  const job = await prisma.planningJob.create({ data: { cycleId, message: "Planning delivery runs…", progress: 40 } });
  await prisma.$executeRaw`UPDATE "PlanningJob" SET "updatedAt" = ${new Date(Date.now() - lastWriteMsAgo)} WHERE id = ${job.id}`;
  return job;
}

const statusOf = async (id: string) => (await prisma.planningJob.findUniqueOrThrow({ where: { id } })).status;

describe("planning jobs that lost their process", () => {
  it("a run silent for longer than the stale limit reads as failed, with the reason, and the page offers to plan again", async () => {
    const { coordinator, hub, cycle } = await world();
    const job = await runningJob(cycle.id, PLANNING_STALE_MS + 5_000);
    const read = await findPlanningJob({ hubId: hub.id, cycleId: cycle.id, jobId: job.id });
    expect(read).toMatchObject({ status: "FAILED", message: STALE_JOB_MESSAGE });
    const response = (await planLoader(
      args(await makeRequest(`/hub/cycles/${cycle.id}/plan`, { userId: coordinator.id }), { cycleId: cycle.id }),
    )) as Response;
    const page = (await response.json()) as { job: { status: string; message: string } | null };
    expect(page.job).toMatchObject({ status: "FAILED", message: STALE_JOB_MESSAGE });
  });

  it("a run that keeps its heartbeat stays RUNNING", async () => {
    const { hub, cycle } = await world();
    const job = await runningJob(cycle.id, PLANNING_STALE_MS - 20_000);
    expect((await findLatestPlanningJob({ hubId: hub.id, cycleId: cycle.id }))?.status).toBe("RUNNING");
    // Time passes, but the runner's heartbeat writes the job.
    await touchPlanningJob({ jobId: job.id });
    const later = new Date(Date.now() + 30_000);
    expect((await findLatestPlanningJob({ hubId: hub.id, cycleId: cycle.id, now: later }))?.status).toBe("RUNNING");
  });

  it("start-up fails every orphan on the embedded database, and only stale ones on PostgreSQL", async () => {
    const { cycle } = await world();
    const fresh = await runningJob(cycle.id, 1_000);
    const old = await runningJob(cycle.id, PLANNING_STALE_MS * 2);
    expect(await failInterruptedPlanningJobs({ embedded: false })).toBeGreaterThanOrEqual(1);
    expect(await statusOf(old.id)).toBe("FAILED");
    expect(await statusOf(fresh.id)).toBe("RUNNING");
    expect(await failInterruptedPlanningJobs({ embedded: true })).toBeGreaterThanOrEqual(1);
    expect(await statusOf(fresh.id)).toBe("FAILED");
  });

  it("Cancel ends a stale run at once, asks a live one to stop, and refuses a finished one", async () => {
    const { hub, cycle } = await world();
    const stale = await runningJob(cycle.id, PLANNING_STALE_MS + 1_000);
    expect(await requestPlanningCancel({ hubId: hub.id, cycleId: cycle.id, jobId: stale.id })).toBe(true);
    expect(await statusOf(stale.id)).toBe("CANCELLED");
    const live = await runningJob(cycle.id, 1_000);
    expect(await requestPlanningCancel({ hubId: hub.id, cycleId: cycle.id, jobId: live.id })).toBe(true);
    expect(await prisma.planningJob.findUniqueOrThrow({ where: { id: live.id } })).toMatchObject({
      status: "RUNNING",
      cancelRequested: true,
    });
    expect(await requestPlanningCancel({ hubId: hub.id, cycleId: cycle.id, jobId: stale.id })).toBe(false);
    // Another hub's coordinator cannot touch it.
    const other = await createTestHub();
    expect(await requestPlanningCancel({ hubId: other.id, cycleId: cycle.id, jobId: live.id })).toBe(false);
  });
});
