// Delivery day: a driver starts a route and marks stops delivered or failed; buyers see the
// order's status move (OUT_FOR_DELIVERY → DELIVERED / FAILED). The manifest and the driver page
// read the same route sheet: each stop with the items to collect or drop, for its part of the
// place's goods (a place with chilled and ambient goods is two stops, maybe on two routes).
import type { Unit } from "~/domain/catalogue";
import { cycleRangeConditions, effectiveRangeMetres, stopCarriesLine, stopPartLabel } from "~/domain/planning";
import { cycleStatusAfterDeliveryMarks } from "~/domain/cycles";
import { orderStatusFromParts } from "~/domain/planning/progress";
import { withTransaction } from "~/models/database.server";
import { setCycleStatus } from "~/models/hub.server";
import { setOrderDeliveryOutcome } from "~/models/order.server";
import {
  countPendingDeliveryStops,
  findCurrentPlanId,
  findRouteForHub,
  findStopOfRoute,
  listFarmPickLines,
  listOrderDeliveryParts,
  markRouteOrdersOut,
  updateStopMark,
} from "~/models/route-plan.server";
import { serverT } from "~/i18n/i18n.server";
import { afterStopMarked } from "./delivery-notice.server";

export type DeliveryMarkResult = { ok: true; count: number } | { ok: false; status: 404 | 409; message: string };

const superseded = () => serverT("messages")("delivery.superseded");

export interface SheetItem {
  productName: string;
  quantityMilli: number;
  unit: Unit;
  chilled: boolean;
}

/**
 * Who may open a route: the hub's coordinator (`driverId` null: any route of the hub) or a driver
 * of the hub (only the routes assigned to them). Anything else finds no route: 404.
 */
export interface RouteAccess {
  hubId: string;
  driverId?: string | null;
}

/**
 * A route with, on each stop, the items handled there (collection: summed per product across
 * orders), and its vehicle's range for the cycle (metres; null: no limit).
 */
export async function getRouteSheet({ hubId, driverId = null, routeId }: RouteAccess & { routeId: string }) {
  const route = await findRouteForHub({ hubId, routeId, driverId });
  if (!route) return null;
  const farmIds = [...new Set(route.stops.flatMap((s) => (s.farm ? [s.farm.id] : [])))];
  const pick = route.kind === "COLLECTION" ? await listFarmPickLines({ cycleId: route.plan.cycle.id, farmIds }) : [];
  const stops = route.stops.map((stop) => {
    const order = stop.order;
    let items: SheetItem[];
    if (stop.farm) {
      const byProduct = new Map<string, SheetItem>();
      for (const line of pick) {
        if (line.farmId !== stop.farm.id || !stopCarriesLine(stop.cargo, line.chilled)) continue;
        const key = `${line.productId}|${line.unit}|${line.chilled}`;
        const item = byProduct.get(key) ?? {
          productName: line.productName,
          quantityMilli: 0,
          unit: line.unit,
          chilled: line.chilled,
        };
        item.quantityMilli += line.quantityMilli;
        byProduct.set(key, item);
      }
      items = [...byProduct.values()];
    } else {
      items = (order?.lines ?? [])
        .filter((l) => stopCarriesLine(stop.cargo, l.chilled))
        .map((l) => ({ productName: l.productName, quantityMilli: l.quantityMilli, unit: l.unit, chilled: l.chilled }));
    }
    return {
      ...stop,
      items,
      partLabel: stopPartLabel(stop.cargo),
    };
  });
  const { hub, ...cycle } = route.plan.cycle;
  const rangeMetres = effectiveRangeMetres(route.vehicle, cycleRangeConditions(hub, cycle.deliveryDate));
  return { ...route, plan: { ...route.plan, cycle }, stops, rangeMetres, timeZone: hub.timeZone };
}

/** Marks from an old driver link (a plan replaced since) are refused: they would land on stops nobody drives. */
async function currentRoute({ hubId, driverId, routeId }: RouteAccess & { routeId: string }) {
  const route = await findRouteForHub({ hubId, routeId, driverId });
  if (!route) return { ok: false, status: 404, message: serverT("messages")("delivery.routeNotFound") } as const;
  if ((await findCurrentPlanId({ cycleId: route.plan.cycle.id })) !== route.plan.id)
    return { ok: false, status: 409, message: superseded() } as const;
  return { ok: true, route } as const;
}

export async function startRoute({
  hubId,
  driverId = null,
  routeId,
}: RouteAccess & { routeId: string }): Promise<DeliveryMarkResult> {
  const found = await currentRoute({ hubId, driverId, routeId });
  if (!found.ok) return found;
  if (found.route.kind !== "DELIVERY") return { ok: true, count: 0 };
  return { ok: true, count: await markRouteOrdersOut({ routeId }) };
}

export async function markStop({
  hubId,
  driverId = null,
  routeId,
  stopId,
  status,
  reason,
  now = new Date(),
}: {
  hubId: string;
  driverId?: string | null;
  routeId: string;
  stopId: string;
  status: "DONE" | "FAILED";
  reason: string | null;
  now?: Date;
}): Promise<DeliveryMarkResult> {
  const found = await currentRoute({ hubId, driverId, routeId });
  if (!found.ok) return found;
  const result = await withTransaction(async (tx): Promise<DeliveryMarkResult> => {
    const stop = await findStopOfRoute({ db: tx, routeId, stopId });
    if (!stop) return { ok: false, status: 404, message: serverT("messages")("delivery.stopNotFound") };
    await updateStopMark({ db: tx, stopId, status, reason, now });
    if (stop.orderId && stop.route.kind === "DELIVERY") {
      // An order may be two stops (chilled and ambient parts, maybe on two routes): its status
      // follows all of them.
      const parts = await listOrderDeliveryParts({ db: tx, orderId: stop.orderId, planId: stop.route.planId });
      await setOrderDeliveryOutcome({ db: tx, orderId: stop.orderId, outcome: orderStatusFromParts(parts), now });
      // The route is under way: its other orders are out for delivery.
      await markRouteOrdersOut({ db: tx, routeId });
      const pending = await countPendingDeliveryStops({ db: tx, planId: stop.route.planId });
      const cycleStatus = cycleStatusAfterDeliveryMarks(pending);
      if (cycleStatus) await setCycleStatus({ db: tx, hubId, cycleId: stop.route.plan.cycleId, status: cycleStatus });
    }
    return { ok: true, count: 1 };
  });
  await afterStopMarked({ result, routeId, stopId, now });
  return result;
}
