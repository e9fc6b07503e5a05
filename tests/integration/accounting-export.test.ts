// Accounting exports (docs/decisions/038) on a real database: an invoice order with a credit note
// and a card order with a refund, both after the cut-off, come out of the download route in the
// Xero, QuickBooks Online and plain formats with the ledger's numbers; another hub's documents never
// do; a bad query is a 400 that says what to fix.
import { describe, expect, it } from "vitest";
import { readCsv } from "~/domain/csv";
import { zonedDate } from "~/domain/time-zone";
import { withTransaction } from "~/models/database.server";
import { recordRefundMade } from "~/models/order-adjustment.server";
import { action as basketAction } from "~/routes/basket";
import { action as checkoutAction } from "~/routes/checkout";
import { action as pickListAction } from "~/routes/farm.orders";
import { loader as pageLoader } from "~/routes/hub.exports";
import { loader as csvLoader } from "~/routes/hub.exports[.csv]";
import { prisma } from "~/utils/db.server";
import { makeRequest } from "../factories";
import { args, catchResponse, orderingWorld, postForm } from "../support/ordering";

type World = Awaited<ReturnType<typeof orderingWorld>>;

async function place(w: World, buyerId: string, kg: string, paymentMethod: "INVOICE" | "ON_DELIVERY") {
  await postForm(basketAction, "/basket", { intent: "add", productId: w.carrots.id, quantity: kg }, buyerId);
  const placed = await postForm(
    checkoutAction,
    "/checkout",
    {
      cycleId: w.cycle.id,
      fulfilment: "PICKUP",
      paymentMethod,
      ...(paymentMethod === "INVOICE" ? { invoiceTermsDays: "30" } : {}),
    },
    buyerId,
  );
  expect(placed.status).toBe(302);
  return prisma.order.findFirstOrThrow({
    where: { buyerId },
    orderBy: { placedAt: "desc" },
    include: { lines: true },
  });
}

let keys = 0;
async function short(w: World, lineId: string, kg: string) {
  const response = (await pickListAction(
    args(
      await makeRequest("/farm/orders", {
        userId: w.farmA.ownerId!,
        form: {
          intent: "adjust",
          lineId,
          version: String((await prisma.orderLine.findUniqueOrThrow({ where: { id: lineId } })).version),
          requestKey: `export-test-${Date.now()}-${keys++}`,
          kind: "short",
          quantity: kg,
        },
      }),
    ),
  )) as Response;
  expect(response.status).toBe(200);
}

/** A hub with an invoice order (2 kg, 1 kg short: a credit note) and a card order (4 kg, 1 kg short: refunded). */
async function exportWorld() {
  const w = await orderingWorld();
  const invoiceOrder = await place(w, w.restaurant.id, "2", "INVOICE");
  // A paid card order (the payment itself is the Stripe suites' business).
  const placedCard = await place(w, w.household.id, "4", "ON_DELIVERY");
  const cardOrder = await prisma.order.update({
    where: { id: placedCard.id },
    data: { paymentMethod: "CARD", paymentStatus: "PAID", paidAt: new Date(), stripePaymentIntentId: "pi_export_1" },
    include: { lines: true },
  });
  await prisma.deliveryCycle.update({ where: { id: w.cycle.id }, data: { cutoffAt: new Date(Date.now() - 60_000) } });
  await short(w, invoiceOrder.lines[0]!.id, "1");
  await short(w, cardOrder.lines[0]!.id, "3");
  // Stripe confirms the refund the adjustment decided.
  const adjustment = await prisma.orderAdjustment.findFirstOrThrow({ where: { orderId: cardOrder.id } });
  expect(adjustment.refundMinor).toBe(250);
  await withTransaction((tx) =>
    recordRefundMade(tx, {
      adjustmentId: adjustment.id,
      stripeRefundId: "re_export_1",
      hubId: w.hub.id,
      orderId: cardOrder.id,
      amountMinor: 250,
      currency: "GBP",
      now: new Date(),
    }),
  );
  return { ...w, invoiceOrder, cardOrder };
}

const today = () => zonedDate(new Date(), "Europe/London");

async function download(userId: string, query: Record<string, string>) {
  const request = await makeRequest(`/hub/exports.csv?${new URLSearchParams(query).toString()}`, { userId });
  return catchResponse(csvLoader(args(request)) as Promise<Response>);
}

async function table(userId: string, query: Record<string, string>) {
  const response = await download(userId, query);
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  const read = readCsv(await response.text());
  if (!read.ok) throw new Error(read.message);
  const [header, ...rows] = read.rows;
  return { response, header: header!, rows: rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!]))) };
}

