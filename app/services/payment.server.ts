// Stripe webhooks and payment reconciliation. Handled: checkout.session.completed (order paid),
// checkout.session.expired (order cancelled, stock restored), charge.refunded. Every handled event
// id is stored first, so a replayed event changes nothing.
import {
  refundPayment,
  retrieveCheckoutSession,
  verifyWebhook,
  type StripeCharge,
  type StripeCheckoutSession,
  type StripeEvent,
} from "~/integrations/stripe.server";
import { deleteBasketItemsForOrder } from "~/models/basket.server";
import {
  getBuyerPendingCardOrder,
  getOrderByCheckoutSession,
  getOrderForPayment,
  markOrderPaid,
  refundOrdersByPaymentIntent,
  releaseOrder,
  setOrderPaymentStatus,
} from "~/models/order.server";
import { forgetPaymentEvent, recordPaymentEvent } from "~/models/payment-event.server";
import { accountUpdated } from "./connect.server";
import { notifyOrderConfirmed, notifyPaymentFailed } from "./notification.server";
import { recordRefundsOfPayment } from "./order-adjustment.server";

export type WebhookResult = { status: 200 | 204 | 400 | 401; body: string };

const HANDLED = new Set(["checkout.session.completed", "checkout.session.expired", "charge.refunded"]);

export async function handleStripeWebhook({
  rawBody,
  signature,
  now = new Date(),
}: {
  rawBody: string;
  signature: string | null;
  now?: Date;
}): Promise<WebhookResult> {
  const verified = verifyWebhook(rawBody, signature);
  if (!verified.ok) return { status: verified.status, body: verified.message };
  const event = verified.event;
  if (!HANDLED.has(event.type)) return { status: 204, body: "" };
  // Signed, but not a usable event of its type (e.g. data.object null): a bad request, not a crash.
  const object: unknown = (event as { data?: { object?: unknown } }).data?.object;
  if (!object || typeof object !== "object" || Array.isArray(object))
    return { status: 400, body: "Invalid payload: the event has no data.object" };
  const first = await recordPaymentEvent({ id: event.id, type: event.type });
  if (!first) return { status: 200, body: "already processed" };
  try {
    const outcome = await dispatch(event, now);
    return { status: 200, body: outcome };
  } catch (error) {
    // Let Stripe retry: forget the id so the retry is processed.
    await forgetPaymentEvent({ id: event.id });
    throw error;
  }
}

HANDLED.add("account.updated"); // farms' Connect accounts (connect.server.ts, docs/decisions/035)

async function dispatch(event: StripeEvent, now: Date): Promise<string> {
  switch (event.type) {
    case "checkout.session.completed":
      return sessionCompleted(event.data.object as StripeCheckoutSession, now);
    case "checkout.session.expired":
      return sessionExpired(event.data.object as StripeCheckoutSession, now);
    case "charge.refunded": {
      const charge = event.data.object as StripeCharge;
      const pi = typeof charge.payment_intent === "string" ? charge.payment_intent : charge.payment_intent?.id;
      if (!pi) return "no payment intent";
      // Every refund goes in the order's ledger once (ours and the dashboard's).
      const recorded = await recordRefundsOfPayment({ paymentIntentId: pi, now });
      // A partial refund (e.g. one missing item, from the Stripe dashboard) leaves the order paid.
      if (charge.refunded !== true) return `partial refund (${recorded} recorded)`;
      // A full refund: the order is refunded and cancelled, its stock back before the cut-off.
      const { refunded, released } = await refundOrdersByPaymentIntent({ paymentIntentId: pi, now });
      return `refunded ${refunded}, stock released for ${released}`;
    }
    case "account.updated": // a farm's Connect account (connect.server.ts)
      return accountUpdated(event.data.object, event.created);
    default:
      return "ignored";
  }
}

async function orderForSession(session: StripeCheckoutSession) {
  const byId = session.metadata?.orderId ? await getOrderForPayment({ id: session.metadata.orderId }) : null;
  return byId ?? (await getOrderByCheckoutSession({ sessionId: session.id }));
}

const paymentIntentOf = (session: StripeCheckoutSession) =>
  typeof session.payment_intent === "string" ? session.payment_intent : (session.payment_intent?.id ?? null);

async function sessionCompleted(session: StripeCheckoutSession, now: Date): Promise<string> {
  const order = await orderForSession(session);
  if (!order) return "unknown order";
  if (session.payment_status !== "paid" && session.payment_status !== "no_payment_required") return "not paid yet";
  const pi = paymentIntentOf(session);
  if (await markOrderPaid({ id: order.id, paymentIntentId: pi, paidAt: now })) {
    await deleteBasketItemsForOrder({ userId: order.buyerId, orderId: order.id });
    await notifyOrderConfirmed(order);
    return "paid";
  }
  if (order.paymentStatus === "PAID") return "already paid";
  // The order was cancelled (expired or by the buyer) before the money arrived: give it back.
  if (pi) {
    await refundPayment({ paymentIntentId: pi, orderId: order.id });
    await setOrderPaymentStatus({ id: order.id, paymentStatus: "REFUNDED", paymentIntentId: pi });
    return "refunded late payment";
  }
  return "order not awaiting payment";
}

async function sessionExpired(session: StripeCheckoutSession, now: Date): Promise<string> {
  const order = await orderForSession(session);
  if (!order) return "unknown order";
  const released = await releaseOrder({
    id: order.id,
    from: ["PENDING_PAYMENT"],
    to: "CANCELLED",
    data: { failureReason: "The card payment was not completed.", cancelledAt: now },
  });
  if (released) await notifyPaymentFailed(order, "sessionExpired");
  return released ? "cancelled" : "nothing to cancel";
}

/**
 * On the success page the webhook may not have arrived yet: ask Stripe about the session and
 * apply the same transition (idempotent with the webhook).
 */
export async function reconcileCheckoutSession({
  orderId,
  buyerId,
  sessionId,
  now = new Date(),
}: {
  orderId: string;
  buyerId: string;
  sessionId: string;
  now?: Date;
}) {
  const order = await getOrderForPayment({ id: orderId });
  if (
    !order ||
    order.buyerId !== buyerId ||
    order.status !== "PENDING_PAYMENT" ||
    order.stripeCheckoutSessionId !== sessionId
  )
    return;
  try {
    const session = await retrieveCheckoutSession(sessionId);
    if (session.status === "complete" && session.payment_status === "paid") await sessionCompleted(session, now);
  } catch (error) {
    console.error("[payment] could not reconcile Checkout Session:", error);
  }
}

/** The buyer came back from Checkout with "cancel": release the pending order straight away. */
export async function abandonCardOrder({
  orderId,
  buyerId,
  now = new Date(),
}: {
  orderId: string;
  buyerId: string;
  now?: Date;
}) {
  const order = await getOrderForPayment({ id: orderId });
  if (!order || order.buyerId !== buyerId || order.status !== "PENDING_PAYMENT") return false;
  return releaseOrder({
    id: order.id,
    from: ["PENDING_PAYMENT"],
    to: "CANCELLED",
    data: { failureReason: "The card payment was cancelled.", cancelledAt: now },
  });
}

/** The buyer's card order still awaiting payment, for the page they land on after "cancel" on Checkout (read only). */
export function getAbandonedCardOrder({ orderId, buyerId }: { orderId: string; buyerId: string }) {
  return getBuyerPendingCardOrder({ id: orderId, buyerId });
}
