// A farmer's collections per cycle: when the hub's van comes (from the latest plan's collection
// stops at their farm), what it takes, and the farm's share of the collection-leg emissions —
// the stops' allocated grams, or, for a farm that delivers to the hub itself, the orders' shares
// of that drop-off trip (docs/decisions/006 and 009).
import { parseCarbonDetail } from "~/domain/carbon";
import { effectiveCycleStatus } from "~/domain/cycles";
import { listFarmCollectionCycles, listFarmsForCollections } from "~/models/route-plan.server";

export interface FarmCollectionCycle {
  id: string;
  name: string;
  status: "SCHEDULED" | "OPEN" | "CLOSED" | "PLANNED" | "DELIVERED";
  deliveryDate: Date;
  planned: boolean;
  /** Grams ordered from the farm in the cycle (active orders). */
  orderedGrams: number;
  collections: Array<{
    stopId: string;
    vehicle: string;
    refrigerated: boolean;
    /** Which of the farm's goods the stop takes: chilled, ambient, or (plans saved before the split) all. */
    cargo: "CHILLED" | "AMBIENT" | null;
    arrivalAt: Date;
    departureAt: Date;
    grams: number;
    co2eGrams: number;
    status: string;
  }>;
  collectedGrams: number;
  /** Collection-leg CO2e of the farm in the cycle; null before planning. */
  co2eGrams: number | null;
  via: "COLLECTION" | "FARM_DROP_OFF" | null;
}

export async function getFarmCollections({ ownerId, farmId }: { ownerId: string; farmId: string | null }) {
  const farms = await listFarmsForCollections({ ownerId });
  const farm = farmId ? farms.find((f) => f.id === farmId) : farms[0];
  // Someone else's farm (or none of theirs): not found, never "forbidden".
  if (farmId && !farm) return null;
  const base = { farms: farms.map((f) => ({ id: f.id, name: f.name })) };
  if (!farm) return { ...base, farm: null, hub: null, cycles: [] as FarmCollectionCycle[] };
  if (!farm.hub)
    return {
      ...base,
      farm: { id: farm.id, name: farm.name, selfDelivers: farm.selfDelivers },
      hub: null,
      cycles: [] as FarmCollectionCycle[],
    };
  const { cycles, lines } = await listFarmCollectionCycles({ farmId: farm.id, hubId: farm.hub.id });
  const now = new Date();
  const result: FarmCollectionCycle[] = cycles.map((cycle) => {
    const plan = cycle.routePlans[0] ?? null;
    const cycleLines = lines.filter((l) => l.order.cycleId === cycle.id);
    const orderedGrams = cycleLines.reduce((s, l) => s + l.grams, 0);
    const collections = (plan?.routes ?? []).flatMap((r) =>
      r.stops.map((s) => ({
        stopId: s.id,
        vehicle: r.vehicle.name,
        refrigerated: r.vehicle.refrigerated,
        cargo: s.cargo,
        arrivalAt: s.arrivalAt,
        departureAt: s.departureAt,
        grams: s.gramsHandled,
        co2eGrams: s.co2eGrams,
        status: s.status,
      })),
    );
    collections.sort((a, b) => a.arrivalAt.getTime() - b.arrivalAt.getTime());
    let co2eGrams: number | null = null;
    let via: FarmCollectionCycle["via"] = null;
    if (plan && farm.selfDelivers) {
      // The farm's own trip: each order's share of it, from the allocation stored at plan save.
      via = "FARM_DROP_OFF";
      co2eGrams = 0;
      for (const orderId of new Set(cycleLines.map((l) => l.orderId))) {
        const detail = parseCarbonDetail(cycleLines.find((l) => l.orderId === orderId)!.order.carbonDetail);
        const allocation = detail?.allocation;
        if (allocation?.status !== "ALLOCATED" || allocation.planId !== plan.id) continue;
        co2eGrams += allocation.legs
          .filter((l) => l.via === "FARM_DROP_OFF" && l.farmId === farm.id)
          .reduce((s, l) => s + l.co2eGrams, 0);
      }
    } else if (plan && collections.length > 0) {
      via = "COLLECTION";
      co2eGrams = collections.reduce((s, c) => s + c.co2eGrams, 0);
    }
    return {
      id: cycle.id,
      name: cycle.name,
      status: effectiveCycleStatus(cycle, now),
      deliveryDate: cycle.deliveryDate,
      planned: plan !== null,
      orderedGrams,
      collections,
      collectedGrams: collections.reduce((s, c) => s + c.grams, 0),
      co2eGrams,
      via,
    };
  });
  return {
    ...base,
    farm: { id: farm.id, name: farm.name, selfDelivers: farm.selfDelivers },
    hub: { name: farm.hub.name, timeZone: farm.hub.timeZone },
    // Cycles the farm has goods in, or that have been planned; not every empty cycle of the hub.
    cycles: result.filter((c) => c.orderedGrams > 0 || c.collections.length > 0),
  };
}
