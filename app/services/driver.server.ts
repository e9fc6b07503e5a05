// Drivers (docs/decisions/030): a coordinator invites them by email, assigns them routes and may
// deactivate them; an invitee sets a password from the emailed link and becomes a DRIVER of the
// hub; a driver lists their routes of today and later.
import { createHash, randomBytes } from "node:crypto";
import { routeRunStatus } from "~/domain/planning/progress";
import { zonedDate, zonedToUtc } from "~/domain/time-zone";
import { currentLanguage, serverT } from "~/i18n/i18n.server";
import {
  acceptDriverInvitation,
  createDriverInvitation,
  deactivateHubDriver,
  findActiveHubDriver,
  findHubRoutePlan,
  findOpenInvitationForEmail,
  getDriverInvitation,
  listDriverRoutes,
  reactivateHubDriver,
  renewDriverInvitation,
  revokeDriverInvitation,
  setRouteDriver,
} from "~/models/driver.server";
import { findCurrentPlanId } from "~/models/route-plan.server";
import { emailExists } from "~/models/user.server";
import { notifyDriverInvitation } from "~/services/notification.server";
import { hashPassword } from "~/utils/password.server";

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
const newToken = () => randomBytes(32).toString("base64url");
const expiry = (now: Date) => new Date(now.getTime() + INVITATION_DAYS * 24 * 60 * 60_000);

export type DriverActionResult =
  { ok: true } | { ok: false; status: 400 | 404 | 409; field: "email" | "driverId" | null; message: string };

const notFound = (message: string): Extract<DriverActionResult, { ok: false }> => ({
  ok: false,
  status: 404,
  field: null,
  message,
});

/**
 * Invites a driver to the hub: an email that is already an account's (whatever its role) is
 * refused, and so is a second open invitation for the same email (resend the first instead).
 */
export async function inviteDriver(input: {
  hub: { id: string; name: string };
  invitedById: string;
  name: string;
  email: string;
  now?: Date;
}): Promise<DriverActionResult> {
  const t = serverT("hub");
  const now = input.now ?? new Date();
  if (await emailExists({ email: input.email })) {
    return { ok: false, status: 409, field: "email", message: t("drivers.errors.emailTaken") };
  }
  if (await findOpenInvitationForEmail({ hubId: input.hub.id, email: input.email })) {
    return { ok: false, status: 409, field: "email", message: t("drivers.errors.alreadyInvited") };
  }
  const token = newToken();
  await createDriverInvitation({
    hubId: input.hub.id,
    email: input.email,
    name: input.name,
    tokenHash: hashToken(token),
    expiresAt: expiry(now),
    invitedById: input.invitedById,
  });
  await notifyDriverInvitation({
    to: input.email.toLowerCase(),
    name: input.name,
    hubName: input.hub.name,
    token,
    days: INVITATION_DAYS,
    language: currentLanguage(),
  });
  return { ok: true };
}

/** A new link (7 days from now) for an open invitation; the previous link stops working. */
export async function resendDriverInvitation(input: {
  hub: { id: string; name: string };
  invitationId: string;
  now?: Date;
}): Promise<DriverActionResult> {
  const now = input.now ?? new Date();
  const token = newToken();
  const invitation = await renewDriverInvitation({
    hubId: input.hub.id,
    invitationId: input.invitationId,
    tokenHash: hashToken(token),
    expiresAt: expiry(now),
  });
  if (!invitation) return notFound(serverT("hub")("drivers.errors.invitationNotFound"));
  await notifyDriverInvitation({
    to: invitation.email,
    name: invitation.name,
    hubName: input.hub.name,
    token,
    days: INVITATION_DAYS,
    language: currentLanguage(),
  });
  return { ok: true };
}

export async function revokeInvitation(input: {
  hubId: string;
  invitationId: string;
  now?: Date;
}): Promise<DriverActionResult> {
  const done = await revokeDriverInvitation({ ...input, now: input.now ?? new Date() });
  return done ? { ok: true } : notFound(serverT("hub")("drivers.errors.invitationNotFound"));
}

export async function deactivateDriver(input: {
  hubId: string;
  driverId: string;
  now?: Date;
}): Promise<DriverActionResult> {
  const done = await deactivateHubDriver({ ...input, now: input.now ?? new Date() });
  return done ? { ok: true } : notFound(serverT("hub")("drivers.errors.driverNotFound"));
}

