/**
 * A planned cycle without one order (decision 031): what the open cycle's provisional plan looks
 * like to an order that is already on it (a buyer changing their order), so its estimate is made
 * as for a new order — inserted, not found already there. Also how the accuracy bench stands a
 * final plan in for the provisional one.
 *
 * The order's delivery stops leave their rounds (each round shorter by what leaving them out
 * saves, with the planner's distances); its goods leave its farms' collection stops (a farm left
 * with nothing leaves its round the same way), and those rounds' shares are allocated again by the
 * allocation itself (mass × distance). Delivery rounds keep their stops' shares: the allocation of
 * a round is not changed by a stop leaving except through its length, which is small; the
 * collection rounds change because the farm stops' loads do.
 */
import { roadDistanceMetres, type LatLng } from "../geo";
import { allocateRoute } from "./allocation";
import { DESNZ_2025, type FactorSet } from "./factors";
import { chilledGramsOf, type PlannedCycle, type PlannedRoute } from "./marginal";

export interface OrderToLeaveOut {
  id: string;
  lines: ReadonlyArray<{ farmId: string; grams: number; chilled: boolean }>;
}

function closedMetres(depot: LatLng, points: readonly LatLng[], circuity: number): number {
  let total = 0;
  let at = depot;
  for (const p of [...points, depot]) {
    total += roadDistanceMetres(at, p, circuity);
    at = p;
  }
  return total;
}

/** The route with only `kept` of its stops, shorter by what leaving the others out saves. */
function keepStops(
  route: PlannedRoute,
  depot: LatLng,
  circuity: number,
  kept: PlannedRoute["stops"],
): PlannedRoute | null {
  if (kept.length === 0) return null;
  const points = (list: PlannedRoute["stops"]) => list.flatMap((s) => (s.point ? [s.point] : []));
  // Never negative (the triangle inequality; per-leg rounding could make it -1 m).
  const saved = Math.max(
    0,
    closedMetres(depot, points(route.stops), circuity) - closedMetres(depot, points(kept), circuity),
  );
  return { ...route, metres: Math.max(0, Math.round(route.metres - saved)), stops: kept };
}

/** The stops' shares of the route again, by the allocation itself. */
export function reallocateRoute(route: PlannedRoute, factorSet: FactorSet = DESNZ_2025): PlannedRoute {
  const allocation = allocateRoute(
    {
      id: "r",
      kind: route.kind,
      metres: route.metres,
      distanceKind: route.distanceKind,
      vehicle: route.vehicle,
      stops: route.stops.map((s, i) => ({
        id: `s${i}`,
        distanceFromDepotMetres: s.distanceFromDepotMetres,
        consignments: [{ orderId: `s${i}`, farmId: s.farmId, grams: s.gramsHandled, chilledGrams: chilledGramsOf(s) }],
      })),
    },
    factorSet,
  );
  return { ...route, stops: route.stops.map((s, i) => ({ ...s, co2eGrams: allocation.stops[i]?.gramsCo2e ?? 0 })) };
}

export function cycleWithoutOrder({
  cycle,
  order,
  depot,
  circuity,
  factorSet = DESNZ_2025,
}: {
  cycle: PlannedCycle;
  order: OrderToLeaveOut;
  depot: LatLng;
  circuity: number;
  factorSet?: FactorSet;
}): PlannedCycle {
  const take = new Map<string, { CHILLED: number; AMBIENT: number }>();
  for (const l of order.lines) {
    const e = take.get(l.farmId) ?? { CHILLED: 0, AMBIENT: 0 };
    e[l.chilled ? "CHILLED" : "AMBIENT"] += l.grams;
    take.set(l.farmId, e);
  }
  const routes: PlannedRoute[] = [];
  for (const route of cycle.routes) {
    if (route.kind === "DELIVERY") {
      if (!route.stops.some((s) => s.orderId === order.id)) routes.push(route);
      else {
        const kept = keepStops(
          route,
          depot,
          circuity,
          route.stops.filter((s) => s.orderId !== order.id),
        );
        if (kept) routes.push(kept);
      }
      continue;
    }
    if (!route.stops.some((s) => s.farmId !== null && take.has(s.farmId))) {
      routes.push(route);
      continue;
    }
    const stops = route.stops
      .map((s) => {
        const t = s.farmId === null ? undefined : take.get(s.farmId);
        if (!t) return s;
        const grams = s.cargo === null ? t.CHILLED + t.AMBIENT : t[s.cargo];
        return { ...s, gramsHandled: s.gramsHandled - grams };
      })
      .filter((s) => s.gramsHandled > 0);
    const kept = keepStops(route, depot, circuity, stops);
    if (kept) routes.push(reallocateRoute(kept, factorSet));
  }
  const farmGrams: Record<string, number> = { ...cycle.farmGrams };
  for (const l of order.lines) farmGrams[l.farmId] = Math.max(0, (farmGrams[l.farmId] ?? 0) - l.grams);
  return { id: cycle.id, routes, farmGrams, provisional: true };
}
