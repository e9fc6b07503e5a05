// Reads for delivery messages to buyers and for live delivery progress (docs/decisions/033).
// Writes are the outbox rows (email.server, sms.server) and the buyer's choice of channels.
import type { Db } from "~/models/database.server";
import { prisma } from "~/utils/db.server";
import type { DeliveryNoticeChannel } from "~generated/prisma/enums.ts";

const STOP_TIMES = {
  id: true,
  sequence: true,
  status: true,
  orderId: true,
  arrivalAt: true,
  departureAt: true,
  completedAt: true,
  failureReason: true,
} as const;

/** An order with what a delivery message needs: the buyer's channels and language, the hub's name and contact. */
export function findOrderForNotice({ orderId }: { orderId: string }) {
  return prisma.order.findUnique({
    where: { id: orderId },
    select: {
      id: true,
      number: true,
      status: true,
      fulfilment: true,
      cycle: { select: { deliveryDate: true } },
      buyer: {
        select: { email: true, name: true, locale: true, mobilePhone: true, deliveryNotices: true },
      },
      hub: { select: { name: true, timeZone: true, coordinator: { select: { email: true } } } },
    },
  });
}
export type OrderForNotice = NonNullable<Awaited<ReturnType<typeof findOrderForNotice>>>;

/** A route's stops in order, with plan and mark times. */
export function findRouteStopsForNotice({ routeId }: { routeId: string }) {
  return prisma.route.findUnique({
    where: { id: routeId },
    select: {
      id: true,
      kind: true,
      planId: true,
      startAt: true,
      stops: { orderBy: { sequence: "asc" }, select: STOP_TIMES },
    },
  });
}

/** The reasons given for an order's failed delivery stops in a plan. */
export async function listFailedStopReasons({ orderId, planId }: { orderId: string; planId: string }) {
  const stops = await prisma.stop.findMany({
    where: { orderId, status: "FAILED", route: { planId, kind: "DELIVERY" } },
    orderBy: { completedAt: "asc" },
    select: { failureReason: true, failureCode: true },
  });
  // The reason's code from the driver's list (docs/decisions/032), and their note (or an older free text).
  return stops.map((s) => ({ code: s.failureCode, note: s.failureReason?.trim() || null }));
}

/** Cycles closed or planned whose delivery date falls between `from` and `to`, with their hub's time zone. */
export function listCyclesDeliveringBetween({ from, to }: { from: Date; to: Date }) {
  return prisma.deliveryCycle.findMany({
    where: { deliveryDate: { gte: from, lte: to }, status: { in: ["CLOSED", "PLANNED"] } },
    select: { id: true, deliveryDate: true, hub: { select: { timeZone: true } } },
  });
}

/** The delivery stops of a plan whose orders are still to be delivered, with their route's start. */
export function listPlannedDeliveryStops({ planId }: { planId: string }) {
  return prisma.stop.findMany({
    where: {
      route: { planId, kind: "DELIVERY" },
      status: "PENDING",
      order: { status: { in: ["CONFIRMED", "OUT_FOR_DELIVERY"] } },
    },
    select: { orderId: true, arrivalAt: true, route: { select: { startAt: true } } },
  });
}

/** Which of these once-only keys already have a message (email or SMS). */
export async function listSentNoticeKeys({ keys }: { keys: readonly string[] }): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const [emails, texts] = await Promise.all([
    prisma.emailMessage.findMany({ where: { onceKey: { in: [...keys] } }, select: { onceKey: true } }),
    prisma.smsMessage.findMany({ where: { onceKey: { in: [...keys] } }, select: { onceKey: true } }),
  ]);
  return new Set([...emails, ...texts].flatMap((m) => (m.onceKey ? [m.onceKey] : [])));
}

/** Whether a once-only email / text message with this key exists. */
export async function noticeSent({ onceKey }: { onceKey: string }) {
  const [email, sms] = await Promise.all([
    prisma.emailMessage.count({ where: { onceKey } }),
    prisma.smsMessage.count({ where: { onceKey } }),
  ]);
  return { email: email > 0, sms: sms > 0 };
}

// ----- The buyer's choice -----

export function getDeliveryPreferences({ userId }: { userId: string }) {
  return prisma.user.findUnique({
    where: { id: userId },
    select: { mobilePhone: true, deliveryNotices: true, phone: true, hub: { select: { timeZone: true } } },
  });
}

export async function updateDeliveryPreferences({
  db,
  userId,
  mobilePhone,
  deliveryNotices,
}: {
  db: Db;
  userId: string;
  mobilePhone: string | null;
  deliveryNotices: DeliveryNoticeChannel;
}) {
  await db.user.update({ where: { id: userId }, data: { mobilePhone, deliveryNotices }, select: { id: true } });
}

// ----- Live progress -----

/** A buyer's order (theirs only) with its cycle, for the order page's progress line. */
export function findBuyerOrderForProgress({ buyerId, orderId }: { buyerId: string; orderId: string }) {
  return prisma.order.findFirst({
    where: { id: orderId, buyerId },
    select: { id: true, status: true, cycleId: true, hub: { select: { timeZone: true } } },
  });
}

/** The delivery routes of a plan that carry this order, each with all its stops. */
export function listOrderRoutesInPlan({ orderId, planId }: { orderId: string; planId: string }) {
  return prisma.route.findMany({
    where: { planId, kind: "DELIVERY", stops: { some: { orderId } } },
    select: { id: true, stops: { orderBy: { sequence: "asc" }, select: STOP_TIMES } },
  });
}

/** Every route of a hub's plan with its stops' states and times, its vehicle and driver. */
export function listPlanRoutesForProgress({ hubId, planId }: { hubId: string; planId: string }) {
  return prisma.route.findMany({
    where: { planId, plan: { cycle: { hubId } } },
    // The plan page's order, so "Delivery 2" names the same route on both.
    orderBy: { position: "asc" },
    select: {
      id: true,
      kind: true,
      startAt: true,
      vehicle: { select: { name: true } },
      driver: { select: { name: true } },
      stops: {
        orderBy: { sequence: "asc" },
        select: { ...STOP_TIMES, order: { select: { status: true } } },
      },
    },
  });
}
