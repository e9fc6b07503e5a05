// Money settings and farm payouts (issue 15, docs/decisions/035): hub payee, bank details and
// commission; a farm's Stripe Connect Express onboarding through the real Stripe SDK against the
// local fake (HTTP boundary), with account.updated webhooks signed for real and delivered to the
// route's action through a local HTTP relay. Real database, real loaders and actions.
import http from "node:http";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type * as EnvModule from "~/utils/env.server";
import { startStripeFake, type StripeFake } from "../support/stripe-fake";

const WEBHOOK_SECRET = "whsec_test_payouts";
const holder = vi.hoisted(() => ({ url: "http://127.0.0.1:1", configured: true }));
vi.mock("~/utils/env.server", async (importOriginal) => {
  const original = await importOriginal<typeof EnvModule>();
  return {
    ...original,
    getEnv: () => ({
      ...original.getEnv(),
      STRIPE_SECRET_KEY: holder.configured ? "sk_test_fake" : undefined,
      STRIPE_WEBHOOK_SECRET: holder.configured ? WEBHOOK_SECRET : undefined,
      STRIPE_API_BASE: holder.url,
      APP_URL: "http://foodshed.test",
    }),
  };
});

const { action: payoutsAction, loader: payoutsLoader } = await import("~/routes/farm.payouts");
const { loader: returnLoader } = await import("~/routes/farm.payouts_.return");
const { loader: refreshLoader } = await import("~/routes/farm.payouts_.refresh");
const { action: settingsAction, loader: settingsLoader } = await import("~/routes/hub.settings");
const { loader: invoiceLoader } = await import("~/routes/orders.$orderId_.invoice");
const { action: webhookAction } = await import("~/routes/webhooks.stripe");
const { claimFarmStripeAccount } = await import("~/models/farm-payout.server");
const { prisma } = await import("~/utils/db.server");
const { createTestCycle, createTestFarm, createTestHub, createTestUser, makeRequest } = await import("../factories");
const { args, catchResponse } = await import("../support/ordering");

let fake: StripeFake;
let relay: http.Server;

beforeAll(async () => {
  relay = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const response = await webhookAction(
          args(
            new Request("http://localhost/webhooks/stripe", {
              method: "POST",
              headers: { "Stripe-Signature": String(req.headers["stripe-signature"] ?? "") },
              body: Buffer.concat(chunks).toString("utf8"),
            }),
          ),
        );
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
  holder.url = fake.url;
});
afterAll(async () => {
  await fake.stop();
  await new Promise((resolve) => relay.close(resolve));
});

async function farmWorld() {
  const coordinator = await createTestUser({ role: "COORDINATOR" });
  const hub = await createTestHub({ coordinatorId: coordinator.id });
  const farmer = await createTestUser({ role: "FARMER" });
  const farm = await createTestFarm({ ownerId: farmer.id, hubId: hub.id });
  return { coordinator, hub, farmer, farm };
}

const connect = async (userId: string, form: Record<string, string>) =>
  catchResponse(payoutsAction(args(await makeRequest("/farm/payouts", { userId, form }))));
const page = async (userId: string) =>
  (await payoutsLoader(args(await makeRequest("/farm/payouts", { userId })))) as Response;
const farmRow = (id: string) => prisma.farm.findUniqueOrThrow({ where: { id } });
const accountsOf = (farmId: string) => [...fake.accounts.values()].filter((a) => a.metadata.farmId === farmId);

function signedEvent(object: unknown, created: number, id = `evt_test_${Math.random().toString(36).slice(2)}`) {
  const payload = JSON.stringify({ id, object: "event", type: "account.updated", created, data: { object } });
  return {
    id,
    post: () =>
      webhookAction(
        args(
          new Request("http://localhost/webhooks/stripe", {
            method: "POST",
            body: payload,
            headers: {
              "Stripe-Signature": Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }),
            },
          }),
        ),
      ),
  };
}

