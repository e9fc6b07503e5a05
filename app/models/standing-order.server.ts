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
  createdAt: true,
  buyer: { select: { id: true, email: true, name: true, buyerKind: true } },
  lines: { select: { id: true, productId: true, quantityMilli: true, product: { select: orderableProductSelect } } },
} as const;

export function listBuyerStandingOrders({ buyerId }: { buyerId: string }) {
  return prisma.standingOrder.findMany({ where: { buyerId, status: { not: "CANCELLED" } }, orderBy: { createdAt: "desc" }, select: standingSelect });
}

export function listActiveStandingOrders() {
  return prisma.standingOrder.findMany({ where: { status: "ACTIVE" }, select: standingSelect, take: 1000 });
}
export type StandingOrderRow = Awaited<ReturnType<typeof listActiveStandingOrders>>[number];

export async function setStandingOrderStatus({ id, buyerId, status }: { id: string; buyerId: string; status: StandingOrderStatus }) {
  const { count } = await prisma.standingOrder.updateMany({ where: { id, buyerId, status: { not: "CANCELLED" } }, data: { status } });
  return count > 0;
}

/** Claims the cycle for this standing order; false when another run already did (no double orders). */
export async function claimStandingOrderCycle({ id, cycleId }: { id: string; cycleId: string }) {
  const { count } = await prisma.standingOrder.updateMany({
    where: { id, status: "ACTIVE", OR: [{ lastCycleId: null }, { lastCycleId: { not: cycleId } }] },
    data: { lastCycleId: cycleId },
  });
  return count > 0;
}

export function getOrderForRepeat({ id, buyerId }: { id: string; buyerId: string }) {
  return prisma.order.findFirst({
    where: { id, buyerId },
    select: { id: true, hubId: true, cycleId: true, fulfilment: true, paymentMethod: true, address: true, lat: true, lng: true, standingOrderId: true, slot: { select: { startMinute: true } }, lines: { select: { productId: true, quantityMilli: true } } },
  });
}
