// A local fake of the Stripe endpoints Foodshed uses, at the HTTP boundary: the real `stripe` SDK
// talks to it (host/port/protocol from STRIPE_API_BASE). Implements Checkout Sessions
// (create/retrieve/expire), refunds, a fake hosted Checkout page with "Pay" and "Cancel", Connect
// Express accounts (create/retrieve) and account links with a fake hosted onboarding page
// ("Complete onboarding", "Leave with details missing"), transfers to connected accounts and their
// reversals (create/retrieve; a transfer to an account without the transfers capability, or above
// the balance set, fails as Stripe's does), and sends webhooks signed for real with
// stripe.webhooks.generateTestHeaderString.
//
//   tsx tests/support/stripe-fake.ts --port 3199 --webhook http://127.0.0.1:3100/webhooks/stripe --secret whsec_test
import { randomBytes } from "node:crypto";
import http from "node:http";
import { pathToFileURL } from "node:url";
import Stripe from "stripe";

export interface FakeSession {
  id: string;
  object: "checkout.session";
  status: "open" | "complete" | "expired";
  payment_status: "unpaid" | "paid";
  url: string;
  amount_total: number;
  currency: string;
  customer_email: string | null;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  success_url: string;
  cancel_url: string;
  expires_at: number;
  payment_intent: string | null;
  line_items: Array<{ name: string; unit_amount: number; quantity: number }>;
  mode: string;
}

export interface FakeAccount {
  id: string;
  object: "account";
  type: string;
  country: string;
  email: string | null;
  metadata: Record<string, string>;
  created: number;
  details_submitted: boolean;
  charges_enabled: boolean;
  payouts_enabled: boolean;
  capabilities: { transfers?: "active" | "inactive" | "pending" };
  requirements: {
    currently_due: string[];
    eventually_due: string[];
    past_due: string[];
    pending_verification: string[];
    disabled_reason: string | null;
  };
}

export interface FakeTransfer {
  id: string;
  object: "transfer";
  amount: number;
  amount_reversed: number;
  currency: string;
  destination: string;
  transfer_group: string | null;
  metadata: Record<string, string>;
  created: number;
  reversed: boolean;
  reversals: { object: "list"; data: FakeReversal[]; has_more: false; url: string };
}

export interface FakeReversal {
  id: string;
  object: "transfer_reversal";
  amount: number;
  currency: string;
  transfer: string;
  metadata: Record<string, string>;
  created: number;
}

export interface FakeAccountLink {
  id: string;
  account: string;
  refresh_url: string;
  return_url: string;
  expires_at: number;
  used: boolean;
}

/** What the fake onboarding page's buttons do to the account. */
export type OnboardingOutcome = "complete" | "missing";

export interface StripeFake {
  url: string;
  stop(): Promise<void>;
  sessions: Map<string, FakeSession>;
  refunds: Array<{ id: string; payment_intent: string; amount: number; metadata: Record<string, string> }>;
  /** A refund made in the Stripe dashboard (not by the app): charge.refunded is sent as Stripe would. */
  dashboardRefund(paymentIntentId: string, amountMinor: number): { id: string } | { error: string };
  /** Every request the SDK made (method, path, form body), for assertions. */
  requests: Array<{ method: string; path: string; body: Record<string, unknown> }>;
  /** Webhook deliveries and the app's answers. */
  deliveries: Array<{ type: string; status: number }>;
  /** Simulate the buyer paying / the session expiring, as the hosted page would. */
  pay(sessionId: string): Promise<number>;
  expire(sessionId: string): Promise<number>;
  accounts: Map<string, FakeAccount>;
  accountLinks: Map<string, FakeAccountLink>;
  /** Finish (or leave) an account's onboarding as the hosted page would: its state, then `account.updated`. */
  onboard(accountId: string, outcome: OnboardingOutcome): Promise<number>;
  /** Transfers to connected accounts (POST /v1/transfers), with their reversals. */
  transfers: Map<string, FakeTransfer>;
  /** The platform's available balance: a transfer larger than it fails as Stripe's does (default: unlimited). */
  setBalance(amountMinor: number | null): void;
  /** Fail the next N API calls with a 500 (to test error handling). */
  failNext(count: number): void;
}

