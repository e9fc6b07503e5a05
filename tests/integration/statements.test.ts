// Producer statements and payouts (issue 15, docs/decisions/037) on a real database (embedded, and
// PostgreSQL with TEST_DATABASE_URL): statements computed from the lines as packed (after a
// shortage), approval once the cycle is delivered (idempotent under a double submit), payment by a
// Stripe transfer through the real SDK against the local fake (idempotent: one transfer) or by hand
// with a reference, a reversal, scoping to the hub and the farm, and the ledger reconciling to the
// minor unit with the gross of the cycle and with the transfers in the fake.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type * as EnvModule from "~/utils/env.server";
import { allowConsoleError } from "../support/console-guard";
import { startStripeFake, type FakeAccount, type StripeFake } from "../support/stripe-fake";

const holder = vi.hoisted(() => ({ url: "http://127.0.0.1:1" }));
vi.mock("~/utils/env.server", async (importOriginal) => {
  const original = await importOriginal<typeof EnvModule>();
  return {
    ...original,
    getEnv: () => ({
      ...original.getEnv(),
      STRIPE_SECRET_KEY: "sk_test_fake",
      STRIPE_WEBHOOK_SECRET: "whsec_test_statements",
      STRIPE_API_BASE: holder.url,
    }),
  };
});

const { action: basketAction } = await import("~/routes/basket");
const { action: checkoutAction } = await import("~/routes/checkout");
const { action: pickListAction } = await import("~/routes/farm.orders");
const { action: statementsAction, loader: statementsLoader } = await import("~/routes/hub.cycles.$cycleId.statements");
const { loader: statementsCsvLoader } = await import("~/routes/hub.cycles.$cycleId.statements[.csv]");
const { loader: farmListLoader } = await import("~/routes/farm.statements");
const { loader: farmStatementLoader } = await import("~/routes/farm.statements.$statementId");
const { loader: farmStatementCsvLoader } = await import("~/routes/farm.statements.$statementId[.csv]");
const { reverseStatement } = await import("~/services/statement.server");
const { retrieveTransfer } = await import("~/integrations/stripe.server");
const { prisma } = await import("~/utils/db.server");
const { createTestFarm, createTestHub, createTestUser, makeRequest } = await import("../factories");
const { args, catchResponse, orderingWorld, postForm } = await import("../support/ordering");

let fake: StripeFake;
beforeAll(async () => {
  fake = await startStripeFake();
  holder.url = fake.url;
});
afterAll(async () => {
  await fake.stop();
});

/** An Express account in the fake that can receive transfers (onboarding done). */
function enabledAccount(farmId: string): FakeAccount {
  const account: FakeAccount = {
    id: `acct_test_${farmId}`,
    object: "account",
    type: "express",
    country: "GB",
    email: null,
    metadata: { farmId },
    created: Math.floor(Date.now() / 1000),
    details_submitted: true,
    charges_enabled: true,
    payouts_enabled: true,
    capabilities: { transfers: "active" },
    requirements: {
      currently_due: [],
      eventually_due: [],
      past_due: [],
      pending_verification: [],
      disabled_reason: null,
    },
  };
  fake.accounts.set(account.id, account);
  return account;
}

/**
 * A hub (12.5 % commission) and a cycle: farm A (carrots, Stripe payouts enabled) and farm B (eggs,
 * an 8 % override, no Stripe). A household pays on delivery (2 kg carrots, 2 dozen eggs), a
 * restaurant by invoice (3 kg carrots). After the cut-off farm A is short of 1 kg of the
 * household's carrots.
 */
