// Text messages over real HTTP (docs/decisions/033): the app's Twilio-shaped adapter against a
// local fake of the Messages API (tests/support/sms-fake.ts). A send succeeds; a 5xx is tried
// again with backoff; a 4xx is marked failed at once with the provider's words; a network error
// is retried; and a delivery mark's text message goes all the way to the fake.
import { vi } from "vitest";

// The environment is read once: the fake starts, and SMS_* name it, before any app import.
const fake = vi.hoisted(async () => {
  const { startSmsFake } = await import("../support/sms-fake");
  const server = await startSmsFake();
  process.env.SMS_API_URL = server.url;
  process.env.SMS_ACCOUNT_SID = server.accountSid;
  process.env.SMS_AUTH_TOKEN = server.authToken;
  process.env.SMS_FROM = "Foodshed";
  process.env.SMS_RETRY_DELAY_MS = "5";
  return server;
});

import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { isSmsConfigured, type SmsSendError, twilioSender } from "~/integrations/sms.server";
import { markStop } from "~/services/delivery.server";
import { flushSms, notifySms, sendWithRetries, SMS_MAX_ATTEMPTS } from "~/services/sms.server";
import { prisma } from "~/utils/db.server";
import { deliveryWorld } from "../support/delivery-world";

afterAll(async () => {
  await (await fake).stop();
});

beforeEach(async () => {
  const server = await fake;
  server.messages.length = 0;
  server.requests.length = 0;
});

const rowOf = (id: string) => prisma.smsMessage.findUniqueOrThrow({ where: { id } });

describe("the SMS adapter against the fake provider", () => {
  it("sends a message: form-encoded POST with Basic auth, stored as SENT with the provider's id", async () => {
    const server = await fake;
    expect(isSmsConfigured()).toBe(true);
    const row = await notifySms({ to: "+447700900123", text: "Your order arrives tomorrow.", kind: "test" });
    await flushSms();
    expect(server.messages).toEqual([
      {
        sid: expect.stringMatching(/^SM/),
        to: "+447700900123",
        from: "Foodshed",
        body: "Your order arrives tomorrow.",
      },
    ]);
    const stored = await rowOf(row!.id);
    expect(stored).toMatchObject({ status: "SENT", attempts: 1, error: null, providerId: server.messages[0]!.sid });
    expect(stored.sentAt).toBeInstanceOf(Date);
  });

  it("tries again after a 5xx, waiting longer each time, until the provider takes it", async () => {
    const server = await fake;
    server.failNext(2, 503, "Service Unavailable");
    const row = await notifySms({ to: "+447700900124", text: "Retry me.", kind: "test" });
    await flushSms();
    expect(server.requests.map((r) => r.status)).toEqual([503, 503, 201]);
    expect(await rowOf(row!.id)).toMatchObject({ status: "SENT", attempts: 3, error: null });
  });

  it("gives up after the last try on a provider that keeps failing, and says so", async () => {
    const server = await fake;
    server.failNext(SMS_MAX_ATTEMPTS, 500);
    const row = await notifySms({ to: "+447700900125", text: "Never.", kind: "test" });
    await flushSms();
    expect(server.requests).toHaveLength(SMS_MAX_ATTEMPTS);
    expect(await rowOf(row!.id)).toMatchObject({
      status: "FAILED",
      attempts: SMS_MAX_ATTEMPTS,
      error: "500: Internal Server Error (code 20500)",
    });
  });

  it("does not retry a 4xx: failed at once with the provider's message", async () => {
    const server = await fake;
    server.failNext(1, 400, "The 'To' number +447700900126 is not a valid mobile number.");
    const row = await notifySms({ to: "+447700900126", text: "Hi.", kind: "test" });
    await flushSms();
    expect(server.requests).toHaveLength(1);
    expect(await rowOf(row!.id)).toMatchObject({
      status: "FAILED",
      attempts: 1,
      error: "400: The 'To' number +447700900126 is not a valid mobile number. (code 21211)",
    });
  });

  it("refuses wrong credentials without retrying, and retries a provider it cannot reach", async () => {
    const server = await fake;
    const wrong = twilioSender({ baseUrl: server.url, accountSid: server.accountSid, authToken: "nope", from: "X1" });
    const refused = await sendWithRetries(wrong, { to: "+447700900127", body: "x" }, { firstDelayMs: 1 });
    expect(refused).toMatchObject({ status: "FAILED", attempts: 1, error: "401: Authenticate (code 20003)" });

    const nowhere = twilioSender({
      baseUrl: "http://127.0.0.1:9", // the discard port: nothing listens
      accountSid: "AC1",
      authToken: "t",
      from: "X1",
      timeoutMs: 2000,
    });
    await expect(nowhere.send({ to: "+447700900128", body: "x" })).rejects.toMatchObject({
      name: "SmsSendError",
      retryable: true,
    } satisfies Partial<SmsSendError>);
    const unreachable = await sendWithRetries(
      nowhere,
      { to: "+447700900128", body: "x" },
      { firstDelayMs: 1, maxAttempts: 2 },
    );
    expect(unreachable.status).toBe("FAILED");
    expect(unreachable.attempts).toBe(2);
    expect(unreachable.error).toMatch(/^SMS provider not reached/);
  });

  it("stores a once-only message once, even when asked twice at the same time", async () => {
    const server = await fake;
    const send = () => notifySms({ to: "+447700900129", text: "Once.", kind: "test", onceKey: "test-once:1" });
    const [a, b] = await Promise.all([send(), send()]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect(await send()).toBeNull();
    await flushSms();
    expect(server.messages.filter((m) => m.to === "+447700900129")).toHaveLength(1);
  });
});

describe("a delivery mark's text message", () => {
  it("reaches the provider in the buyer's language: a few stops away, then delivered", async () => {
    const server = await fake;
    const world = await deliveryWorld({
      buyers: [{}, { locale: "fr", deliveryNotices: "BOTH", mobilePhone: "+33612345678" }],
    });
    const [, camille] = world.people;
    for (const stop of world.stops)
      await markStop({
        hubId: world.hub.id,
        routeId: world.route.id,
        stopId: stop.id,
        status: "DONE",
        reason: null,
        proof: { kind: "RECIPIENT", recipient: "Ann" },
      });
    await flushSms();
    const NBSP = "\u00a0";
    expect(server.messages.map((m) => [m.to, m.body.replace(/\d\d:\d\d/, "HH:MM")])).toEqual([
      [
        "+33612345678",
        `Foodshed${NBSP}: votre commande n°${NBSP}${camille!.order.number} est en route, votre arrêt est le prochain, arrivée prévue vers HH:MM.`,
      ],
      ["+33612345678", `Foodshed${NBSP}: votre commande n°${NBSP}${camille!.order.number} a été livrée.`],
    ]);
    const rows = await prisma.smsMessage.findMany({ where: { to: "+33612345678" } });
    expect(rows.every((r) => r.status === "SENT")).toBe(true);
    // "Both": the emails went too.
    expect(await prisma.emailMessage.count({ where: { to: camille!.buyer.email } })).toBe(2);
  });
});
