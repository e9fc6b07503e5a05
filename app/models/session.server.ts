// Server-side records of signed-in browsers (docs/decisions/019). The cookie carries a random id;
// only its sha256 is stored, so a database leak does not hand out sessions.
import { prisma } from "~/utils/db.server";
import { sessionUserSelect, type SessionUser } from "./user.server";

export function createSessionRecord(data: { userId: string; tokenHash: string; expiresAt: Date }) {
  return prisma.session.create({ data, select: { id: true } });
}

/** The session's user, with the session version the cookie must match; null when unknown. */
export async function getSessionRecord({
  tokenHash,
}: {
  tokenHash: string;
}): Promise<{ userId: string; expiresAt: Date; sessionVersion: number; user: SessionUser } | null> {
  const row = await prisma.session.findUnique({
    where: { tokenHash },
    select: {
      userId: true,
      expiresAt: true,
      user: { select: { ...sessionUserSelect, sessionVersion: true, deactivatedAt: true } },
    },
  });
  // A deactivated account has no session (its records are dropped too; this is the belt to those braces).
  if (!row || row.user.deactivatedAt) return null;
  const { sessionVersion, deactivatedAt: _deactivated, ...user } = row.user;
  return { userId: row.userId, expiresAt: row.expiresAt, sessionVersion, user };
}

export async function deleteSessionRecord({ tokenHash }: { tokenHash: string }) {
  await prisma.session.deleteMany({ where: { tokenHash } });
}

export async function deleteExpiredSessions({ now }: { now: Date }) {
  await prisma.session.deleteMany({ where: { expiresAt: { lt: now } } });
}
