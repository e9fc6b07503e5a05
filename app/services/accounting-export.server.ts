// Accounting exports (docs/decisions/038): a hub's sales documents or card refunds of a period, as
// the CSV Xero, QuickBooks Online or a spreadsheet imports. The rows are built in
// app/domain/accounting-export.ts; this file reads the period, words the descriptions in the
// request's language and writes the CSV.
import { z } from "zod";
import {
  EXPORT_FORMATS,
  EXPORT_KINDS,
  exportFilename,
  exportTable,
  invoiceNumberText,
  issuedInvoiceLines,
  lastMonth,
  MAX_PERIOD_DAYS,
  noteNumberText,
  periodDays,
  type ExportFormat,
  type ExportKind,
  type RefundDocument,
  type SalesDocument,
} from "~/domain/accounting-export";
import type { Unit } from "~/domain/catalogue";
import { toCsv } from "~/domain/csv";
import { addDays, zonedDate, zonedToUtc } from "~/domain/time-zone";
import { serverFormat, serverT } from "~/i18n/i18n.server";
import {
  countPeriodDocuments,
  listInvoicedOrders,
  listNotes,
  listRefunds,
  type InvoicedOrder,
  type NoteEntry,
  type PeriodQuery,
  type RefundEntry,
} from "~/models/accounting-export.server";

export interface ExportQuery {
  from: string;
  to: string;
  format: ExportFormat;
  kind: ExportKind;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** "2026-11-30" and a day that exists (not 2026-13-01 nor 2026-02-30). */
function isRealDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const at = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === s;
}

/** The export's query (from the page's form or the download's address), with words for each refusal. */
function exportQuerySchema() {
  const t = serverT("hub");
  const day = (missing: string) =>
    z.string({ error: missing }).trim().min(1, missing).refine(isRealDate, t("exports.errors.date"));
  return z
    .object({
      from: day(t("exports.errors.fromRequired")),
      to: day(t("exports.errors.toRequired")),
      format: z.enum(EXPORT_FORMATS, { error: t("exports.errors.format") }),
      kind: z.enum(EXPORT_KINDS, { error: t("exports.errors.kind") }),
    })
    .refine((q) => q.to >= q.from, { message: t("exports.errors.order"), path: ["to"] })
    .refine((q) => periodDays(q.from, q.to) <= MAX_PERIOD_DAYS, {
      message: t("exports.errors.tooLong", { days: MAX_PERIOD_DAYS }),
      path: ["to"],
    });
}

export type ParsedExportQuery = { ok: true; query: ExportQuery } | { ok: false; error: string; field: string | null };

/**
 * Parses `?from=&to=&format=&kind=`; missing values default to last month (in the hub's zone), a
 * Xero file and the sales documents.
 */
export function parseExportQuery(params: URLSearchParams, timeZone: string, now = new Date()): ParsedExportQuery {
  const month = lastMonth(zonedDate(now, timeZone));
  const value = (name: string, fallback: string) => (params.has(name) ? params.get(name) : fallback);
  const result = exportQuerySchema().safeParse({
    from: value("from", month.from),
    to: value("to", month.to),
    format: value("format", "xero"),
    kind: value("kind", "sales"),
  });
  if (result.success) return { ok: true, query: result.data };
  const issue = result.error.issues[0]!;
  return { ok: false, error: issue.message, field: issue.path[0] !== undefined ? String(issue.path[0]) : null };
}

function periodOf(hub: { id: string; timeZone: string }, query: Pick<ExportQuery, "from" | "to">): PeriodQuery {
  return {
    hubId: hub.id,
    start: zonedToUtc(query.from, 0, hub.timeZone),
    end: zonedToUtc(addDays(query.to, 1), 0, hub.timeZone),
  };
}

function customerOf(order: { address: string | null; buyer: { name: string; email: string } }) {
  return { name: order.buyer.name, email: order.buyer.email, address: order.address };
}

function salesDocuments(orders: InvoicedOrder[], notes: NoteEntry[]): SalesDocument[] {
  const t = serverT("hub");
  const format = serverFormat();
  const words = {
    line: (name: string, unit: string, quantityMilli: number) =>
      t("exports.rows.line", { name, quantity: format.quantity(quantityMilli, unit as Unit) }),
    deliveryFee: t("exports.rows.deliveryFee"),
  };
  const invoices: SalesDocument[] = orders.map((o) => ({
    type: "invoice",
    number: invoiceNumberText(o.number),
    reference: t("exports.rows.order", { number: o.number }),
    orderNumber: o.number,
    issuedAt: o.placedAt,
    dueAt: o.invoiceDueAt,
    customer: customerOf(o),
    currency: o.currency,
    lines: issuedInvoiceLines(o.lines, o.deliveryFeeMinor, words),
  }));
  const notesOut: SalesDocument[] = notes.map((n) => {
    const type = n.kind === "CREDIT_NOTE" ? "creditNote" : "debitNote";
    const a = n.adjustment;
    const description = a
      ? t("exports.rows.note", {
          from: words.line(a.fromProductName, a.line.unit, a.fromQuantityMilli),
          to:
            a.kind === "WEIGHT"
              ? t("exports.rows.weighed", {
                  line: words.line(a.toProductName, a.line.unit, a.toQuantityMilli),
                  weight: format.weight(a.toGrams),
                })
              : words.line(a.toProductName, a.line.unit, a.toQuantityMilli),
        })
      : t("exports.rows.noteWithoutLine");
    return {
      type,
      number: noteNumberText(type, n.noteNumber ?? 0),
      reference: invoiceNumberText(n.order.number),
      orderNumber: n.order.number,
      issuedAt: n.createdAt,
      dueAt: null,
      customer: customerOf(n.order),
      currency: n.currency,
      lines: [{ description, quantityMilli: 1000, unitPriceMinor: n.amountMinor, amountMinor: n.amountMinor }],
    };
  });
  // By date, invoices before the notes of the same instant.
  return [...invoices, ...notesOut].sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime());
}

function refundDocuments(refunds: RefundEntry[]): RefundDocument[] {
  return refunds.map((r) => ({
    refundId: r.stripeRefundId ?? r.key,
    invoiceNumber: invoiceNumberText(r.order.number),
    orderNumber: r.order.number,
    madeAt: r.createdAt,
    customer: customerOf(r.order),
    currency: r.currency,
    amountMinor: r.amountMinor,
  }));
}

export interface ExportSummary {
  invoices: number;
  creditNotes: number;
  debitNotes: number;
  refunds: number;
}

/** How many documents of each kind the period holds (the page's summary; 0s: "nothing found"). */
export async function summariseExport(
  hub: { id: string; timeZone: string },
  query: ExportQuery,
): Promise<ExportSummary> {
  return countPeriodDocuments(periodOf(hub, query));
}

/** The export file: its CSV (the header alone for an empty period) and its name. */
export async function buildAccountingExport(
  hub: { id: string; timeZone: string },
  query: ExportQuery,
): Promise<{ csv: string; filename: string; rows: number }> {
  const period = periodOf(hub, query);
  const table =
    query.kind === "sales"
      ? exportTable(
          {
            kind: "sales",
            documents: salesDocuments(...(await Promise.all([listInvoicedOrders(period), listNotes(period)]))),
          },
          query.format,
          hub.timeZone,
        )
      : exportTable(
          { kind: "refunds", refunds: refundDocuments(await listRefunds(period)) },
          query.format,
          hub.timeZone,
        );
  return {
    csv: toCsv(table),
    filename: exportFilename(query.format, query.kind, query.from, query.to),
    rows: table.length - 1,
  };
}
