// Delivery day: a driver starts a route and marks stops delivered or failed; buyers see the
// order's status move (OUT_FOR_DELIVERY → DELIVERED / FAILED). The manifest and the driver page
// read the same route sheet: each stop with the items to collect or drop, for its part of the
// place's goods (a place with chilled and ambient goods is two stops, maybe on two routes).
import type { Unit } from "~/domain/catalogue";
import {
  findCurrentPlanId,
  findRouteForHub,
  listFarmPickLines,
  setStopStatus,
  startRouteRow,
} from "~/models/route-plan.server";

export type DeliveryMarkResult = { ok: true; count: number } | { ok: false; status: 404 | 409; message: string };

const SUPERSEDED =
  "This route was planned again since this page was opened, so nothing was recorded. Open the current plan's route for this stop.";

export interface SheetItem {
  productName: string;
  quantityMilli: number;
  unit: Unit;
  chilled: boolean;
}

const fitsCargo = (cargo: "CHILLED" | "AMBIENT" | null, chilled: boolean) =>
  cargo === null || (cargo === "CHILLED") === chilled;

/** A route with, on each stop, the items handled there (collection: summed per product across orders). */
export async function getRouteSheet({ hubId, routeId }: { hubId: string; routeId: string }) {
  const route = await findRouteForHub({ hubId, routeId });
  if (!route) return null;
  const farmIds = [...new Set(route.stops.flatMap((s) => (s.farm ? [s.farm.id] : [])))];
  const pick = route.kind === "COLLECTION" ? await listFarmPickLines({ cycleId: route.plan.cycle.id, farmIds }) : [];
  const stops = route.stops.map((stop) => {
    const order = stop.order;
    let items: SheetItem[];
    if (stop.farm) {
      const byProduct = new Map<string, SheetItem>();
      for (const line of pick) {
        if (line.farmId !== stop.farm.id || !fitsCargo(stop.cargo, line.chilled)) continue;
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
        .filter((l) => fitsCargo(stop.cargo, l.chilled))
        .map((l) => ({ productName: l.productName, quantityMilli: l.quantityMilli, unit: l.unit, chilled: l.chilled }));
    }
    return {
      ...stop,
      items,
      partLabel: stop.cargo === "CHILLED" ? "chilled goods" : stop.cargo === "AMBIENT" ? "ambient goods" : null,
    };
  });
  return { ...route, stops };
}

/** Marks from an old driver link (a plan replaced since) are refused: they would land on stops nobody drives. */
async function currentRoute({ hubId, routeId }: { hubId: string; routeId: string }) {
  const route = await findRouteForHub({ hubId, routeId });
  if (!route) return { ok: false, status: 404, message: "Route not found" } as const;
  if ((await findCurrentPlanId({ cycleId: route.plan.cycle.id })) !== route.plan.id)
    return { ok: false, status: 409, message: SUPERSEDED } as const;
  return { ok: true, route } as const;
}

export async function startRoute({ hubId, routeId }: { hubId: string; routeId: string }): Promise<DeliveryMarkResult> {
  const found = await currentRoute({ hubId, routeId });
  if (!found.ok) return found;
  if (found.route.kind !== "DELIVERY") return { ok: true, count: 0 };
  return { ok: true, count: await startRouteRow({ routeId }) };
}

export async function markStop({
  hubId,
  routeId,
  stopId,
  status,
  reason,
  now = new Date(),
}: {
  hubId: string;
  routeId: string;
  stopId: string;
  status: "DONE" | "FAILED";
  reason: string | null;
  now?: Date;
}): Promise<DeliveryMarkResult> {
  const found = await currentRoute({ hubId, routeId });
  if (!found.ok) return found;
  if (!(await setStopStatus({ routeId, stopId, status, reason, now })))
    return { ok: false, status: 404, message: "Stop not found" };
  return { ok: true, count: 1 };
}
