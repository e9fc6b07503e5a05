// The real Stripe SDK; STRIPE_API_BASE points it at another host (tests and the Playwright run use
// a local fake, tests/support/stripe-fake.ts). The only module that imports "stripe".
import Stripe from "stripe";
import { getEnv } from "~/utils/env.server";

export type StripeEvent = Stripe.Event;
export type StripeCheckoutSession = Stripe.Checkout.Session;
export type StripeCharge = Stripe.Charge;
export type StripeAccount = Stripe.Account;
export type StripeTransfer = Stripe.Transfer;
export type StripeTransferReversal = Stripe.TransferReversal;

let client: { key: string; base: string | undefined; stripe: Stripe } | undefined;

export function isStripeConfigured(): boolean {
  const env = getEnv();
  return Boolean(env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET);
}

export function getStripe(): Stripe {
  const env = getEnv();
  if (!env.STRIPE_SECRET_KEY) throw new Error("Stripe is not configured (STRIPE_SECRET_KEY is empty).");
  if (client && client.key === env.STRIPE_SECRET_KEY && client.base === env.STRIPE_API_BASE) return client.stripe;
  const options: Stripe.StripeConfig = { maxNetworkRetries: 1, timeout: 15_000, appInfo: { name: "Foodshed" } };
  if (env.STRIPE_API_BASE) {
    const base = new URL(env.STRIPE_API_BASE);
    const protocol = base.protocol === "http:" ? "http" : "https";
    options.host = base.hostname;
    options.port = Number(base.port || (protocol === "http" ? 80 : 443));
    options.protocol = protocol;
  }
  client = {
    key: env.STRIPE_SECRET_KEY,
    base: env.STRIPE_API_BASE,
    stripe: new Stripe(env.STRIPE_SECRET_KEY, options),
  };
  return client.stripe;
}

export interface CheckoutLineItem {
  name: string;
  description?: string;
  unitAmountMinor: number;
  quantity: number;
}

export async function createCheckoutSession(input: {
  orderId: string;
  orderNumber: number;
  currency: string;
  customerEmail: string;
  lineItems: CheckoutLineItem[];
  successUrl: string;
  cancelUrl: string;
  expiresAt: Date;
}): Promise<{ id: string; url: string }> {
  const stripe = getStripe();
  // Stripe refuses expires_at less than 30 minutes away; the app's own expiry can be shorter.
  const minExpiry = Math.ceil(Date.now() / 1000) + 31 * 60;
  const session = await stripe.checkout.sessions.create(
    {
      mode: "payment",
      client_reference_id: input.orderId,
      customer_email: input.customerEmail,
      metadata: { orderId: input.orderId, orderNumber: String(input.orderNumber) },
      payment_intent_data: { metadata: { orderId: input.orderId } },
      line_items: input.lineItems.map((item) => ({
        quantity: item.quantity,
        price_data: {
          currency: input.currency.toLowerCase(),
          unit_amount: item.unitAmountMinor,
          product_data: { name: item.name, ...(item.description ? { description: item.description } : {}) },
        },
      })),
      success_url: input.successUrl,
      cancel_url: input.cancelUrl,
      expires_at: Math.max(minExpiry, Math.floor(input.expiresAt.getTime() / 1000)),
    },
    { idempotencyKey: `checkout-${input.orderId}` },
  );
  if (!session.url) throw new Error("Stripe returned a Checkout Session without a URL");
  return { id: session.id, url: session.url };
}

export async function retrieveCheckoutSession(id: string) {
  return getStripe().checkout.sessions.retrieve(id);
}

export async function expireCheckoutSession(id: string) {
  return getStripe().checkout.sessions.expire(id);
}

export async function refundPayment({ paymentIntentId, orderId }: { paymentIntentId: string; orderId: string }) {
  return getStripe().refunds.create(
    { payment_intent: paymentIntentId, metadata: { orderId } },
    { idempotencyKey: `refund-${orderId}` },
  );
}

/**
 * Refunds part of a payment (an adjustment after the cut-off). The idempotency key is the
 * adjustment's id: a retry after a timeout or a crash never refunds twice.
 */
export async function refundPartOfPayment({
  paymentIntentId,
  amountMinor,
  orderId,
  adjustmentId,
}: {
  paymentIntentId: string;
  amountMinor: number;
  orderId: string;
  adjustmentId: string;
}) {
  return getStripe().refunds.create(
    { payment_intent: paymentIntentId, amount: amountMinor, metadata: { orderId, adjustmentId } },
    { idempotencyKey: `adjustment-refund-${adjustmentId}` },
  );
}

/** Every refund of a payment (made here or in the Stripe dashboard). */
export async function listPaymentRefunds(paymentIntentId: string) {
  const refunds = await getStripe().refunds.list({ payment_intent: paymentIntentId, limit: 100 });
  return refunds.data;
}

// ----- Connect: farms' Express accounts (docs/decisions/035) -----

