// After the cut-off: actual weights, shortages and substitutes recorded through the pick list's
// action, on a real database (embedded, and PostgreSQL with TEST_DATABASE_URL), with card refunds
// through the real Stripe SDK against the local fake (webhooks signed and relayed to the route).
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type * as EnvModule from "~/utils/env.server";
import { allowConsoleError } from "../support/console-guard";
import { startStripeFake, type StripeFake } from "../support/stripe-fake";

const WEBHOOK_SECRET = "whsec_test_adjustments";
const fakeHolder = vi.hoisted(() => ({ url: "http://127.0.0.1:1" }));
vi.mock("~/utils/env.server", async (importOriginal) => {
  const original = await importOriginal<typeof EnvModule>();
  return {
    ...original,
    getEnv: () => ({
      ...original.getEnv(),
      STRIPE_SECRET_KEY: "sk_test_fake",
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: fakeHolder.url,
      CARD_ORDER_EXPIRY_MINUTES: 30,
    }),
  };
});

const { action: basketAction } = await import("~/routes/basket");
const { action: checkoutAction } = await import("~/routes/checkout");
const { action: pickListAction, loader: pickListLoader } = await import("~/routes/farm.orders");
const { action: webhookAction } = await import("~/routes/webhooks.stripe");
const { action: packingAction, loader: packingLoader } = await import("~/routes/hub.cycles.$cycleId.packing");
const { makeAdjustmentRefunds } = await import("~/services/order-adjustment.server");
const { prisma } = await import("~/utils/db.server");
const { createTestHub, createTestProduct, createTestUser, makeRequest } = await import("../factories");
const { args, orderingWorld, postForm } = await import("../support/ordering");

let fake: StripeFake;
let relay: http.Server;

beforeAll(async () => {
  relay = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const request = new Request("http://localhost/webhooks/stripe", {
          method: "POST",
          headers: {
            "Stripe-Signature": String(req.headers["stripe-signature"] ?? ""),
            "Content-Type": "application/json",
          },
          body: Buffer.concat(chunks).toString("utf8"),
        });
        const response = await webhookAction(args(request));
        res.writeHead(response.status);
        res.end(await response.text());
      })();
    });
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  const port = (relay.address() as { port: number }).port;
  fake = await startStripeFake({
    webhookUrl: `http://127.0.0.1:${port}/webhooks/stripe`,
    webhookSecret: WEBHOOK_SECRET,
  });
  fakeHolder.url = fake.url;
});
afterAll(async () => {
  await fake.stop();
  await new Promise((resolve) => relay.close(resolve));
});

/** A farm selling brisket by estimated weight (about 1 kg at £12.00) and carrots by the kg; one order placed, then the cut-off passes. */
async function packedWorld({
  paymentMethod = "ON_DELIVERY",
  allowSubstitutions = false,
}: { paymentMethod?: "ON_DELIVERY" | "INVOICE" | "CARD"; allowSubstitutions?: boolean } = {}) {
  const w = await orderingWorld();
  // Invoices are for restaurants; households pay by card or on delivery.
  const buyer = paymentMethod === "INVOICE" ? w.restaurant : w.household;
  const brisket = await createTestProduct(w.farmA.id, {
    name: "Beef brisket",
    unit: "EACH",
    gramsPerUnit: 1000,
    retailPriceMinor: 1200,
    stockMilli: 10_000,
    category: "MEAT",
  });
  await prisma.product.update({ where: { id: brisket.id }, data: { soldByWeight: true } });
  const parsnips = await createTestProduct(w.farmA.id, {
    name: "Parsnips",
    unit: "KG",
    retailPriceMinor: 300,
    stockMilli: 5_000,
  });
  await postForm(basketAction, "/basket", { intent: "add", productId: brisket.id, quantity: "2" }, buyer.id);
  await postForm(basketAction, "/basket", { intent: "add", productId: w.carrots.id, quantity: "2" }, buyer.id);
  const placed = await postForm(
    checkoutAction,
    "/checkout",
    {
      cycleId: w.cycle.id,
      fulfilment: "PICKUP",
      paymentMethod,
      ...(paymentMethod === "INVOICE" ? { invoiceTermsDays: "30" } : {}),
      ...(allowSubstitutions ? { allowSubstitutions: "on" } : {}),
    },
    buyer.id,
  );
  expect(placed.status).toBe(302);
  let order = await prisma.order.findFirstOrThrow({ where: { buyerId: buyer.id }, include: { lines: true } });
  if (paymentMethod === "CARD") {
    expect(await fake.pay(order.stripeCheckoutSessionId!)).toBe(200);
    order = await prisma.order.findUniqueOrThrow({ where: { id: order.id }, include: { lines: true } });
    expect(order.paymentStatus).toBe("PAID");
  }
  // The cut-off passes: what was packed can now be recorded.
  await prisma.deliveryCycle.update({ where: { id: w.cycle.id }, data: { cutoffAt: new Date(Date.now() - 60_000) } });
  const line = (productId: string) => order.lines.find((l) => l.productId === productId)!;
  return { ...w, buyer, brisket, parsnips, order, brisketLine: line(brisket.id), carrotLine: line(w.carrots.id) };
}

