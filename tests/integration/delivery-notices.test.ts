// Delivery messages to buyers and live delivery progress (issue 16, docs/decisions/033), on a real
// database: the buyer's choice of channels, each message kind sent once per order however often
// its trigger runs, in the buyer's language, none for a buyer who chose none, SMS kept in the
// outbox without a provider, the evening-before window, and who may read the progress.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { runWithRequestLanguage } from "~/i18n/i18n.server";
import { action as accountAction, loader as accountLoader } from "~/routes/account";
import { loader as outboxLoader } from "~/routes/admin.outbox";
import { action as driverAction } from "~/routes/driver.routes.$routeId";
import { loader as planLoader } from "~/routes/hub.cycles.$cycleId.plan/route";
import { loader as orderLoader } from "~/routes/orders.$orderId";
import { afterStopMarked, sendEveningNotices } from "~/services/delivery-notice.server";
import { getOrderDeliveryProgress, getPlanDeliveryProgress } from "~/services/delivery-progress.server";
import { markStop, startRoute } from "~/services/delivery.server";
import { prisma } from "~/utils/db.server";
import { createTestHub, createTestUser, makeRequest } from "../factories";
import { allowConsoleError } from "../support/console-guard";
import { deliveryWorld } from "../support/delivery-world";

const NBSP = "\u00a0";
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });
async function responseOf(promise: Promise<unknown>): Promise<Response> {
  try {
    return (await promise) as Response;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}
const emailsOf = (to: string, kind?: string) =>
  prisma.emailMessage.findMany({ where: { to, ...(kind ? { kind } : {}) }, orderBy: { createdAt: "asc" } });
const textsTo = (to: string, kind?: string) =>
  prisma.smsMessage.findMany({ where: { to, ...(kind ? { kind } : {}) }, orderBy: { createdAt: "asc" } });

const postNotices = async (userId: string, form: Record<string, string>, language?: string) => {
  const request = await makeRequest("/account", { userId, form: { intent: "notices", ...form } });
  const run = () => responseOf(accountAction(args(request)));
  return language
    ? runWithRequestLanguage(new Request("http://x/", { headers: { "Accept-Language": language } }), run)
    : run();
};

describe("the buyer's delivery messages (account page)", () => {
  it("defaults to email, offers the account's mobile, and shows no card to a coordinator", async () => {
    const hub = await createTestHub();
    const buyer = await createTestUser({ hubId: hub.id });
    await prisma.user.update({ where: { id: buyer.id }, data: { phone: "07700 900456" } });
    const page = await (
      (await accountLoader(args(await makeRequest("/account", { userId: buyer.id })))) as Response
    ).json();
    expect(page.notices).toMatchObject({ deliveryNotices: "EMAIL", mobilePhone: "+447700900456", callingCode: "44" });
    expect(page.notices.smsEnabled).toBe(false);

    const coordinator = await createTestUser({ role: "COORDINATOR" });
    const theirs = await (
      (await accountLoader(args(await makeRequest("/account", { userId: coordinator.id })))) as Response
    ).json();
    expect(theirs.notices).toBeNull();
    const refused = await postNotices(coordinator.id, { deliveryNotices: "EMAIL" });
    expect(refused.status).toBe(403);
  });

  it("refuses bad input with 400 and a message per field, and changes nothing", async () => {
    const buyer = await createTestUser();
    const cases: Array<[Record<string, string>, string, RegExp]> = [
      [{ deliveryNotices: "SMS" }, "mobilePhone", /Give a mobile number to receive text messages/],
      [{ deliveryNotices: "BOTH", mobilePhone: "   " }, "mobilePhone", /Give a mobile number/],
      [{ deliveryNotices: "SMS", mobilePhone: "12345" }, "mobilePhone", /Enter a mobile number such as 07700 900123/],
      [{ deliveryNotices: "SMS", mobilePhone: "0117 496 0000" }, "mobilePhone", /looks like a landline/],
      [{ deliveryNotices: "EMAIL", mobilePhone: "0".repeat(41) }, "mobilePhone", /Enter a mobile number/],
      [{ deliveryNotices: "FAX" }, "deliveryNotices", /Choose how you want to receive delivery messages/],
      [{}, "deliveryNotices", /Choose how you want to receive delivery messages/],
    ];
    for (const [form, field, message] of cases) {
      const res = await postNotices(buyer.id, form);
      expect(res.status, JSON.stringify(form)).toBe(400);
      const body = await res.json();
      expect(body.result.error[field]?.join(" "), JSON.stringify(form)).toMatch(message);
    }
    const after = await prisma.user.findUniqueOrThrow({ where: { id: buyer.id } });
    expect([after.deliveryNotices, after.mobilePhone]).toEqual(["EMAIL", null]);
  });

  it("saves the channel with the number in E.164, in French for a French request and a Paris hub", async () => {
    const buyer = await createTestUser();
    const saved = await postNotices(buyer.id, { deliveryNotices: "BOTH", mobilePhone: "07700 900123" });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe("/account#delivery-messages");
    let row = await prisma.user.findUniqueOrThrow({ where: { id: buyer.id } });
    expect([row.deliveryNotices, row.mobilePhone]).toEqual(["BOTH", "+447700900123"]);
    // None, keeping no number.
    await postNotices(buyer.id, { deliveryNotices: "NONE", mobilePhone: "" });
    row = await prisma.user.findUniqueOrThrow({ where: { id: buyer.id } });
    expect([row.deliveryNotices, row.mobilePhone]).toEqual(["NONE", null]);

    const paris = await createTestHub();
    await prisma.hub.update({ where: { id: paris.id }, data: { timeZone: "Europe/Paris", currency: "EUR" } });
    const camille = await createTestUser({ hubId: paris.id });
    const refused = await postNotices(camille.id, { deliveryNotices: "SMS", mobilePhone: "01 23 45 67 89" }, "fr");
    expect(refused.status).toBe(400);
    expect((await refused.json()).result.error.mobilePhone).toEqual([
      `Ce numéro semble être un fixe${NBSP}: les SMS demandent un numéro de portable.`,
    ]);
    const ok = await postNotices(camille.id, { deliveryNotices: "SMS", mobilePhone: "06 12 34 56 78" }, "fr");
    expect(ok.status).toBe(302);
    row = await prisma.user.findUniqueOrThrow({ where: { id: camille.id } });
    expect([row.deliveryNotices, row.mobilePhone]).toEqual(["SMS", "+33612345678"]);
  });
});

describe("messages on the driver's marks", () => {
  it("tells a buyer once that it was delivered, however often the mark and its trigger run", async () => {
    const world = await deliveryWorld({ buyers: [{}] });
    const { buyer, order } = world.people[0]!;
    const markId = randomUUID();
    const mark = () =>
      markStop({
        hubId: world.hub.id,
        routeId: world.route.id,
        stopId: world.stops[0]!.id,
        status: "DONE",
        reason: null,
        proof: { kind: "RECIPIENT", recipient: "Ann" },
        markId,
      });
    // The same mark sent twice (docs/decisions/032): the replay changes nothing and sends nothing.
    expect(await mark()).toEqual({ ok: true, count: 1 });
    expect(await mark()).toEqual({ ok: true, count: 0, replayed: true });
    await afterStopMarked({ result: { ok: true }, routeId: world.route.id, stopId: world.stops[0]!.id });
    await Promise.all([
      afterStopMarked({ result: { ok: true }, routeId: world.route.id, stopId: world.stops[0]!.id }),
      afterStopMarked({ result: { ok: true }, routeId: world.route.id, stopId: world.stops[0]!.id }),
    ]);
    const delivered = await emailsOf(buyer.email, "delivery-delivered");
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.subject).toBe(`Your Foodshed order #${order.number} has been delivered`);
    expect(delivered[0]!.text).toBe(
      [
        `Hello ${buyer.name},`,
        "",
        `Your Foodshed order #${order.number} has been delivered. Enjoy your food!`,
        "",
        `Your order: http://localhost:3000/orders/${order.id}`,
      ].join("\n"),
    );
    expect(delivered[0]!.onceKey).toBe(`delivery-delivered:${order.id}`);
    // Email is the default channel: no text message.
    expect(await prisma.smsMessage.count({ where: { onceKey: { contains: order.id } } })).toBe(0);
  });

  it("says why it could not be delivered and to contact the hub, in the buyer's language (driver's action)", async () => {
    const world = await deliveryWorld({ buyers: [{ locale: "fr" }] });
    const { buyer, order } = world.people[0]!;
    const coordinatorEmail = world.coordinator.email;
    // Through the driver page's action as the coordinator marks it (the route is unassigned).
    const form = {
      intent: "failed",
      stopId: world.stops[0]!.id,
      failureCode: "OTHER",
      failureNote: "Nobody home, gate locked",
      markId: randomUUID(),
    };
    const request = await makeRequest(`/driver/routes/${world.route.id}`, { userId: world.coordinator.id, form });
    const res = await responseOf(driverAction(args(request, { routeId: world.route.id })));
    expect(res.status).toBeLessThan(400);
    // The same form sent again (a double tap, a retry on a flaky network): no second message.
    const again = await makeRequest(`/driver/routes/${world.route.id}`, { userId: world.coordinator.id, form });
    expect((await responseOf(driverAction(args(again, { routeId: world.route.id })))).status).toBeLessThan(400);
    const failed = await emailsOf(buyer.email, "delivery-failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]!.subject).toBe(`Nous n’avons pas pu livrer votre commande Foodshed n°${NBSP}${order.number}`);
    expect(failed[0]!.text).toContain(
      `Le chauffeur n’a pas pu livrer votre commande Foodshed n°${NBSP}${order.number}${NBSP}: Nobody home, gate locked.`,
    );
    expect(failed[0]!.text).toContain(
      `Merci de contacter ${world.hub.name} à l’adresse ${coordinatorEmail} pour convenir de la suite${NBSP}:`,
    );
  });

  it("tells the next three stops' buyers the van is near — once each — as stops are marked", async () => {
    const world = await deliveryWorld({ buyers: [{}, {}, {}, {}, {}, {}] });
    const mark = (index: number, status: "DONE" | "FAILED" = "DONE") =>
      markStop({
        hubId: world.hub.id,
        routeId: world.route.id,
        stopId: world.stops[index]!.id,
        status,
        reason: status === "FAILED" ? "Address not found" : null,
        proof: { kind: "RECIPIENT", recipient: "Ann" },
      });
    const nearCount = async () =>
      Promise.all(
        world.people.map(({ buyer }) =>
          prisma.emailMessage.count({ where: { to: buyer.email, kind: "delivery-near" } }),
        ),
      );
    // Starting the route tells the first three stops (no mark precedes them).
    expect(await startRoute({ hubId: world.hub.id, routeId: world.route.id })).toMatchObject({ ok: true });
    expect(await nearCount()).toEqual([1, 1, 1, 0, 0, 0]);
    const [next] = await emailsOf(world.people[0]!.buyer.email, "delivery-near");
    expect(next!.text).toMatch(/is on its way: your stop is next, expected around \d\d:\d\d\./);
    const [second] = await emailsOf(world.people[1]!.buyer.email, "delivery-near");
    expect(second!.text).toMatch(/is on its way: 1 stop before yours, expected around \d\d:\d\d\./);
    await mark(0);
    expect(await nearCount()).toEqual([1, 1, 1, 1, 0, 0]);
    const [third] = await emailsOf(world.people[3]!.buyer.email, "delivery-near");
    expect(third!.text).toMatch(/is on its way: 2 stops before yours, expected around \d\d:\d\d\./);
    await mark(1, "FAILED");
    expect(await nearCount()).toEqual([1, 1, 1, 1, 1, 0]);
    await mark(1, "FAILED"); // a replay
    await mark(2);
    expect(await nearCount()).toEqual([1, 1, 1, 1, 1, 1]);
    await mark(3);
    await mark(4);
    await mark(5);
    expect(await nearCount()).toEqual([1, 1, 1, 1, 1, 1]);
    // And each buyer heard the end once: four delivered, one failed, the first delivered too.
    const ends = await Promise.all(
      world.people.map(async ({ buyer }) => {
        const rows = await emailsOf(buyer.email);
        return rows.filter((r) => r.kind === "delivery-delivered" || r.kind === "delivery-failed").map((r) => r.kind);
      }),
    );
    expect(ends).toEqual([
      ["delivery-delivered"],
      ["delivery-failed"],
      ["delivery-delivered"],
      ["delivery-delivered"],
      ["delivery-delivered"],
      ["delivery-delivered"],
    ]);
  });

  it("tells the first stops' buyers when the driver starts the route, once however often it is started", async () => {
    const world = await deliveryWorld({
      buyers: [{ deliveryNotices: "SMS", mobilePhone: "+447700900555" }, { deliveryNotices: "NONE" }, {}, {}],
    });
    const driver = await createTestUser({ role: "DRIVER", hubId: world.hub.id });
    await prisma.route.update({ where: { id: world.route.id }, data: { driverId: driver.id } });
    const start = async () => {
      const request = await makeRequest(`/driver/routes/${world.route.id}`, {
        userId: driver.id,
        form: { intent: "start" },
      });
      return responseOf(driverAction(args(request, { routeId: world.route.id })));
    };
    expect((await start()).status).toBe(302);
    expect((await start()).status).toBe(302); // a double tap, or the driver starting again later
    const [texted, quiet, third, fourth] = world.people;
    const texts = await textsTo("+447700900555");
    expect(texts.map((t) => t.kind)).toEqual(["delivery-near"]);
    expect(texts[0]!.text).toMatch(
      new RegExp(
        `^Foodshed: your order #${texted!.order.number} is on its way, your stop is next, expected around \\d\\d:\\d\\d\\.$`,
      ),
    );
    expect(await emailsOf(texted!.buyer.email)).toHaveLength(0);
    expect(await emailsOf(quiet!.buyer.email)).toHaveLength(0);
    const email = await emailsOf(third!.buyer.email, "delivery-near");
    expect(email).toHaveLength(1);
    expect(email[0]!.text).toMatch(/on its way: 2 stops before yours, expected around \d\d:\d\d\./);
    // The fourth stop is beyond "a few stops": it hears when the first stop is marked.
    expect(await emailsOf(fourth!.buyer.email, "delivery-near")).toHaveLength(0);
    await markStop({
      hubId: world.hub.id,
      driverId: driver.id,
      routeId: world.route.id,
      stopId: world.stops[0]!.id,
      status: "DONE",
      reason: null,
      proof: { kind: "RECIPIENT", recipient: "Ann" },
    });
    expect(await emailsOf(fourth!.buyer.email, "delivery-near")).toHaveLength(1);
    expect(await emailsOf(third!.buyer.email, "delivery-near")).toHaveLength(1);
    expect((await textsTo("+447700900555")).map((t) => t.kind)).toEqual(["delivery-near", "delivery-delivered"]);
  });

  it("sends nothing at the start of a route that is not the driver's, and the start stands when a message fails", async () => {
    const world = await deliveryWorld({ buyers: [{ deliveryNotices: "SMS", mobilePhone: "+447700900556" }, {}] });
    const stranger = await createTestUser({ role: "DRIVER", hubId: world.hub.id });
    const refused = await startRoute({ hubId: world.hub.id, driverId: stranger.id, routeId: world.route.id });
    expect(refused).toMatchObject({ ok: false, status: 404 });
    expect(await prisma.smsMessage.count({ where: { to: "+447700900556" } })).toBe(0);
    expect(await emailsOf(world.people[1]!.buyer.email)).toHaveLength(0);

    allowConsoleError(/\[delivery-notices\] messages at the start of route/);
    await prisma.$executeRawUnsafe(`ALTER TABLE "SmsMessage" RENAME TO "SmsMessage_away"`);
    try {
      expect(await startRoute({ hubId: world.hub.id, routeId: world.route.id })).toEqual({ ok: true, count: 2 });
    } finally {
      await prisma.$executeRawUnsafe(`ALTER TABLE "SmsMessage_away" RENAME TO "SmsMessage"`);
    }
    const order = await prisma.order.findUniqueOrThrow({ where: { id: world.people[0]!.order.id } });
    expect(order.status).toBe("OUT_FOR_DELIVERY");
  });

  it("sends nothing to a buyer who chose none, and keeps text messages in the outbox without a provider", async () => {
    const world = await deliveryWorld({
      buyers: [{ deliveryNotices: "NONE" }, { deliveryNotices: "SMS", mobilePhone: "+447700900777" }],
    });
    const [quiet, texted] = world.people;
    for (const stop of world.stops)
      await markStop({
        hubId: world.hub.id,
        routeId: world.route.id,
        stopId: stop.id,
        status: "DONE",
        reason: null,
        proof: { kind: "RECIPIENT", recipient: "Ann" },
      });
    expect(await emailsOf(quiet!.buyer.email)).toHaveLength(0);
    expect(await prisma.smsMessage.count({ where: { onceKey: { contains: quiet!.order.id } } })).toBe(0);
    expect(await emailsOf(texted!.buyer.email)).toHaveLength(0);
    const texts = await textsTo("+447700900777");
    expect(texts.map((t) => [t.kind, t.status, t.attempts])).toEqual([
      ["delivery-near", "OUTBOX", 0],
      ["delivery-delivered", "OUTBOX", 0],
    ]);
    expect(texts[1]!.text).toBe(`Foodshed: your order #${texted!.order.number} has been delivered.`);
    // Admins see them on the outbox page, as unsent emails.
    const admin = await createTestUser({ role: "ADMIN" });
    const outbox = await (
      (await outboxLoader(args(await makeRequest("/admin/outbox", { userId: admin.id })))) as Response
    ).json();
    expect(outbox.texts.filter((t: { to: string }) => t.to === "+447700900777")).toHaveLength(2);
    expect(
      (await responseOf(outboxLoader(args(await makeRequest("/admin/outbox", { userId: texted!.buyer.id }))))).status,
    ).toBe(403);
  });

  it("never undoes or fails the mark when a message cannot be queued", async () => {
    const world = await deliveryWorld({ buyers: [{ deliveryNotices: "SMS", mobilePhone: "+447700900888" }] });
    allowConsoleError(/\[delivery-notices\] messages after the mark/);
    await prisma.$executeRawUnsafe(`ALTER TABLE "SmsMessage" RENAME TO "SmsMessage_away"`);
    try {
      const result = await markStop({
        hubId: world.hub.id,
        routeId: world.route.id,
        stopId: world.stops[0]!.id,
        status: "DONE",
        reason: null,
        proof: { kind: "RECIPIENT", recipient: "Ann" },
      });
      expect(result).toEqual({ ok: true, count: 1 });
    } finally {
      await prisma.$executeRawUnsafe(`ALTER TABLE "SmsMessage_away" RENAME TO "SmsMessage"`);
    }
    const order = await prisma.order.findUniqueOrThrow({ where: { id: world.people[0]!.order.id } });
    expect(order.status).toBe("DELIVERED");
    const stop = await prisma.stop.findUniqueOrThrow({ where: { id: world.stops[0]!.id } });
    expect(stop.status).toBe("DONE");
  });
});

describe("the evening before", () => {
  // Tuesday 8 December 2026 in London (GMT); the van leaves at 10:00 and the stops follow every
  // 20 minutes: 10:20, 10:40, 11:00.
  const deliveryDate = new Date("2026-12-08T00:00:00Z");
  const routeStart = new Date("2026-12-08T10:00:00Z");

  it("tells each planned order its window once, from 18:00 hub time on the day before, in its language", async () => {
    const world = await deliveryWorld({
      buyers: [{}, { locale: "fr" }, { deliveryNotices: "NONE" }],
      deliveryDate,
      routeStart,
      unplannedOrders: 1,
    });
    expect(await sendEveningNotices(new Date("2026-12-07T17:59:00Z"))).toBe(0);
    expect(await sendEveningNotices(new Date("2026-12-07T18:05:00Z"))).toBe(2);
    expect(await sendEveningNotices(new Date("2026-12-07T18:06:00Z"))).toBe(0);
    await Promise.all([
      sendEveningNotices(new Date("2026-12-07T19:00:00Z")),
      sendEveningNotices(new Date("2026-12-07T19:00:00Z")),
    ]);
    const [first, french, none] = world.people;
    const english = await emailsOf(first!.buyer.email, "delivery-eve");
    expect(english).toHaveLength(1);
    expect(english[0]!.subject).toBe(`Your Foodshed order #${first!.order.number} arrives tomorrow`);
    // 10:20 rounds to 10:15: 09:45–10:45, and never before the van leaves at 10:00.
    expect(english[0]!.text).toContain(
      `Your Foodshed order #${first!.order.number} arrives tomorrow, Tue, 8 December 2026, between 10:00 and 10:45.`,
    );
    const frenchMail = await emailsOf(french!.buyer.email, "delivery-eve");
    expect(frenchMail).toHaveLength(1);
    // 10:40 rounds to 10:45: 10:15–11:15.
    expect(frenchMail[0]!.text).toMatch(/arrive demain, mar\.? 8 décembre 2026, entre 10:15 et 11:15\./);
    expect(await emailsOf(none!.buyer.email)).toHaveLength(0);
    // An order on no planned stop gets no message.
    expect(await emailsOf(world.unplanned[0]!.buyer.email)).toHaveLength(0);
    // The day itself is too late.
    expect(await sendEveningNotices(new Date("2026-12-08T08:00:00Z"))).toBe(0);
  });
});

describe("live progress and who sees it", () => {
  it("shows the buyer how many stops are before theirs while out for delivery, and nobody else", async () => {
    const start = new Date(Date.now() - 30 * 60_000);
    const world = await deliveryWorld({ buyers: [{}, {}, {}], routeStart: start });
    const [, , last] = world.people;
    const page = async (userId: string, orderId: string) =>
      responseOf(orderLoader(args(await makeRequest(`/orders/${orderId}`, { userId }), { orderId })));

    // Confirmed, not yet out: no progress.
    expect((await (await page(last!.buyer.id, last!.order.id)).json()).progress).toBeNull();
    await markStop({
      hubId: world.hub.id,
      routeId: world.route.id,
      stopId: world.stops[0]!.id,
      status: "DONE",
      reason: null,
      proof: { kind: "RECIPIENT", recipient: "Ann" },
    });
    const body = await (await page(last!.buyer.id, last!.order.id)).json();
    expect(body.progress).toMatchObject({ stopsBefore: 1, timeZone: "Europe/London" });
    expect(new Date(body.progress.expectedAt).getTime()).toBeGreaterThanOrEqual(Date.now() - 60_000);
    expect(new Date(body.progress.expectedAt).getUTCMinutes() % 5).toBe(0);

    // Another buyer: the order is not found, and the service answers nothing for them.
    const other = await createTestUser({ hubId: world.hub.id });
    expect((await page(other.id, last!.order.id)).status).toBe(404);
    expect(await getOrderDeliveryProgress({ buyerId: other.id, orderId: last!.order.id })).toBeNull();
    // Delivered: no more progress.
    await markStop({
      hubId: world.hub.id,
      routeId: world.route.id,
      stopId: world.stops[1]!.id,
      status: "DONE",
      reason: null,
      proof: { kind: "RECIPIENT", recipient: "Ann" },
    });
    await markStop({
      hubId: world.hub.id,
      routeId: world.route.id,
      stopId: world.stops[2]!.id,
      status: "DONE",
      reason: null,
      proof: { kind: "RECIPIENT", recipient: "Ann" },
    });
    expect((await (await page(last!.buyer.id, last!.order.id)).json()).progress).toBeNull();
  });

  it("shows the hub's coordinator done / failed / to go per route, and refuses anyone else", async () => {
    const world = await deliveryWorld({ buyers: [{}, {}, {}] });
    const plan = async (userId: string) =>
      responseOf(
        planLoader(
          args(await makeRequest(`/hub/cycles/${world.cycle.id}/plan`, { userId }), { cycleId: world.cycle.id }),
        ),
      );
    await markStop({
      hubId: world.hub.id,
      routeId: world.route.id,
      stopId: world.stops[0]!.id,
      status: "DONE",
      reason: null,
      proof: { kind: "RECIPIENT", recipient: "Ann" },
    });
    await markStop({
      hubId: world.hub.id,
      routeId: world.route.id,
      stopId: world.stops[1]!.id,
      status: "FAILED",
      reason: "Refused",
    });
    const res = await plan(world.coordinator.id);
    expect(res.status).toBe(200);
    const { deliveryProgress } = await res.json();
    expect(deliveryProgress.live).toBe(true);
    expect(deliveryProgress.routes).toEqual([
      expect.objectContaining({ name: "Delivery 1", done: 1, failed: 1, toGo: 1, started: true, driver: null }),
    ]);

    const otherCoordinator = await createTestUser({ role: "COORDINATOR" });
    await createTestHub({ coordinatorId: otherCoordinator.id });
    expect((await plan(otherCoordinator.id)).status).toBe(404);
    expect(
      await getPlanDeliveryProgress({ hubId: "another-hub", timeZone: "Europe/London", cycleId: world.cycle.id }),
    ).toBeNull();
    expect((await plan(world.people[0]!.buyer.id)).status).toBe(403);
  });
});
