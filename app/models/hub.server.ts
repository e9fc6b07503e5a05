// Hub, its settings and its delivery cycles, always scoped by the hub (and the hub by its coordinator).
import { COUNTED_ORDER_STATUSES } from "~/domain/order-status";
import { Prisma } from "~generated/prisma/client.ts";
import type { CycleStatus } from "~generated/prisma/enums.ts";
import { prisma } from "~/utils/db.server";
import { cycleStatusesThatMayBecome } from "~/domain/cycles";
import { defaultDb, type Db } from "./database.server";

const HUB_SELECT = {
  id: true,
  name: true,
  slug: true,
  coordinatorId: true,
  depotAddress: true,
  depotLat: true,
  depotLng: true,
  zoneRadiusM: true,
  zonePolygon: true,
  orderMinimumMinor: true,
  deliveryFeeMinor: true,
  deliveryFeePerKmMinor: true,
  currency: true,
  carbonBaselineProfile: true,
  timeZone: true,
  cutoffDaysBefore: true,
  cutoffMinuteOfDay: true,
  winterMonths: true,
  winterDeratingPercent: true,
  fridgeDeratingPercent: true,
} satisfies Prisma.HubSelect;

export type HubSettings = Prisma.HubGetPayload<{ select: typeof HUB_SELECT }>;

/** The hub a coordinator runs; an admin (who sees every hub) gets the one named, or the first. */
export function findHubForUser({ userId, role, hubId }: { userId: string; role: string; hubId?: string | null }) {
  if (role === "ADMIN") {
    return prisma.hub.findFirst({
      where: hubId ? { id: hubId } : {},
      orderBy: { createdAt: "asc" },
      select: HUB_SELECT,
    });
  }
  return prisma.hub.findFirst({ where: { coordinatorId: userId }, orderBy: { createdAt: "asc" }, select: HUB_SELECT });
}

export type HubSettingsInput = Omit<HubSettings, "id" | "slug" | "coordinatorId" | "zonePolygon"> & {
  zonePolygon: Array<[number, number]> | null;
};

/** True once the hub has taken an order: its currency is then fixed. */
export async function hubHasOrders({ hubId }: { hubId: string }): Promise<boolean> {
  return (await prisma.order.count({ where: { hubId }, take: 1 })) > 0;
}

export class CurrencyLockedError extends Error {
  override name = "CurrencyLockedError";
  constructor(readonly currency: string) {
    super(`The hub already has orders in ${currency}: its currency can no longer change.`);
  }
}

/**
 * Saves a hub's settings. The currency may change only while the hub has no order (prices and
 * orders are amounts in it; nothing is converted): checked on the locked hub row, in the same
 * transaction. A new currency re-stamps the hub's farms so the discovery index re-reads them.
 */
export function updateHubSettings({ hubId, data }: { hubId: string; data: HubSettingsInput }) {
  return prisma.$transaction(async (tx) => {
    const [current] = await tx.$queryRaw<Array<{ currency: string }>>`
      SELECT currency FROM "Hub" WHERE id = ${hubId} FOR UPDATE`;
    if (current && current.currency !== data.currency) {
      const orders = await tx.order.count({ where: { hubId } });
      if (orders > 0) throw new CurrencyLockedError(current.currency);
      await tx.farm.updateMany({ where: { hubId }, data: { updatedAt: new Date() } });
    }
    return tx.hub.update({
      where: { id: hubId },
      data: { ...data, zonePolygon: data.zonePolygon ?? Prisma.DbNull },
      select: { id: true },
    });
  });
}

export function createHub({
  coordinatorId,
  slug,
  data,
}: {
  coordinatorId: string;
  slug: string;
  data: HubSettingsInput;
}) {
  return prisma.hub.create({
    data: { ...data, slug, coordinatorId, zonePolygon: data.zonePolygon ?? Prisma.DbNull },
    select: { id: true },
  });
}

export async function getHubOverview({ hubId }: { hubId: string }) {
  const [cycles, vehicles, farms] = await Promise.all([
    prisma.deliveryCycle.findMany({
      where: { hubId },
      orderBy: { deliveryDate: "desc" },
      take: 6,
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
    }),
    prisma.vehicle.count({ where: { hubId, active: true } }),
    prisma.farm.count({ where: { hubId } }),
  ]);
  return { cycles, vehicles, farms };
}

// ----- Cycles -----

const CYCLE_SELECT = {
  id: true,
  hubId: true,
  name: true,
  opensAt: true,
  cutoffAt: true,
  deliveryDate: true,
  status: true,
  slots: {
    orderBy: { startMinute: "asc" },
    select: { id: true, startMinute: true, endMinute: true, _count: { select: { orders: true } } },
  },
} satisfies Prisma.DeliveryCycleSelect;

export type AdminCycle = Prisma.DeliveryCycleGetPayload<{ select: typeof CYCLE_SELECT }>;

export function listCyclesForHub({ hubId }: { hubId: string }) {
  return prisma.deliveryCycle.findMany({
    where: { hubId },
    orderBy: { deliveryDate: "desc" },
    select: {
      ...CYCLE_SELECT,
      _count: { select: { orders: { where: { status: { in: [...COUNTED_ORDER_STATUSES] } } }, routePlans: true } },
    },
  });
}

