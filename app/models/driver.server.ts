// Drivers of a hub and their invitations (docs/decisions/030). A driver is a user with the DRIVER
// role whose `hubId` is the hub they drive for; an invitation's emailed token is stored only as its
// sha256 and works once, until it expires, is revoked or is replaced by a resend.
import { prisma } from "~/utils/db.server";

const INVITATION_SELECT = {
  id: true,
  email: true,
  name: true,
  expiresAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** The hub's drivers, active first, then by name. */
export function listHubDrivers({ hubId }: { hubId: string }) {
  return prisma.user.findMany({
    where: { role: "DRIVER", hubId },
    orderBy: [{ deactivatedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }],
    select: { id: true, name: true, email: true, deactivatedAt: true, createdAt: true },
  });
}

/** The hub's drivers who may be given a route (not deactivated). */
export function listActiveHubDrivers({ hubId }: { hubId: string }) {
  return prisma.user.findMany({
    where: { role: "DRIVER", hubId, deactivatedAt: null },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

/** One active driver of the hub, or null (another hub's driver, a buyer, a deactivated driver…). */
export function findActiveHubDriver({ hubId, driverId }: { hubId: string; driverId: string }) {
  return prisma.user.findFirst({
    where: { id: driverId, role: "DRIVER", hubId, deactivatedAt: null },
    select: { id: true, name: true },
  });
}

/** Invitations neither accepted nor revoked (expired ones included: the page says so). */
export function listOpenInvitations({ hubId }: { hubId: string }) {
  return prisma.driverInvitation.findMany({
    where: { hubId, usedAt: null, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: INVITATION_SELECT,
  });
}

export function findOpenInvitationForEmail({ hubId, email }: { hubId: string; email: string }) {
  return prisma.driverInvitation.findFirst({
    where: { hubId, email: email.toLowerCase(), usedAt: null, revokedAt: null },
    select: { id: true },
  });
}

export function createDriverInvitation(data: {
  hubId: string;
  email: string;
  name: string;
  tokenHash: string;
  expiresAt: Date;
  invitedById: string | null;
}) {
  return prisma.driverInvitation.create({
    data: { ...data, email: data.email.toLowerCase() },
    select: INVITATION_SELECT,
  });
}

/**
 * A resend: a new token and a new expiry on the same invitation, so the previous link stops
 * working. Only an open invitation of the hub; null otherwise.
 */
export async function renewDriverInvitation({
  hubId,
  invitationId,
  tokenHash,
  expiresAt,
}: {
  hubId: string;
  invitationId: string;
  tokenHash: string;
  expiresAt: Date;
}) {
  const updated = await prisma.driverInvitation.updateMany({
    where: { id: invitationId, hubId, usedAt: null, revokedAt: null },
    data: { tokenHash, expiresAt },
  });
  if (updated.count !== 1) return null;
  return prisma.driverInvitation.findUnique({ where: { id: invitationId }, select: INVITATION_SELECT });
}

/** Revokes an open invitation of the hub; false when there is none. */
export async function revokeDriverInvitation({
  hubId,
  invitationId,
  now,
}: {
  hubId: string;
  invitationId: string;
  now: Date;
}): Promise<boolean> {
  const updated = await prisma.driverInvitation.updateMany({
    where: { id: invitationId, hubId, usedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
  return updated.count === 1;
}

/** What an invitation link is worth, with the hub's name for the page. */
export function getDriverInvitation({ tokenHash }: { tokenHash: string }) {
  return prisma.driverInvitation.findUnique({
    where: { tokenHash },
    select: {
      email: true,
      name: true,
      expiresAt: true,
      usedAt: true,
      revokedAt: true,
      hub: { select: { name: true } },
    },
  });
}

export type AcceptInvitationOutcome = { ok: true; userId: string } | { ok: false; reason: "notOpen" | "emailTaken" };

/**
 * Accepts an invitation in one transaction: the invitation is claimed with a conditional update
 * (so a double submit or two tabs cannot both succeed), then the driver account is created in the
 * invitation's hub. An email that became an account meanwhile rolls the claim back.
 */
export function acceptDriverInvitation({
  tokenHash,
  passwordHash,
  now,
}: {
  tokenHash: string;
  passwordHash: string;
  now: Date;
}): Promise<AcceptInvitationOutcome> {
  return prisma
    .$transaction(async (tx): Promise<AcceptInvitationOutcome> => {
      const claimed = await tx.driverInvitation.updateMany({
        where: { tokenHash, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      if (claimed.count !== 1) return { ok: false, reason: "notOpen" };
      const invitation = await tx.driverInvitation.findUniqueOrThrow({
        where: { tokenHash },
        select: { email: true, name: true, hubId: true },
      });
      if ((await tx.user.count({ where: { email: invitation.email } })) > 0) throw new EmailTakenError();
      const user = await tx.user.create({
        data: {
          email: invitation.email,
          name: invitation.name,
          passwordHash,
          role: "DRIVER",
          buyerKind: null,
          hubId: invitation.hubId,
        },
        select: { id: true },
      });
      return { ok: true, userId: user.id };
    })
    .catch((error: unknown) => {
      if (error instanceof EmailTakenError) return { ok: false, reason: "emailTaken" } as const;
      throw error;
    });
}

class EmailTakenError extends Error {
  override name = "EmailTakenError";
}

/**
 * Deactivates a driver of the hub: log-in is refused from now on, every session and open reset
 * link ends, and the routes of cycles not yet delivered lose their assignment (a delivered cycle's
 * routes keep who drove them). False when the user is not an active driver of the hub.
 */
export function deactivateHubDriver({
  hubId,
  driverId,
  now,
}: {
  hubId: string;
  driverId: string;
  now: Date;
}): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const updated = await tx.user.updateMany({
      where: { id: driverId, role: "DRIVER", hubId, deactivatedAt: null },
      data: { deactivatedAt: now, sessionVersion: { increment: 1 } },
    });
    if (updated.count !== 1) return false;
    await tx.session.deleteMany({ where: { userId: driverId } });
    await tx.passwordResetToken.updateMany({ where: { userId: driverId, usedAt: null }, data: { usedAt: now } });
    await tx.route.updateMany({
      where: { driverId, plan: { cycle: { status: { not: "DELIVERED" } } } },
      data: { driverId: null },
    });
    return true;
  });
}

/**
 * Reactivates a deactivated driver of the hub: log-in works again with their password. Their old
 * sessions and reset links stay ended (deactivation deleted them and bumped the session version)
 * and their routes are not given back. Idempotent: an active driver of the hub is left as is.
 * False when the user is not a driver of the hub.
 */
export function reactivateHubDriver({ hubId, driverId }: { hubId: string; driverId: string }): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const updated = await tx.user.updateMany({
      where: { id: driverId, role: "DRIVER", hubId, deactivatedAt: { not: null } },
      data: { deactivatedAt: null },
    });
    if (updated.count === 1) return true;
    return (await tx.user.count({ where: { id: driverId, role: "DRIVER", hubId } })) === 1;
  });
}

/** Sets or clears a route's driver; only a route of the hub. False when there is none. */
export async function setRouteDriver({
  hubId,
  routeId,
  driverId,
}: {
  hubId: string;
  routeId: string;
  driverId: string | null;
}): Promise<boolean> {
  const updated = await prisma.route.updateMany({
    where: { id: routeId, plan: { cycle: { hubId } } },
    data: { driverId },
  });
  return updated.count === 1;
}

/**
 * The routes assigned to a driver in their hub that start at or after `from` (the start of the
 * hub's today), of each cycle's current plan only (the newest: an older plan's routes are nobody's
 * to drive).
 */
export async function listDriverRoutes({ driverId, hubId, from }: { driverId: string; hubId: string; from: Date }) {
  const routes = await prisma.route.findMany({
    where: { driverId, startAt: { gte: from }, plan: { cycle: { hubId } } },
    orderBy: [{ startAt: "asc" }, { position: "asc" }],
    select: {
      id: true,
      kind: true,
      startAt: true,
      endAt: true,
      planId: true,
      vehicle: { select: { name: true } },
      plan: { select: { cycle: { select: { id: true, name: true, deliveryDate: true } } } },
      stops: { select: { status: true } },
    },
  });
  const cycleIds = [...new Set(routes.map((r) => r.plan.cycle.id))];
  const latest = await prisma.routePlan.findMany({
    where: { cycleId: { in: cycleIds } },
    orderBy: [{ cycleId: "asc" }, { createdAt: "desc" }],
    distinct: ["cycleId"],
    select: { id: true, cycleId: true },
  });
  const current = new Set(latest.map((p) => p.id));
  return routes.filter((r) => current.has(r.planId));
}

/** A driver's hub: its name and time zone (their routes' times are read in it). */
export function findDriverHub({ hubId }: { hubId: string }) {
  return prisma.hub.findUnique({ where: { id: hubId }, select: { id: true, name: true, timeZone: true } });
}

/** A route of the hub with its plan and cycle ids (to check it is on the cycle's current plan). */
export function findHubRoutePlan({ hubId, routeId }: { hubId: string; routeId: string }) {
  return prisma.route.findFirst({
    where: { id: routeId, plan: { cycle: { hubId } } },
    select: { id: true, planId: true, plan: { select: { cycleId: true } } },
  });
}
