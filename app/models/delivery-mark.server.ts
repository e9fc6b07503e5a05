// Delivery marks (docs/decisions/032): a stop's outcome with its proof, the history of marks keyed
// by the id the driver's form generated (replays find their row), and what each order line lost.
import type { Prisma } from "~generated/prisma/client.ts";
import type { ProofKind, ShortageReason, StopFailureCode, StopStatus } from "~generated/prisma/enums.ts";
import { defaultDb, type Db } from "./database.server";

/** A stop as a mark needs it: where it stands (status, version) and what its order carries. */
export function findStopForMark({ db, routeId, stopId }: { db: Db; routeId: string; stopId: string }) {
  return db.stop.findFirst({
    where: { id: stopId, routeId },
    select: {
      id: true,
      orderId: true,
      status: true,
      version: true,
      cargo: true,
      proofPhotoPath: true,
      route: {
        select: {
          kind: true,
          planId: true,
          plan: {
            select: {
              cycleId: true,
              cycle: { select: { status: true, deliveryDate: true, hub: { select: { timeZone: true } } } },
            },
          },
        },
      },
      order: {
        select: {
          lines: { select: { id: true, quantityMilli: true, chilled: true } },
        },
      },
    },
  });
}

/** A mark already recorded under this client id, or null. */
export function findDeliveryMark({ db = defaultDb, markId }: { db?: Db; markId: string }) {
  return db.deliveryMark.findUnique({
    where: { markId },
    select: { stopId: true, status: true, version: true },
  });
}

export interface StopOutcomeData {
  status: StopStatus;
  failureCode: StopFailureCode | null;
  failureReason: string | null;
  proofKind: ProofKind | null;
  proofPhotoPath: string | null;
  proofSignaturePath: string | null;
  proofPhotoTakenAt: Date | null;
  proofRecipient: string | null;
  proofSafePlace: string | null;
  completedAt: Date | null;
}

/**
 * Writes a stop's outcome when it is still at `expectedVersion`, and bumps the version; false when
 * another mark got there first (the caller answers 409 and nothing else is written).
 */
export async function applyStopOutcome({
  db,
  stopId,
  expectedVersion,
  outcome,
}: {
  db: Db;
  stopId: string;
  expectedVersion: number;
  outcome: StopOutcomeData;
}): Promise<boolean> {
  const { count } = await db.stop.updateMany({
    where: { id: stopId, version: expectedVersion },
    data: { ...outcome, version: { increment: 1 } },
  });
  return count === 1;
}

export async function createDeliveryMark({
  db,
  markId,
  stopId,
  userId,
  status,
  version,
  photoPath,
  signaturePath = null,
  photoTakenAt = null,
  position = null,
  detail,
}: {
  db: Db;
  markId: string;
  stopId: string;
  userId: string | null;
  status: StopStatus;
  version: number;
  photoPath: string | null;
  signaturePath?: string | null;
  photoTakenAt?: Date | null;
  /** Where the device was (only when the driver allowed it). */
  position?: { latitude: number; longitude: number; accuracyM: number | null } | null;
  detail: Prisma.InputJsonValue;
}): Promise<void> {
  await db.deliveryMark.create({
    data: {
      markId,
      stopId,
      userId,
      status,
      version,
      photoPath,
      signaturePath,
      photoTakenAt,
      latitude: position?.latitude ?? null,
      longitude: position?.longitude ?? null,
      accuracyM: position?.accuracyM ?? null,
      detail,
    },
  });
}

export interface LineDelivery {
  id: string;
  deliveredQuantityMilli: number | null;
  shortReason: ShortageReason | null;
  shortNote: string | null;
}

/** What reached the buyer, per line of the order (lines of the stop only; prices untouched). */
export async function setLineDeliveries({
  db,
  orderId,
  lines,
}: {
  db: Db;
  orderId: string;
  lines: readonly LineDelivery[];
}): Promise<void> {
  for (const line of lines) {
    await db.orderLine.updateMany({
      where: { id: line.id, orderId },
      data: {
        deliveredQuantityMilli: line.deliveredQuantityMilli,
        shortReason: line.shortReason,
        shortNote: line.shortNote,
      },
    });
  }
}

