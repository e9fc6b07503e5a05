import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  documentTotalMinor,
  exportFilename,
  exportTable,
  issuedInvoiceLines,
  lastMonth,
  periodDays,
  PLAIN_SALES_HEADER,
  QUICKBOOKS_SALES_HEADER,
  quantityCell,
  XERO_SALES_HEADER,
  type ExportFormat,
  type OrderLineAsStored,
  type RefundDocument,
  type SalesDocument,
} from "./accounting-export";
import { readCsv, toCsv } from "./csv";

const TZ = "Europe/London";
const words = { line: (name: string, unit: string) => `${name} (${unit})`, deliveryFee: "Delivery" };
const customer = { name: "The Kitchen", email: "kitchen@example.test", address: "1 High St, Bristol" };

function invoice(over: Partial<SalesDocument> = {}): SalesDocument {
  return {
    type: "invoice",
    number: "FS-000042",
    reference: "Order 42",
    orderNumber: 42,
    issuedAt: new Date("2026-11-30T23:30:00Z"), // 30 November in London
    dueAt: new Date("2026-12-14T12:00:00Z"),
    customer,
    currency: "GBP",
    lines: [
      { description: "Carrots (kg)", quantityMilli: 1500, unitPriceMinor: 200, amountMinor: 300 },
      { description: "Delivery", quantityMilli: 1000, unitPriceMinor: 450, amountMinor: 450 },
    ],
    ...over,
  };
}
const creditNote: SalesDocument = {
  ...invoice(),
  type: "creditNote",
  number: "CN-0001",
  reference: "FS-000042",
  dueAt: null,
  lines: [{ description: "Carrots: 1.5 → 1", quantityMilli: 1000, unitPriceMinor: -100, amountMinor: -100 }],
};

/** The CSV text read back, as a bookkeeper's import would. */
function roundTrip(table: string[][]): string[][] {
  const read = readCsv(toCsv(table));
  if (!read.ok) throw new Error(read.message);
  return read.rows;
}

const toMinor = (text: string) => Math.round(Number(text) * 100);
const toMilli = (text: string) => Math.round(Number(text) * 1000);

/** What each format's rows add up to, in minor units, the way the package computes it. */
function fileSum(rows: string[][], format: ExportFormat): number {
  const [header, ...body] = rows;
  const col = (name: string) => header!.indexOf(name);
  let sum = 0;
  for (const row of body) {
    if (format === "xero") {
      const product = toMilli(row[col("*Quantity")]!) * toMinor(row[col("*UnitAmount")]!);
      expect(Math.abs(product % 1000), "quantity × unit amount is exact").toBe(0);
      sum += product / 1000;
    } else if (format === "quickbooks") {
      const product = toMilli(row[col("ItemQuantity")]!) * toMinor(row[col("ItemRate")]!);
      expect(product / 1000).toBe(toMinor(row[col("ItemAmount")]!));
      sum += toMinor(row[col("ItemAmount")]!);
    } else sum += toMinor(row[col("Amount")]!);
  }
  return sum;
}

