// Admin read models and the few writes only an admin makes. Admins see every hub and farm.
import { prisma } from "~/utils/db.server";
import type { FarmStatus } from "~generated/prisma/enums.ts";
import { serverT } from "~/i18n/i18n.server";

export function listFarmsForAdmin({
  status,
  skip = 0,
  take = 50,
}: {
  status?: FarmStatus;
  skip?: number;
  take?: number;
}) {
  const where = status ? { status } : {};
  return Promise.all([
    prisma.farm.findMany({
      where,
      orderBy: [{ status: "asc" }, { createdAt: "desc" }],
      skip,
      take,
      select: {
        id: true,
        name: true,
        slug: true,
        status: true,
        address: true,
        createdAt: true,
        owner: { select: { name: true, email: true } },
        hub: { select: { name: true } },
        _count: { select: { products: { where: { archivedAt: null } } } },
      },
    }),
    prisma.farm.count({ where }),
    prisma.farm.groupBy({ by: ["status"], orderBy: { status: "asc" }, _count: { _all: true } }),
  ] as const);
}

export async function setFarmStatus({ id, status }: { id: string; status: FarmStatus }) {
  const result = await prisma.farm.updateMany({ where: { id }, data: { status } });
  return result.count === 1;
}

export function listHubsForAdmin() {
  return prisma.hub.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      depotAddress: true,
      zoneRadiusM: true,
      currency: true,
      timeZone: true,
      coordinator: { select: { id: true, name: true, email: true } },
      _count: { select: { farms: true, members: true, vehicles: true, orders: true } },
      cycles: {
        orderBy: { deliveryDate: "desc" },
        take: 1,
        select: { name: true, status: true, deliveryDate: true, opensAt: true, cutoffAt: true },
      },
    },
  });
}

export function listCoordinators() {
  return prisma.user.findMany({
    where: { role: "COORDINATOR" },
    orderBy: { name: "asc" },
    select: { id: true, name: true, email: true },
  });
}

export async function setHubCoordinator({ hubId, coordinatorId }: { hubId: string; coordinatorId: string | null }) {
  if (coordinatorId) {
    const coordinator = await prisma.user.findFirst({
      where: { id: coordinatorId, role: "COORDINATOR" },
      select: { id: true },
    });
    if (!coordinator) return { ok: false as const, reason: serverT("messages")("admin.notCoordinator") };
  }
  const result = await prisma.hub.updateMany({ where: { id: hubId }, data: { coordinatorId } });
  return result.count === 1
    ? { ok: true as const }
    : { ok: false as const, reason: serverT("messages")("admin.hubGone") };
}
