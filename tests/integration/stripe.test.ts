// Card payments end to end through the real Stripe SDK against the local fake (HTTP boundary),
// with webhooks signed for real and delivered to the route's action through a local HTTP relay.
import http from "node:http";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type * as EnvModule from "~/utils/env.server";
import { allowConsoleError } from "../support/console-guard";
import { startStripeFake, type StripeFake } from "../support/stripe-fake";

const WEBHOOK_SECRET = "whsec_test_integration";
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
const { action: checkoutAction, loader: checkoutLoader } = await import("~/routes/checkout");
const { action: orderAction, loader: orderLoader } = await import("~/routes/orders.$orderId");
const { action: webhookAction } = await import("~/routes/webhooks.stripe");
const { expireStaleOrders } = await import("~/services/order.server");
const { prisma } = await import("~/utils/db.server");
const { makeRequest } = await import("../factories");
const { args, catchResponse, orderingWorld, postForm } = await import("../support/ordering");

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

async function cardOrder({ currency }: { currency?: string } = {}) {
  const w = await orderingWorld();
  if (currency) await prisma.hub.update({ where: { id: w.hub.id }, data: { currency } });
  await postForm(basketAction, "/basket", { intent: "add", productId: w.carrots.id, quantity: "2" }, w.household.id);
  await postForm(basketAction, "/basket", { intent: "add", productId: w.eggs.id, quantity: "1" }, w.household.id);
  const response = await postForm(
    checkoutAction,
    "/checkout",
    { cycleId: w.cycle.id, fulfilment: "PICKUP", paymentMethod: "CARD" },
    w.household.id,
  );
  expect(response.status).toBe(302);
  const order = await prisma.order.findFirstOrThrow({ where: { buyerId: w.household.id } });
  return { w, order, location: response.headers.get("Location")! };
}

const post = (body: string, signature?: string) =>
  webhookAction(
    args(
      new Request("http://localhost/webhooks/stripe", {
        method: "POST",
        body,
        headers: signature ? { "Stripe-Signature": signature } : {},
      }),
    ),
  );
const sign = (payload: string, secret = WEBHOOK_SECRET) =>
  Stripe.webhooks.generateTestHeaderString({ payload, secret });