type World = Awaited<ReturnType<typeof packedWorld>>;

let keys = 0;
async function adjust(
  userId: string,
  lineId: string,
  form: Record<string, string>,
  { version, requestKey }: { version?: number; requestKey?: string } = {},
) {
  const current = await prisma.orderLine.findUnique({ where: { id: lineId } });
  const response = (await pickListAction(
    args(
      await makeRequest("/farm/orders", {
        userId,
        form: {
          intent: "adjust",
          lineId,
          version: String(version ?? current?.version ?? 0),
          requestKey: requestKey ?? `test-key-${Date.now()}-${keys++}`,
          ...form,
        },
      }),
    ),
  )) as Response;
  return {
    status: response.status,
    body: (await response.json()) as { ok: boolean; error?: string; message?: string },
  };
}

const ledgerOf = (orderId: string) =>
  prisma.ledgerEntry.findMany({ where: { orderId }, orderBy: { createdAt: "asc" } });
const sum = (entries: Array<{ amountMinor: number }>) => entries.reduce((s, e) => s + e.amountMinor, 0);
const documents = (entries: Array<{ kind: string; amountMinor: number }>) =>
  sum(entries.filter((e) => ["INVOICE", "CREDIT_NOTE", "DEBIT_NOTE"].includes(e.kind)));
const movements = (entries: Array<{ kind: string; amountMinor: number }>) =>
  sum(entries.filter((e) => ["CHARGE", "REFUND", "ABSORBED"].includes(e.kind)));

