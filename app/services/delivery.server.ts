// Delivery day: a driver starts a route and marks stops delivered or failed; buyers see the
// order's status move (OUT_FOR_DELIVERY → DELIVERED / FAILED).
import { findRouteForHub, setStopStatus, startRouteRow } from "~/models/route-plan.server";

export async function startRoute({ hubId, routeId }: { hubId: string; routeId: string }) {
  const route = await findRouteForHub({ hubId, routeId });
  if (!route) return null;
  if (route.kind !== "DELIVERY") return 0;
  return startRouteRow({ routeId });
}

export async function markStop({ hubId, routeId, stopId, status, reason, now = new Date() }: { hubId: string; routeId: string; stopId: string; status: "DONE" | "FAILED"; reason: string | null; now?: Date }) {
  const route = await findRouteForHub({ hubId, routeId });
  if (!route) return false;
  return setStopStatus({ routeId, stopId, status, reason, now });
}