async function cycleWorld({ deliver = true }: { deliver?: boolean } = {}) {
  const w = await orderingWorld();
  const coordinator = await prisma.user.findUniqueOrThrow({ where: { id: w.hub.coordinatorId! } });
  await prisma.hub.update({ where: { id: w.hub.id }, data: { commissionBasisPoints: 1250 } });
  await prisma.farm.update({ where: { id: w.farmB.id }, data: { commissionBasisPoints: 800 } });
  const account = enabledAccount(w.farmA.id);
  await prisma.farm.update({
    where: { id: w.farmA.id },
    data: { stripeAccountId: account.id, payoutStatus: "ENABLED", payoutStatusAt: new Date() },
  });
  const buy = async (buyerId: string, items: Array<[string, string]>, paymentMethod: "ON_DELIVERY" | "INVOICE") => {
    for (const [productId, quantity] of items)
      await postForm(basketAction, "/basket", { intent: "add", productId, quantity }, buyerId);
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
    return prisma.order.findFirstOrThrow({ where: { buyerId, cycleId: w.cycle.id }, include: { lines: true } });
  };
  const household = await buy(
    w.household.id,
    [
      [w.carrots.id, "2"],
      [w.eggs.id, "2"],
    ],
    "ON_DELIVERY",
  );
  const restaurant = await buy(w.restaurant.id, [[w.carrots.id, "3"]], "INVOICE");
  await prisma.deliveryCycle.update({ where: { id: w.cycle.id }, data: { cutoffAt: new Date(Date.now() - 60_000) } });
  const carrotLine = household.lines.find((l) => l.productId === w.carrots.id)!;
  const short = (await pickListAction(
    args(
      await makeRequest("/farm/orders", {
        userId: w.farmA.ownerId,
        form: {
          intent: "adjust",
          lineId: carrotLine.id,
          version: "0",
          requestKey: `short-${carrotLine.id}`,
          kind: "short",
          quantity: "1",
        },
      }),
    ),
  )) as Response;
  expect(short.status).toBe(200);
  if (deliver) await markDelivered(w.cycle.id);
  return { ...w, coordinator, account, household, restaurant };
}
type World = Awaited<ReturnType<typeof cycleWorld>>;

const markDelivered = (cycleId: string) =>
  prisma.order.updateMany({ where: { cycleId, status: "CONFIRMED" }, data: { status: "DELIVERED" } });

const path = (w: World) => `/hub/cycles/${w.cycle.id}/statements`;
const page = async (w: World, userId = w.coordinator.id) =>
  catchResponse(statementsLoader(args(await makeRequest(path(w), { userId }), { cycleId: w.cycle.id })));
async function data(w: World) {
  const response = await page(w);
  expect(response.status).toBe(200);
  return (await response.json()) as {
    statements: Array<{
      id: string | null;
      farmId: string;
      status: string;
      grossMinor: number;
      commissionMinor: number;
      netMinor: number;
      commissionBasisPoints: number;
      version: number;
      canApprove: boolean;
      canPayByStripe: boolean;
      canMarkPaid: boolean;
    }>;
    money: { collectedMinor: number; holdsMinor: number; owesMinor: number; paidMinor: number; draftMinor: number };
    delivered: boolean;
  };
}
const post = async (w: World, form: Record<string, string>, userId = w.coordinator.id) =>
  catchResponse(statementsAction(args(await makeRequest(path(w), { userId, form }), { cycleId: w.cycle.id })));
const statementOf = (w: World, farmId: string) =>
  prisma.farmStatement.findUniqueOrThrow({ where: { farmId_cycleId: { farmId, cycleId: w.cycle.id } } });
const ledgerOfCycle = (w: World) =>
  prisma.ledgerEntry.findMany({ where: { statement: { cycleId: w.cycle.id } }, orderBy: { createdAt: "asc" } });
const transfersOf = (w: World) =>
  [...fake.transfers.values()].filter((t) => t.transfer_group === `cycle_${w.cycle.id}`);

async function approveAll(w: World) {
  for (const farmId of [w.farmA.id, w.farmB.id]) {
    const response = await post(w, { intent: "approve", farmId, version: "0" });
    expect(response.status).toBe(302);
  }
}

