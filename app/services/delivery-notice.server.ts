// Delivery messages to buyers (docs/decisions/033): the evening before (arrival window from the
// plan), "a few stops away" and delivered / could not deliver, by email and/or text message as the
// buyer chose, in the buyer's language. Each kind goes at most once per order and channel: the
// outbox rows carry a unique once-only key, so a replayed mark, a second run of the scheduler or a
// second server process finds the key taken and sends nothing.
import {
  arrivalWindow,
  deliveryChannels,
  deliveryNoticeKey,
  DEFAULT_EVE_NOTICE_MINUTE,
  eveningNoticeDue,
  expectedArrival,
  noticeForOrderStatus,
  ordersNearby,
  parseTimeOfDay,
  routeDelayMs,
  type DeliveryNoticeKind,
} from "~/domain/delivery-notices";
import { serverFormat, tFor } from "~/i18n/i18n.server";
import { isUniqueViolation } from "~/models/database.server";
import {
  findOrderForNotice,
  findRouteStopsForNotice,
  listCyclesDeliveringBetween,
  listFailedStopReasons,
  listPlannedDeliveryStops,
  listSentNoticeKeys,
  noticeSent,
  type OrderForNotice,
} from "~/models/delivery-notice.server";
import { findCurrentPlanId } from "~/models/route-plan.server";
import { getEnv } from "~/utils/env.server";
import { notify } from "./notification.server";
import { notifySms } from "./sms.server";

type NoticeValues =
  | { kind: "eve"; from: Date; to: Date }
  | { kind: "near"; stopsBefore: number; expectedAt: Date }
  | { kind: "delivered" }
  | { kind: "partlyDelivered" }
  | { kind: "failed"; reasons: Array<{ code: string | null; note: string | null }> };

function orderUrl(orderId: string) {
  const base = getEnv().APP_URL ?? "http://localhost:3000";
  return `${base.replace(/\/$/, "")}/orders/${orderId}`;
}

/** "10:30" / "10:30" in the hub's time zone, written the reader's way. */
function timeOfDay(instant: Date, timeZone: string, locale: string) {
  return new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", timeZone }).format(instant);
}

/** The subject, email text and text message of a notice, in the buyer's language. */
export function renderDeliveryNotice(order: OrderForNotice, values: NoticeValues) {
  const language = order.buyer.locale ?? null;
  const t = tFor(language, "email");
  const format = serverFormat(language);
  const tz = order.hub.timeZone;
  const time = (instant: Date) => timeOfDay(instant, tz, format.locale);
  const number = order.number;
  const hub = order.hub.name;
  const contact = order.hub.coordinator?.email ?? null;
  const url = orderUrl(order.id);
  const greeting = t("greeting", { name: order.buyer.name });
  const seeOrder = t("deliveryNotice.seeOrder", { url });
  const k = "deliveryNotice";
  switch (values.kind) {
    case "eve": {
      const window = { number, from: time(values.from), to: time(values.to) };
      return {
        subject: t(`${k}.eve.subject`, { number }),
        text: [
          greeting,
          "",
          t(`${k}.eve.body`, { ...window, date: format.date(order.cycle.deliveryDate, tz) }),
          t(`${k}.eve.why`),
          "",
          seeOrder,
        ].join("\n"),
        sms: t(`${k}.eve.sms`, window),
      };
    }
    case "near": {
      const vars = { number, count: values.stopsBefore, time: time(values.expectedAt) };
      const next = values.stopsBefore === 0;
      return {
        subject: t(`${k}.near.subject`, { number }),
        text: [greeting, "", next ? t(`${k}.near.bodyNext`, vars) : t(`${k}.near.body`, vars), "", seeOrder].join("\n"),
        sms: next ? t(`${k}.near.smsNext`, vars) : t(`${k}.near.sms`, vars),
      };
    }
    case "delivered":
      return {
        subject: t(`${k}.delivered.subject`, { number }),
        text: [greeting, "", t(`${k}.delivered.body`, { number }), "", seeOrder].join("\n"),
        sms: t(`${k}.delivered.sms`, { number }),
      };
    case "partlyDelivered":
      return {
        subject: t(`${k}.partlyDelivered.subject`, { number }),
        text: [
          greeting,
          "",
          t(`${k}.partlyDelivered.body`, { number }),
          contact ? t(`${k}.contactHubAt`, { hub, contact }) : t(`${k}.contactHub`, { hub }),
          "",
          seeOrder,
        ].join("\n"),
        sms: t(`${k}.partlyDelivered.sms`, { number, hub, url }),
      };
    case "failed": {
      // Each failed part's reason in the buyer's language (the driver's list), then the driver's note.
      const words = tFor(language, "hub");
      const reason = values.reasons
        .map((r) =>
          [r.code && r.code !== "OTHER" ? words(`proof.failureCode.${r.code}`) : null, r.note]
            .filter(Boolean)
            .join(": "),
        )
        .filter(Boolean)
        .join("; ");
      return {
        subject: t(`${k}.failed.subject`, { number }),
        text: [
          greeting,
          "",
          reason ? t(`${k}.failed.body`, { number, reason }) : t(`${k}.failed.bodyNoReason`, { number }),
          contact ? t(`${k}.contactHubAt`, { hub, contact }) : t(`${k}.contactHub`, { hub }),
          "",
          seeOrder,
        ].join("\n"),
        sms: reason
          ? t(`${k}.failed.sms`, { number, reason, hub, url })
          : t(`${k}.failed.smsNoReason`, { number, hub, url }),
      };
    }
  }
}