describe("accounting export columns", () => {
  it("writes Xero's sales invoice template columns in order, UK dates in the hub's zone", () => {
    const rows = roundTrip(exportTable({ kind: "sales", documents: [invoice(), creditNote] }, "xero", TZ));
    expect(rows[0]).toEqual([...XERO_SALES_HEADER]);
    expect(rows[0]!.slice(0, 2)).toEqual(["*ContactName", "EmailAddress"]);
    expect(rows[0]!.at(-1)).toBe("BrandingTheme");
    const first = Object.fromEntries(rows[0]!.map((h, i) => [h, rows[1]![i]]));
    expect(first).toMatchObject({
      "*ContactName": "The Kitchen",
      "*InvoiceNumber": "FS-000042",
      "*InvoiceDate": "30/11/2026",
      "*DueDate": "14/12/2026",
      Total: "7.50",
      "*Description": "Carrots (kg)",
      "*Quantity": "1.5",
      "*UnitAmount": "2.00",
      "*AccountCode": "200",
      "*TaxType": "Zero Rated Income",
      Currency: "GBP",
    });
    // A credit note: its own number, the invoice as reference, a negative amount (Xero: a credit).
    const note = Object.fromEntries(rows[0]!.map((h, i) => [h, rows[3]![i]]));
    expect(note).toMatchObject({ "*InvoiceNumber": "CN-0001", Reference: "FS-000042", "*UnitAmount": "-1.00" });
    expect(note["*DueDate"]).toBe("30/11/2026");
  });

  it("writes QuickBooks Online's invoice columns with ISO dates, and a plain CSV", () => {
    const qbo = roundTrip(exportTable({ kind: "sales", documents: [invoice()] }, "quickbooks", TZ));
    expect(qbo[0]).toEqual([...QUICKBOOKS_SALES_HEADER]);
    expect(qbo[1]).toEqual([
      "FS-000042", "The Kitchen", "2026-11-30", "2026-12-14", "", "", "Order 42", "Sales", "Carrots (kg)",
      "1.5", "2.00", "3.00", "N", "", "GBP",
    ]); // prettier-ignore
    const plain = roundTrip(exportTable({ kind: "sales", documents: [creditNote] }, "plain", TZ));
    expect(plain[0]).toEqual([...PLAIN_SALES_HEADER]);
    expect(plain[1]).toEqual([
      "credit_note", "CN-0001", "2026-11-30", "2026-11-30", "FS-000042", "42", "The Kitchen",
      "kitchen@example.test", "Carrots: 1.5 → 1", "1", "-1.00", "-1.00", "GBP",
    ]); // prettier-ignore
  });

  it("writes card refunds as Xero and QuickBooks bank lines and plain rows, negative", () => {
    const refund: RefundDocument = {
      refundId: "re_1",
      invoiceNumber: "FS-000042",
      orderNumber: 42,
      madeAt: new Date("2026-11-03T10:00:00Z"),
      customer,
      currency: "GBP",
      amountMinor: -305,
    };
    expect(roundTrip(exportTable({ kind: "refunds", refunds: [refund] }, "xero", TZ))).toEqual([
      ["*Date", "*Amount", "Payee", "Description", "Reference"],
      ["03/11/2026", "-3.05", "The Kitchen", "FS-000042 re_1", "FS-000042"],
    ]);
    expect(roundTrip(exportTable({ kind: "refunds", refunds: [refund] }, "quickbooks", TZ))[1]).toEqual([
      "2026-11-03",
      "The Kitchen FS-000042 re_1",
      "-3.05",
    ]);
    expect(roundTrip(exportTable({ kind: "refunds", refunds: [refund] }, "plain", TZ))[1]).toContain("card_refund");
  });

  it("writes the header alone for an empty period", () => {
    for (const format of ["xero", "quickbooks", "plain"] as const)
      expect(toCsv(exportTable({ kind: "sales", documents: [] }, format, TZ)).split("\r\n")).toHaveLength(2);
  });

  it("escapes names a spreadsheet would run as a formula", () => {
    for (const name of ["=HYPERLINK(1)", "+44 1234", "-cmd", "@SUM(A1)"]) {
      const doc = invoice({ customer: { ...customer, name } });
      for (const format of ["xero", "quickbooks", "plain"] as const) {
        const csv = toCsv(exportTable({ kind: "sales", documents: [doc] }, format, TZ));
        expect(csv).toContain(`'${name}`);
        expect(csv).not.toMatch(new RegExp(`(^|,)${name.replace(/[+()]/g, "\\$&")}`, "m"));
      }
    }
    // A negative amount stays a number.
    expect(toCsv(exportTable({ kind: "sales", documents: [creditNote] }, "plain", TZ))).toContain(",-1.00,");
  });
});

describe("issued invoice lines", () => {
  it("uses the ordered snapshot of an adjusted line and prices a weighed line as 1 × its amount", () => {
    const lines: OrderLineAsStored[] = [
      {
        productName: "Beef brisket",
        unit: "EACH",
        quantityMilli: 1000,
        unitPriceMinor: 1200,
        lineTotalMinor: 1356,
        orderedProductName: "Beef brisket",
        orderedQuantityMilli: 1000,
        orderedTotalMinor: 1200,
      },
      {
        productName: "Leeks",
        unit: "KG",
        quantityMilli: 333,
        unitPriceMinor: 250,
        lineTotalMinor: 83,
        orderedProductName: null,
        orderedQuantityMilli: null,
        orderedTotalMinor: null,
      },
    ];
    expect(issuedInvoiceLines(lines, 300, words)).toEqual([
      { description: "Beef brisket (EACH)", quantityMilli: 1000, unitPriceMinor: 1200, amountMinor: 1200 },
      { description: "Leeks (KG)", quantityMilli: 1000, unitPriceMinor: 83, amountMinor: 83 },
      { description: "Delivery", quantityMilli: 1000, unitPriceMinor: 300, amountMinor: 300 },
    ]);
  });
});