describe("farm statements of a cycle", () => {
  it("follow the lines as packed: a shortage lowers the farm's gross, commission and net", async () => {
    const w = await cycleWorld();
    const { statements, delivered } = await data(w);
    expect(delivered).toBe(true);
    const a = statements.find((s) => s.farmId === w.farmA.id)!;
    const b = statements.find((s) => s.farmId === w.farmB.id)!;
    // Farm A: 1 kg (short of 1) + 3 kg of carrots at £2.50 = £10.00; 12.5 % = £1.25.
    expect(a).toMatchObject({
      id: null,
      status: "DRAFT",
      grossMinor: 1000,
      commissionBasisPoints: 1250,
      commissionMinor: 125,
      netMinor: 875,
      canApprove: true,
    });
    // Farm B: 2 dozen eggs at £4.00 = £8.00; its 8 % override = £0.64.
    expect(b).toMatchObject({ grossMinor: 800, commissionBasisPoints: 800, commissionMinor: 64, netMinor: 736 });
  });

  it("cannot be approved before the cycle is delivered: 409 with words, nothing stored", async () => {
    const w = await cycleWorld({ deliver: false });
    expect((await data(w)).statements.every((s) => !s.canApprove)).toBe(true);
    const response = await post(w, { intent: "approve", farmId: w.farmA.id, version: "0" });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: string }).error).toMatch(/not delivered yet/);
    expect(await prisma.farmStatement.count({ where: { cycleId: w.cycle.id } })).toBe(0);
    // Delivered (or failed) orders make the cycle delivered even before its stored status says so.
    await markDelivered(w.cycle.id);
    expect((await post(w, { intent: "approve", farmId: w.farmA.id, version: "0" })).status).toBe(302);
  });

  it("approving twice at once approves once: one snapshot, one COMMISSION entry", async () => {
    const w = await cycleWorld();
    const responses = await Promise.all([
      post(w, { intent: "approve", farmId: w.farmA.id, version: "0" }),
      post(w, { intent: "approve", farmId: w.farmA.id, version: "0" }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([302, 302]);
    const statement = await statementOf(w, w.farmA.id);
    expect(statement).toMatchObject({
      status: "APPROVED",
      grossMinor: 1000,
      commissionMinor: 125,
      netMinor: 875,
      approvedById: w.coordinator.id,
      version: 1,
    });
    expect(statement.lines).toHaveLength(2);
    const ledger = await ledgerOfCycle(w);
    expect(ledger.map((e) => [e.kind, e.amountMinor, e.farmId, e.orderId])).toEqual([
      ["COMMISSION", 125, w.farmA.id, null],
    ]);
    // The snapshot holds: a later change to the lines does not move an approved statement.
    await prisma.orderLine.updateMany({
      where: { orderId: w.restaurant.id },
      data: { lineTotalMinor: 1 },
    });
    const a = (await data(w)).statements.find((s) => s.farmId === w.farmA.id)!;
    expect(a).toMatchObject({ status: "APPROVED", grossMinor: 1000, canPayByStripe: true, canMarkPaid: false });
  });

  it("an approved statement stays listed and owed even if its orders are cancelled afterwards", async () => {
    const w = await cycleWorld();
    expect((await post(w, { intent: "approve", farmId: w.farmA.id, version: "0" })).status).toBe(302);
    await prisma.order.updateMany({ where: { cycleId: w.cycle.id }, data: { status: "CANCELLED" } });
    const { statements, money } = await data(w);
    expect(statements.map((s) => [s.farmId, s.status, s.netMinor])).toEqual([[w.farmA.id, "APPROVED", 875]]);
    expect(money.owesMinor).toBe(875);
  });

  it("paying via Stripe twice at once makes one transfer; the hub owes, then has paid", async () => {
    const w = await cycleWorld();
    await approveAll(w);
    let money = (await data(w)).money;
    expect(money).toMatchObject({ owesMinor: 875 + 736, paidMinor: 0 });
    const statement = await statementOf(w, w.farmA.id);
    const responses = await Promise.all([
      post(w, { intent: "pay", statementId: statement.id, version: String(statement.version) }),
      post(w, { intent: "pay", statementId: statement.id, version: String(statement.version) }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([302, 302]);
    const transfers = transfersOf(w);
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({
      amount: 875,
      currency: "gbp",
      destination: w.account.id,
      transfer_group: `cycle_${w.cycle.id}`,
      metadata: { statementId: statement.id, farmId: w.farmA.id, cycleId: w.cycle.id },
    });
    const paid = await statementOf(w, w.farmA.id);
    expect(paid).toMatchObject({ status: "PAID", payoutMethod: "STRIPE", stripeTransferId: transfers[0]!.id });
    const entries = (await ledgerOfCycle(w)).filter((e) => e.kind === "TRANSFER");
    expect(entries.map((e) => [e.amountMinor, e.stripeTransferId])).toEqual([[875, transfers[0]!.id]]);
    // Again, later: nothing new.
    expect((await post(w, { intent: "pay", statementId: statement.id })).status).toBe(302);
    expect(transfersOf(w)).toHaveLength(1);
    money = (await data(w)).money;
    expect(money).toMatchObject({ owesMinor: 736, paidMinor: 875 });
  });

  it("a farm without Stripe is marked paid by hand, and only with a bank transfer reference", async () => {
    const w = await cycleWorld();
    await approveAll(w);
    const statement = await statementOf(w, w.farmB.id);
    const refused = await post(w, { intent: "paid", statementId: statement.id, reference: "   " });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toMatch(/reference/);
    // It cannot go through Stripe (payouts not enabled): 409 saying what to do.
    const stripe = await post(w, { intent: "pay", statementId: statement.id });
    expect(stripe.status).toBe(409);
    expect(((await stripe.json()) as { error: string }).error).toMatch(/bank transfer/);
    // Farm A is paid through Stripe: not by hand.
    const a = await statementOf(w, w.farmA.id);
    expect((await post(w, { intent: "paid", statementId: a.id, reference: "BACS 1" })).status).toBe(409);

    const [one, two] = await Promise.all([
      post(w, { intent: "paid", statementId: statement.id, reference: "BACS 0042" }),
      post(w, { intent: "paid", statementId: statement.id, reference: "BACS 0042" }),
    ]);
    expect([one.status, two.status]).toEqual([302, 302]);
    expect(await statementOf(w, w.farmB.id)).toMatchObject({
      status: "PAID",
      payoutMethod: "MANUAL",
      payoutReference: "BACS 0042",
    });
    const payouts = (await ledgerOfCycle(w)).filter((e) => e.kind === "PAYOUT");
    expect(payouts.map((e) => e.amountMinor)).toEqual([736]);
    expect(transfersOf(w)).toHaveLength(0);
  });

  it("a Stripe refusal says what to do and records nothing; after the fix the next try pays once", async () => {
    const w = await cycleWorld();
    await approveAll(w);
    const statement = await statementOf(w, w.farmA.id);
    allowConsoleError(/Stripe transfer failed/);
    fake.setBalance(100);
    const refused = await post(w, { intent: "pay", statementId: statement.id });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: string }).error).toMatch(
      /insufficient available funds.*Pay via Stripe/s,
    );
    expect(await statementOf(w, w.farmA.id)).toMatchObject({ status: "APPROVED", stripeTransferId: null });
    fake.failNext(2); // the SDK retries once
    const down = await post(w, { intent: "pay", statementId: statement.id });
    expect(down.status).toBe(503);
    fake.setBalance(null);
    expect((await post(w, { intent: "pay", statementId: statement.id })).status).toBe(302);
    expect(transfersOf(w)).toHaveLength(1);
    expect((await ledgerOfCycle(w)).filter((e) => e.kind === "TRANSFER")).toHaveLength(1);
  });

  it("a paid transfer can be reversed once (e.g. after a later refund): a negative REVERSAL entry", async () => {
    const w = await cycleWorld();
    await approveAll(w);
    const statement = await statementOf(w, w.farmA.id);
    expect((await post(w, { intent: "pay", statementId: statement.id })).status).toBe(302);
    const bad = await post(w, { intent: "reverse", statementId: statement.id, amount: "100.00" });
    expect(bad.status).toBe(400);
    const [one, two] = await Promise.all([
      reverseStatement({ hubId: w.hub.id, statementId: statement.id, amountMinor: 250 }),
      reverseStatement({ hubId: w.hub.id, statementId: statement.id, amountMinor: 250 }),
    ]);
    expect(one.ok && two.ok).toBe(true);
    const transfer = transfersOf(w)[0]!;
    expect(transfer.amount_reversed).toBe(250);
    expect(transfer.reversals.data).toHaveLength(1);
    const reversals = (await ledgerOfCycle(w)).filter((e) => e.kind === "REVERSAL");
    expect(reversals.map((e) => [e.amountMinor, e.stripeTransferId])).toEqual([[-250, transfer.reversals.data[0]!.id]]);
    expect(await statementOf(w, w.farmA.id)).toMatchObject({ reversedMinor: 250 });
    expect((await data(w)).money.paidMinor).toBe(875 - 250);
    // A payment by hand cannot be reversed through Stripe.
    const b = await statementOf(w, w.farmB.id);
    expect((await post(w, { intent: "paid", statementId: b.id, reference: "BACS 7" })).status).toBe(302);
    expect((await post(w, { intent: "reverse", statementId: b.id })).status).toBe(409);
  });

  it("the ledger reconciles to the minor unit: Σ commission + Σ paid out = Σ farms' gross; Σ transfers = Stripe's", async () => {
    const w = await cycleWorld();
    await approveAll(w);
    const a = await statementOf(w, w.farmA.id);
    const b = await statementOf(w, w.farmB.id);
    expect((await post(w, { intent: "pay", statementId: a.id })).status).toBe(302);
    expect((await post(w, { intent: "paid", statementId: b.id, reference: "BACS 9" })).status).toBe(302);
    const ledger = await ledgerOfCycle(w);
    const sum = (kinds: string[]) =>
      ledger.filter((e) => kinds.includes(e.kind)).reduce((s, e) => s + e.amountMinor, 0);
    // The gross of every farm, straight from the counted order lines as packed.
    const lines = await prisma.orderLine.findMany({
      where: { order: { cycleId: w.cycle.id, status: { not: "CANCELLED" } } },
    });
    const gross = lines.reduce((s, l) => s + l.lineTotalMinor, 0);
    expect(gross).toBe(1000 + 800);
    expect(sum(["COMMISSION"]) + sum(["TRANSFER", "PAYOUT", "REVERSAL"])).toBe(gross);
    expect(sum(["TRANSFER", "REVERSAL"])).toBe(transfersOf(w).reduce((s, t) => s + t.amount - t.amount_reversed, 0));
    // Each TRANSFER entry against Stripe's own object, read back through the SDK (GET /v1/transfers/:id).
    for (const entry of ledger.filter((e) => e.kind === "TRANSFER")) {
      const transfer = await retrieveTransfer(entry.stripeTransferId!);
      expect(transfer).toMatchObject({
        amount: entry.amountMinor,
        currency: "gbp",
        transfer_group: `cycle_${w.cycle.id}`,
      });
    }
    const money = (await data(w)).money;
    expect(money).toMatchObject({ owesMinor: 0, paidMinor: 875 + 736 });
    // The ledger refuses to be rewritten.
    await expect(prisma.ledgerEntry.update({ where: { id: ledger[0]!.id }, data: { amountMinor: 0 } })).rejects.toThrow(
      /immutable/,
    );
  });

  it("the coordinator's CSV has one row per farm", async () => {
    const w = await cycleWorld();
    await approveAll(w);
    const response = await catchResponse(
      statementsCsvLoader(
        args(await makeRequest(`${path(w)}.csv`, { userId: w.coordinator.id }), { cycleId: w.cycle.id }),
      ),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/text\/csv/);
    const csv = await response.text();
    expect(csv.trim().split("\r\n")).toHaveLength(3);
    expect(csv).toContain("10.00");
    expect(csv).toContain("8.75");
  });

  it("another hub's coordinator, or another farmer, gets 404", async () => {
    const w = await cycleWorld();
    await approveAll(w);
    const other = await createTestUser({ role: "COORDINATOR" });
    await createTestHub({ coordinatorId: other.id });
    expect((await page(w, other.id)).status).toBe(404);
    const a = await statementOf(w, w.farmA.id);
    expect((await post(w, { intent: "approve", farmId: w.farmA.id }, other.id)).status).toBe(404);
    expect((await post(w, { intent: "pay", statementId: a.id }, other.id)).status).toBe(404);
    expect(transfersOf(w)).toHaveLength(0);

    // Farm A's farmer sees their statement; farm B's farmer and a farmer of elsewhere do not.
    const own = await catchResponse(
      farmStatementLoader(
        args(await makeRequest(`/farm/statements/${a.id}`, { userId: w.farmA.ownerId }), { statementId: a.id }),
      ),
    );
    expect(own.status).toBe(200);
    expect(((await own.json()) as { statement: { netMinor: number } }).statement.netMinor).toBe(875);
    const list = await catchResponse(
      farmListLoader(args(await makeRequest("/farm/statements", { userId: w.farmA.ownerId }))),
    );
    expect(((await list.json()) as { statements: Array<{ id: string }> }).statements.map((s) => s.id)).toEqual([a.id]);
    const outsider = await createTestFarm({ ownerId: (await createTestUser({ role: "FARMER" })).id });
    for (const userId of [w.farmB.ownerId, outsider.ownerId]) {
      const response = await catchResponse(
        farmStatementLoader(args(await makeRequest(`/farm/statements/${a.id}`, { userId }), { statementId: a.id })),
      );
      expect(response.status).toBe(404);
      const csv = await catchResponse(
        farmStatementCsvLoader(
          args(await makeRequest(`/farm/statements/${a.id}.csv`, { userId }), { statementId: a.id }),
        ),
      );
      expect(csv.status).toBe(404);
    }
    const csv = await catchResponse(
      farmStatementCsvLoader(
        args(await makeRequest(`/farm/statements/${a.id}.csv`, { userId: w.farmA.ownerId }), { statementId: a.id }),
      ),
    );
    expect(csv.status).toBe(200);
    expect(await csv.text()).toMatch(/Net payable,+8\.75/);
  });

  it("bad bodies are 400 with words", async () => {
    const w = await cycleWorld();
    const forms: Array<Record<string, string>> = [
      {},
      { intent: "launch" },
      { intent: "approve" },
      { intent: "pay", statementId: "" },
    ];
    for (const form of forms) {
      const response = await post(w, form);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error.length).toBeGreaterThan(10);
    }
  });
});