/**
 * Who may see a proof photo (stored name, either size): the buyer of the stop's order, the hub's
 * coordinator and the route's driver. A photo of an earlier mark (since corrected) is found
 * through the mark history. A signature drawn on the driver's screen has the same viewers.
 */
export async function findProofPhotoViewers({ name }: { name: string }) {
  const base = name.replace(/-small(?=\.webp$)/, "");
  const mark = await defaultDb.deliveryMark.findFirst({
    where: { OR: [{ photoPath: base }, { signaturePath: base }] },
    select: {
      stop: {
        select: {
          order: { select: { buyerId: true } },
          route: {
            select: {
              driverId: true,
              plan: { select: { cycle: { select: { hub: { select: { coordinatorId: true } } } } } },
            },
          },
        },
      },
    },
  });
  if (!mark) return null;
  return {
    buyerId: mark.stop.order?.buyerId ?? null,
    driverId: mark.stop.route.driverId,
    coordinatorId: mark.stop.route.plan.cycle.hub.coordinatorId,
  };
}

/**
 * The delivery stops of a buyer's order on its cycle's current plan, with outcome, proof and what
 * each line lost: for the order page. Someone else's order: empty.
 */
export async function listOrderStopOutcomes({ orderId, buyerId }: { orderId: string; buyerId: string }) {
  const order = await defaultDb.order.findFirst({
    where: { id: orderId, buyerId },
    select: {
      cycle: { select: { routePlans: { orderBy: { createdAt: "desc" }, take: 1, select: { id: true } } } },
      lines: {
        select: {
          id: true,
          productName: true,
          unit: true,
          quantityMilli: true,
          chilled: true,
          deliveredQuantityMilli: true,
          shortReason: true,
          shortNote: true,
        },
      },
    },
  });
  const planId = order?.cycle.routePlans[0]?.id;
  if (!order || !planId) return { stops: [], lines: [] };
  const stops = await defaultDb.stop.findMany({
    where: { orderId, route: { planId, kind: "DELIVERY" } },
    orderBy: { cargo: "asc" },
    select: STOP_OUTCOME_SELECT,
  });
  return { stops, lines: order.lines };
}

/** A stop's outcome and proof, as the driver page, the manifest and the order page show it. */
export const STOP_OUTCOME_SELECT = {
  id: true,
  cargo: true,
  status: true,
  version: true,
  failureCode: true,
  failureReason: true,
  proofKind: true,
  proofPhotoPath: true,
  proofSignaturePath: true,
  proofPhotoTakenAt: true,
  proofRecipient: true,
  proofSafePlace: true,
  completedAt: true,
} as const satisfies Prisma.StopSelect;

/**
 * The latest mark with a device position on each of these routes (docs/decisions/033, addendum):
 * where the van was last seen. For the hub's coordinator only; buyers never get it.
 */
export async function findLastMarkPositions({ db = defaultDb, routeIds }: { db?: Db; routeIds: readonly string[] }) {
  if (routeIds.length === 0) return new Map<string, never>();
  const marks = await db.deliveryMark.findMany({
    where: { stop: { routeId: { in: [...routeIds] } }, latitude: { not: null }, longitude: { not: null } },
    orderBy: { createdAt: "desc" },
    select: {
      latitude: true,
      longitude: true,
      accuracyM: true,
      createdAt: true,
      stop: { select: { routeId: true, sequence: true } },
    },
  });
  const byRoute = new Map<
    string,
    { latitude: number; longitude: number; accuracyM: number | null; at: Date; stopSequence: number }
  >();
  for (const m of marks) {
    if (byRoute.has(m.stop.routeId) || m.latitude === null || m.longitude === null) continue;
    byRoute.set(m.stop.routeId, {
      latitude: m.latitude,
      longitude: m.longitude,
      accuracyM: m.accuracyM,
      at: m.createdAt,
      stopSequence: m.stop.sequence,
    });
  }
  return byRoute;
}
