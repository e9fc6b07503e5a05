// Live delivery progress (docs/decisions/033): the buyer's "On its way — 2 stops before yours,
// expected around 11:05" and the coordinator's done / failed / to go per route. Pages poll these
// through their loaders every 30 s while a delivery is under way. The coordinator's rows also say
// where each van was last seen (the latest mark with the device's position); the buyer's never do.
import { expectedArrival, pendingStopsBefore, routeDelayMs } from "~/domain/delivery-notices";
import { zonedDate } from "~/domain/time-zone";
import { serverT } from "~/i18n/i18n.server";
import {
  findBuyerOrderForProgress,
  listOrderRoutesInPlan,
  listPlanRoutesForProgress,
} from "~/models/delivery-notice.server";
import { findLastMarkPositions } from "~/models/delivery-mark.server";
import { findCycleForHub } from "~/models/hub.server";
import { findCurrentPlanId } from "~/models/route-plan.server";

export interface OrderDeliveryProgress {
  /** Pending stops before the buyer's next one (0: theirs is next). */
  stopsBefore: number;
  /** ISO instant, rounded up to 5 minutes. */
  expectedAt: string;
  timeZone: string;
}

/**
 * Where the van with a buyer's order is, while the order is out for delivery; null otherwise, and
 * for anyone else's order. An order in two parts shows its part that comes first.
 */
export async function getOrderDeliveryProgress({
  buyerId,
  orderId,
  now = new Date(),
}: {
  buyerId: string;
  orderId: string;
  now?: Date;
}): Promise<OrderDeliveryProgress | null> {
  const order = await findBuyerOrderForProgress({ buyerId, orderId });
  if (!order || order.status !== "OUT_FOR_DELIVERY") return null;
  const planId = await findCurrentPlanId({ cycleId: order.cycleId });
  if (!planId) return null;
  let best: OrderDeliveryProgress | null = null;
  for (const route of await listOrderRoutesInPlan({ orderId, planId })) {
    const delayMs = routeDelayMs(route.stops);
    for (const stop of route.stops) {
      if (stop.orderId !== orderId) continue;
      const before = pendingStopsBefore(route.stops, stop.id);
      if (before === null || (best && best.stopsBefore <= before)) continue;
      best = {
        stopsBefore: before,
        expectedAt: expectedArrival({ plannedArrival: stop.arrivalAt, delayMs, now }).toISOString(),
        timeZone: order.hub.timeZone,
      };
    }
  }
  return best;
}

export interface RouteProgressRow {
  id: string;
  name: string;
  vehicle: string;
  driver: string | null;
  done: number;
  failed: number;
  toGo: number;
  /** Its driver has started it (orders out, or a stop marked). */
  started: boolean;
  /** Whole minutes behind plan at the last mark (negative: ahead); null before the first mark. */
  lateMinutes: number | null;
  /** Where the van was last seen: the latest mark sent with the device's position (coordinator only). */
  lastSeen: {
    latitude: number;
    longitude: number;
    accuracyM: number | null;
    /** ISO instant of that mark. */
    at: string;
    stopSequence: number;
  } | null;
}

/**
 * Per route of a cycle's current plan: stops done, failed and to go, and how late against plan.
 * `live`: the delivery is under way or due today, so the page keeps polling. Null for a cycle of
 * another hub.
 */
export async function getPlanDeliveryProgress({
  hubId,
  timeZone,
  cycleId,
  now = new Date(),
}: {
  hubId: string;
  timeZone: string;
  cycleId: string;
  now?: Date;
}): Promise<{ routes: RouteProgressRow[]; live: boolean; started: boolean } | null> {
  const cycle = await findCycleForHub({ hubId, cycleId });
  if (!cycle) return null;
  const planId = await findCurrentPlanId({ cycleId });
  if (!planId) return { routes: [], live: false, started: false };
  const t = serverT("hub");
  const perKind = { COLLECTION: 0, DELIVERY: 0 };
  const planRoutes = await listPlanRoutesForProgress({ hubId, planId });
  const positions = await findLastMarkPositions({ routeIds: planRoutes.map((r) => r.id) });
  const routes = planRoutes.map((route): RouteProgressRow => {
    const seen = positions.get(route.id);
    perKind[route.kind] += 1;
    const done = route.stops.filter((s) => s.status === "DONE" || s.status === "PARTIAL").length;
    const failed = route.stops.filter((s) => s.status === "FAILED").length;
    const marked = done + failed > 0;
    return {
      id: route.id,
      name: t(`plan.routeName.${route.kind}`, { number: perKind[route.kind] }),
      vehicle: route.vehicle.name,
      driver: route.driver?.name ?? null,
      done,
      failed,
      toGo: route.stops.length - done - failed,
      started:
        marked ||
        (route.kind === "DELIVERY" &&
          route.stops.some((s) => s.order && s.order.status !== "CONFIRMED" && s.order.status !== "CANCELLED")),
      lateMinutes: marked ? Math.round(routeDelayMs(route.stops) / 60_000) : null,
      lastSeen: seen ? { ...seen, at: seen.at.toISOString() } : null,
    };
  });
  const started = routes.some((r) => r.started);
  const deliveryToday = zonedDate(cycle.deliveryDate, timeZone) === zonedDate(now, timeZone);
  const live = cycle.status !== "DELIVERED" && routes.some((r) => r.toGo > 0) && (started || deliveryToday);
  return { routes, live, started };
}