describe("farm payouts: Stripe Connect Express onboarding (fake)", () => {
  it("a farm not connected says so, with the connect button's farm", async () => {
    const { farmer, farm } = await farmWorld();
    const data = await (await page(farmer.id)).json();
    expect(data).toMatchObject({ stripe: true, farm: { id: farm.id, connected: false, status: "NOT_CONNECTED" } });
  });

  it("a double submit opens one Express account, stores it once, and both go to Stripe's onboarding", async () => {
    const { farmer, farm } = await farmWorld();
    const [a, b] = await Promise.all([
      connect(farmer.id, { intent: "connect", farmId: farm.id }),
      connect(farmer.id, { intent: "connect", farmId: farm.id }),
    ]);
    expect([a.status, b.status]).toEqual([303, 303]);
    const accounts = accountsOf(farm.id);
    expect(accounts).toHaveLength(1);
    const account = accounts[0]!;
    expect(account).toMatchObject({ type: "express", country: "GB", capabilities: { transfers: "inactive" } });
    const created = fake.requests.filter(
      (r) => r.path === "/v1/accounts" && (r.body.metadata as Record<string, string>)?.farmId === farm.id,
    );
    expect(created.length).toBe(2); // both asked, with the same idempotency key: one account
    expect((created[0]!.body.capabilities as { transfers: { requested: string } }).transfers.requested).toBe("true");
    const stored = await farmRow(farm.id);
    expect(stored.stripeAccountId).toBe(account.id);
    expect(stored.payoutStatus).toBe("PENDING");
    for (const response of [a, b]) {
      const location = response.headers.get("Location")!;
      expect(location).toMatch(new RegExp(`^${fake.url}/connect/onboarding/`));
      const link = fake.accountLinks.get(location.split("/").pop()!)!;
      expect(link).toMatchObject({
        account: account.id,
        return_url: "http://foodshed.test/farm/payouts/return",
        refresh_url: "http://foodshed.test/farm/payouts/refresh",
      });
    }
    // A later press links the same account again: no second account.
    const again = await connect(farmer.id, { intent: "connect" });
    expect(again.status).toBe(303);
    expect(accountsOf(farm.id)).toHaveLength(1);
  });

  it("the account id is written only where none is stored (the conditional write)", async () => {
    const { farmer, farm } = await farmWorld();
    const at = new Date();
    expect(
      await claimFarmStripeAccount({
        farmId: farm.id,
        ownerId: farmer.id,
        accountId: "acct_first",
        status: "PENDING",
        at,
      }),
    ).toBe(true);
    expect(
      await claimFarmStripeAccount({
        farmId: farm.id,
        ownerId: farmer.id,
        accountId: "acct_second",
        status: "PENDING",
        at,
      }),
    ).toBe(false);
    expect((await farmRow(farm.id)).stripeAccountId).toBe("acct_first");
    // Another owner cannot claim the farm either.
    const other = await createTestFarm();
    expect(
      await claimFarmStripeAccount({
        farmId: other.id,
        ownerId: farmer.id,
        accountId: "acct_x",
        status: "PENDING",
        at,
      }),
    ).toBe(false);
  });

  it("the return_url reads the account from Stripe and stores its status; the refresh_url makes a new link", async () => {
    const { farmer, farm } = await farmWorld();
    await connect(farmer.id, { intent: "connect", farmId: farm.id });
    const account = accountsOf(farm.id)[0]!;
    // Onboarding finished at Stripe, without any webhook reaching us.
    Object.assign(account, {
      details_submitted: true,
      payouts_enabled: true,
      charges_enabled: true,
      capabilities: { transfers: "active" },
      requirements: {
        currently_due: [],
        eventually_due: [],
        past_due: [],
        pending_verification: [],
        disabled_reason: null,
      },
    });
    const back = await catchResponse(
      returnLoader(args(await makeRequest("/farm/payouts/return", { userId: farmer.id }))),
    );
    expect(back.status).toBe(302);
    expect(back.headers.get("Location")).toBe("/farm/payouts");
    expect((await farmRow(farm.id)).payoutStatus).toBe("ENABLED");
    expect((await (await page(farmer.id)).json()).farm).toMatchObject({ connected: true, status: "ENABLED" });

    const links = fake.accountLinks.size;
    const refreshed = await catchResponse(
      refreshLoader(args(await makeRequest("/farm/payouts/refresh", { userId: farmer.id }))),
    );
    expect(refreshed.status).toBe(303);
    expect(refreshed.headers.get("Location")).toMatch(/\/connect\/onboarding\//);
    expect(fake.accountLinks.size).toBe(links + 1);
  });

  it("the hosted page's buttons send account.updated: restricted, then enabled; a replay or an older event changes nothing", async () => {
    const { farmer, farm } = await farmWorld();
    await connect(farmer.id, { intent: "connect", farmId: farm.id });
    const account = accountsOf(farm.id)[0]!;
    expect(await fake.onboard(account.id, "missing")).toBe(200);
    expect((await farmRow(farm.id)).payoutStatus).toBe("RESTRICTED");
    expect(await fake.onboard(account.id, "complete")).toBe(200);
    expect((await farmRow(farm.id)).payoutStatus).toBe("ENABLED");

    const now = Math.floor(Date.now() / 1000);
    const restricted = {
      ...account,
      payouts_enabled: false,
      details_submitted: true,
      requirements: {
        ...account.requirements,
        currently_due: ["external_account"],
        disabled_reason: "requirements.past_due",
      },
    };
    const later = signedEvent(restricted, now + 60);
    expect((await later.post()).status).toBe(200);
    expect((await farmRow(farm.id)).payoutStatus).toBe("RESTRICTED");
    const enabled = signedEvent({ ...account }, now + 120);
    expect((await enabled.post()).status).toBe(200);
    expect((await farmRow(farm.id)).payoutStatus).toBe("ENABLED");
    // The same event again: answered, nothing changes.
    const replay = await later.post();
    expect(replay.status).toBe(200);
    expect(await replay.text()).toBe("already processed");
    expect((await farmRow(farm.id)).payoutStatus).toBe("ENABLED");
    // A new event id but older than the stored status (delivered late): nothing changes.
    const stale = signedEvent(restricted, now - 600);
    expect((await stale.post()).status).toBe(200);
    expect((await farmRow(farm.id)).payoutStatus).toBe("ENABLED");
    // An account no farm holds: answered, nothing written.
    expect((await signedEvent({ ...account, id: "acct_nobody" }, now).post()).status).toBe(200);
  });

  it("another farmer cannot see or start this farm's onboarding", async () => {
    const { farmer, farm } = await farmWorld();
    await connect(farmer.id, { intent: "connect", farmId: farm.id });
    const accountId = (await farmRow(farm.id)).stripeAccountId;
    const other = await farmWorld();
    const theirs = await (await page(other.farmer.id)).json();
    expect(theirs.farm).toMatchObject({ id: other.farm.id, connected: false, status: "NOT_CONNECTED" });
    expect(JSON.stringify(theirs)).not.toContain(farm.id);
    const forged = await connect(other.farmer.id, { intent: "connect", farmId: farm.id });
    expect(forged.status).toBe(404);
    expect(accountsOf(other.farm.id)).toHaveLength(0);
    // Their return and refresh links touch only their own (unconnected) farm.
    const back = await catchResponse(
      returnLoader(args(await makeRequest("/farm/payouts/return", { userId: other.farmer.id }))),
    );
    expect(back.headers.get("Location")).toBe("/farm/payouts");
    const refresh = await catchResponse(
      refreshLoader(args(await makeRequest("/farm/payouts/refresh", { userId: other.farmer.id }))),
    );
    expect(refresh.headers.get("Location")).toBe("/farm/payouts");
    expect((await farmRow(farm.id)).stripeAccountId).toBe(accountId);
    // A buyer or a coordinator is not a farmer.
    const buyer = await createTestUser();
    expect(
      (await catchResponse(payoutsLoader(args(await makeRequest("/farm/payouts", { userId: buyer.id }))))).status,
    ).not.toBe(200);
    const coordinatorTry = await catchResponse(
      payoutsAction(
        args(
          await makeRequest("/farm/payouts", {
            userId: other.coordinator.id,
            form: { intent: "connect", farmId: farm.id },
          }),
        ),
      ),
    );
    expect(coordinatorTry.status).not.toBe(303);
  });

  it("a bad body is a 400 with words, and nothing is opened", async () => {
    const { farmer, farm } = await farmWorld();
    const response = await connect(farmer.id, { intent: "disconnect" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain("could not be read");
    expect(accountsOf(farm.id)).toHaveLength(0);
  });

  it("Stripe failing answers 503 with words and stores nothing", async () => {
    const { farmer, farm } = await farmWorld();
    const { allowConsoleError } = await import("../support/console-guard");
    allowConsoleError(/could not start Stripe onboarding/);
    fake.failNext(2);
    const response = await connect(farmer.id, { intent: "connect", farmId: farm.id });
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: string }).error).toContain("Stripe could not be reached");
    expect((await farmRow(farm.id)).stripeAccountId).toBeNull();
  });

  it("without Stripe configured: payouts are by bank transfer, and there is nothing to connect", async () => {
    const { farmer, farm } = await farmWorld();
    holder.configured = false;
    try {
      expect((await (await page(farmer.id)).json()).stripe).toBe(false);
      const response = await connect(farmer.id, { intent: "connect", farmId: farm.id });
      expect(response.status).toBe(409);
      expect(accountsOf(farm.id)).toHaveLength(0);
    } finally {
      holder.configured = true;
    }
  });
});

