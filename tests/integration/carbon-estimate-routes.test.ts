// The checkout estimate on the hub's recent routes (issue 17), through the checkout service: a
// cycle planned and allocated as the planning job does, then orders estimated on its rounds.
import { describe, expect, it } from "vitest";
import {
  cycleCollectionIntensities,
  DEFAULT_ESTIMATE_ASSUMPTIONS,
  deliveryOnCycle,
  dropOffShare,
  parseCarbonDetail,
  type StoredEstimate,
} from "~/domain/carbon";
import { roadDistanceMetres } from "~/domain/geo";
import { buildPlanningProblems, solveLegs } from "~/domain/planning";
import { loadHubPlanHistory } from "~/models/carbon.server";
import { getPlanningSource } from "~/models/route-plan.server";
import { estimateOrderForCheckout } from "~/services/carbon-estimate.server";
import { savePlan } from "~/services/route-planning.server";
import { prisma } from "~/utils/db.server";
import {
  createTestCycle,
  createTestFarm,
  createTestHub,
  createTestProduct,
  createTestUser,
  createTestVehicle,
} from "../factories";

const DEPOT = { lat: 51.4545, lng: -2.5879 };
const CIRCUITY = 1.3;
const NEAR_FARM = { lat: 51.52, lng: -2.62 };
const FAR_FARM = { lat: 51.35, lng: -2.45 };
// Last cycle's buyers, along a line east of the depot.
const ROUND = [
  { lat: 51.47, lng: -2.56 },
  { lat: 51.475, lng: -2.55 },
  { lat: 51.48, lng: -2.54 },
  { lat: 51.485, lng: -2.53 },
];
/** Next door to last cycle's second buyer. */
const NEXT_DOOR = { lat: 51.4752, lng: -2.5497 };
/** As far from the depot, on the other side, where no round went. */
const ELSEWHERE = { lat: 51.438, lng: -2.633 };

async function hubWithAPlannedCycle() {
  const hub = await createTestHub({ depotLat: DEPOT.lat, depotLng: DEPOT.lng });
  await createTestVehicle(hub.id, { energyType: "van-diesel-class-iii", capacityGrams: 900_000 });
  const near = await createTestFarm({ hubId: hub.id, ...NEAR_FARM, name: "Near Farm" });
  const far = await createTestFarm({ hubId: hub.id, ...FAR_FARM, name: "Far Dairy" });
  await prisma.farm.update({ where: { id: far.id }, data: { selfDelivers: true } });
  const veg = await createTestProduct(near.id, { name: "Carrots" });
  const cheese = await createTestProduct(far.id, { name: "Cheese" });
  const cycle = await createTestCycle(hub.id, {
    status: "CLOSED",
    opensAt: new Date(Date.now() - 8 * 86_400_000),
    cutoffAt: new Date(Date.now() - 3_600_000),
    deliveryDate: new Date(Date.now() + 86_400_000),
  });
  for (const point of ROUND) {
    const buyer = await createTestUser({ hubId: hub.id });
    await prisma.order.create({
      data: {
        buyerId: buyer.id,
        hubId: hub.id,
        cycleId: cycle.id,
        slotId: cycle.slots[0]!.id,
        fulfilment: "DELIVERY",
        paymentMethod: "ON_DELIVERY",
        address: "1 Test Street",
        ...point,
        subtotalMinor: 2100,
        totalMinor: 2100,
        totalGrams: 7_000,
        lines: {
          create: [
            { product: veg, grams: 4_000, milli: 4_000 },
            { product: cheese, grams: 3_000, milli: 3_000 },
          ].map(({ product, grams, milli }) => ({
            productId: product.id,
            farmId: product.farmId,
            productName: product.name,
            unit: product.unit,
            quantityMilli: milli,
            unitPriceMinor: 300,
            lineTotalMinor: (milli / 1000) * 300,
            grams,
            chilled: false,
          })),
        },
      },
    });
  }
  return { hub, near, far, cycle };
}

/** Plans the cycle as the planning job does (great circle × circuity) and saves it with its carbon. */
async function plan(hubId: string, cycleId: string) {
  const source = (await getPlanningSource({ hubId, cycleId }))!;
  const problems = buildPlanningProblems(source.data);
  const solved = solveLegs(
    problems,
    { kind: "estimate", circuity: CIRCUITY, speedKmh: 40 },
    { seed: 1, timeLimitMs: Number.POSITIVE_INFINITY, iterationLimit: 20 },
  );
  return savePlan({ source, problems, solved, createdById: null, distanceSource: "haversine", notice: null });
}

function estimated(estimate: StoredEstimate) {
  if (estimate.status !== "ESTIMATED") throw new Error(`expected an estimate, got ${JSON.stringify(estimate)}`);
  return estimate;
}

