// Standing orders ("repeat every cycle"), scoped by buyer.
import { prisma } from "~/utils/db.server";
import type { Fulfilment, PaymentMethod, StandingOrderStatus } from "~generated/prisma/enums.ts";
import { orderableProductSelect } from "./basket.server";

export function createStandingOrder(data: {
  buyerId: string;
  hubId: string;
  fulfilment: Fulfilment;
  paymentMethod: PaymentMethod;
  address: string | null;
  lat: number | null;
  lng: number | null;
  slotStartMinute: number | null;
  lastCycleId: string | null;
  sourceOrderId?: string | null;
  lines: Array<{ productId: string; quantityMilli: number }>;
}) {
  const { lines, ...rest } = data;
  return prisma.standingOrder.create({ data: { ...rest, lines: { create: lines } }, select: { id: true } });
}

const standingSelect = {
  id: true,
  buyerId: true,
  hubId: true,
  status: true,
  fulfilment: true,
  paymentMethod: true,
  address: true,
  lat: true,
  lng: true,
  slotStartMinute: true,
  lastCycleId: true,
  sourceOrderId: true,
  pausedUntil: true,
  createdAt: true,
  buyer: { select: { id: true, email: true, name: true, buyerKind: true, locale: true } },
  lines: { select: { id: true, productId: true, quantityMilli: true, product: { select: orderableProductSelect } } },
} as const;

export function listBuyerStandingOrders({ buyerId }: { buyerId: string }) {
  return prisma.standingOrder.findMany({
    where: { buyerId, status: { not: "CANCELLED" } },
    orderBy: { createdAt: "desc" },
    select: standingSelect,
  });
}

/** Active standing orders the repeat job runs now: those paused until a later moment are skipped. */
export function listActiveStandingOrders({ now = new Date() }: { now?: Date } = {}) {
  return prisma.standingOrder.findMany({
    where: { status: "ACTIVE", OR: [{ pausedUntil: null }, { pausedUntil: { lte: now } }] },
    select: standingSelect,
    take: 1000,
  });
}
export type StandingOrderRow = Awaited<ReturnType<typeof listActiveStandingOrders>>[number];

export async function setStandingOrderStatus({
  id,
  buyerId,
  status,
}: {
  id: string;
  buyerId: string;
  status: StandingOrderStatus;
}) {
  const { count } = await prisma.standingOrder.updateMany({
    where: { id, buyerId, status: { not: "CANCELLED" } },
    data: { status },
  });
  return count > 0;
}

/** Claims the cycle for this standing order; false when another run already did (no double orders). */
export async function claimStandingOrderCycle({
  id,
  cycleId,
  now = new Date(),
}: {
  id: string;
  cycleId: string;
  now?: Date;
}) {
  const { count } = await prisma.standingOrder.updateMany({
    where: {
      id,
      status: "ACTIVE",
      AND: [
        { OR: [{ lastCycleId: null }, { lastCycleId: { not: cycleId } }] },
        { OR: [{ pausedUntil: null }, { pausedUntil: { lte: now } }] },
      ],
    },
    data: { lastCycleId: cycleId },
  });
  return count > 0;
}

export function getOrderForRepeat({ id, buyerId }: { id: string; buyerId: string }) {
  return prisma.order.findFirst({
    where: { id, buyerId },
    select: {
      id: true,
      hubId: true,
      cycleId: true,
      fulfilment: true,
      paymentMethod: true,
      address: true,
      lat: true,
      lng: true,
      standingOrderId: true,
      slot: { select: { startMinute: true } },
      lines: { select: { productId: true, quantityMilli: true } },
    },
  });
}

/** The buyer's not-cancelled standing order made from this order, or null. */
export function getLiveStandingOrderForSource({ buyerId, sourceOrderId }: { buyerId: string; sourceOrderId: string }) {
  return prisma.standingOrder.findFirst({
    where: { buyerId, sourceOrderId, status: { not: "CANCELLED" } },
    select: { id: true },
  });
}

/** The buyer's own not-cancelled standing order, or null (someone else's → null, the route answers 404). */
export function getBuyerStandingOrder({ id, buyerId }: { id: string; buyerId: string }) {
  return prisma.standingOrder.findFirst({
    where: { id, buyerId, status: { not: "CANCELLED" } },
    select: {
      id: true,
      lines: { select: { id: true, quantityMilli: true, product: { select: { name: true, unit: true } } } },
    },
  });
}

/**
 * Replaces the quantities of the standing order's lines (0 or absent from `keep` deletes a line),
 * in one transaction. False when the standing order is not the buyer's or is cancelled.
 */
export async function updateStandingOrderLines({
  id,
  buyerId,
  lines,
}: {
  id: string;
  buyerId: string;
  lines: Array<{ lineId: string; quantityMilli: number }>;
}) {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.standingOrder.updateMany({
      where: { id, buyerId, status: { not: "CANCELLED" } },
      data: { updatedAt: new Date() },
    });
    if (count === 0) return false;
    for (const line of lines) {
      if (line.quantityMilli === 0)
        await tx.standingOrderLine.deleteMany({ where: { id: line.lineId, standingOrderId: id } });
      else
        await tx.standingOrderLine.updateMany({
          where: { id: line.lineId, standingOrderId: id },
          data: { quantityMilli: line.quantityMilli },
        });
    }
    return true;
  });
}

/** Pauses until a moment (null: no date pause). False when not the buyer's or cancelled. */
export async function setStandingOrderPausedUntil({
  id,
  buyerId,
  pausedUntil,
}: {
  id: string;
  buyerId: string;
  pausedUntil: Date | null;
}) {
  const { count } = await prisma.standingOrder.updateMany({
    where: { id, buyerId, status: { not: "CANCELLED" } },
    data: { pausedUntil },
  });
  return count > 0;
}