describe("card payments through Stripe Checkout (fake)", () => {
  it("charges in the hub's currency: a hub trading in euros makes a euro order and a euro Checkout Session", async () => {
    const { order } = await cardOrder({ currency: "EUR" });
    expect(order.currency).toBe("EUR");
    const created = fake.requests.find(
      (r) => r.path === "/v1/checkout/sessions" && (r.body.metadata as Record<string, string>)?.orderId === order.id,
    )!;
    const items = created.body.line_items as Array<{ price_data: { currency: string } }>;
    expect(items.map((item) => item.price_data.currency)).toEqual(["eur", "eur"]);
  });

  it("creates a Checkout Session with the order's lines and id, and confirms the order when paid", async () => {
    const { w, order, location } = await cardOrder();
    expect(order.status).toBe("PENDING_PAYMENT");
    expect(order.expiresAt).not.toBeNull();
    const session = fake.sessions.get(order.stripeCheckoutSessionId!)!;
    expect(location).toBe(session.url);
    expect(session.metadata.orderId).toBe(order.id);
    expect(session.amount_total).toBe(order.totalMinor);
    expect(session.success_url).toContain(`/orders/${order.id}?paid=1&session_id={CHECKOUT_SESSION_ID}`);
    const created = fake.requests.find(
      (r) => r.path === "/v1/checkout/sessions" && (r.body.metadata as Record<string, string>)?.orderId === order.id,
    )!;
    expect((created.body.line_items as unknown[]).length).toBe(2);
    // Stock is held while the buyer pays; the basket is kept until the payment succeeds.
    expect((await prisma.product.findUniqueOrThrow({ where: { id: w.carrots.id } })).stockMilli).toBe(48_000);
    expect(await prisma.basketItem.count({ where: { userId: w.household.id } })).toBe(2);

    expect(await fake.pay(session.id)).toBe(200);
    const paid = await prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(paid.status).toBe("CONFIRMED");
    expect(paid.paymentStatus).toBe("PAID");
    expect(paid.stripePaymentIntentId).toBe(session.payment_intent);
    expect(await prisma.basketItem.count({ where: { userId: w.household.id } })).toBe(0);
    expect(await prisma.emailMessage.count({ where: { to: w.household.email, kind: "order-confirmed" } })).toBe(1);

    // Cancel before the cut-off: stock back and a refund through Stripe, then charge.refunded arrives.
    const cancel = await catchResponse(
      orderAction(
        args(await makeRequest(`/orders/${order.id}`, { userId: w.household.id, form: { intent: "cancel" } }), {
          orderId: order.id,
        }),
      ),
    );
    expect(cancel.status).toBe(302);
    expect(fake.refunds.some((r) => r.payment_intent === session.payment_intent)).toBe(true);
    const cancelled = await prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.paymentStatus).toBe("REFUNDED");
    expect((await prisma.product.findUniqueOrThrow({ where: { id: w.carrots.id } })).stockMilli).toBe(50_000);
  });

  it("reconciles on the success page when the webhook has not arrived", async () => {
    const { w, order } = await cardOrder();
    const session = fake.sessions.get(order.stripeCheckoutSessionId!)!;
    session.status = "complete";
    session.payment_status = "paid";
    session.payment_intent = "pi_test_reconcile";
    const page = await catchResponse(
      orderLoader(
        args(await makeRequest(`/orders/${order.id}?paid=1&session_id=${session.id}`, { userId: w.household.id }), {
          orderId: order.id,
        }),
      ),
    );
    expect(((await page.json()) as { order: { status: string } }).order.status).toBe("CONFIRMED");
  });

  it("cancels the order and restores stock when the session expires; a replayed event changes nothing", async () => {
    const { w, order } = await cardOrder();
    expect(await fake.expire(order.stripeCheckoutSessionId!)).toBe(200);
    const expired = await prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(expired.status).toBe("CANCELLED");
    expect((await prisma.product.findUniqueOrThrow({ where: { id: w.carrots.id } })).stockMilli).toBe(50_000);
    expect(await prisma.emailMessage.count({ where: { to: w.household.email, kind: "payment-failed" } })).toBe(1);

    const payload = JSON.stringify({
      id: "evt_replay_1",
      object: "event",
      type: "checkout.session.expired",
      data: {
        object: { id: order.stripeCheckoutSessionId, object: "checkout.session", metadata: { orderId: order.id } },
      },
    });
    const first = await post(payload, sign(payload));
    expect(first.status).toBe(200);
    const stock = (await prisma.product.findUniqueOrThrow({ where: { id: w.carrots.id } })).stockMilli;
    const replay = await post(payload, sign(payload));
    expect(replay.status).toBe(200);
    expect(await replay.text()).toBe("already processed");
    expect((await prisma.product.findUniqueOrThrow({ where: { id: w.carrots.id } })).stockMilli).toBe(stock);
  });

  it("expires unpaid card orders after the configured time and releases their stock", async () => {
    const { w, order } = await cardOrder();
    expect(await expireStaleOrders(new Date(Date.now() + 29 * 60_000))).toBe(0);
    expect(await expireStaleOrders(new Date(Date.now() + 31 * 60_000))).toBeGreaterThanOrEqual(1);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("CANCELLED");
    expect((await prisma.product.findUniqueOrThrow({ where: { id: w.carrots.id } })).stockMilli).toBe(50_000);
    expect(fake.sessions.get(order.stripeCheckoutSessionId!)!.status).toBe("expired");
  });

  it("changes nothing on the GET back from Checkout's cancel; the page's \"Return to basket\" POST releases the order", async () => {
    const { w, order } = await cardOrder();
    const back = await catchResponse(
      checkoutLoader(args(await makeRequest(`/checkout?cancelled=${order.id}`, { userId: w.household.id }))),
    );
    expect(back.status).toBe(200);
    expect(((await back.json()) as { cancelled: { id: string } | null }).cancelled?.id).toBe(order.id);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("PENDING_PAYMENT");
    expect((await prisma.product.findUniqueOrThrow({ where: { id: w.carrots.id } })).stockMilli).toBe(48_000);
    // Someone else's order id in the URL shows nothing.
    const other = await catchResponse(
      checkoutLoader(args(await makeRequest(`/checkout?cancelled=${order.id}`, { userId: w.restaurant.id }))),
    );
    expect(other.status).not.toBe(500);

    const released = await postForm(
      checkoutAction,
      "/checkout",
      { intent: "return-to-basket", orderId: order.id },
      w.household.id,
    );
    expect(released.status).toBe(302);
    expect(released.headers.get("Location")).toBe("/basket");
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("CANCELLED");
    expect((await prisma.product.findUniqueOrThrow({ where: { id: w.carrots.id } })).stockMilli).toBe(50_000);
    expect(await prisma.basketItem.count({ where: { userId: w.household.id } })).toBe(2);
    // Another buyer cannot release it (nothing changes), and a bad form is a 400.
    const { order: second } = await cardOrder();
    const foreign = await postForm(
      checkoutAction,
      "/checkout",
      { intent: "return-to-basket", orderId: second.id },
      w.household.id,
    );
    expect(foreign.status).toBe(302);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: second.id } })).status).toBe("PENDING_PAYMENT");
    expect((await postForm(checkoutAction, "/checkout", { intent: "return-to-basket" }, w.household.id)).status).toBe(
      400,
    );
  });

  it("places one card order and one Checkout Session for concurrent and repeated submits of the same basket", async () => {
    for (const n of [2, 5]) {
      const w = await orderingWorld();
      await postForm(
        basketAction,
        "/basket",
        { intent: "add", productId: w.carrots.id, quantity: "2" },
        w.household.id,
      );
      const sessionsBefore = fake.requests.filter((r) => r.path === "/v1/checkout/sessions").length;
      const form = {
        cycleId: w.cycle.id,
        fulfilment: "PICKUP",
        paymentMethod: "CARD",
        idempotencyKey: `key-card-concurrent-${n}-xyz`,
      };
      const responses = await Promise.all(
        Array.from({ length: n }, () => postForm(checkoutAction, "/checkout", form, w.household.id)),
      );
      const orders = await prisma.order.findMany({ where: { buyerId: w.household.id } });
      expect(orders).toHaveLength(1);
      const session = fake.sessions.get(orders[0]!.stripeCheckoutSessionId!)!;
      for (const response of responses) {
        expect(response.status).toBe(302);
        expect(response.headers.get("Location")).toBe(session.url);
      }
      // One session made at Stripe (repeats within Stripe's idempotency key return the same one).
      const made = new Set(
        fake.requests
          .filter((r) => r.path === "/v1/checkout/sessions")
          .slice(sessionsBefore)
          .map((r) => (r.body.metadata as Record<string, string>).orderId),
      );
      expect([...made]).toEqual([orders[0]!.id]);
      expect((await prisma.product.findUniqueOrThrow({ where: { id: w.carrots.id } })).stockMilli).toBe(48_000);

      // Another tab (a new form key) with the same basket re-uses the open pending order and its session.
      const again = await postForm(
        checkoutAction,
        "/checkout",
        { ...form, idempotencyKey: `key-card-second-tab-${n}-xyz` },
        w.household.id,
      );
      expect(again.status).toBe(302);
      expect(again.headers.get("Location")).toBe(session.url);
      expect(await prisma.order.count({ where: { buyerId: w.household.id } })).toBe(1);

      // Once paid, the same form leads to the order's page.
      expect(await fake.pay(session.id)).toBe(200);
      const paid = await postForm(checkoutAction, "/checkout", form, w.household.id);
      expect(paid.status).toBe(302);
      expect(paid.headers.get("Location")).toBe(`/orders/${orders[0]!.id}`);
      expect(await prisma.order.count({ where: { buyerId: w.household.id } })).toBe(1);
    }
  });

  it("cancels cleanly (502, nothing charged, stock back) when Stripe fails", async () => {
    const w = await orderingWorld();
    await postForm(basketAction, "/basket", { intent: "add", productId: w.carrots.id, quantity: "2" }, w.household.id);
    allowConsoleError(/\[checkout\] Stripe Checkout Session failed/); // the operator's log line for this failure
    fake.failNext(5);
    const response = await postForm(
      checkoutAction,
      "/checkout",
      { cycleId: w.cycle.id, fulfilment: "PICKUP", paymentMethod: "CARD" },
      w.household.id,
    );
    fake.failNext(0);
    expect(response.status).toBe(502);
    expect((await prisma.product.findUniqueOrThrow({ where: { id: w.carrots.id } })).stockMilli).toBe(50_000);
  });
});