export function findCycleForHub({ hubId, cycleId }: { hubId: string; cycleId: string }) {
  return prisma.deliveryCycle.findFirst({
    where: { id: cycleId, hubId },
    select: {
      ...CYCLE_SELECT,
      _count: { select: { orders: { where: { status: { in: [...COUNTED_ORDER_STATUSES] } } }, routePlans: true } },
    },
  });
}

export interface CycleInput {
  name: string;
  opensAt: Date;
  cutoffAt: Date;
  deliveryDate: Date;
  slots: Array<{ startMinute: number; endMinute: number }>;
}

export function createCycleRow({ hubId, data }: { hubId: string; data: CycleInput }) {
  return prisma.deliveryCycle.create({
    data: {
      hubId,
      name: data.name,
      opensAt: data.opensAt,
      cutoffAt: data.cutoffAt,
      deliveryDate: data.deliveryDate,
      slots: { create: data.slots },
    },
    select: { id: true },
  });
}

/**
 * Replaces the cycle's dates and slots in one transaction. Slots that buyers already chose are
 * kept when an identical slot is still listed (their orders keep pointing at them).
 */
export async function updateCycleRow({ hubId, cycleId, data }: { hubId: string; cycleId: string; data: CycleInput }) {
  return prisma.$transaction(async (tx) => {
    const cycle = await tx.deliveryCycle.findFirst({
      where: { id: cycleId, hubId },
      select: { id: true, slots: { select: { id: true, startMinute: true, endMinute: true } } },
    });
    if (!cycle) return null;
    const wanted = new Set(data.slots.map((s) => `${s.startMinute}-${s.endMinute}`));
    const existing = new Set(cycle.slots.map((s) => `${s.startMinute}-${s.endMinute}`));
    const removed = cycle.slots.filter((s) => !wanted.has(`${s.startMinute}-${s.endMinute}`)).map((s) => s.id);
    if (removed.length) await tx.deliverySlot.deleteMany({ where: { id: { in: removed }, cycleId } });
    const added = data.slots.filter((s) => !existing.has(`${s.startMinute}-${s.endMinute}`));
    if (added.length) await tx.deliverySlot.createMany({ data: added.map((s) => ({ ...s, cycleId })) });
    await tx.deliveryCycle.update({
      where: { id: cycleId },
      data: { name: data.name, opensAt: data.opensAt, cutoffAt: data.cutoffAt, deliveryDate: data.deliveryDate },
    });
    return { id: cycleId };
  });
}

/**
 * Moves a cycle of the hub to `status` when its lifecycle allows it (domain/cycles); returns
 * whether it moved (false: not this hub's, or in a status that cannot move there).
 */
export async function setCycleStatus({
  db = defaultDb,
  hubId,
  cycleId,
  status,
  cutoffAt,
}: {
  db?: Db;
  hubId: string;
  cycleId: string;
  status: CycleStatus;
  cutoffAt?: Date;
}): Promise<boolean> {
  const moved = await db.deliveryCycle.updateMany({
    where: { id: cycleId, hubId, status: { in: cycleStatusesThatMayBecome(status) } },
    data: { status, ...(cutoffAt ? { cutoffAt } : {}) },
  });
  return moved.count === 1;
}

export function listActiveVehicleShifts({ hubId }: { hubId: string }) {
  return prisma.vehicle.findMany({
    where: { hubId, active: true },
    select: { id: true, name: true, shiftStartMinute: true, shiftEndMinute: true },
  });
}

// ----- Money settings (docs/decisions/035) -----

const HUB_MONEY_SELECT = {
  payeeName: true,
  bankAccountName: true,
  bankSortCode: true,
  bankAccountNumber: true,
  bankIban: true,
  paymentReferenceHint: true,
  commissionBasisPoints: true,
  hubFeeBasisPoints: true,
  cardFeesSharedWithFarms: true,
} satisfies Prisma.HubSelect;

export type HubMoneySettings = Prisma.HubGetPayload<{ select: typeof HUB_MONEY_SELECT }>;

export function getHubMoneySettings({ hubId }: { hubId: string }): Promise<HubMoneySettings | null> {
  return prisma.hub.findUnique({ where: { id: hubId }, select: HUB_MONEY_SELECT });
}

export function updateHubMoneySettings({ hubId, data }: { hubId: string; data: HubMoneySettings }) {
  return prisma.hub.update({ where: { id: hubId }, data, select: { id: true } });
}

/** How to pay the hub of the buyer's own order (null when the order is not theirs). */
export async function getHubPayeeForBuyerOrder({ orderId, buyerId }: { orderId: string; buyerId: string }) {
  const order = await prisma.order.findFirst({
    where: { id: orderId, buyerId },
    select: {
      hub: {
        select: {
          payeeName: true,
          bankAccountName: true,
          bankSortCode: true,
          bankAccountNumber: true,
          bankIban: true,
          paymentReferenceHint: true,
        },
      },
    },
  });
  return order?.hub ?? null;
}