describe("the checkout estimate on the hub's recent routes", () => {
  it("estimates a delivery next to last cycle's round from that round, and says so", async () => {
    const { hub, near, far, cycle } = await hubWithAPlannedCycle();
    const open = await createTestCycle(hub.id);
    const lines = [
      { farmId: near.id, grams: 2_000, chilled: false },
      { farmId: far.id, grams: 1_000, chilled: false },
    ];
    const ask = (delivery: { lat: number; lng: number } | null) =>
      estimateOrderForCheckout({ hubId: hub.id, cycleId: open.id, lines, delivery });

    // Before any plan: the defaults (and the hub's history is now cached, empty).
    const before = estimated((await ask(NEXT_DOOR)).estimate);
    expect(before.typicalRounds).toEqual({ collection: "DEFAULT", delivery: "DEFAULT" });

    await plan(hub.id, cycle.id);

    // Saving the plan forgot the cached history: the next checkout reads the new plan.
    const result = await ask(NEXT_DOOR);
    const estimate = estimated(result.estimate);
    expect(estimate.typicalRounds).toEqual({ collection: "HUB_ROUTES", delivery: "HUB_ROUTES" });
    expect(estimate.legs.every((l) => l.source === "HUB_ROUTES")).toBe(true);

    // Each leg is what the allocation would give the order on that plan.
    const history = await loadHubPlanHistory({ hubId: hub.id });
    const [last] = history.cycles;
    const delivery = deliveryOnCycle({
      cycle: last!,
      depot: DEPOT,
      circuity: CIRCUITY,
      point: NEXT_DOOR,
      distanceFromDepotMetres: roadDistanceMetres(DEPOT, NEXT_DOOR, CIRCUITY),
      split: { ambient: 3_000, chilled: 0 },
    })!;
    const leg = (farmId: string | null) => estimate.legs.find((l) => l.farmId === farmId)!;
    expect(leg(null).co2eGrams).toBe(Math.round(delivery.total));
    const intensity = cycleCollectionIntensities(last!).get(near.id)!;
    expect(leg(near.id).co2eGrams).toBe(Math.round(2_000 * (intensity.AMBIENT ?? intensity.ALL).total));
    // The dairy's own trip carried its 4 × 3 kg last cycle: this order's kilo is a twelfth of it.
    const trip = dropOffShare({
      farmToHubMetres: roadDistanceMetres(FAR_FARM, DEPOT, CIRCUITY),
      grams: 1_000,
      loadGrams: 12_000,
      vehicle: DEFAULT_ESTIMATE_ASSUMPTIONS.farmDropOff.vehicle,
    });
    expect(leg(far.id)).toMatchObject({ via: "FARM_DROP_OFF", co2eGrams: Math.round(trip.total) });
    expect(estimate.co2eGrams).toBe(estimate.legs.reduce((s, l) => s + l.co2eGrams, 0));
    expect(result.fields.estCo2eGrams).toBe(estimate.co2eGrams);
    // Stored as checkout stores it, with the source of each leg.
    const stored = parseCarbonDetail(result.fields.carbonDetail)?.estimate;
    expect(stored?.status === "ESTIMATED" && stored.legs.map((l) => l.source)).toEqual(
      estimate.legs.map(() => "HUB_ROUTES"),
    );

    // A van that already passes the door: the same goods cost less to deliver there than where
    // no round went, as far from the depot.
    const elsewhere = estimated((await ask(ELSEWHERE)).estimate);
    const metres = (p: { lat: number; lng: number }) => roadDistanceMetres(DEPOT, p, CIRCUITY);
    expect(Math.abs(metres(ELSEWHERE) - metres(NEXT_DOOR))).toBeLessThan(1_500);
    expect(elsewhere.hubToBuyerCo2eGrams).toBeGreaterThan(1.5 * estimate.hubToBuyerCo2eGrams);
  });

  it("counts the open cycle's orders so far towards a self-delivering farm's load", async () => {
    const { hub, near, far, cycle } = await hubWithAPlannedCycle();
    await plan(hub.id, cycle.id);
    const open = await createTestCycle(hub.id);
    const buyer = await createTestUser({ hubId: hub.id });
    const cheese = await prisma.product.findFirstOrThrow({ where: { farmId: far.id } });
    // 30 kg of the dairy's cheese already ordered this cycle, more than its 12 kg last time.
    await prisma.order.create({
      data: {
        buyerId: buyer.id,
        hubId: hub.id,
        cycleId: open.id,
        fulfilment: "PICKUP",
        paymentMethod: "ON_DELIVERY",
        subtotalMinor: 9000,
        totalMinor: 9000,
        totalGrams: 30_000,
        placedAt: new Date(Date.now() - 60_000),
        lines: {
          create: [
            {
              productId: cheese.id,
              farmId: far.id,
              productName: cheese.name,
              unit: cheese.unit,
              quantityMilli: 30_000,
              unitPriceMinor: 300,
              lineTotalMinor: 9000,
              grams: 30_000,
            },
          ],
        },
      },
    });
    const lines = [
      { farmId: near.id, grams: 2_000, chilled: false },
      { farmId: far.id, grams: 1_000, chilled: false },
    ];
    const withSoFar = estimated(
      (await estimateOrderForCheckout({ hubId: hub.id, cycleId: open.id, lines, delivery: null })).estimate,
    );
    const trip = (loadGrams: number) =>
      Math.round(
        dropOffShare({
          farmToHubMetres: roadDistanceMetres(FAR_FARM, DEPOT, CIRCUITY),
          grams: 1_000,
          loadGrams,
          vehicle: DEFAULT_ESTIMATE_ASSUMPTIONS.farmDropOff.vehicle,
        }).total,
      );
    expect(withSoFar.legs.find((l) => l.farmId === far.id)?.co2eGrams).toBe(trip(31_000));
    // Without the cycle, only last cycle's load counts.
    const historyOnly = estimated((await estimateOrderForCheckout({ hubId: hub.id, lines, delivery: null })).estimate);
    expect(historyOnly.legs.find((l) => l.farmId === far.id)?.co2eGrams).toBe(trip(12_000));
  });
});