describe("webhook bad input", () => {
  it("answers 400 to a signed payload that is not an event and 401 to a missing or wrong signature, checking the signature before reading the body", async () => {
    expect((await post("not json", sign("not json"))).status).toBe(400);
    expect((await post(JSON.stringify({ hello: "world" }), sign(JSON.stringify({ hello: "world" })))).status).toBe(400);
    // An unsigned body is never parsed: garbage without a valid signature is refused as unsigned.
    expect((await post("not json")).status).toBe(401);
    expect((await post("not json", sign("other"))).status).toBe(401);
    const payload = JSON.stringify({
      id: "evt_bad_sig",
      object: "event",
      type: "checkout.session.completed",
      data: { object: { id: "cs_x", metadata: {} } },
    });
    expect((await post(payload)).status).toBe(401);
    expect((await post(payload, sign(payload, "whsec_wrong"))).status).toBe(401);
    expect((await post(payload, sign(payload + " "))).status).toBe(401);
    expect(await prisma.processedPaymentEvent.count({ where: { id: "evt_bad_sig" } })).toBe(0);
  });

  it("answers 400 (not 500) to a signed event whose data.object is null, and records nothing", async () => {
    for (const type of ["charge.refunded", "checkout.session.completed", "checkout.session.expired"]) {
      const payload = JSON.stringify({ id: `evt_null_${type}`, object: "event", type, data: { object: null } });
      const response = await post(payload, sign(payload));
      expect(response.status).toBe(400);
      expect(await prisma.processedPaymentEvent.count({ where: { id: `evt_null_${type}` } })).toBe(0);
    }
    const noData = JSON.stringify({ id: "evt_no_data", object: "event", type: "charge.refunded" });
    expect((await post(noData, sign(noData))).status).toBe(400);
  });

  it("answers 204 to an event type it does not handle, and stores nothing", async () => {
    const payload = JSON.stringify({
      id: "evt_ignored",
      object: "event",
      type: "customer.created",
      data: { object: { id: "cus_1" } },
    });
    const response = await post(payload, sign(payload));
    expect(response.status).toBe(204);
    expect(await prisma.processedPaymentEvent.count({ where: { id: "evt_ignored" } })).toBe(0);
  });

  it("marks a paid order refunded on charge.refunded, but not on a partial refund", async () => {
    const { order } = await cardOrder();
    await fake.pay(order.stripeCheckoutSessionId!);
    const pi = (await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).stripePaymentIntentId!;
    const partial = JSON.stringify({
      id: "evt_refund_0",
      object: "event",
      type: "charge.refunded",
      data: { object: { id: "ch_1", object: "charge", payment_intent: pi, refunded: false, amount_refunded: 100 } },
    });
    expect((await post(partial, sign(partial))).status).toBe(200);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).paymentStatus).toBe("PAID");
    const payload = JSON.stringify({
      id: "evt_refund_1",
      object: "event",
      type: "charge.refunded",
      data: { object: { id: "ch_1", object: "charge", payment_intent: pi, refunded: true } },
    });
    expect((await post(payload, sign(payload))).status).toBe(200);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).paymentStatus).toBe("REFUNDED");
  });

  it("cancels a fully refunded order and releases its stock before the cut-off; a replay changes nothing", async () => {
    const { w, order } = await cardOrder();
    await fake.pay(order.stripeCheckoutSessionId!);
    const paid = await prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(paid.status).toBe("CONFIRMED");
    expect((await prisma.product.findUniqueOrThrow({ where: { id: w.carrots.id } })).stockMilli).toBe(48_000);
    const payload = JSON.stringify({
      id: "evt_full_refund",
      object: "event",
      type: "charge.refunded",
      data: { object: { id: "ch_2", object: "charge", payment_intent: paid.stripePaymentIntentId, refunded: true } },
    });
    expect((await post(payload, sign(payload))).status).toBe(200);
    const refunded = await prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(refunded.status).toBe("CANCELLED");
    expect(refunded.paymentStatus).toBe("REFUNDED");
    expect(refunded.cancelledAt).not.toBeNull();
    expect((await prisma.product.findUniqueOrThrow({ where: { id: w.carrots.id } })).stockMilli).toBe(50_000);
    expect((await prisma.product.findUniqueOrThrow({ where: { id: w.eggs.id } })).stockMilli).toBe(20_000);
    // The same event again, and a second event for the same charge: stock is not released twice.
    expect(await (await post(payload, sign(payload))).text()).toBe("already processed");
    const second = JSON.stringify({
      id: "evt_full_refund_again",
      object: "event",
      type: "charge.refunded",
      data: { object: { id: "ch_2", object: "charge", payment_intent: paid.stripePaymentIntentId, refunded: true } },
    });
    expect((await post(second, sign(second))).status).toBe(200);
    expect((await prisma.product.findUniqueOrThrow({ where: { id: w.carrots.id } })).stockMilli).toBe(50_000);
  });

  it("after the cut-off a full refund cancels the order but keeps the stock (the food is being picked)", async () => {
    const { w, order } = await cardOrder();
    await fake.pay(order.stripeCheckoutSessionId!);
    const paid = await prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    await prisma.deliveryCycle.update({ where: { id: w.cycle.id }, data: { cutoffAt: new Date(Date.now() - 60_000) } });
    const payload = JSON.stringify({
      id: "evt_refund_after_cutoff",
      object: "event",
      type: "charge.refunded",
      data: { object: { id: "ch_3", object: "charge", payment_intent: paid.stripePaymentIntentId, refunded: true } },
    });
    expect((await post(payload, sign(payload))).status).toBe(200);
    const refunded = await prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(refunded.status).toBe("CANCELLED");
    expect(refunded.paymentStatus).toBe("REFUNDED");
    expect((await prisma.product.findUniqueOrThrow({ where: { id: w.carrots.id } })).stockMilli).toBe(48_000);
  });
});
