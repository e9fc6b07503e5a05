// Adjustments after the cut-off and the ledger of each order's money (docs/decisions/036). Every
// write here runs in the caller's transaction (`db`), which the service owns.
import type { AdjustmentKind, LedgerKind } from "~generated/prisma/enums.ts";
import type { OrderMoney } from "~/domain/order-adjustment";
import { COUNTED_ORDER_STATUSES } from "~/domain/order-status";
import { defaultDb, type Db } from "./database.server";

const lineForAdjustmentSelect = {
  id: true,
  orderId: true,
  productId: true,
  farmId: true,
  productName: true,
  unit: true,
  quantityMilli: true,
  unitPriceMinor: true,
  lineTotalMinor: true,
  grams: true,
  soldByWeight: true,
  orderedQuantityMilli: true,
  orderedTotalMinor: true,
  orderedGrams: true,
  orderedProductId: true,
  orderedProductName: true,
  adjustedAt: true,
  version: true,
  farm: { select: { id: true, name: true, ownerId: true, hubId: true } },
  order: {
    select: {
      id: true,
      number: true,
      hubId: true,
      buyerId: true,
      status: true,
      paymentMethod: true,
      paymentStatus: true,
      stripePaymentIntentId: true,
      allowSubstitutions: true,
      currency: true,
      totalMinor: true,
      deliveryFeeMinor: true,
      hub: { select: { coordinatorId: true, name: true } },
      buyer: { select: { id: true, name: true, email: true, locale: true, buyerKind: true } },
      cycle: { select: { id: true, status: true, opensAt: true, cutoffAt: true } },
    },
  },
} as const;

export function getLineForAdjustment(db: Db, { lineId }: { lineId: string }) {
  return db.orderLine.findUnique({ where: { id: lineId }, select: lineForAdjustmentSelect });
}
export type LineForAdjustment = NonNullable<Awaited<ReturnType<typeof getLineForAdjustment>>>;

export function findAdjustmentByRequestKey(db: Db, { requestKey }: { requestKey: string }) {
  return db.orderAdjustment.findUnique({ where: { requestKey } });
}

/** Locks the order's row until commit (adjustments, cancelling and payment of one order queue here). */
export async function lockOrder(db: Db, { orderId }: { orderId: string }): Promise<{ status: string } | null> {
  const rows = await db.$queryRaw<
    Array<{ status: string }>
  >`SELECT status::text AS status FROM "Order" WHERE id = ${orderId} FOR UPDATE`;
  return rows[0] ?? null;
}

/** Locks the hub's row: credit and debit notes are numbered one after another per hub. */
export async function nextNoteNumber(db: Db, { hubId }: { hubId: string }): Promise<number> {
  await db.$queryRaw`SELECT id FROM "Hub" WHERE id = ${hubId} FOR UPDATE`;
  const last = await db.ledgerEntry.aggregate({ where: { hubId }, _max: { noteNumber: true } });
  return (last._max.noteNumber ?? 0) + 1;
}

export interface PackedLineWrite {
  lineId: string;
  fromVersion: number;
  productId: string;
  productName: string;
  quantityMilli: number;
  lineTotalMinor: number;
  grams: number;
  /** The line as ordered, written only the first time (later adjustments keep the first snapshot). */
  ordered: { productId: string; productName: string; quantityMilli: number; lineTotalMinor: number; grams: number };
  now: Date;
}

/** Writes what was packed; false when the line is no longer at `fromVersion` (a stale form). */
export async function writePackedLine(db: Db, write: PackedLineWrite): Promise<boolean> {
  const count = await db.$executeRaw`
    UPDATE "OrderLine" SET
      "orderedQuantityMilli" = COALESCE("orderedQuantityMilli", ${write.ordered.quantityMilli}),
      "orderedTotalMinor" = COALESCE("orderedTotalMinor", ${write.ordered.lineTotalMinor}),
      "orderedGrams" = COALESCE("orderedGrams", ${write.ordered.grams}),
      "orderedProductId" = COALESCE("orderedProductId", ${write.ordered.productId}),
      "orderedProductName" = COALESCE("orderedProductName", ${write.ordered.productName}),
      "productId" = ${write.productId},
      "productName" = ${write.productName},
      "quantityMilli" = ${write.quantityMilli},
      "lineTotalMinor" = ${write.lineTotalMinor},
      "grams" = ${write.grams},
      "adjustedAt" = ${write.now},
      "version" = "version" + 1
    WHERE id = ${write.lineId} AND "version" = ${write.fromVersion}`;
  return count === 1;
}

