// Small read models for the role home pages.
import { COUNTED_ORDER_STATUSES } from "~/domain/order-status";
import { prisma } from "~/utils/db.server";

export async function getBuyerHome({ userId, hubId, now }: { userId: string; hubId: string | null; now: Date }) {
  const [cycle, orders] = await Promise.all([
    hubId
      ? prisma.deliveryCycle.findFirst({
          where: { hubId, opensAt: { lte: now }, cutoffAt: { gt: now }, status: "OPEN" },
          orderBy: { cutoffAt: "asc" },
          select: {
            id: true,
            name: true,
            cutoffAt: true,
            deliveryDate: true,
            hub: { select: { name: true, timeZone: true } },
          },
        })
      : null,
    prisma.order.findMany({
      where: { buyerId: userId },
      orderBy: { placedAt: "desc" },
      take: 5,
      select: {
        id: true,
        number: true,
        status: true,
        totalMinor: true,
        currency: true,
        placedAt: true,
        hub: { select: { timeZone: true } },
      },
    }),
  ]);
  return { cycle, orders };
}

export async function getFarmerHome({ userId }: { userId: string }) {
  const farms = await prisma.farm.findMany({
    where: { ownerId: userId },
    select: {
      id: true,
      name: true,
      status: true,
      _count: { select: { products: { where: { archivedAt: null } } } },
    },
  });
  return { farms };
}

export async function getCoordinatorHome({ userId, now }: { userId: string; now: Date }) {
  const hubs = await prisma.hub.findMany({
    where: { coordinatorId: userId },
    select: {
      id: true,
      name: true,
      timeZone: true,
      _count: { select: { farms: true, vehicles: true, members: true } },
      cycles: {
        where: { deliveryDate: { gte: new Date(now.getTime() - 86_400_000) } },
        orderBy: { deliveryDate: "asc" },
        take: 3,
        select: {
          id: true,
          name: true,
          status: true,
          opensAt: true,
          cutoffAt: true,
          deliveryDate: true,
          // The orders that count (domain/order-status): the same figure on every page.
          _count: { select: { orders: { where: { status: { in: [...COUNTED_ORDER_STATUSES] } } } } },
        },
      },
    },
  });
  return { hubs };
}

export async function getAdminHome() {
  const [roles, farms, hubs, orders] = await Promise.all([
    prisma.user.groupBy({ by: ["role"], _count: { _all: true } }),
    prisma.farm.groupBy({ by: ["status"], _count: { _all: true } }),
    prisma.hub.count(),
    prisma.order.count(),
  ]);
  return {
    roles: Object.fromEntries(roles.map((row) => [row.role, row._count._all])) as Partial<Record<string, number>>,
    farms: Object.fromEntries(farms.map((row) => [row.status, row._count._all])) as Partial<Record<string, number>>,
    hubs,
    orders,
  };
}
