// The plan page tells the coordinator when collecting a farm that brings its own goods would cut
// emissions (issue 17). A plan written by hand on one meridian, so every figure can be checked:
// 1° of latitude is 111,195.08 m of great circle, × 1.3 circuity (the default ROAD_CIRCUITY) =
// 144,553.6 m of planned road. Depot at 51.00° N; the collected farm at 51.20° (28,911 m out);
// Timsbury Farm brings its own goods from 51.21° (30,356 m out, 1,446 m past the collected farm);
// Far Farm brings its own from 50.80°, on the other side of the hub.
import { describe, expect, it } from "vitest";
import { runWithRequestLanguage } from "~/i18n/i18n.server";
import { createRoutePlan, findLatestPlan } from "~/models/route-plan.server";
import { loader as planLoader } from "~/routes/hub.cycles.$cycleId.plan/route";
import { getCollectSuggestions } from "~/services/collect-suggestions.server";
import { legMidnights, recomputePlanCarbon } from "~/services/route-planning.server";
import { prisma } from "~/utils/db.server";
import {
  createTestCycle,
  createTestFarm,
  createTestHub,
  createTestProduct,
  createTestUser,
  createTestVehicle,
  makeRequest,
} from "../factories";

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

async function responseOf(promise: Promise<unknown>): Promise<Response> {
  try {
    return (await promise) as Response;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

interface PlanPage {
  collect: {
    farmsChecked: number;
    suggestions: Array<{
      farmId: string;
      routeId: string;
      addedMetres: number;
      savedGrams: number;
      text: string;
      details: string[];
      otherRoutes: unknown[];
    }>;
    notSuggested: Array<{ farmId: string; farmName: string; reason: string; text: string }>;
  } | null;
}

async function handPlannedCycle({ capacityGrams = 500_000 }: { capacityGrams?: number } = {}) {
  const coordinator = await createTestUser({ role: "COORDINATOR" });
  const hub = await createTestHub({ coordinatorId: coordinator.id, depotLat: 51.0, depotLng: -2.5 });
  const van = await createTestVehicle(hub.id, { energyType: "van-diesel-class-iii", capacityGrams });
  const collected = await createTestFarm({ hubId: hub.id, lat: 51.2, lng: -2.5, name: "Collected Farm" });
  const timsbury = await createTestFarm({ hubId: hub.id, lat: 51.21, lng: -2.5, name: "Timsbury Farm" });
  const far = await createTestFarm({ hubId: hub.id, lat: 50.8, lng: -2.5, name: "Far Farm" });
  await prisma.farm.updateMany({ where: { id: { in: [timsbury.id, far.id] } }, data: { selfDelivers: true } });
  const cycle = await createTestCycle(hub.id, { status: "CLOSED", cutoffAt: new Date(Date.now() - 3_600_000) });
  const buyer = await createTestUser({ hubId: hub.id });
  const goods = [
    { farm: collected, grams: 100_000 },
    { farm: timsbury, grams: 60_000 },
    { farm: far, grams: 5_000 },
  ];
  const lines = [];
  for (const g of goods) {
    const product = await createTestProduct(g.farm.id);
    lines.push({
      productId: product.id,
      farmId: g.farm.id,
      productName: product.name,
      unit: product.unit,
      quantityMilli: g.grams,
      unitPriceMinor: 300,
      lineTotalMinor: (g.grams / 1000) * 300,
      grams: g.grams,
      chilled: false,
    });
  }
  await prisma.order.create({
    data: {
      buyerId: buyer.id,
      hubId: hub.id,
      cycleId: cycle.id,
      slotId: cycle.slots[0]!.id,
      fulfilment: "PICKUP",
      paymentMethod: "ON_DELIVERY",
      subtotalMinor: 49_500,
      totalMinor: 49_500,
      totalGrams: 165_000,
      lines: { create: lines },
    },
  });
  // The collection run the day before delivery: out at 07:00, at the farm 07:45–07:55, back 08:40.
  const midnight = legMidnights(cycle.deliveryDate, hub.timeZone).collection;
  const at = (h: number, m: number) => new Date(midnight + (h * 60 + m) * 60_000);
  const planId = await createRoutePlan({
    cycleId: cycle.id,
    createdById: coordinator.id,
    distanceSource: "haversine",
    notice: null,
    unassigned: [],
    routes: [
      {
        kind: "COLLECTION",
        vehicleId: van.id,
        position: 0,
        locked: false,
        startAt: at(7, 0),
        endAt: at(8, 40),
        distanceM: 57_822,
        durationS: 6_000,
        loadGrams: 100_000,
        stops: [
          {
            farmId: collected.id,
            orderId: null,
            arrivalAt: at(7, 45),
            departureAt: at(7, 55),
            gramsHandled: 100_000,
            loadGramsAfter: 100_000,
            distanceFromDepotM: 28_911,
          },
        ],
      },
    ],
  });
  await recomputePlanCarbon({ planId });
  return { coordinator, hub, cycle, van, planId, timsbury, far };
}

async function planPage(cycleId: string, userId: string, headers: Record<string, string> = {}) {
  const request = await makeRequest(`/hub/cycles/${cycleId}/plan`, { userId });
  for (const [name, value] of Object.entries(headers)) request.headers.set(name, value);
  const response = await responseOf(runWithRequestLanguage(request, () => planLoader(args(request, { cycleId }))));
  return { status: response.status, data: response.status === 200 ? ((await response.json()) as PlanPage) : null };
}

describe("collecting a self-delivering farm", () => {
  it("the plan page suggests collecting the farm next to the route, with the km added and the CO2e saved", async () => {
    const { coordinator, cycle, timsbury, far, planId } = await handPlannedCycle();
    const { status, data } = await planPage(cycle.id, coordinator.id);
    expect(status).toBe(200);
    const collect = data!.collect!;
    expect(collect.farmsChecked).toBe(2);
    // Detour 30,356 + 1,446 − 28,911 = 2,891 m; × 1.05 × 0.34584 (class III) = 1,050 g on the route.
    // Timsbury's own trip: 2 × 30,356 m × 1.05 × 0.31689 (average diesel van) = 20,201 g.
    expect(collect.suggestions).toEqual([
      expect.objectContaining({ farmId: timsbury.id, addedMetres: 2_891, savedGrams: 19_151, otherRoutes: [] }),
    ]);
    const [suggestion] = collect.suggestions;
    expect(suggestion!.text).toBe("Collecting Timsbury Farm on Collection 1 adds 2.9 km and saves 19.2 kg CO2e.");
    expect(suggestion!.details).toEqual([
      "Its own round trip to the hub: 61 km, 20.2 kg CO2e.",
      "The detour on Collection 1: 2.9 km, 1.05 kg CO2e.",
      "Its 60 kg of goods fit, leaving 340 kg spare.",
      // Depot → Timsbury 2,732 s, 600 s there, on to the collected farm 130 s, instead of 2,602 s.
      "The route is back at the hub 14 min later, within the vehicle’s shift and the farms’ pickup windows.",
    ]);
    // The far farm: its own trip (19,239 g) emits less than the 57,821 m detour (20,997 g).
    expect(collect.notSuggested).toEqual([
      {
        farmId: far.id,
        farmName: "Far Farm",
        reason: "NO_SAVING",
        text: "Its own trip (19.2 kg CO2e) emits less than the best detour, on Collection 1 (+58 km, 21.0 kg CO2e).",
      },
    ]);
    // The farm's own trip the suggestion weighs is the one the allocation charged for it.
    const dropOff = await prisma.order.findFirstOrThrow({ where: { cycleId: cycle.id } });
    const detail = dropOff.carbonDetail as {
      allocation?: { legs?: Array<{ via: string; farmId: string; co2eGrams: number }> };
    };
    const timsburyLeg = detail.allocation?.legs?.find((l) => l.via === "FARM_DROP_OFF" && l.farmId === timsbury.id);
    expect(timsburyLeg?.co2eGrams).toBe(20_201);

    // The same from the service, as Message descriptors (no text).
    const hub = await prisma.hub.findUniqueOrThrow({ where: { id: cycle.hubId } });
    const plan = (await findLatestPlan({ hubId: hub.id, cycleId: cycle.id }))!;
    expect(plan.id).toBe(planId);
    const fromService = await getCollectSuggestions({
      hub,
      cycleId: cycle.id,
      plan,
      routeNames: new Map(plan.routes.map((r) => [r.id, "Collection 1"])),
    });
    expect(fromService.suggestions[0]!.message).toEqual({
      key: "messages:planning.collect.suggestion",
      values: {
        farm: "Timsbury Farm",
        route: "Collection 1",
        distance: { metres: 2_891, unit: "KM" },
        co2e: { co2eGrams: 19_151 },
      },
    });
  });

  it("is written in French for a French reader", async () => {
    const { coordinator, cycle } = await handPlannedCycle();
    const { data } = await planPage(cycle.id, coordinator.id, { "Accept-Language": "fr-FR,fr;q=0.9" });
    expect(data!.collect!.suggestions[0]!.text).toBe(
      "Collecter Timsbury Farm sur Collecte 1 ajoute 2,9 km et économise 19,2 kg de CO2e.",
    );
  });

  it("suggests nothing when the van has no room, and says why", async () => {
    // 100 kg on board of 150 kg: Timsbury's 60 kg do not fit; Far Farm's 5 kg do, but do not save.
    const { coordinator, cycle, timsbury } = await handPlannedCycle({ capacityGrams: 150_000 });
    const { data } = await planPage(cycle.id, coordinator.id);
    expect(data!.collect!.suggestions).toEqual([]);
    expect(data!.collect!.notSuggested.find((n) => n.farmId === timsbury.id)).toMatchObject({
      reason: "NO_ROOM",
      text: "No suitable collection route has room for its 60 kg of goods.",
    });
  });

  it("shows another hub's coordinator nothing (404), and no panel once the cycle is delivered", async () => {
    const { cycle, coordinator } = await handPlannedCycle();
    const stranger = await createTestUser({ role: "COORDINATOR" });
    await createTestHub({ coordinatorId: stranger.id });
    expect((await planPage(cycle.id, stranger.id)).status).toBe(404);
    await prisma.deliveryCycle.update({ where: { id: cycle.id }, data: { status: "DELIVERED" } });
    expect((await planPage(cycle.id, coordinator.id)).data!.collect).toBeNull();
  });
});