const minor = (text: string | undefined) => Math.round(Number(text) * 100);
const fs = (n: number) => `FS-${String(n).padStart(6, "0")}`;

describe("accounting exports", () => {
  it("an invoice order with a credit note and a card order with a refund, in all three formats, with the ledger's numbers", async () => {
    const w = await exportWorld();
    const other = await orderingWorld();
    const otherOrder = await place(other, other.restaurant.id, "3", "INVOICE");
    const coordinator = w.hub.coordinatorId!;
    const period = { from: today(), to: today() };

    const ledger = await prisma.ledgerEntry.findMany({ where: { hubId: w.hub.id }, orderBy: { createdAt: "asc" } });
    const documents = ledger.filter((e) => ["INVOICE", "CREDIT_NOTE", "DEBIT_NOTE"].includes(e.kind));
    const notes = ledger.filter((e) => e.kind === "CREDIT_NOTE").map((e) => e.noteNumber);
    expect(documents.map((e) => e.amountMinor).sort()).toEqual([-250, -250, 1000, 500].sort());
    const ledgerSum = documents.reduce((s, e) => s + e.amountMinor, 0);
    const cn = (n: number | null) => `CN-${String(n).padStart(4, "0")}`;

    // Xero: the sales invoice template; credit notes under their CN- number with negative amounts.
    const xero = await table(coordinator, { ...period, format: "xero", kind: "sales" });
    expect(xero.header.slice(0, 3)).toEqual(["*ContactName", "EmailAddress", "POAddressLine1"]);
    expect(xero.response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="foodshed-xero-sales-/);
    expect(xero.rows.map((r) => [r["*InvoiceNumber"], r["Reference"], r["*Quantity"], r["*UnitAmount"]])).toEqual(
      expect.arrayContaining([
        [fs(w.invoiceOrder.number), `Order ${w.invoiceOrder.number}`, "2", "2.50"],
        [fs(w.cardOrder.number), `Order ${w.cardOrder.number}`, "4", "2.50"],
        [cn(notes[0]!), fs(w.invoiceOrder.number), "1", "-2.50"],
        [cn(notes[1]!), fs(w.cardOrder.number), "1", "-2.50"],
      ]),
    );
    expect(xero.rows).toHaveLength(4);
    expect(xero.rows.reduce((s, r) => s + Number(r["*Quantity"]) * minor(r["*UnitAmount"]), 0)).toBe(ledgerSum);
    const restaurantRow = xero.rows.find((r) => r["*InvoiceNumber"] === fs(w.invoiceOrder.number))!;
    expect(restaurantRow["*ContactName"]).toBe(w.restaurant.name);
    expect(restaurantRow["*DueDate"]).not.toBe(restaurantRow["*InvoiceDate"]); // 30 days' terms
    expect(restaurantRow["*AccountCode"]).toBe("200");

    // QuickBooks Online: ISO dates, ItemAmount signed.
    const qbo = await table(coordinator, { ...period, format: "quickbooks", kind: "sales" });
    expect(qbo.header[0]).toBe("InvoiceNo");
    expect(qbo.rows.reduce((s, r) => s + minor(r["ItemAmount"]), 0)).toBe(ledgerSum);
    expect(qbo.rows.every((r) => r["InvoiceDate"] === today())).toBe(true);

    // Plain: every row's type and amount.
    const plain = await table(coordinator, { ...period, format: "plain", kind: "sales" });
    expect(plain.rows.map((r) => [r["Type"], minor(r["Amount"])]).sort()).toEqual(
      [
        ["invoice", 500],
        ["invoice", 1000],
        ["credit_note", -250],
        ["credit_note", -250],
      ].sort(),
    );

    expect(plain.rows.filter((r) => r["Type"] === "credit_note").map((r) => r["Description"])).toEqual([
      "Carrots × 2 kg → Carrots × 1 kg",
      "Carrots × 4 kg → Carrots × 3 kg",
    ]);
    expect(plain.rows.find((r) => r["Number"] === fs(w.invoiceOrder.number))!["Description"]).toBe("Carrots × 2 kg");

    // Card refunds: one, negative, in each format.
    const refunds = ledger.filter((e) => e.kind === "REFUND");
    expect(refunds.map((e) => e.amountMinor)).toEqual([-250]);
    const xeroRefunds = await table(coordinator, { ...period, format: "xero", kind: "refunds" });
    expect(xeroRefunds.rows).toEqual([
      {
        "*Date": expect.stringMatching(/^\d{2}\/\d{2}\/\d{4}$/),
        "*Amount": "-2.50",
        Payee: w.household.name,
        Description: `${fs(w.cardOrder.number)} re_export_1`,
        Reference: fs(w.cardOrder.number),
      },
    ]);
    const qboRefunds = await table(coordinator, { ...period, format: "quickbooks", kind: "refunds" });
    expect(qboRefunds.rows.map((r) => r["Amount"])).toEqual(["-2.50"]);
    const plainRefunds = await table(coordinator, { ...period, format: "plain", kind: "refunds" });
    expect(plainRefunds.rows.map((r) => [r["Type"], r["RefundId"], r["Amount"]])).toEqual([
      ["card_refund", "re_export_1", "-2.50"],
    ]);

    // Another hub's documents never appear.
    for (const result of [xero, qbo, plain]) {
      const text = JSON.stringify(result.rows);
      expect(text).not.toContain(other.restaurant.name);
      expect(text).not.toContain(fs(otherOrder.number));
    }
    const otherHub = await table(other.hub.coordinatorId!, { ...period, format: "plain", kind: "sales" });
    expect(otherHub.rows.map((r) => r["Number"])).toEqual([fs(otherOrder.number)]);

    // The page's summary.
    const page = (await pageLoader(
      args(
        await makeRequest(`/hub/exports?${new URLSearchParams({ ...period, format: "xero", kind: "sales" })}`, {
          userId: coordinator,
        }),
      ),
    )) as Response;
    expect(await page.json()).toMatchObject({
      summary: { invoices: 2, creditNotes: 2, debitNotes: 0, refunds: 1 },
      download: expect.stringContaining("/hub/exports.csv?"),
    });
  });

  it("a cancelled order is not exported; an empty period is the header alone and the page says nothing was found", async () => {
    const w = await orderingWorld();
    const order = await place(w, w.restaurant.id, "2", "INVOICE");
    await prisma.order.update({ where: { id: order.id }, data: { status: "CANCELLED", cancelledAt: new Date() } });
    const coordinator = w.hub.coordinatorId!;
    const empty = await table(coordinator, { from: today(), to: today(), format: "xero", kind: "sales" });
    expect(empty.rows).toEqual([]);
    expect(empty.header[0]).toBe("*ContactName");
    const past = { from: "2025-01-01", to: "2025-01-31", format: "quickbooks", kind: "refunds" };
    const file = await download(coordinator, past);
    expect(file.headers.get("Content-Disposition")).toBe(
      'attachment; filename="foodshed-quickbooks-refunds-2025-01.csv"',
    );
    expect(await file.text()).toBe("Date,Description,Amount\r\n");
    const page = (await pageLoader(
      args(await makeRequest(`/hub/exports?${new URLSearchParams(past)}`, { userId: coordinator })),
    )) as Response;
    expect(await page.json()).toMatchObject({ summary: { invoices: 0, creditNotes: 0, debitNotes: 0, refunds: 0 } });
  });

  it("a bad query is a 400 that says what to fix", async () => {
    const w = await orderingWorld();
    const coordinator = w.hub.coordinatorId!;
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ from: "2026-11-30", to: "2026-11-01", format: "xero", kind: "sales" }, /on or after the first day/],
      [{ from: "2026-13-01", to: "2026-11-01", format: "xero", kind: "sales" }, /YYYY-MM-DD/],
      [{ from: "2026-02-30", to: "2026-03-01", format: "xero", kind: "sales" }, /YYYY-MM-DD/],
      [{ from: "yesterday", to: "2026-11-01", format: "xero", kind: "sales" }, /YYYY-MM-DD/],
      [{ from: "2024-01-01", to: "2026-11-01", format: "xero", kind: "sales" }, /at most 366 days/],
      [{ from: "2026-11-01", to: "2026-11-30", format: "sage", kind: "sales" }, /Xero, QuickBooks Online or plain CSV/],
      [{ from: "2026-11-01", to: "2026-11-30", format: "xero", kind: "bills" }, /card refunds/],
      [{ from: "", to: "2026-11-30", format: "xero", kind: "sales" }, /first day/],
    ];
    for (const [query, words] of cases) {
      const response = await download(coordinator, query);
      expect(response.status, JSON.stringify(query)).toBe(400);
      expect(await response.text()).toMatch(words);
      const page = (await pageLoader(
        args(await makeRequest(`/hub/exports?${new URLSearchParams(query)}`, { userId: coordinator })),
      )) as Response;
      expect(page.status).toBe(400);
      expect((await page.json()) as { error: { message: string } }).toMatchObject({
        error: { message: expect.stringMatching(words) },
      });
    }
    // With no query at all: last month, a Xero sales file.
    const defaults = await download(coordinator, {});
    expect(defaults.status).toBe(200);
    expect(defaults.headers.get("Content-Disposition")).toMatch(/foodshed-xero-sales-\d{4}-\d{2}\.csv"$/);
  });
});
