import { prisma } from "~/utils/db.server";
import type { BuyerKind, DistanceUnit, Role } from "~generated/prisma/enums.ts";

/** What the app keeps of the signed-in user: never the password hash. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  buyerKind: BuyerKind | null;
  distanceUnit: DistanceUnit;
  /** The language chosen in the account; null follows the browser (docs/decisions/025). */
  locale: string | null;
  hubId: string | null;
  lat: number | null;
  lng: number | null;
  address: string | null;
}

export const sessionUserSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  buyerKind: true,
  distanceUnit: true,
  locale: true,
  hubId: true,
  lat: true,
  lng: true,
  address: true,
} as const;

export function getSessionUserById({ id }: { id: string }): Promise<SessionUser | null> {
  return prisma.user.findUnique({ where: { id }, select: sessionUserSelect });
}

export function getUserCredentials({ email }: { email: string }) {
  return prisma.user.findUnique({
    where: { email: email.toLowerCase() },
    select: { id: true, passwordHash: true, locale: true, deactivatedAt: true },
  });
}

export function getPasswordHash({ id }: { id: string }): Promise<string | null> {
  return prisma.user
    .findUnique({ where: { id }, select: { passwordHash: true } })
    .then((row) => row?.passwordHash ?? null);
}

/** Ends every session of the user (all devices): bumps the session version and drops the session
 * records, in one transaction. Returns the new version. */
export async function endAllSessions({ userId }: { userId: string }): Promise<number> {
  const [user] = await prisma.$transaction([
    prisma.user.update({
      where: { id: userId },
      data: { sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    }),
    prisma.session.deleteMany({ where: { userId } }),
  ]);
  return user.sessionVersion;
}

/** A new password ends every session (the caller starts a fresh one for the current browser). */
export async function setUserPassword({ id, passwordHash }: { id: string; passwordHash: string }): Promise<number> {
  const [user] = await prisma.$transaction([
    prisma.user.update({
      where: { id },
      data: { passwordHash, sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    }),
    prisma.session.deleteMany({ where: { userId: id } }),
    prisma.passwordResetToken.updateMany({ where: { userId: id, usedAt: null }, data: { usedAt: new Date() } }),
  ]);
  return user.sessionVersion;
}

export function getSessionVersion({ id }: { id: string }): Promise<number | null> {
  return prisma.user
    .findUnique({ where: { id }, select: { sessionVersion: true } })
    .then((row) => row?.sessionVersion ?? null);
}

export function createUser(data: {
  email: string;
  name: string;
  passwordHash: string;
  role: Role;
  buyerKind: BuyerKind | null;
  hubId?: string | null;
}): Promise<SessionUser> {
  return prisma.user.create({
    data: { ...data, email: data.email.toLowerCase() },
    select: sessionUserSelect,
  });
}

export function emailExists({ email }: { email: string }): Promise<boolean> {
  return prisma.user.count({ where: { email: email.toLowerCase() } }).then((count) => count > 0);
}

/** Prisma's `contains` is SQL LIKE and does not escape its wildcards: "%" and "_" match literally. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}

export function listUsers({ query, skip = 0, take = 50 }: { query?: string; skip?: number; take?: number }) {
  const literal = query ? likeLiteral(query) : "";
  const where = query
    ? {
        OR: [
          { email: { contains: literal, mode: "insensitive" as const } },
          { name: { contains: literal, mode: "insensitive" as const } },
        ],
      }
    : {};
  return prisma.$transaction([
    prisma.user.findMany({
      where,
      orderBy: [{ role: "asc" }, { email: "asc" }],
      skip,
      take,
      select: { id: true, email: true, name: true, role: true, buyerKind: true, createdAt: true },
    }),
    prisma.user.count({ where }),
  ]);
}

/** A role change ends the user's sessions: a demoted user keeps no page open with the old rights.
 * Saving the same role again changes nothing. Throws when the user does not exist. */
export function setUserRole({ id, role, buyerKind }: { id: string; role: Role; buyerKind: BuyerKind | null }) {
  return prisma.$transaction(async (tx) => {
    const current = await tx.user.findUniqueOrThrow({ where: { id }, select: { role: true, buyerKind: true } });
    const changed = current.role !== role || current.buyerKind !== buyerKind;
    const user = await tx.user.update({
      where: { id },
      data: { role, buyerKind, ...(changed ? { sessionVersion: { increment: 1 } } : {}) },
      select: { id: true, role: true },
    });
    if (changed) await tx.session.deleteMany({ where: { userId: id } });
    return user;
  });
}

export function updateUserPreferences({
  id,
  distanceUnit,
  name,
  address,
  lat,
  lng,
  phone,
}: {
  id: string;
  distanceUnit: DistanceUnit;
  name: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  phone: string | null;
}) {
  return prisma.user.update({
    where: { id },
    data: { distanceUnit, name, address, lat, lng, phone },
    select: sessionUserSelect,
  });
}

/** Saves the language the user chose; null follows the browser. */
export function updateUserLocale({ id, locale }: { id: string; locale: string | null }) {
  return prisma.user.update({ where: { id }, data: { locale }, select: { id: true, locale: true } });
}

export function getFirstHubId(): Promise<string | null> {
  return prisma.hub.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } }).then((hub) => hub?.id ?? null);
}
