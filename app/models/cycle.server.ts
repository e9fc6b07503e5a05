// Delivery cycles and hub settings as ordering reads them.
import { prisma } from "~/utils/db.server";

const cycleSelect = {
  id: true,
  hubId: true,
  name: true,
  opensAt: true,
  cutoffAt: true,
  deliveryDate: true,
  status: true,
  slots: { select: { id: true, startMinute: true, endMinute: true }, orderBy: { startMinute: "asc" } },
} as const;

export type CycleRow = Awaited<ReturnType<typeof listHubCycles>>[number];

/** Cycles that may be open now or soon (stored OPEN), plus recent ones for history views. */
export function listHubCycles({ hubId, since }: { hubId: string; since?: Date }) {
  return prisma.deliveryCycle.findMany({
    where: { hubId, ...(since ? { deliveryDate: { gte: since } } : {}) },
    orderBy: [{ deliveryDate: "desc" }],
    take: 50,
    select: cycleSelect,
  });
}

export function listOpenStoredCycles({ hubId }: { hubId?: string } = {}) {
  return prisma.deliveryCycle.findMany({ where: { status: "OPEN", ...(hubId ? { hubId } : {}) }, select: cycleSelect });
}

export function getCycle({ id, hubId }: { id: string; hubId?: string }) {
  return prisma.deliveryCycle.findFirst({ where: { id, ...(hubId ? { hubId } : {}) }, select: cycleSelect });
}

export function getHubForOrdering({ id }: { id: string }) {
  return prisma.hub.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      depotAddress: true,
      depotLat: true,
      depotLng: true,
      zoneRadiusM: true,
      zonePolygon: true,
      orderMinimumMinor: true,
      deliveryFeeMinor: true,
      deliveryFeePerKmMinor: true,
      currency: true,
      timeZone: true,
    },
  });
}
export type HubForOrdering = NonNullable<Awaited<ReturnType<typeof getHubForOrdering>>>;

export function getCoordinatedHub({ coordinatorId }: { coordinatorId: string }) {
  return prisma.hub.findFirst({
    where: { coordinatorId },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, timeZone: true, currency: true },
  });
}

export function getAnyHub({ id }: { id: string }) {
  return prisma.hub.findUnique({ where: { id }, select: { id: true, name: true, timeZone: true, currency: true } });
}

/**
 * Cycles whose ordering closed in [since, until) (not cancelled ones: a cycle has no such status;
 * a cycle's cut-off is its ordering's end), each with its hub's time zone: for the farms' pack
 * lists sent at the cut-off.
 */
export function listCyclesClosedBetween({ since, until }: { since: Date; until: Date }) {
  return prisma.deliveryCycle.findMany({
    where: { cutoffAt: { gte: since, lt: until } },
    orderBy: { cutoffAt: "asc" },
    select: {
      id: true,
      name: true,
      hubId: true,
      cutoffAt: true,
      deliveryDate: true,
      hub: { select: { timeZone: true } },
    },
  });
}
