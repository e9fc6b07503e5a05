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
  hubId: string | null;
  lat: number | null;
  lng: number | null;
  address: string | null;
}

const sessionUserSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  buyerKind: true,
  distanceUnit: true,
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
    select: { id: true, passwordHash: true },
  });
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
  return prisma.user
    .count({ where: { email: email.toLowerCase() } })
    .then((count) => count > 0);
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

export function setUserRole({ id, role, buyerKind }: { id: string; role: Role; buyerKind: BuyerKind | null }) {
  return prisma.user.update({ where: { id }, data: { role, buyerKind }, select: { id: true, role: true } });
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

export function getFirstHubId(): Promise<string | null> {
  return prisma.hub.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } }).then((hub) => hub?.id ?? null);
}
