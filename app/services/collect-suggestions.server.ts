// Suggestions for the plan page: which farms that bring their own goods to the hub would cut
// emissions by being collected on one of the plan's collection routes instead
// (app/domain/planning/collect-suggestions.ts). Read only: the suggestions are advice; nothing
// here switches a farm to collection.
import { collectSuggestions, type CollectSuggestions } from "~/domain/planning";
import { listSelfDeliveringFarmLoads, type StoredPlan } from "~/models/route-plan.server";
import { getEnv } from "~/utils/env.server";
import { getActiveFactorSet } from "./carbon-config.server";

export async function getCollectSuggestions({
  hub,
  cycleId,
  plan,
  routeNames,
}: {
  hub: { id: string; timeZone: string; depotLat: number; depotLng: number };
  cycleId: string;
  /** The cycle's plan, read for the hub (findLatestPlan). */
  plan: Pick<StoredPlan, "routes">;
  /** How the page names each route ("Collection 2"), by route id. */
  routeNames: ReadonlyMap<string, string>;
}): Promise<CollectSuggestions> {
  const farms = await listSelfDeliveringFarmLoads({ hubId: hub.id, cycleId });
  const env = getEnv();
  const window = (start: number | null, end: number | null) =>
    start !== null && end !== null && end > start ? { startMinute: start, endMinute: end } : null;
  return collectSuggestions({
    depot: { lat: hub.depotLat, lng: hub.depotLng },
    timeZone: hub.timeZone,
    circuity: env.ROAD_CIRCUITY,
    speedKmh: env.AVERAGE_SPEED_KMH,
    factorSet: getActiveFactorSet(),
    farms: farms.map((f) => ({
      id: f.id,
      name: f.name,
      lat: f.lat,
      lng: f.lng,
      grams: f.grams,
      chilledGrams: f.chilledGrams,
      pickupWindow: window(f.pickupWindowStart, f.pickupWindowEnd),
    })),
    routes: plan.routes.map((r) => ({
      id: r.id,
      kind: r.kind,
      name: routeNames.get(r.id) ?? r.vehicle.name,
      locked: r.locked,
      vehicle: {
        energyType: r.vehicle.energyType,
        refrigerated: r.vehicle.refrigerated,
        capacityGrams: r.vehicle.capacityGrams,
        shiftEndMinute: r.vehicle.shiftEndMinute,
        maxRouteSeconds: r.vehicle.maxRouteSeconds,
      },
      loadGrams: r.loadGrams,
      startAt: r.startAt,
      endAt: r.endAt,
      stops: r.stops.map((s) => ({
        lat: (s.farm?.lat ?? s.order?.lat) as number,
        lng: (s.farm?.lng ?? s.order?.lng) as number,
        arrivalAt: s.arrivalAt,
        departureAt: s.departureAt,
        window: s.farm ? window(s.farm.pickupWindowStart, s.farm.pickupWindowEnd) : null,
        marked: s.status !== "PENDING",
      })),
    })),
  });
}