/** Recomputes the order's subtotal, total and weight from its lines; returns the new total. */
export async function refreshOrderTotals(db: Db, { orderId }: { orderId: string }): Promise<number> {
  const rows = await db.$queryRaw<Array<{ totalMinor: number }>>`
    UPDATE "Order" o SET
      "subtotalMinor" = s.subtotal,
      "totalMinor" = s.subtotal + o."deliveryFeeMinor",
      "totalGrams" = s.grams,
      "updatedAt" = now()
    FROM (
      SELECT COALESCE(SUM("lineTotalMinor"), 0)::int AS subtotal, COALESCE(SUM("grams"), 0)::int AS grams
      FROM "OrderLine" WHERE "orderId" = ${orderId}
    ) s
    WHERE o.id = ${orderId}
    RETURNING o."totalMinor"`;
  return Number(rows[0]!.totalMinor);
}

export interface NewLedgerEntry {
  key: string;
  hubId: string;
  orderId: string;
  kind: LedgerKind;
  amountMinor: number;
  currency: string;
  adjustmentId?: string | null;
  noteNumber?: number | null;
  stripeRefundId?: string | null;
  createdAt?: Date;
}

/** Adds an entry once: false when an entry with its key (or Stripe refund id) is already there. */
export async function addLedgerEntry(db: Db, entry: NewLedgerEntry): Promise<boolean> {
  const count = await db.$executeRaw`
    INSERT INTO "LedgerEntry" ("id", "hubId", "orderId", "adjustmentId", "kind", "amountMinor", "currency",
      "noteNumber", "stripeRefundId", "key", "createdAt")
    VALUES (${`led_${entry.key}`}, ${entry.hubId}, ${entry.orderId}, ${entry.adjustmentId ?? null},
      ${entry.kind}::"LedgerKind", ${entry.amountMinor}, ${entry.currency}, ${entry.noteNumber ?? null},
      ${entry.stripeRefundId ?? null}, ${entry.key}, ${entry.createdAt ?? new Date()})
    ON CONFLICT DO NOTHING`;
  return count === 1;
}

/**
 * How the order's money stands from its ledger and adjustments. Refunds decided by adjustments
 * count at once (Stripe may still be making them); refunds made elsewhere (the Stripe dashboard,
 * a cancellation) count from their ledger entry.
 */
export async function readOrderMoney(db: Db, { orderId, dueMinor }: { orderId: string; dueMinor: number }) {
  const [entries, decided] = await Promise.all([
    db.ledgerEntry.findMany({ where: { orderId }, select: { kind: true, amountMinor: true, adjustmentId: true } }),
    db.orderAdjustment.aggregate({ where: { orderId }, _sum: { refundMinor: true } }),
  ]);
  const sum = (kind: LedgerKind, filter: (e: { adjustmentId: string | null }) => boolean = () => true) =>
    entries.filter((e) => e.kind === kind && filter(e)).reduce((s, e) => s + e.amountMinor, 0);
  const money: OrderMoney = {
    dueMinor,
    chargedMinor: sum("CHARGE"),
    refundedMinor: (decided._sum.refundMinor ?? 0) - sum("REFUND", (e) => e.adjustmentId === null),
    absorbedMinor: sum("ABSORBED"),
  };
  return {
    money,
    hasInvoice: entries.some((e) => e.kind === "INVOICE"),
    hasCharge: entries.some((e) => e.kind === "CHARGE"),
  };
}

export interface NewAdjustment {
  requestKey: string;
  orderId: string;
  lineId: string;
  hubId: string;
  farmId: string;
  kind: AdjustmentKind;
  byUserId: string;
  fromProductName: string;
  toProductName: string;
  fromQuantityMilli: number;
  toQuantityMilli: number;
  fromGrams: number;
  toGrams: number;
  fromTotalMinor: number;
  toTotalMinor: number;
  orderTotalBeforeMinor: number;
  orderTotalAfterMinor: number;
  note: string;
  refundMinor: number;
  createdAt: Date;
}

export function createAdjustment(db: Db, data: NewAdjustment) {
  return db.orderAdjustment.create({ data, select: { id: true } });
}

/** Card refunds an adjustment decided and Stripe has not confirmed yet (the retry task's list). */
export function listRefundsToMake(db: Db, { take = 50 }: { take?: number } = {}) {
  return db.orderAdjustment.findMany({
    where: { refundMinor: { gt: 0 }, refundedAt: null },
    orderBy: { createdAt: "asc" },
    take,
    select: {
      id: true,
      orderId: true,
      hubId: true,
      refundMinor: true,
      order: { select: { stripePaymentIntentId: true, currency: true } },
    },
  });
}

export async function recordRefundMade(
  db: Db,
  {
    adjustmentId,
    stripeRefundId,
    hubId,
    orderId,
    amountMinor,
    currency,
    now,
  }: {
    adjustmentId: string;
    stripeRefundId: string;
    hubId: string;
    orderId: string;
    amountMinor: number;
    currency: string;
    now: Date;
  },
) {
  await db.orderAdjustment.updateMany({
    where: { id: adjustmentId, refundedAt: null },
    data: { stripeRefundId, refundedAt: now, refundError: null },
  });
  await addLedgerEntry(db, {
    key: `refund:${stripeRefundId}`,
    hubId,
    orderId,
    adjustmentId,
    kind: "REFUND",
    amountMinor: -amountMinor,
    currency,
    stripeRefundId,
    createdAt: now,
  });
}