async function once<T>(send: () => Promise<T>): Promise<T | null> {
  try {
    return await send();
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/**
 * Queues one notice on the buyer's channels, each at most once per order and kind. Returns the
 * channels it queued on now (none: the buyer chose none, or it was already sent).
 */
export async function sendDeliveryNotice(order: OrderForNotice, values: NoticeValues) {
  const channels = deliveryChannels(order.buyer.deliveryNotices, order.buyer.mobilePhone);
  const queued: Array<"email" | "sms"> = [];
  if (!channels.email && !channels.sms) return queued;
  const onceKey = deliveryNoticeKey(values.kind, order.id);
  const sent = await noticeSent({ onceKey });
  const message = renderDeliveryNotice(order, values);
  const kind = `delivery-${values.kind}`;
  if (channels.email && !sent.email) {
    const row = await once(() =>
      notify({ to: order.buyer.email, subject: message.subject, text: message.text, kind, onceKey }),
    );
    if (row) queued.push("email");
  }
  if (channels.sms && order.buyer.mobilePhone && !sent.sms) {
    const row = await notifySms({ to: order.buyer.mobilePhone, text: message.sms, kind, onceKey });
    if (row) queued.push("sms");
  }
  return queued;
}

/**
 * After a stop's mark has committed (called at the end of markStop): delivered / could not deliver
 * for the marked stop's order once its status says so, and "a few stops away" for the orders now
 * among the next stops of the route. Never throws: a message that cannot be queued is logged and
 * the mark stands.
 */
export async function afterStopMarked({
  result,
  routeId,
  stopId,
  now = new Date(),
}: {
  result: { ok: boolean };
  routeId: string;
  stopId: string;
  now?: Date;
}): Promise<void> {
  if (!result.ok) return;
  try {
    const route = await findRouteStopsForNotice({ routeId });
    if (!route || route.kind !== "DELIVERY") return;
    const marked = route.stops.find((s) => s.id === stopId);
    if (marked?.orderId) {
      const order = await findOrderForNotice({ orderId: marked.orderId });
      const kind = order ? noticeForOrderStatus(order.status) : null;
      if (order && kind) {
        await sendDeliveryNotice(
          order,
          kind === "failed"
            ? { kind, reasons: await listFailedStopReasons({ orderId: order.id, planId: route.planId }) }
            : { kind },
        );
      }
    }
    await tellOrdersNearby(route, now);
  } catch (error) {
    console.error(
      `[delivery-notices] messages after the mark of stop ${stopId} could not be queued: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
}

/** "A few stops away" for the orders among the next pending stops of a delivery route (each once). */
async function tellOrdersNearby(route: NonNullable<Awaited<ReturnType<typeof findRouteStopsForNotice>>>, now: Date) {
  const delayMs = routeDelayMs(route.stops);
  for (const [orderId, stopsBefore] of ordersNearby(route.stops)) {
    const order = await findOrderForNotice({ orderId });
    if (!order || order.status !== "OUT_FOR_DELIVERY") continue;
    const stop = route.stops.find((s) => s.orderId === orderId && s.status === "PENDING");
    if (!stop) continue;
    await sendDeliveryNotice(order, {
      kind: "near",
      stopsBefore,
      expectedAt: expectedArrival({ plannedArrival: stop.arrivalAt, delayMs, now }),
    });
  }
}

/**
 * After the driver started a route (its orders went out for delivery): "a few stops away" for the
 * orders of the first stops, which no mark precedes. A second start sends nothing again (each kind
 * once per order and channel). Never throws: the route stays started.
 */
export async function afterRouteStarted({
  result,
  routeId,
  now = new Date(),
}: {
  result: { ok: boolean };
  routeId: string;
  now?: Date;
}): Promise<void> {
  if (!result.ok) return;
  try {
    const route = await findRouteStopsForNotice({ routeId });
    if (!route || route.kind !== "DELIVERY") return;
    await tellOrdersNearby(route, now);
  } catch (error) {
    console.error(
      `[delivery-notices] messages at the start of route ${routeId} could not be queued: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
}

const HOUR = 3_600_000;

/**
 * The evening-before messages (a scheduler task, every minute): for each cycle delivering
 * tomorrow in its hub's time zone, once the hub's clock reaches DELIVERY_EVE_NOTICE_TIME, every
 * order with a planned delivery stop on the cycle's current plan is told its arrival window.
 * Returns how many orders were told now.
 */
export async function sendEveningNotices(now = new Date()): Promise<number> {
  const minuteOfDay = parseTimeOfDay(getEnv().DELIVERY_EVE_NOTICE_TIME) ?? DEFAULT_EVE_NOTICE_MINUTE;
  // Any time zone's "tomorrow" lies within these bounds; the domain check decides.
  const cycles = await listCyclesDeliveringBetween({
    from: new Date(now.getTime() - 16 * HOUR),
    to: new Date(now.getTime() + 64 * HOUR),
  });
  let told = 0;
  for (const cycle of cycles) {
    if (!eveningNoticeDue({ now, deliveryDate: cycle.deliveryDate, timeZone: cycle.hub.timeZone, minuteOfDay }))
      continue;
    const planId = await findCurrentPlanId({ cycleId: cycle.id });
    if (!planId) continue;
    const byOrder = new Map<string, { arrivals: Date[]; starts: Date[] }>();
    for (const stop of await listPlannedDeliveryStops({ planId })) {
      if (!stop.orderId) continue;
      const entry = byOrder.get(stop.orderId) ?? { arrivals: [], starts: [] };
      entry.arrivals.push(stop.arrivalAt);
      entry.starts.push(stop.route.startAt);
      byOrder.set(stop.orderId, entry);
    }
    const sent = await listSentNoticeKeys({ keys: [...byOrder.keys()].map((id) => deliveryNoticeKey("eve", id)) });
    for (const [orderId, { arrivals, starts }] of byOrder) {
      if (sent.has(deliveryNoticeKey("eve", orderId))) continue;
      const window = arrivalWindow(arrivals, new Date(Math.min(...starts.map((s) => s.getTime()))));
      const order = await findOrderForNotice({ orderId });
      if (!window || !order) continue;
      const queued = await sendDeliveryNotice(order, { kind: "eve", ...window });
      if (queued.length > 0) told += 1;
    }
  }
  return told;
}

export type { DeliveryNoticeKind };
