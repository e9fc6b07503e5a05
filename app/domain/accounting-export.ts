// Accounting exports (docs/decisions/038): a period's billing documents and card refunds as rows
// of the CSV files Xero and QuickBooks Online import, or of a plain CSV. Pure: no framework, ORM or
// SDK. Money stays in integer minor units until a cell is written here (2 decimals: every hub
// currency has two, app/domain/money.ts). Amounts are signed from the buyer's account, as the
// ledger is (docs/decisions/036): invoices and debit notes +, credit notes and refunds −, so an
// export's amounts sum to the ledger's to the minor unit.
//
// Kinds of export: "sales" (invoices, credit notes, debit notes) and "refunds" (card refunds made).
// Producer statements and payouts are meant to become a third kind with their own rows.
import { minorToInput } from "./money";
import { zonedDate } from "./time-zone";

export const EXPORT_FORMATS = ["xero", "quickbooks", "plain"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_KINDS = ["sales", "refunds"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/**
 * The codes the accounting files carry. Hubs have no setting for them yet: these are the defaults
 * of a new Xero UK organisation ("200 Sales", and the zero-rate tax on income) and of QuickBooks
 * Online (the "Sales" product/service, not taxable), which a bookkeeper can map on import.
 * Foodshed has no tax rates yet (issue #15): every line is exported at zero rate.
 */
export const ACCOUNTING_DEFAULTS = {
  xeroSalesAccountCode: "200",
  xeroTaxType: "Zero Rated Income",
  quickbooksItem: "Sales",
  quickbooksTaxable: "N",
} as const;

export type SalesDocumentType = "invoice" | "creditNote" | "debitNote";

export interface SalesLine {
  description: string;
  /** Thousandths of the unit; with `unitPriceMinor` only when quantity × price is the amount exactly. */
  quantityMilli: number;
  unitPriceMinor: number;
  /** Signed: + on invoices and debit notes, − on credit notes. */
  amountMinor: number;
}

export interface Customer {
  name: string;
  email: string;
  address: string | null;
}

export interface SalesDocument {
  type: SalesDocumentType;
  /** FS-000042 (invoice), CN-0001 / DN-0002 (notes). */
  number: string;
  /** A note's invoice number; an invoice's own order number text. */
  reference: string;
  orderNumber: number;
  issuedAt: Date;
  dueAt: Date | null;
  customer: Customer;
  currency: string;
  lines: SalesLine[];
}

export interface RefundDocument {
  /** The card refund's id at the payment provider. */
  refundId: string;
  /** The invoice of the refunded order (FS-000042). */
  invoiceNumber: string;
  orderNumber: number;
  madeAt: Date;
  customer: Customer;
  currency: string;
  /** Signed as the ledger: a refund is negative. */
  amountMinor: number;
}

/** The invoice's reference: FS-000042 (as on the buyer's invoice page). */
export const invoiceNumberText = (orderNumber: number) => `FS-${String(orderNumber).padStart(6, "0")}`;

/** A note's number: CN-0001 / DN-0002 (as in the buyer's messages). */
export const noteNumberText = (type: "creditNote" | "debitNote", number: number) =>
  `${type === "creditNote" ? "CN" : "DN"}-${String(number).padStart(4, "0")}`;

/** An order line as the ledger's data holds it: the `ordered*` snapshot once it was adjusted. */
export interface OrderLineAsStored {
  productName: string;
  unit: string;
  quantityMilli: number;
  unitPriceMinor: number;
  lineTotalMinor: number;
  orderedProductName: string | null;
  orderedQuantityMilli: number | null;
  orderedTotalMinor: number | null;
}

export interface LineWords {
  /** "Carrots, 1.5 kg". */
  line: (name: string, unit: string, quantityMilli: number) => string;
  deliveryFee: string;
}

/**
 * A quantity and price that multiply to the amount exactly, so an accounting package that computes
 * quantity × price finds the same total; otherwise (rounded or weighed lines) 1 × the amount.
 */
function exactLine(description: string, quantityMilli: number, unitPriceMinor: number, amountMinor: number): SalesLine {
  const exact =
    quantityMilli > 0 &&
    (unitPriceMinor * quantityMilli) % 1000 === 0 &&
    (unitPriceMinor * quantityMilli) / 1000 === amountMinor;
  return exact
    ? { description, quantityMilli, unitPriceMinor, amountMinor }
    : { description, quantityMilli: 1000, unitPriceMinor: amountMinor, amountMinor };
}

/** An invoice's lines as issued: each order line as ordered, then the delivery fee. */
export function issuedInvoiceLines(
  lines: OrderLineAsStored[],
  deliveryFeeMinor: number,
  words: LineWords,
): SalesLine[] {
  const out = lines.map((l) =>
    exactLine(
      words.line(l.orderedProductName ?? l.productName, l.unit, l.orderedQuantityMilli ?? l.quantityMilli),
      l.orderedQuantityMilli ?? l.quantityMilli,
      l.unitPriceMinor,
      l.orderedTotalMinor ?? l.lineTotalMinor,
    ),
  );
  if (deliveryFeeMinor !== 0) out.push(exactLine(words.deliveryFee, 1000, deliveryFeeMinor, deliveryFeeMinor));
  return out;
}

export const documentTotalMinor = (doc: Pick<SalesDocument, "lines">) =>
  doc.lines.reduce((sum, line) => sum + line.amountMinor, 0);

// ---- Cells ---------------------------------------------------------------------------------------

/** Minor units → "12.50" / "-3.05" (2 decimals, no thousands separator, a dot). */
export const moneyCell = (minor: number) => minorToInput(minor);

/** Thousandths → "1.5" / "2" / "0.125" (no trailing zeros). */
export function quantityCell(milli: number): string {
  const sign = milli < 0 ? "-" : "";
  const abs = Math.abs(milli);
  const whole = Math.floor(abs / 1000);
  const frac = String(abs % 1000)
    .padStart(3, "0")
    .replace(/0+$/, "");
  return `${sign}${whole}${frac ? `.${frac}` : ""}`;
}

/** "2026-11-30" in the hub's time zone (QuickBooks Online, plain). */
export const isoDateCell = (at: Date, timeZone: string) => zonedDate(at, timeZone);

/** "30/11/2026" in the hub's time zone (Xero UK, AU and NZ organisations read DD/MM/YYYY). */
export function ukDateCell(at: Date, timeZone: string): string {
  const [y, m, d] = zonedDate(at, timeZone).split("-");
  return `${d}/${m}/${y}`;
}

// ---- Headers -------------------------------------------------------------------------------------

/** Xero's sales invoice import template, columns in its order (* = required by Xero). */
export const XERO_SALES_HEADER = [
  "*ContactName",
  "EmailAddress",
  "POAddressLine1",
  "POAddressLine2",
  "POAddressLine3",
  "POAddressLine4",
  "POCity",
  "PORegion",
  "POPostalCode",
  "POCountry",
  "*InvoiceNumber",
  "Reference",
  "*InvoiceDate",
  "*DueDate",
  "Total",
  "InventoryItemCode",
  "*Description",
  "*Quantity",
  "*UnitAmount",
  "Discount",
  "*AccountCode",
  "*TaxType",
  "TaxAmount",
  "TrackingName1",
  "TrackingOption1",
  "TrackingName2",
  "TrackingOption2",
  "Currency",
  "BrandingTheme",
] as const;

/** Xero's bank statement import (card refunds are money paid out of the card clearing account). */
export const XERO_REFUNDS_HEADER = ["*Date", "*Amount", "Payee", "Description", "Reference"] as const;

/** QuickBooks Online's invoice import (Settings › Import data › Invoices), columns it maps by name. */
export const QUICKBOOKS_SALES_HEADER = [
  "InvoiceNo",
  "Customer",
  "InvoiceDate",
  "DueDate",
  "Terms",
  "Location",
  "Memo",
  "Item(Product/Service)",
  "ItemDescription",
  "ItemQuantity",
  "ItemRate",
  "ItemAmount",
  "Taxable",
  "TaxRate",
  "Currency",
] as const;

/** QuickBooks Online's three-column bank transactions upload. */
export const QUICKBOOKS_REFUNDS_HEADER = ["Date", "Description", "Amount"] as const;

/** Our own columns: one row per line (sales) or per refund, every amount signed as the ledger. */
export const PLAIN_SALES_HEADER = [
  "Type",
  "Number",
  "Date",
  "DueDate",
  "Reference",
  "Order",
  "Customer",
  "Email",
  "Description",
  "Quantity",
  "UnitPrice",
  "Amount",
  "Currency",
] as const;

export const PLAIN_REFUNDS_HEADER = [
  "Type",
  "RefundId",
  "Date",
  "Invoice",
  "Order",
  "Customer",
  "Email",
  "Amount",
  "Currency",
] as const;

export function exportHeader(kind: ExportKind, format: ExportFormat): readonly string[] {
  if (kind === "refunds")
    return format === "xero"
      ? XERO_REFUNDS_HEADER
      : format === "quickbooks"
        ? QUICKBOOKS_REFUNDS_HEADER
        : PLAIN_REFUNDS_HEADER;
  return format === "xero" ? XERO_SALES_HEADER : format === "quickbooks" ? QUICKBOOKS_SALES_HEADER : PLAIN_SALES_HEADER;
}

// ---- Rows ----------------------------------------------------------------------------------------

const PLAIN_TYPE: Record<SalesDocumentType, string> = {
  invoice: "invoice",
  creditNote: "credit_note",
  debitNote: "debit_note",
};

/**
 * One row per document line. Xero reads a document whose amounts are negative as a credit note, so
 * a credit note keeps its quantity and carries a negative unit amount. QuickBooks Online's invoice
 * import has no credit memos: a credit note's rows carry negative amounts under its CN- number
 * (docs/decisions/038 says how to bring them in).
 */
export function salesRows(docs: SalesDocument[], format: ExportFormat, timeZone: string): string[][] {
  const rows: string[][] = [];
  for (const doc of docs) {
    const issued = doc.issuedAt;
    const due = doc.dueAt ?? doc.issuedAt;
    const total = moneyCell(documentTotalMinor(doc));
    for (const line of doc.lines) {
      const sign = line.amountMinor < 0 ? -1 : 1;
      const unitAmount = moneyCell(sign * Math.abs(line.unitPriceMinor));
      const quantity = quantityCell(Math.abs(line.quantityMilli));
      if (format === "xero") {
        rows.push([
          doc.customer.name,
          doc.customer.email,
          doc.customer.address ?? "",
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          doc.number,
          doc.reference,
          ukDateCell(issued, timeZone),
          ukDateCell(due, timeZone),
          total,
          "",
          line.description,
          quantity,
          unitAmount,
          "",
          ACCOUNTING_DEFAULTS.xeroSalesAccountCode,
          ACCOUNTING_DEFAULTS.xeroTaxType,
          moneyCell(0),
          "",
          "",
          "",
          "",
          doc.currency,
          "",
        ]);
      } else if (format === "quickbooks") {
        rows.push([
          doc.number,
          doc.customer.name,
          isoDateCell(issued, timeZone),
          isoDateCell(due, timeZone),
          "",
          "",
          doc.reference,
          ACCOUNTING_DEFAULTS.quickbooksItem,
          line.description,
          quantity,
          unitAmount,
          moneyCell(line.amountMinor),
          ACCOUNTING_DEFAULTS.quickbooksTaxable,
          "",
          doc.currency,
        ]);
      } else {
        rows.push([
          PLAIN_TYPE[doc.type],
          doc.number,
          isoDateCell(issued, timeZone),
          isoDateCell(due, timeZone),
          doc.reference,
          String(doc.orderNumber),
          doc.customer.name,
          doc.customer.email,
          line.description,
          quantity,
          unitAmount,
          moneyCell(line.amountMinor),
          doc.currency,
        ]);
      }
    }
  }
  return rows;
}

/** One row per card refund, negative (money back to the buyer). */
export function refundRows(refunds: RefundDocument[], format: ExportFormat, timeZone: string): string[][] {
  return refunds.map((r) => {
    const description = `${r.invoiceNumber} ${r.refundId}`;
    if (format === "xero")
      return [ukDateCell(r.madeAt, timeZone), moneyCell(r.amountMinor), r.customer.name, description, r.invoiceNumber];
    if (format === "quickbooks")
      return [isoDateCell(r.madeAt, timeZone), `${r.customer.name} ${description}`, moneyCell(r.amountMinor)];
    return [
      "card_refund",
      r.refundId,
      isoDateCell(r.madeAt, timeZone),
      r.invoiceNumber,
      String(r.orderNumber),
      r.customer.name,
      r.customer.email,
      moneyCell(r.amountMinor),
      r.currency,
    ];
  });
}

/** The header and rows of an export (the header alone when the period has nothing). */
export function exportTable(
  input: { kind: "sales"; documents: SalesDocument[] } | { kind: "refunds"; refunds: RefundDocument[] },
  format: ExportFormat,
  timeZone: string,
): string[][] {
  const header = [...exportHeader(input.kind, format)];
  const rows =
    input.kind === "sales" ? salesRows(input.documents, format, timeZone) : refundRows(input.refunds, format, timeZone);
  return [header, ...rows];
}

// ---- Periods -------------------------------------------------------------------------------------

export const MAX_PERIOD_DAYS = 366;

/** The calendar month before `today` ("2026-12-06" → 2026-11-01 … 2026-11-30). */
export function lastMonth(today: string): { from: string; to: string } {
  const [y, m] = today.split("-").map(Number) as [number, number];
  const year = m === 1 ? y - 1 : y;
  const month = m === 1 ? 12 : m - 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const mm = String(month).padStart(2, "0");
  return { from: `${year}-${mm}-01`, to: `${year}-${mm}-${String(last).padStart(2, "0")}` };
}

/** Days from `from` to `to`, both counted ("2026-11-01" … "2026-11-30" → 30). */
export function periodDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** "foodshed-xero-sales-2026-11.csv" for a calendar month, else "…-2026-11-03-to-2026-11-20.csv". */
export function exportFilename(format: ExportFormat, kind: ExportKind, from: string, to: string): string {
  const month = from.slice(0, 7);
  const wholeMonth = from.endsWith("-01") && to.slice(0, 7) === month && lastMonth(nextMonthStart(from)).to === to;
  const period = wholeMonth ? month : `${from}-to-${to}`;
  return `foodshed-${format}-${kind}-${period}.csv`;
}

function nextMonthStart(date: string): string {
  const [y, m] = date.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}