describe("hub money settings", () => {
  const moneyForm = (over: Record<string, string> = {}) => ({
    intent: "money",
    payeeName: "Bristol Food Hub CIC",
    bankAccountName: "Bristol Food Hub",
    bankSortCode: "12-34-56",
    bankAccountNumber: "12345678",
    bankIban: "gb82 west 1234 5698 7654 32",
    paymentReferenceHint: "Quote the invoice number.",
    commissionPercent: "12.5",
    hubFeePercent: "2",
    cardFeesSharedWithFarms: "on",
    ...over,
  });
  const save = async (userId: string, form: Record<string, string>) =>
    catchResponse(settingsAction(args(await makeRequest("/hub/settings", { userId, form }))));

  it("saves payee, bank details and rates (IBAN normalised, percent as basis points)", async () => {
    const { coordinator, hub } = await farmWorld();
    const response = await save(coordinator.id, moneyForm());
    expect(response.status).toBe(302);
    const stored = await prisma.hub.findUniqueOrThrow({ where: { id: hub.id } });
    expect(stored).toMatchObject({
      payeeName: "Bristol Food Hub CIC",
      bankIban: "GB82WEST12345698765432",
      commissionBasisPoints: 1250,
      hubFeeBasisPoints: 200,
      cardFeesSharedWithFarms: true,
      // The rest of the settings are untouched.
      name: hub.name,
      deliveryFeeMinor: hub.deliveryFeeMinor,
    });
    // Blank fields clear (they are optional, never "required"), an unticked box is false, blank rates are 0.
    const blank = {
      payeeName: "",
      bankAccountName: " ",
      bankSortCode: "",
      bankAccountNumber: "",
      bankIban: "",
      paymentReferenceHint: "",
      commissionPercent: "",
      hubFeePercent: "",
      cardFeesSharedWithFarms: "",
    };
    const cleared = await save(coordinator.id, moneyForm(blank));
    expect(
      cleared.status,
      JSON.stringify(
        await cleared
          .clone()
          .json()
          .catch(() => null),
      ),
    ).toBe(302);
    expect(await prisma.hub.findUniqueOrThrow({ where: { id: hub.id } })).toMatchObject({
      payeeName: null,
      bankAccountName: null,
      bankSortCode: null,
      bankAccountNumber: null,
      bankIban: null,
      paymentReferenceHint: null,
      commissionBasisPoints: 0,
      hubFeeBasisPoints: 0,
      cardFeesSharedWithFarms: false,
    });
  });

  it.each([
    ["a bad IBAN", { bankIban: "GB82 WEST 1234 5698 7654 33" }, "bankIban", "IBAN does not check out"],
    ["a commission over 50 %", { commissionPercent: "51" }, "commissionPercent", "from 0 to 50"],
    ["a negative fee", { hubFeePercent: "-1" }, "hubFeePercent", "from 0 to 50"],
    ["letters in a sort code", { bankSortCode: "ab-cd-ef" }, "bankSortCode", "digits"],
    ["a payee name too long", { payeeName: "x".repeat(101) }, "payeeName", "At most 100"],
  ])("refuses %s with a field error (400) and stores nothing", async (_label, over, field, words) => {
    const { coordinator, hub } = await farmWorld();
    const response = await save(coordinator.id, moneyForm(over));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { money: { error: Record<string, string[]> } };
    expect(body.money.error[field]?.join(" ")).toContain(words);
    expect(await prisma.hub.findUniqueOrThrow({ where: { id: hub.id } })).toMatchObject({
      payeeName: null,
      bankIban: null,
      commissionBasisPoints: 0,
    });
  });

  it("sets a farm's commission override on the hub's farms only, and shows every farm's payout status", async () => {
    const { coordinator, hub, farm } = await farmWorld();
    expect(
      (await save(coordinator.id, { intent: "farm-commission", farmId: farm.id, commissionPercent: "8" })).status,
    ).toBe(302);
    expect((await farmRow(farm.id)).commissionBasisPoints).toBe(800);
    expect(
      (await save(coordinator.id, { intent: "farm-commission", farmId: farm.id, commissionPercent: "" })).status,
    ).toBe(302);
    expect((await farmRow(farm.id)).commissionBasisPoints).toBeNull();
    const bad = await save(coordinator.id, { intent: "farm-commission", farmId: farm.id, commissionPercent: "80" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { commission: { farmId: string; message: string } }).commission).toMatchObject({
      farmId: farm.id,
    });
    // Another hub's farm: not found, unchanged.
    const other = await farmWorld();
    const foreign = await save(coordinator.id, {
      intent: "farm-commission",
      farmId: other.farm.id,
      commissionPercent: "5",
    });
    expect(foreign.status).toBe(404);
    expect((await farmRow(other.farm.id)).commissionBasisPoints).toBeNull();

    await prisma.farm.update({ where: { id: farm.id }, data: { payoutStatus: "RESTRICTED" } });
    const data = await (
      (await settingsLoader(args(await makeRequest("/hub/settings", { userId: coordinator.id })))) as Response
    ).json();
    expect(data.money.farms).toEqual([
      expect.objectContaining({ id: farm.id, payoutStatus: "RESTRICTED", commissionBasisPoints: null }),
    ]);
    expect(data.money.farms.map((f: { id: string }) => f.id)).not.toContain(other.farm.id);
    expect(hub.id).toBeTruthy();
  });

  it("shows How to pay on the buyer's invoice once the hub set its details, and nothing before", async () => {
    const { coordinator, hub } = await farmWorld();
    const cycle = await createTestCycle(hub.id);
    const buyer = await createTestUser({ hubId: hub.id, buyerKind: "RESTAURANT" });
    const order = await prisma.order.create({
      data: {
        buyerId: buyer.id,
        hubId: hub.id,
        cycleId: cycle.id,
        fulfilment: "PICKUP",
        paymentMethod: "INVOICE",
        status: "CONFIRMED",
        subtotalMinor: 1000,
        totalMinor: 1000,
        totalGrams: 1000,
      },
    });
    const invoice = async () =>
      (
        (await invoiceLoader(
          args(await makeRequest(`/orders/${order.id}/invoice`, { userId: buyer.id }), { orderId: order.id }),
        )) as Response
      ).json();
    expect((await invoice()).payee).toBeNull();
    await save(coordinator.id, moneyForm());
    expect((await invoice()).payee).toMatchObject({
      payeeName: "Bristol Food Hub CIC",
      bankIban: "GB82WEST12345698765432",
      bankSortCode: "12-34-56",
    });
  });
});