describe("recording what was packed after the cut-off", () => {
  it("an actual weight reprices the line at the estimate's price per kg; a debit note covers the difference and the buyer is told old and new amounts", async () => {
    const w = await packedWorld({ paymentMethod: "INVOICE" });
    const before = w.order.totalMinor;
    expect(w.brisketLine.soldByWeight).toBe(true);
    expect(w.brisketLine.lineTotalMinor).toBe(2400);
    const saved = await adjust(w.farmA.ownerId!, w.brisketLine.id, {
      kind: "weight",
      quantity: "2",
      actualWeightKg: "2.26",
    });
    expect(saved).toMatchObject({ status: 200, body: { ok: true } });

    const line = await prisma.orderLine.findUniqueOrThrow({ where: { id: w.brisketLine.id } });
    expect(line).toMatchObject({
      lineTotalMinor: 2712,
      grams: 2260,
      quantityMilli: 2000,
      orderedTotalMinor: 2400,
      orderedGrams: 2000,
      version: 1,
    });
    const order = await prisma.order.findUniqueOrThrow({ where: { id: w.order.id } });
    expect(order.totalMinor).toBe(before + 312);
    expect(order.totalGrams).toBe(w.order.totalGrams + 260);

    const ledger = await ledgerOf(w.order.id);
    expect(ledger.map((e) => [e.kind, e.amountMinor])).toEqual([
      ["INVOICE", before],
      ["DEBIT_NOTE", 312],
    ]);
    expect(ledger[1]!.noteNumber).toBe(1);
    expect(documents(ledger)).toBe(order.totalMinor);

    const email = await prisma.emailMessage.findFirstOrThrow({
      where: { to: w.buyer.email, kind: { startsWith: "order-adjusted:" } },
    });
    expect(email.text).toContain("Beef brisket");
    expect(email.text).toContain("2.26 kg");
    expect(email.text).toContain("£27.12");
    expect(email.text).toContain("£24.00");
    expect(email.text).toContain("DN-0001");
  });

  it("a shortage issues a numbered credit note; a correction recomputes from what was ordered, never compounding", async () => {
    const w = await packedWorld();
    const before = w.order.totalMinor;
    expect((await adjust(w.farmA.ownerId!, w.carrotLine.id, { kind: "short", quantity: "1" })).status).toBe(200);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: w.order.id } })).totalMinor).toBe(before - 250);
    // The farmer finds half a kilo more: 1.5 kg of the 2 kg ordered.
    expect((await adjust(w.farmA.ownerId!, w.carrotLine.id, { kind: "short", quantity: "1.5" })).status).toBe(200);
    const line = await prisma.orderLine.findUniqueOrThrow({ where: { id: w.carrotLine.id } });
    expect(line).toMatchObject({
      quantityMilli: 1500,
      lineTotalMinor: 375,
      orderedQuantityMilli: 2000,
      orderedTotalMinor: 500,
    });
    // Back to as ordered: everything returns to the order's first total.
    expect((await adjust(w.farmA.ownerId!, w.carrotLine.id, { kind: "asOrdered" })).status).toBe(200);
    const order = await prisma.order.findUniqueOrThrow({ where: { id: w.order.id } });
    expect(order.totalMinor).toBe(before);
    const ledger = await ledgerOf(w.order.id);
    expect(ledger.map((e) => [e.kind, e.amountMinor])).toEqual([
      ["INVOICE", before],
      ["CREDIT_NOTE", -250],
      ["DEBIT_NOTE", 125],
      ["DEBIT_NOTE", 125],
    ]);
    const numbers = ledger.filter((e) => e.noteNumber !== null).map((e) => e.noteNumber);
    expect(new Set(numbers).size).toBe(3);
    expect(documents(ledger)).toBe(before);
    expect(await prisma.orderAdjustment.count({ where: { orderId: w.order.id } })).toBe(3);
  });

  it("a double submit of one form records one adjustment; a form older than the line is refused with words and nothing changes", async () => {
    const w = await packedWorld();
    const requestKey = "double-click-key-0001";
    const [a, b] = await Promise.all([
      adjust(w.farmA.ownerId!, w.carrotLine.id, { kind: "short", quantity: "1" }, { version: 0, requestKey }),
      adjust(w.farmA.ownerId!, w.carrotLine.id, { kind: "short", quantity: "1" }, { version: 0, requestKey }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await prisma.orderAdjustment.count({ where: { orderId: w.order.id } })).toBe(1);
    expect(await prisma.ledgerEntry.count({ where: { orderId: w.order.id, kind: "CREDIT_NOTE" } })).toBe(1);
    expect(
      await prisma.emailMessage.count({ where: { to: w.household.email, kind: { startsWith: "order-adjusted:" } } }),
    ).toBe(1);

    const stale = await adjust(w.farmA.ownerId!, w.carrotLine.id, { kind: "short", quantity: "0" }, { version: 0 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatch(/changed since the page was loaded/);
    expect((await prisma.orderLine.findUniqueOrThrow({ where: { id: w.carrotLine.id } })).quantityMilli).toBe(1000);
  });

  it("two different forms racing on one line: one wins, the other is told the line changed (no lost update)", async () => {
    const w = await packedWorld();
    const results = await Promise.all([
      adjust(w.farmA.ownerId!, w.carrotLine.id, { kind: "short", quantity: "1" }, { version: 0 }),
      adjust(w.farmA.ownerId!, w.carrotLine.id, { kind: "short", quantity: "0.5" }, { version: 0 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const order = await prisma.order.findUniqueOrThrow({ where: { id: w.order.id }, include: { lines: true } });
    const ledger = await ledgerOf(w.order.id);
    expect(documents(ledger)).toBe(order.totalMinor);
    expect(order.subtotalMinor).toBe(order.lines.reduce((s, l) => s + l.lineTotalMinor, 0));
  });

  it("answers who may adjust: another farm's farmer or any other user gets 404; nothing before the cut-off", async () => {
    const w = await packedWorld();
    const otherFarmer = w.farmB.ownerId!;
    expect((await adjust(otherFarmer, w.carrotLine.id, { kind: "short", quantity: "1" })).status).toBe(404);
    const buyerAsFarmer = await createTestUser({ role: "FARMER" });
    expect((await adjust(buyerAsFarmer.id, w.carrotLine.id, { kind: "short", quantity: "1" })).status).toBe(404);
    expect((await adjust(w.farmA.ownerId!, "no-such-line", { kind: "short", quantity: "1" })).status).toBe(404);
    // Ordering reopens: buyers may still change their orders, so nothing is recorded yet.
    await prisma.deliveryCycle.update({
      where: { id: w.cycle.id },
      data: { cutoffAt: new Date(Date.now() + 3_600_000) },
    });
    const early = await adjust(w.farmA.ownerId!, w.carrotLine.id, { kind: "short", quantity: "1" });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatch(/still open/);
    expect(await prisma.orderAdjustment.count({ where: { orderId: w.order.id } })).toBe(0);
  });

  it("the hub records what was packed on its packing page; another hub's coordinator gets 404", async () => {
    const w = await packedWorld();
    const coordinator = await createTestUser({ role: "COORDINATOR" });
    await prisma.hub.update({ where: { id: w.hub.id }, data: { coordinatorId: coordinator.id } });
    const other = await createTestUser({ role: "COORDINATOR" });
    await createTestHub({ coordinatorId: other.id });
    const post = async (userId: string) => {
      const current = await prisma.orderLine.findUniqueOrThrow({ where: { id: w.carrotLine.id } });
      const response = (await packingAction(
        args(
          await makeRequest(`/hub/cycles/${w.cycle.id}/packing`, {
            userId,
            form: {
              intent: "adjust",
              lineId: w.carrotLine.id,
              version: String(current.version),
              requestKey: `hub-key-${keys++}`,
              kind: "short",
              quantity: "1",
            },
          }),
          { cycleId: w.cycle.id },
        ),
      ).catch((error: unknown) => error)) as Response;
      return response.status;
    };
    expect(await post(other.id)).toBe(404);
    expect(await prisma.orderAdjustment.count({ where: { orderId: w.order.id } })).toBe(0);
    expect(await post(coordinator.id)).toBe(200);
    const adjustment = await prisma.orderAdjustment.findFirstOrThrow({ where: { orderId: w.order.id } });
    expect(adjustment).toMatchObject({ kind: "SHORT", byUserId: coordinator.id, toTotalMinor: 250 });
    const page = (await packingLoader(
      args(await makeRequest(`/hub/cycles/${w.cycle.id}/packing`, { userId: coordinator.id }), { cycleId: w.cycle.id }),
    )) as Response;
    const data = (await page.json()) as { adjustable: boolean; lines: Array<{ id: string; ordered: unknown }> };
    expect(data.adjustable).toBe(true);
    expect(data.lines.find((l) => l.id === w.carrotLine.id)?.ordered).toMatchObject({ quantityMilli: 2000 });
  });

  it("refuses bad input with a 4xx and words, storing nothing", async () => {
    const w = await packedWorld();
    const farmer = w.farmA.ownerId!;
    const cases: Array<[string, Record<string, string>, RegExp]> = [
      [w.carrotLine.id, { kind: "short", quantity: "2" }, /fewer than ordered|less than the quantity/i],
      [w.carrotLine.id, { kind: "short", quantity: "-1" }, /./],
      [w.carrotLine.id, { kind: "short", quantity: "abc" }, /./],
      [w.carrotLine.id, { kind: "weight", actualWeightKg: "1" }, /not sold by estimated weight/],
      [w.brisketLine.id, { kind: "weight", quantity: "2", actualWeightKg: "2260" }, /far from the estimate/],
      [w.brisketLine.id, { kind: "weight", quantity: "1.5", actualWeightKg: "1.5" }, /./],
      [
        w.brisketLine.id,
        { kind: "substitute", substituteProductId: w.parsnips.id, quantity: "1" },
        /did not allow substitutions/,
      ],
      [w.carrotLine.id, { kind: "teleport" }, /Choose what was packed/],
    ];
    for (const [lineId, form, pattern] of cases) {
      const result = await adjust(farmer, lineId, form);
      expect(result.status, JSON.stringify(form)).toBeGreaterThanOrEqual(400);
      expect(result.status, JSON.stringify(form)).toBeLessThan(500);
      expect(result.body.error, JSON.stringify(form)).toMatch(pattern);
    }
    const missing = await adjust(farmer, w.carrotLine.id, { kind: "short", quantity: "1" }, { requestKey: "x" });
    expect(missing.status).toBe(400);
    expect(await prisma.orderAdjustment.count({ where: { orderId: w.order.id } })).toBe(0);
    expect(await prisma.ledgerEntry.count({ where: { orderId: w.order.id } })).toBe(0);
  });

  it("a substitute the buyer allowed takes its own stock, never costs more than the line ordered, and gives its stock back when changed", async () => {
    const w = await packedWorld({ allowSubstitutions: true });
    expect(w.order.allowSubstitutions).toBe(true);
    // 2 kg of carrots (£5.00) replaced by 2 kg of parsnips (£6.00): charged £5.00 at most.
    const saved = await adjust(w.farmA.ownerId!, w.carrotLine.id, {
      kind: "substitute",
      substituteProductId: w.parsnips.id,
      quantity: "2",
    });
    expect(saved.status).toBe(200);
    const line = await prisma.orderLine.findUniqueOrThrow({ where: { id: w.carrotLine.id } });
    expect(line).toMatchObject({
      productId: w.parsnips.id,
      productName: "Parsnips",
      lineTotalMinor: 500,
      orderedProductName: "Carrots",
    });
    expect((await prisma.product.findUniqueOrThrow({ where: { id: w.parsnips.id } })).stockMilli).toBe(3_000);
    // More than is left: refused, nothing taken.
    const tooMany = await adjust(w.farmA.ownerId!, w.carrotLine.id, {
      kind: "substitute",
      substituteProductId: w.parsnips.id,
      quantity: "6",
    });
    expect(tooMany.status).toBe(409);
    expect((await prisma.product.findUniqueOrThrow({ where: { id: w.parsnips.id } })).stockMilli).toBe(3_000);
    // Undone: the parsnips go back on the shelf.
    expect((await adjust(w.farmA.ownerId!, w.carrotLine.id, { kind: "asOrdered" })).status).toBe(200);
    expect((await prisma.product.findUniqueOrThrow({ where: { id: w.parsnips.id } })).stockMilli).toBe(5_000);
    expect((await prisma.orderLine.findUniqueOrThrow({ where: { id: w.carrotLine.id } })).productId).toBe(w.carrots.id);
  });

  it("the pick list shows the form after the cut-off with the line's version and a one-time key, and what the line was", async () => {
    const w = await packedWorld();
    await adjust(w.farmA.ownerId!, w.carrotLine.id, { kind: "short", quantity: "1" });
    const response = (await pickListLoader(
      args(await makeRequest(`/farm/orders?cycle=${w.cycle.id}`, { userId: w.farmA.ownerId! })),
    )) as Response;
    const data = (await response.json()) as {
      adjustable: boolean;
      lines: Array<{
        id: string;
        version: number;
        formKey: string;
        canAdjust: boolean;
        ordered: { quantityMilli: number } | null;
      }>;
    };
    expect(data.adjustable).toBe(true);
    const carrot = data.lines.find((l) => l.id === w.carrotLine.id)!;
    expect(carrot).toMatchObject({ version: 1, canAdjust: true, ordered: { quantityMilli: 2000 } });
    expect(carrot.formKey).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("card orders: refunds through Stripe, recorded once in the ledger", () => {
  async function settle() {
    // Webhooks from the fake arrive asynchronously.
    for (let i = 0; i < 50 && fake.deliveries.length < fake.refunds.length; i++)
      await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
  }

  it("a shortage refunds the difference to the card (idempotent on retry); the ledger reconciles with Stripe to the minor unit", async () => {
    const w: World = await packedWorld({ paymentMethod: "CARD" });
    const pi = w.order.stripePaymentIntentId!;
    expect((await adjust(w.farmA.ownerId!, w.carrotLine.id, { kind: "short", quantity: "1" })).status).toBe(200);
    await settle();
    const refunds = fake.refunds.filter((r) => r.payment_intent === pi);
    expect(refunds.map((r) => r.amount)).toEqual([250]);
    const adjustment = await prisma.orderAdjustment.findFirstOrThrow({ where: { orderId: w.order.id } });
    expect(adjustment).toMatchObject({ refundMinor: 250, stripeRefundId: refunds[0]!.id });
    expect(adjustment.refundedAt).not.toBeNull();
    // The retry task finds nothing left to refund.
    expect(await makeAdjustmentRefunds()).toBe(0);

    const order = await prisma.order.findUniqueOrThrow({ where: { id: w.order.id } });
    const ledger = await ledgerOf(w.order.id);
    expect(ledger.filter((e) => e.kind === "REFUND")).toHaveLength(1);
    expect(movements(ledger)).toBe(order.totalMinor);
    expect(documents(ledger)).toBe(order.totalMinor);
    const session = fake.sessions.get(w.order.stripeCheckoutSessionId!)!;
    // What Stripe holds (charged less refunded) is what the ledger's charge and refunds say.
    const stripeRefunded = refunds.reduce((s, r) => s + r.amount, 0);
    expect(session.amount_total - stripeRefunded).toBe(
      sum(ledger.filter((e) => ["CHARGE", "REFUND"].includes(e.kind))),
    );
  });

  it("a refund Stripe failed is retried by the scheduler's task with the same idempotency key, never twice", async () => {
    allowConsoleError(/refund for adjustment .* failed, will retry/);
    const w = await packedWorld({ paymentMethod: "CARD" });
    fake.failNext(2); // the SDK retries once, then gives up
    expect((await adjust(w.farmA.ownerId!, w.carrotLine.id, { kind: "short", quantity: "0" })).status).toBe(200);
    const pending = await prisma.orderAdjustment.findFirstOrThrow({ where: { orderId: w.order.id } });
    expect(pending.refundedAt).toBeNull();
    expect(pending.refundError).toBeTruthy();
    expect(await makeAdjustmentRefunds()).toBe(1);
    expect(await makeAdjustmentRefunds()).toBe(0);
    await settle();
    expect(fake.refunds.filter((r) => r.payment_intent === w.order.stripePaymentIntentId).map((r) => r.amount)).toEqual(
      [500],
    );
  });

  it("a heavier actual weight is not charged to the card again: the hub absorbs it, and a later shortage refunds only what is held", async () => {
    const w = await packedWorld({ paymentMethod: "CARD" });
    expect(
      (await adjust(w.farmA.ownerId!, w.brisketLine.id, { kind: "weight", quantity: "2", actualWeightKg: "2.3" }))
        .status,
    ).toBe(200);
    let ledger = await ledgerOf(w.order.id);
    expect(ledger.find((e) => e.kind === "ABSORBED")?.amountMinor).toBe(360);
    expect((await adjust(w.farmA.ownerId!, w.carrotLine.id, { kind: "short", quantity: "0" })).status).toBe(200);
    await settle();
    // Due went from charged + 360 to charged + 360 − 500: 140 refunded, the absorbed 360 released.
    expect(fake.refunds.filter((r) => r.payment_intent === w.order.stripePaymentIntentId).map((r) => r.amount)).toEqual(
      [140],
    );
    ledger = await ledgerOf(w.order.id);
    const order = await prisma.order.findUniqueOrThrow({ where: { id: w.order.id } });
    expect(movements(ledger)).toBe(order.totalMinor);
    expect(sum(ledger.filter((e) => e.kind === "ABSORBED"))).toBe(0);
  });

  it("a partial refund made in the Stripe dashboard is recorded in the ledger (not ignored), once", async () => {
    const w = await packedWorld({ paymentMethod: "CARD" });
    const made = fake.dashboardRefund(w.order.stripePaymentIntentId!, 120);
    expect("id" in made).toBe(true);
    await settle();
    const refunds = (await ledgerOf(w.order.id)).filter((e) => e.kind === "REFUND");
    expect(refunds.map((e) => [e.amountMinor, e.stripeRefundId])).toEqual([[-120, (made as { id: string }).id]]);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: w.order.id } })).status).toBe("CONFIRMED");
  });

  it("ledger entries are never rewritten: the database refuses an update", async () => {
    const w = await packedWorld({ paymentMethod: "CARD" });
    const entry = await prisma.ledgerEntry.findFirstOrThrow({ where: { orderId: w.order.id, kind: "CHARGE" } });
    expect(entry.amountMinor).toBe(w.order.totalMinor);
    await expect(prisma.ledgerEntry.update({ where: { id: entry.id }, data: { amountMinor: 1 } })).rejects.toThrow(
      /immutable/,
    );
  });
});