const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString("hex")}`;

/** Parses a form-encoded body with literal brackets (a[b][0][c]=x) into nested objects and arrays. */
export function parseStripeForm(body: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const parts = rawKey.split(/\[|\]\[|\]/).filter((p) => p !== "");
    let node: Record<string, unknown> | unknown[] = root;
    parts.forEach((part, index) => {
      const last = index === parts.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(parts[index + 1]!);
      const key = Array.isArray(node) ? Number(part) : part;
      const container = node as Record<string | number, unknown>;
      if (last) container[key] = value;
      else {
        container[key] ??= nextIsIndex ? [] : {};
        node = container[key] as Record<string, unknown> | unknown[];
      }
    });
  }
  return root;
}

function html(title: string, body: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:520px;margin:2rem auto;padding:0 1rem;color:#1d2a24}main{border:1px solid #ccd;border-radius:12px;padding:1.5rem}
button{font:inherit;font-weight:600;padding:.7rem 1.2rem;border-radius:8px;border:1px solid #1f6f45;margin-right:.5rem;cursor:pointer;min-height:44px}.pay{background:#1f6f45;color:#fff}.cancel{background:#fff;color:#1f6f45}
table{width:100%;border-collapse:collapse;margin:1rem 0}td{padding:.3rem 0;border-bottom:1px solid #eee}td.n{text-align:right}</style></head><body><main>${body}</main></body></html>`;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startStripeFake({
  port = 0,
  webhookUrl,
  webhookSecret = "whsec_test",
  host = "127.0.0.1",
}: { port?: number; webhookUrl?: string; webhookSecret?: string; host?: string } = {}): Promise<StripeFake> {
  const sessions = new Map<string, FakeSession>();
  const refunds: StripeFake["refunds"] = [];

  /** A refund of (part of) a payment, as the API or the dashboard makes it; charge.refunded follows. */
  function refund(pi: string, amount: number | undefined, metadata: unknown) {
    const session = [...sessions.values()].find((s) => s.payment_intent === pi);
    if (!session) return { status: 404, error: `No such payment_intent: '${pi}'` };
    const already = refunds.filter((r) => r.payment_intent === pi).reduce((s, r) => s + r.amount, 0);
    const left = session.amount_total - already;
    if (left <= 0) return { status: 400, error: `Charge for ${pi} has already been refunded.` };
    const value = amount ?? left;
    if (!Number.isInteger(value) || value <= 0 || value > left)
      return { status: 400, error: `Refund amount (${value}) is greater than unrefunded amount on charge (${left}).` };
    const made = {
      id: id("re"),
      object: "refund",
      payment_intent: pi,
      amount: value,
      status: "succeeded",
      metadata: (metadata as Record<string, string>) ?? {},
    };
    refunds.push(made);
    void sendEvent("charge.refunded", {
      id: id("ch"),
      object: "charge",
      payment_intent: pi,
      amount: session.amount_total,
      amount_refunded: already + value,
      refunded: already + value === session.amount_total,
    });
    return made;
  }
  const requests: StripeFake["requests"] = [];
  const deliveries: StripeFake["deliveries"] = [];
  const accounts = new Map<string, FakeAccount>();
  const accountLinks = new Map<string, FakeAccountLink>();
  const transfers = new Map<string, FakeTransfer>();
  let balance: number | null = null;
  const idempotent = new Map<string, { status: number; body: string }>();
  let failures = 0;
  let base = "";

  async function sendEvent(type: string, object: unknown): Promise<number> {
    if (!webhookUrl) return 0;
    const event = {
      id: id("evt"),
      object: "event",
      api_version: "2025-01-27",
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      type,
      data: { object },
      pending_webhooks: 1,
      request: { id: null },
    };
    const payload = JSON.stringify(event);
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
    try {
      const response = await fetch(webhookUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Stripe-Signature": signature },
        body: payload,
      });
      deliveries.push({ type, status: response.status });
      return response.status;
    } catch {
      deliveries.push({ type, status: 0 });
      return 0;
    }
  }

  async function pay(sessionId: string) {
    const session = sessions.get(sessionId);
    if (!session || session.status !== "open") return 0;
    session.status = "complete";
    session.payment_status = "paid";
    session.payment_intent = id("pi");
    return sendEvent("checkout.session.completed", session);
  }

  async function expire(sessionId: string) {
    const session = sessions.get(sessionId);
    if (!session || session.status !== "open") return 0;
    session.status = "expired";
    return sendEvent("checkout.session.expired", session);
  }

  // What a new Express account still needs before Stripe pays it out.
  const ONBOARDING_DUE = ["business_profile.url", "external_account", "individual.dob.day", "tos_acceptance.date"];

  async function onboard(accountId: string, outcome: OnboardingOutcome) {
    const account = accounts.get(accountId);
    if (!account) return 0;
    account.details_submitted = true;
    if (outcome === "complete") {
      account.charges_enabled = true;
      account.payouts_enabled = true;
      account.capabilities = { transfers: "active" };
      account.requirements = {
        currently_due: [],
        eventually_due: [],
        past_due: [],
        pending_verification: [],
        disabled_reason: null,
      };
    } else {
      // Submitted without a bank account: Stripe holds payouts back until it is added.
      account.charges_enabled = false;
      account.payouts_enabled = false;
      account.capabilities = { transfers: "inactive" };
      account.requirements = {
        currently_due: ["external_account"],
        eventually_due: ["external_account"],
        past_due: ["external_account"],
        pending_verification: [],
        disabled_reason: "requirements.past_due",
      };
    }
    return sendEvent("account.updated", account);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const url = new URL(req.url ?? "/", base);
        const raw = Buffer.concat(chunks).toString("utf8");
        const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
          const text = typeof body === "string" ? body : JSON.stringify(body);
          res.writeHead(status, {
            "Content-Type": typeof body === "string" ? "text/html; charset=utf-8" : "application/json",
            ...headers,
          });
          res.end(text);
        };
        const error = (status: number, message: string, type = "invalid_request_error") =>
          send(status, { error: { type, message } });

        // The hosted Checkout page.
        const page = /^\/pay\/([^/]+)(\/(complete|cancel))?$/.exec(url.pathname);
        if (page) {
          const session = sessions.get(page[1]!);
          if (!session) return send(404, html("Not found", "<h1>Checkout session not found</h1>"));
          if (req.method === "GET") {
            const rows = session.line_items
              .map(
                (l) =>
                  `<tr><td>${escape(l.name)}</td><td class="n">£${((l.unit_amount * l.quantity) / 100).toFixed(2)}</td></tr>`,
              )
              .join("");
            return send(
              200,
              html(
                "Pay — Fake Stripe Checkout",
                `<h1>Fake Stripe Checkout</h1><p>Test mode: no real card is charged.</p><table><tbody>${rows}</tbody></table><p><strong>Total: £${(session.amount_total / 100).toFixed(2)}</strong></p>
${session.status === "open" ? `<form method="post" action="/pay/${session.id}/complete" style="display:inline"><button class="pay" type="submit">Pay</button></form><form method="post" action="/pay/${session.id}/cancel" style="display:inline"><button class="cancel" type="submit">Cancel</button></form>` : `<p>This session is ${session.status}.</p>`}`,
              ),
            );
          }
          if (page[3] === "complete") {
            await pay(session.id);
            return send(303, "", { Location: session.success_url.replace("{CHECKOUT_SESSION_ID}", session.id) });
          }
          return send(303, "", { Location: session.cancel_url.replace("{CHECKOUT_SESSION_ID}", session.id) });
        }

        // The hosted Connect onboarding page of an account link. A used or expired link goes to
        // the refresh_url, as Stripe's does.
        const onboarding = /^\/connect\/onboarding\/([^/]+)(\/(complete|missing))?$/.exec(url.pathname);
        if (onboarding) {
          const link = accountLinks.get(onboarding[1]!);
          if (!link) return send(404, html("Not found", "<h1>Onboarding link not found</h1>"));
          if (link.used || link.expires_at < Math.floor(Date.now() / 1000))
            return send(303, "", { Location: link.refresh_url });
          const account = accounts.get(link.account)!;
          if (req.method === "GET") {
            return send(
              200,
              html(
                "Set up payouts — Fake Stripe Connect",
                `<h1>Fake Stripe Connect onboarding</h1><p>Test mode: no real account is opened.</p><p>Account <code>${escape(account.id)}</code>${account.email ? ` for ${escape(account.email)}` : ""} (${escape(account.country)}).</p>
<form method="post" action="/connect/onboarding/${link.id}/complete" style="display:inline"><button class="pay" type="submit">Complete onboarding</button></form><form method="post" action="/connect/onboarding/${link.id}/missing" style="display:inline"><button class="cancel" type="submit">Leave with details missing</button></form>`,
              ),
            );
          }
          if (req.method === "POST" && onboarding[3]) {
            link.used = true;
            await onboard(account.id, onboarding[3] as OnboardingOutcome);
            return send(303, "", { Location: link.return_url });
          }
          return send(405, html("Method not allowed", "<h1>Method not allowed</h1>"));
        }

        if (!url.pathname.startsWith("/v1/"))
          return error(404, `Unrecognized request URL (${req.method}: ${url.pathname})`);
        if (!/^Bearer sk_/.test(req.headers.authorization ?? ""))
          return error(401, "Invalid API Key provided", "authentication_error");
        const body = parseStripeForm(raw);
        requests.push({ method: req.method ?? "GET", path: url.pathname, body });
        if (failures > 0) {
          failures--;
          return error(500, "Fake failure", "api_error");
        }
        const key = req.headers["idempotency-key"];
        const idemKey = typeof key === "string" ? `${url.pathname}:${key}` : null;
        if (idemKey && idempotent.has(idemKey)) {
          const cached = idempotent.get(idemKey)!;
          return send(cached.status, JSON.parse(cached.body));
        }
        const reply = (status: number, value: unknown) => {
          if (idemKey) idempotent.set(idemKey, { status, body: JSON.stringify(value) });
          send(status, value);
        };

        if (req.method === "POST" && url.pathname === "/v1/checkout/sessions") {
          const items =
            (body.line_items as Array<{
              quantity?: string;
              price_data?: { currency?: string; unit_amount?: string; product_data?: { name?: string } };
            }>) ?? [];
          if (!body.success_url || !body.cancel_url || items.length === 0)
            return error(400, "Missing required param: line_items, success_url or cancel_url.");
          const lineItems = items.map((item) => ({
            name: item.price_data?.product_data?.name ?? "Item",
            unit_amount: Number(item.price_data?.unit_amount ?? 0),
            quantity: Number(item.quantity ?? 1),
          }));
          if (
            lineItems.some(
              (l) =>
                !Number.isInteger(l.unit_amount) ||
                l.unit_amount < 0 ||
                !Number.isInteger(l.quantity) ||
                l.quantity < 1,
            )
          )
            return error(400, "Invalid line item amount or quantity.");
          const sessionId = id("cs");
          const session: FakeSession = {
            id: sessionId,
            object: "checkout.session",
            status: "open",
            payment_status: "unpaid",
            url: `${base}/pay/${sessionId}`,
            amount_total: lineItems.reduce((s, l) => s + l.unit_amount * l.quantity, 0),
            currency: String(items[0]?.price_data?.currency ?? "gbp"),
            customer_email: (body.customer_email as string) ?? null,
            client_reference_id: (body.client_reference_id as string) ?? null,
            metadata: (body.metadata as Record<string, string>) ?? {},
            success_url: String(body.success_url),
            cancel_url: String(body.cancel_url),
            expires_at: Number(body.expires_at ?? Math.floor(Date.now() / 1000) + 86_400),
            payment_intent: null,
            line_items: lineItems,
            mode: String(body.mode ?? "payment"),
          };
          sessions.set(sessionId, session);
          return reply(200, session);
        }
        const sessionMatch = /^\/v1\/checkout\/sessions\/([^/]+)(\/expire)?$/.exec(url.pathname);
        if (sessionMatch) {
          const session = sessions.get(sessionMatch[1]!);
          if (!session) return error(404, `No such checkout.session: '${sessionMatch[1]}'`);
          if (req.method === "GET" && !sessionMatch[2]) return send(200, session);
          if (req.method === "POST" && sessionMatch[2]) {
            if (session.status !== "open")
              return error(400, `Only Checkout Sessions with a status in ["open"] can be expired.`);
            session.status = "expired";
            reply(200, session);
            void sendEvent("checkout.session.expired", session);
            return;
          }
        }
        if (req.method === "GET" && url.pathname === "/v1/refunds") {
          const pi = url.searchParams.get("payment_intent");
          const data = refunds.filter((r) => !pi || r.payment_intent === pi).reverse();
          return send(200, { object: "list", url: "/v1/refunds", has_more: false, data });
        }
        if (req.method === "POST" && url.pathname === "/v1/refunds") {
          const pi = String(body.payment_intent ?? "");
          const result = refund(pi, body.amount === undefined ? undefined : Number(body.amount), body.metadata);
          if ("error" in result) return error(result.status, result.error, "invalid_request_error");
          return reply(200, result);
        }
        if (req.method === "POST" && url.pathname === "/v1/accounts") {
          if (body.type !== "express") return error(400, "This fake opens Express accounts only: type=express.");
          const country = String(body.country ?? "US");
          if (!/^[A-Z]{2}$/.test(country)) return error(400, `Invalid country: '${country}'.`);
          const account: FakeAccount = {
            id: id("acct"),
            object: "account",
            type: "express",
            country,
            email: (body.email as string) ?? null,
            metadata: (body.metadata as Record<string, string>) ?? {},
            created: Math.floor(Date.now() / 1000),
            details_submitted: false,
            charges_enabled: false,
            payouts_enabled: false,
            capabilities: {
              transfers: (body.capabilities as { transfers?: { requested?: string } })?.transfers?.requested
                ? "inactive"
                : undefined,
            },
            requirements: {
              currently_due: [...ONBOARDING_DUE],
              eventually_due: [...ONBOARDING_DUE],
              past_due: [...ONBOARDING_DUE],
              pending_verification: [],
              disabled_reason: "requirements.past_due",
            },
          };
          accounts.set(account.id, account);
          return reply(200, account);
        }
        const accountMatch = /^\/v1\/accounts\/([^/]+)$/.exec(url.pathname);
        if (accountMatch && req.method === "GET") {
          const account = accounts.get(accountMatch[1]!);
          if (!account) return error(404, `No such account: '${accountMatch[1]}'`);
          return send(200, account);
        }
        if (req.method === "POST" && url.pathname === "/v1/account_links") {
          const account = accounts.get(String(body.account ?? ""));
          if (!account) return error(404, `No such account: '${String(body.account ?? "")}'`);
          if (body.type !== "account_onboarding" && body.type !== "account_update")
            return error(400, "Invalid type: must be account_onboarding or account_update.");
          if (!body.refresh_url || !body.return_url)
            return error(400, "Missing required param: refresh_url or return_url.");
          const link: FakeAccountLink = {
            id: id("acctlink"),
            account: account.id,
            refresh_url: String(body.refresh_url),
            return_url: String(body.return_url),
            expires_at: Math.floor(Date.now() / 1000) + 300,
            used: false,
          };
          accountLinks.set(link.id, link);
          return reply(200, {
            object: "account_link",
            created: Math.floor(Date.now() / 1000),
            expires_at: link.expires_at,
            url: `${base}/connect/onboarding/${link.id}`,
          });
        }
        if (req.method === "POST" && url.pathname === "/v1/transfers") {
          const amount = Number(body.amount);
          if (!Number.isInteger(amount) || amount < 1) return error(400, "Invalid integer: amount must be at least 1.");
          if (!/^[a-z]{3}$/.test(String(body.currency ?? ""))) return error(400, "Missing required param: currency.");
          const destination = accounts.get(String(body.destination ?? ""));
          if (!destination) return error(400, `No such destination: '${String(body.destination ?? "")}'`);
          if (destination.capabilities.transfers !== "active")
            return error(
              400,
              "Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments",
            );
          if (balance !== null && amount > balance)
            return error(
              400,
              "You have insufficient available funds in your Stripe account. Try adding funds directly to your available balance by creating Charges using the 4000000000000077 test card.",
            );
          if (balance !== null) balance -= amount;
          const transferId = id("tr");
          const transfer: FakeTransfer = {
            id: transferId,
            object: "transfer",
            amount,
            amount_reversed: 0,
            currency: String(body.currency),
            destination: destination.id,
            transfer_group: (body.transfer_group as string) ?? null,
            metadata: (body.metadata as Record<string, string>) ?? {},
            created: Math.floor(Date.now() / 1000),
            reversed: false,
            reversals: { object: "list", data: [], has_more: false, url: `/v1/transfers/${transferId}/reversals` },
          };
          transfers.set(transfer.id, transfer);
          return reply(200, transfer);
        }
        const transferMatch = /^\/v1\/transfers\/([^/]+)(\/reversals)?$/.exec(url.pathname);
        if (transferMatch) {
          const transfer = transfers.get(transferMatch[1]!);
          if (!transfer) return error(404, `No such transfer: '${transferMatch[1]}'`);
          if (req.method === "GET" && !transferMatch[2]) return send(200, transfer);
          if (req.method === "POST" && transferMatch[2]) {
            const left = transfer.amount - transfer.amount_reversed;
            const amount = body.amount === undefined ? left : Number(body.amount);
            if (!Number.isInteger(amount) || amount < 1 || amount > left)
              return error(
                400,
                `Reversal amount (${amount}) is greater than the transfer's unreversed amount (${left}).`,
              );
            const reversal: FakeReversal = {
              id: id("trr"),
              object: "transfer_reversal",
              amount,
              currency: transfer.currency,
              transfer: transfer.id,
              metadata: (body.metadata as Record<string, string>) ?? {},
              created: Math.floor(Date.now() / 1000),
            };
            transfer.reversals.data.push(reversal);
            transfer.amount_reversed += amount;
            transfer.reversed = transfer.amount_reversed === transfer.amount;
            if (balance !== null) balance += amount;
            return reply(200, reversal);
          }
        }
        return error(404, `Unrecognized request URL (${req.method}: ${url.pathname})`);
      })();
    });
  });

  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  base = `http://${host}:${actualPort}`;
  return {
    url: base,
    sessions,
    refunds,
    dashboardRefund: (pi: string, amount: number) => {
      const made = refund(pi, amount, {});
      return "error" in made ? { error: made.error } : made;
    },
    requests,
    deliveries,
    pay,
    expire,
    accounts,
    accountLinks,
    onboard,
    transfers,
    setBalance: (amountMinor: number | null) => {
      balance = amountMinor;
    },
    failNext: (count: number) => {
      failures = count;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The brief's name for it: start(port) → { url, stop, sessions }. */
export const start = (port = 0, options: { webhookUrl?: string; webhookSecret?: string } = {}) =>
  startStripeFake({ port, ...options });

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const arg = (name: string) => {
    const index = process.argv.indexOf(`--${name}`);
    return index >= 0 ? process.argv[index + 1] : undefined;
  };
  const fake = await startStripeFake({
    port: Number(arg("port") ?? 3199),
    webhookUrl: arg("webhook"),
    webhookSecret: arg("secret") ?? "whsec_test",
    host: arg("host") ?? "127.0.0.1",
  });
  console.log(`Stripe fake listening on ${fake.url}${arg("webhook") ? `, webhooks to ${arg("webhook")}` : ""}`);
  const stop = () => void fake.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