/** Lets a deactivated driver of the hub log in again (a second click changes nothing). */
export async function reactivateDriver(input: { hubId: string; driverId: string }): Promise<DriverActionResult> {
  const done = await reactivateHubDriver(input);
  return done ? { ok: true } : notFound(serverT("hub")("drivers.errors.driverNotInHub"));
}

export type InvitationState = "valid" | "expired" | "used" | "revoked" | "unknown";

/** What an invitation link is worth, for the page that opens it (opening it uses nothing). */
export async function checkDriverInvitation({
  token,
  now = new Date(),
}: {
  token: string;
  now?: Date;
}): Promise<{ state: InvitationState; name: string | null; email: string | null; hubName: string | null }> {
  const row = await getDriverInvitation({ tokenHash: hashToken(token) });
  const state: InvitationState = !row
    ? "unknown"
    : row.revokedAt
      ? "revoked"
      : row.usedAt
        ? "used"
        : row.expiresAt.getTime() <= now.getTime()
          ? "expired"
          : "valid";
  if (state !== "valid" || !row) return { state, name: null, email: null, hubName: null };
  return { state, name: row.name, email: row.email, hubName: row.hub.name };
}

export type AcceptResult =
  { ok: true; userId: string } | { ok: false; state: Exclude<InvitationState, "valid"> | "emailTaken" };

/** Sets the driver's password from the link: one account, however many times the form is sent. */
export async function acceptInvitation({
  token,
  password,
  now = new Date(),
}: {
  token: string;
  password: string;
  now?: Date;
}): Promise<AcceptResult> {
  const passwordHash = await hashPassword(password);
  const outcome = await acceptDriverInvitation({ tokenHash: hashToken(token), passwordHash, now });
  if (outcome.ok) return outcome;
  if (outcome.reason === "emailTaken") return { ok: false, state: "emailTaken" };
  const { state } = await checkDriverInvitation({ token, now });
  return { ok: false, state: state === "valid" ? "used" : state };
}

/**
 * Gives a route of the hub's current plan to one of the hub's active drivers, or to nobody
 * (`driverId` null). Another hub's route is not found; another hub's driver, a deactivated one or
 * a user who is not a driver is refused with a message. The manifest and the plan page both post
 * here (through the manifest's action). The route's cycle comes back, for the page to return to.
 */
export async function assignRouteDriver({
  hubId,
  routeId,
  driverId,
}: {
  hubId: string;
  routeId: string;
  driverId: string | null;
}): Promise<{ ok: true; cycleId: string } | Extract<DriverActionResult, { ok: false }>> {
  const t = serverT("hub");
  const route = await findHubRoutePlan({ hubId, routeId });
  if (!route) return notFound(t("driver.routeNotFound"));
  if ((await findCurrentPlanId({ cycleId: route.plan.cycleId })) !== route.planId) {
    return { ok: false, status: 409, field: null, message: serverT("messages")("delivery.superseded") };
  }
  if (driverId && !(await findActiveHubDriver({ hubId, driverId }))) {
    return { ok: false, status: 400, field: "driverId", message: t("manifest.assign.notADriver") };
  }
  await setRouteDriver({ hubId, routeId, driverId });
  return { ok: true, cycleId: route.plan.cycleId };
}

/** A driver's routes of today (in the hub's time zone) and later, of each cycle's current plan. */
export async function listMyRoutes({
  driverId,
  hubId,
  timeZone,
  now = new Date(),
}: {
  driverId: string;
  hubId: string;
  timeZone: string;
  now?: Date;
}) {
  const today = zonedDate(now, timeZone);
  const routes = await listDriverRoutes({ driverId, hubId, from: zonedToUtc(today, 0, timeZone) });
  return routes.map((route) => ({
    id: route.id,
    kind: route.kind,
    startAt: route.startAt,
    endAt: route.endAt,
    vehicleName: route.vehicle.name,
    cycleName: route.plan.cycle.name,
    today: zonedDate(route.startAt, timeZone) === today,
    stopCount: route.stops.length,
    status: routeRunStatus(route.stops),
  }));
}