export function recordRefundError(db: Db, { adjustmentId, message }: { adjustmentId: string; message: string }) {
  return db.orderAdjustment.updateMany({
    where: { id: adjustmentId, refundedAt: null },
    data: { refundError: message.slice(0, 500) },
  });
}

/** The order's adjustments and ledger, for the buyer's order page and invoice. */
export function listOrderMoneyHistory(db: Db, { orderId }: { orderId: string }) {
  return Promise.all([
    db.orderAdjustment.findMany({
      where: { orderId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        kind: true,
        lineId: true,
        fromProductName: true,
        toProductName: true,
        fromQuantityMilli: true,
        toQuantityMilli: true,
        fromGrams: true,
        toGrams: true,
        fromTotalMinor: true,
        toTotalMinor: true,
        orderTotalBeforeMinor: true,
        orderTotalAfterMinor: true,
        note: true,
        refundMinor: true,
        refundedAt: true,
        createdAt: true,
        line: { select: { unit: true } },
      },
    }),
    db.ledgerEntry.findMany({
      where: { orderId },
      orderBy: [{ createdAt: "asc" }, { key: "asc" }],
      select: {
        kind: true,
        amountMinor: true,
        currency: true,
        noteNumber: true,
        adjustmentId: true,
        stripeRefundId: true,
        createdAt: true,
      },
    }),
  ]);
}

/** Products of a farm a line may be replaced with (sold, not the line's own). */
export function listSubstituteCandidates(
  db: Db,
  { farmId, excludeProductId }: { farmId: string; excludeProductId: string },
) {
  return db.product.findMany({
    where: { farmId, archivedAt: null, id: { not: excludeProductId }, stockMilli: { gt: 0 } },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      unit: true,
      gramsPerUnit: true,
      retailPriceMinor: true,
      wholesalePriceMinor: true,
      wholesaleMinMilli: true,
      stockMilli: true,
    },
  });
}

/** One adjustment with what the buyer's message needs. */
export function getAdjustmentForEmail(db: Db, { adjustmentId }: { adjustmentId: string }) {
  return db.orderAdjustment.findUnique({
    where: { id: adjustmentId },
    select: {
      id: true,
      kind: true,
      fromProductName: true,
      toProductName: true,
      fromQuantityMilli: true,
      toQuantityMilli: true,
      toGrams: true,
      fromTotalMinor: true,
      toTotalMinor: true,
      orderTotalBeforeMinor: true,
      orderTotalAfterMinor: true,
      refundMinor: true,
      note: true,
      line: { select: { unit: true } },
      ledgerEntries: { select: { kind: true, noteNumber: true, amountMinor: true } },
      order: {
        select: {
          id: true,
          number: true,
          currency: true,
          paymentMethod: true,
          buyer: { select: { email: true, name: true, locale: true } },
        },
      },
    },
  });
}

export function findOrderByPaymentIntent(db: Db, { paymentIntentId }: { paymentIntentId: string }) {
  return db.order.findFirst({
    where: { stripePaymentIntentId: paymentIntentId },
    select: { id: true, hubId: true, currency: true },
  });
}

/** The farms' products a short line may be replaced with (sold and in stock), for the pick list. */
export function listFarmSubstitutes({ farmIds }: { farmIds: string[] }) {
  return defaultDb.product.findMany({
    where: { farmId: { in: farmIds }, archivedAt: null, stockMilli: { gt: 0 } },
    orderBy: { name: "asc" },
    select: { id: true, farmId: true, name: true, unit: true, stockMilli: true },
  });
}

/** Every line of a hub's cycle that counts, for the hub's packing page (by order, then farm). */
export function listCyclePackingLines({ hubId, cycleId }: { hubId: string; cycleId: string }) {
  return defaultDb.orderLine.findMany({
    where: { order: { hubId, cycleId, status: { in: [...COUNTED_ORDER_STATUSES] } } },
    orderBy: [{ order: { number: "asc" } }, { farmId: "asc" }, { productName: "asc" }],
    select: {
      id: true,
      farmId: true,
      productName: true,
      unit: true,
      quantityMilli: true,
      lineTotalMinor: true,
      grams: true,
      chilled: true,
      soldByWeight: true,
      version: true,
      adjustedAt: true,
      orderedQuantityMilli: true,
      orderedTotalMinor: true,
      orderedGrams: true,
      orderedProductName: true,
      farm: { select: { name: true } },
      order: {
        select: { number: true, status: true, allowSubstitutions: true, buyer: { select: { name: true } } },
      },
    },
  });
}