/**
 * Opens a farm's Express account, able to receive transfers. The idempotency key is the farm's id,
 * so two submits (or a retry after a lost answer) within Stripe's 24-hour key window get the same
 * account back instead of a second one; the service also writes the id only where none is stored.
 */
export async function createConnectAccount(input: {
  farmId: string;
  country: string;
  email: string | null;
}): Promise<StripeAccount> {
  return getStripe().accounts.create(
    {
      type: "express",
      country: input.country,
      ...(input.email ? { email: input.email } : {}),
      capabilities: { transfers: { requested: true } },
      metadata: { farmId: input.farmId },
    },
    { idempotencyKey: `connect-account-${input.farmId}` },
  );
}

export async function retrieveConnectAccount(accountId: string): Promise<StripeAccount> {
  return getStripe().accounts.retrieve(accountId);
}

/** A single-use link to Stripe's hosted onboarding for the account (it expires within minutes). */
export async function createOnboardingLink(input: {
  accountId: string;
  refreshUrl: string;
  returnUrl: string;
}): Promise<{ url: string; expiresAt: number }> {
  const link = await getStripe().accountLinks.create({
    account: input.accountId,
    refresh_url: input.refreshUrl,
    return_url: input.returnUrl,
    type: "account_onboarding",
  });
  return { url: link.url, expiresAt: link.expires_at };
}

// ----- Transfers: paying a farm's approved statement (docs/decisions/037) -----

/**
 * Sends a statement's net to the farm's Connect account (separate charges and transfers: buyers paid
 * the platform; one transfer group per cycle). The idempotency key is the statement's id, so a
 * double click, two tabs or a retry after a lost answer make one transfer.
 */
export async function createStatementTransfer(input: {
  statementId: string;
  farmId: string;
  cycleId: string;
  amountMinor: number;
  currency: string;
  destination: string;
  transferGroup: string;
  /** How many earlier tries Stripe refused (0: the first key). */
  attempt?: number;
}): Promise<StripeTransfer> {
  return getStripe().transfers.create(
    {
      amount: input.amountMinor,
      currency: input.currency.toLowerCase(),
      destination: input.destination,
      transfer_group: input.transferGroup,
      metadata: { statementId: input.statementId, farmId: input.farmId, cycleId: input.cycleId },
    },
    {
      idempotencyKey: input.attempt
        ? `statement-transfer-${input.statementId}-${input.attempt}`
        : `statement-transfer-${input.statementId}`,
    },
  );
}

export async function retrieveTransfer(transferId: string): Promise<StripeTransfer> {
  return getStripe().transfers.retrieve(transferId);
}

/** Takes (part of) a transfer back from the farm's account; once per statement (idempotency key). */
export async function reverseStatementTransfer(input: {
  statementId: string;
  transferId: string;
  amountMinor: number;
}): Promise<StripeTransferReversal> {
  return getStripe().transfers.createReversal(
    input.transferId,
    { amount: input.amountMinor, metadata: { statementId: input.statementId } },
    { idempotencyKey: `statement-reversal-${input.statementId}` },
  );
}

/**
 * What a failed Stripe call means for a retry: `refused` when Stripe answered that it will not do it
 * (invalid request: no balance, an account that cannot receive transfers…; nothing moved, and Stripe
 * replays the same answer under the same idempotency key), else the call may or may not have
 * happened (network, 5xx, a request with the same key still running): retry with the same key.
 */
export function stripeFailure(error: unknown): { refused: boolean; message: string } {
  if (error instanceof Stripe.errors.StripeIdempotencyError) return { refused: false, message: error.message };
  if (error instanceof Stripe.errors.StripeInvalidRequestError) return { refused: true, message: error.message };
  return { refused: false, message: error instanceof Error ? error.message : String(error) };
}

export type WebhookVerification = { ok: true; event: Stripe.Event } | { ok: false; status: 400 | 401; message: string };

/**
 * Verifies the signature on the raw body first (constructEvent checks the bytes as received, then
 * parses them): 401 on a missing or bad signature, 400 when a correctly signed body is not an event.
 * Nothing of an unsigned body is parsed.
 */
export function verifyWebhook(rawBody: string, signature: string | null): WebhookVerification {
  const env = getEnv();
  if (!env.STRIPE_WEBHOOK_SECRET) return { ok: false, status: 400, message: "Stripe webhooks are not configured" };
  if (!signature) return { ok: false, status: 401, message: "Missing Stripe-Signature header" };
  let event: unknown;
  try {
    event = Stripe.webhooks.constructEvent(rawBody, signature, env.STRIPE_WEBHOOK_SECRET);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError)
      return { ok: false, status: 401, message: error.message };
    return { ok: false, status: 400, message: "Invalid payload: not JSON" };
  }
  if (
    !event ||
    typeof event !== "object" ||
    typeof (event as { id?: unknown }).id !== "string" ||
    typeof (event as { type?: unknown }).type !== "string"
  ) {
    return { ok: false, status: 400, message: "Invalid payload: not a Stripe event" };
  }
  return { ok: true, event: event as Stripe.Event };
}
