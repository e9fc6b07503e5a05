// What an accounting export reads (docs/decisions/038): a hub's invoices, credit and debit notes and
// card refunds of a period, always scoped by the hub. Read only: the ledger and the adjustments are
// written by the adjustment service alone.
import { COUNTED_ORDER_STATUSES } from "~/domain/order-status";
import { defaultDb, type Db } from "./database.server";

export interface PeriodQuery {
  hubId: string;
  /** From this instant (the first day's midnight in the hub's zone)… */
  start: Date;
  /** …to before this one (the midnight after the last day). */
  end: Date;
}

const counted = { in: [...COUNTED_ORDER_STATUSES] };

const buyerSelect = { select: { name: true, email: true } } as const;

/** Invoices: every counted order placed in the period (its invoice date is when it was placed). */
export function listInvoicedOrders({ hubId, start, end }: PeriodQuery, db: Db = defaultDb) {
  return db.order.findMany({
    where: { hubId, status: counted, placedAt: { gte: start, lt: end } },
    orderBy: [{ placedAt: "asc" }, { number: "asc" }],
    select: {
      number: true,
      placedAt: true,
      invoiceDueAt: true,
      currency: true,
      deliveryFeeMinor: true,
      address: true,
      buyer: buyerSelect,
      lines: {
        orderBy: [{ productName: "asc" }, { id: "asc" }],
        select: {
          productName: true,
          unit: true,
          quantityMilli: true,
          unitPriceMinor: true,
          lineTotalMinor: true,
          orderedProductName: true,
          orderedQuantityMilli: true,
          orderedTotalMinor: true,
        },
      },
    },
  });
}
export type InvoicedOrder = Awaited<ReturnType<typeof listInvoicedOrders>>[number];

/**
 * Entries of an order only. Notes and refunds always belong to an order (the queries ask for one);
 * since a farm statement's entries have none (docs/decisions/037) the column is nullable, so the
 * type is narrowed here.
 */
function withOrder<T extends { order: unknown }>(rows: T[]): Array<T & { order: NonNullable<T["order"]> }> {
  return rows.filter((row): row is T & { order: NonNullable<T["order"]> } => row.order !== null);
}

/** Credit and debit notes issued in the period, with the adjustment each one is for. */
export async function listNotes({ hubId, start, end }: PeriodQuery, db: Db = defaultDb) {
  const rows = await db.ledgerEntry.findMany({
    where: {
      hubId,
      kind: { in: ["CREDIT_NOTE", "DEBIT_NOTE"] },
      createdAt: { gte: start, lt: end },
      order: { status: counted },
    },
    orderBy: [{ createdAt: "asc" }, { noteNumber: "asc" }],
    select: {
      kind: true,
      noteNumber: true,
      amountMinor: true,
      currency: true,
      createdAt: true,
      order: { select: { number: true, address: true, buyer: buyerSelect } },
      adjustment: {
        select: {
          kind: true,
          fromProductName: true,
          toProductName: true,
          fromQuantityMilli: true,
          toQuantityMilli: true,
          toGrams: true,
          line: { select: { unit: true } },
        },
      },
    },
  });
  return withOrder(rows);
}
export type NoteEntry = Awaited<ReturnType<typeof listNotes>>[number];

/** Card refunds made in the period (the ledger's REFUND entries, once the payment provider made them). */
export async function listRefunds({ hubId, start, end }: PeriodQuery, db: Db = defaultDb) {
  const rows = await db.ledgerEntry.findMany({
    where: { hubId, kind: "REFUND", createdAt: { gte: start, lt: end }, order: { status: counted } },
    orderBy: [{ createdAt: "asc" }, { key: "asc" }],
    select: {
      key: true,
      amountMinor: true,
      currency: true,
      stripeRefundId: true,
      createdAt: true,
      order: { select: { number: true, address: true, buyer: buyerSelect } },
    },
  });
  return withOrder(rows);
}
export type RefundEntry = Awaited<ReturnType<typeof listRefunds>>[number];

/** How many invoices, notes and refunds the period holds (the page's summary), without reading them. */
export async function countPeriodDocuments({ hubId, start, end }: PeriodQuery, db: Db = defaultDb) {
  const [invoices, entries] = await Promise.all([
    db.order.count({ where: { hubId, status: counted, placedAt: { gte: start, lt: end } } }),
    db.ledgerEntry.groupBy({
      by: ["kind"],
      where: {
        hubId,
        kind: { in: ["CREDIT_NOTE", "DEBIT_NOTE", "REFUND"] },
        createdAt: { gte: start, lt: end },
        order: { status: counted },
      },
      _count: { _all: true },
    }),
  ]);
  const of = (kind: string) => entries.find((e) => e.kind === kind)?._count._all ?? 0;
  return { invoices, creditNotes: of("CREDIT_NOTE"), debitNotes: of("DEBIT_NOTE"), refunds: of("REFUND") };
}