describe("an export sums to the ledger", () => {
  const storedLine = fc.record({
    productName: fc.string({ minLength: 1, maxLength: 12 }),
    unit: fc.constantFrom("KG", "EACH", "BUNCH"),
    quantityMilli: fc.integer({ min: 0, max: 20_000 }),
    unitPriceMinor: fc.integer({ min: 1, max: 50_000 }),
    orderedQuantityMilli: fc.option(fc.integer({ min: 1, max: 20_000 })),
    orderedProductName: fc.option(fc.string({ maxLength: 12 })),
    adjust: fc.integer({ min: -500, max: 500 }),
  });
  const document = fc.record({
    orderNumber: fc.integer({ min: 1, max: 999_999 }),
    lines: fc.array(storedLine, { minLength: 1, maxLength: 5 }),
    deliveryFeeMinor: fc.integer({ min: 0, max: 2000 }),
    notes: fc.array(
      fc.integer({ min: -100_000, max: 100_000 }).filter((n) => n !== 0),
      { maxLength: 3 },
    ),
  });

  it("for every format, the file's amounts add up to the invoices and notes to the minor unit", () => {
    fc.assert(
      fc.property(
        fc.array(document, { maxLength: 6 }),
        fc.constantFrom<ExportFormat>("xero", "quickbooks", "plain"),
        (orders, format) => {
          const docs: SalesDocument[] = [];
          let ledger = 0;
          let noteNumber = 0;
          for (const o of orders) {
            const lines: OrderLineAsStored[] = o.lines.map((l) => {
              const qty = l.orderedQuantityMilli ?? l.quantityMilli;
              const total = Math.round((l.unitPriceMinor * qty) / 1000) + (l.orderedQuantityMilli ? l.adjust : 0);
              return {
                productName: l.productName,
                unit: l.unit,
                quantityMilli: l.quantityMilli,
                unitPriceMinor: l.unitPriceMinor,
                lineTotalMinor: Math.round((l.unitPriceMinor * l.quantityMilli) / 1000),
                orderedProductName: l.orderedQuantityMilli ? (l.orderedProductName ?? l.productName) : null,
                orderedQuantityMilli: l.orderedQuantityMilli,
                orderedTotalMinor: l.orderedQuantityMilli ? Math.max(0, total) : null,
              };
            });
            const inv = invoice({
              orderNumber: o.orderNumber,
              number: `FS-${o.orderNumber}`,
              lines: issuedInvoiceLines(lines, o.deliveryFeeMinor, words),
            });
            // The ledger's INVOICE entry: what the order came to before its first adjustment.
            ledger += lines.reduce((s, l) => s + (l.orderedTotalMinor ?? l.lineTotalMinor), 0) + o.deliveryFeeMinor;
            docs.push(inv);
            for (const amount of o.notes) {
              noteNumber++;
              ledger += amount;
              docs.push({
                ...inv,
                type: amount < 0 ? "creditNote" : "debitNote",
                number: `N-${noteNumber}`,
                reference: inv.number,
                lines: [{ description: "Change", quantityMilli: 1000, unitPriceMinor: amount, amountMinor: amount }],
              });
            }
          }
          expect(docs.reduce((s, d) => s + documentTotalMinor(d), 0)).toBe(ledger);
          expect(fileSum(roundTrip(exportTable({ kind: "sales", documents: docs }, format, TZ)), format)).toBe(ledger);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("card refunds add up to the ledger's refunds", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 8 }), (amounts) => {
        const refunds: RefundDocument[] = amounts.map((a, i) => ({
          refundId: `re_${i}`,
          invoiceNumber: "FS-000001",
          orderNumber: 1,
          madeAt: new Date("2026-11-02T12:00:00Z"),
          customer,
          currency: "EUR",
          amountMinor: -a,
        }));
        const ledger = amounts.reduce((s, a) => s - a, 0);
        for (const format of ["xero", "quickbooks", "plain"] as const) {
          const rows = roundTrip(exportTable({ kind: "refunds", refunds }, format, TZ));
          const col = rows[0]!.findIndex((h) => /Amount$/.test(h));
          expect(rows.slice(1).reduce((s, r) => s + toMinor(r[col]!), 0)).toBe(ledger);
        }
      }),
    );
  });
});

describe("periods and filenames", () => {
  it("defaults to last month and names a month's file by the month", () => {
    expect(lastMonth("2026-12-06")).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(lastMonth("2026-01-15")).toEqual({ from: "2025-12-01", to: "2025-12-31" });
    expect(lastMonth("2028-03-01")).toEqual({ from: "2028-02-01", to: "2028-02-29" });
    expect(periodDays("2026-11-01", "2026-11-30")).toBe(30);
    expect(exportFilename("xero", "sales", "2026-11-01", "2026-11-30")).toBe("foodshed-xero-sales-2026-11.csv");
    expect(exportFilename("plain", "refunds", "2026-11-03", "2026-11-20")).toBe(
      "foodshed-plain-refunds-2026-11-03-to-2026-11-20.csv",
    );
    expect(quantityCell(1500)).toBe("1.5");
    expect(quantityCell(125)).toBe("0.125");
    expect(quantityCell(2000)).toBe("2");
  });
});
