import { describe, expect, it } from "vitest";
import { loader as collectionsLoader } from "~/routes/farm.collections";
import { startPlanning } from "~/jobs/planning-runner.server";
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

const args = (request: Request) => ({ request, params: {}, context: {} });
async function responseOf(promise: Promise<unknown>): Promise<Response> {
  try {
    return (await promise) as Response;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

type Page = {
  farm: { id: string } | null;
  cycles: Array<{
    id: string;
    planned: boolean;
    orderedGrams: number;
    collectedGrams: number;
    co2eGrams: number | null;
    via: string | null;
    collections: Array<{ arrivalAt: string; grams: number; cargo: string | null }>;
  }>;
};

async function pageFor(userId: string, query = "") {
  const res = await responseOf(collectionsLoader(args(await makeRequest(`/farm/collections${query}`, { userId }))));
  return { res, data: res.status === 200 ? ((await res.json()) as Page) : null };
}

async function hubWithTwoFarms() {
  const coordinator = await createTestUser({ role: "COORDINATOR" });
  const hub = await createTestHub({ coordinatorId: coordinator.id });
  await createTestVehicle(hub.id, { capacityGrams: 500_000, refrigerated: true });
  const ownerA = await createTestUser({ role: "FARMER" });
  const ownerB = await createTestUser({ role: "FARMER" });
  const farmA = await createTestFarm({ ownerId: ownerA.id, hubId: hub.id, lat: 51.5, lng: -2.7 });
  const farmB = await createTestFarm({ ownerId: ownerB.id, hubId: hub.id, lat: 51.38, lng: -2.45 });
  await prisma.farm.update({ where: { id: farmB.id }, data: { selfDelivers: true } });
  const pA = await createTestProduct(farmA.id);
  const pB = await createTestProduct(farmB.id);
  const cycle = await createTestCycle(hub.id, { status: "CLOSED", cutoffAt: new Date(Date.now() - 3_600_000) });
  const grams = [
    [4000, 1500],
    [2500, 0],
  ] as const;
  for (const [a, b] of grams) {
    const buyer = await createTestUser({ hubId: hub.id });
    const lines = [
      {
        productId: pA.id,
        farmId: farmA.id,
        productName: pA.name,
        unit: pA.unit,
        quantityMilli: a,
        unitPriceMinor: 300,
        lineTotalMinor: (a / 1000) * 300,
        grams: a,
        chilled: false,
      },
      ...(b > 0
        ? [
            {
              productId: pB.id,
              farmId: farmB.id,
              productName: pB.name,
              unit: pB.unit,
              quantityMilli: b,
              unitPriceMinor: 300,
              lineTotalMinor: (b / 1000) * 300,
              grams: b,
              chilled: false,
            },
          ]
        : []),
    ];
    await prisma.order.create({
      data: {
        buyerId: buyer.id,
        hubId: hub.id,
        cycleId: cycle.id,
        slotId: cycle.slots[0]!.id,
        fulfilment: "DELIVERY",
        paymentMethod: "ON_DELIVERY",
        address: "1 Test Street",
        lat: 51.46,
        lng: -2.58,
        subtotalMinor: 1000,
        totalMinor: 1000,
        totalGrams: a + b,
        lines: { create: lines },
      },
    });
  }
  return { coordinator, hub, cycle, ownerA, ownerB, farmA, farmB };
}

describe("/farm/collections", () => {
  it("shows an empty state before planning, then the farm's own collection time, grams and CO2e", async () => {
    const { coordinator, hub, cycle, ownerA, ownerB, farmA, farmB } = await hubWithTwoFarms();
    const before = await pageFor(ownerA.id);
    expect(before.res.status).toBe(200);
    expect(before.data!.cycles).toEqual([
      expect.objectContaining({ id: cycle.id, planned: false, orderedGrams: 6500, co2eGrams: null, collections: [] }),
    ]);

    const started = await startPlanning({ hubId: hub.id, cycleId: cycle.id, userId: coordinator.id, effort: "quick" });
    if (!started.ok) throw new Error(started.message);
    await started.done;

    const stops = await prisma.stop.findMany({ where: { route: { plan: { cycleId: cycle.id }, kind: "COLLECTION" } } });
    const stopA = stops.filter((s) => s.farmId === farmA.id);
    expect(stopA.length).toBe(1);
    expect(stops.some((s) => s.farmId === farmB.id)).toBe(false); // B brings its own goods

    const a = (await pageFor(ownerA.id)).data!;
    expect(a.farm?.id).toBe(farmA.id);
    const [cycleA] = a.cycles;
    expect(cycleA).toMatchObject({
      planned: true,
      via: "COLLECTION",
      collectedGrams: 6500,
      co2eGrams: stopA[0]!.co2eGrams,
    });
    expect(cycleA!.collections).toEqual([
      expect.objectContaining({ grams: 6500, arrivalAt: stopA[0]!.arrivalAt.toISOString(), cargo: stopA[0]!.cargo }),
    ]);
    expect(stopA[0]!.cargo).not.toBeNull();
    expect(stopA[0]!.co2eGrams).toBeGreaterThan(0);

    // The self-delivering farm sees its own drop-off trip: the orders' shares of it, to the gram.
    const b = (await pageFor(ownerB.id)).data!;
    expect(b.farm?.id).toBe(farmB.id);
    expect(b.cycles[0]).toMatchObject({ planned: true, via: "FARM_DROP_OFF", orderedGrams: 1500, collections: [] });
    expect(b.cycles[0]!.co2eGrams).toBeGreaterThan(0);
  });

  it("answers 404 for another farmer's farm and 403 for a buyer; shows nothing of other farms", async () => {
    const { ownerA, ownerB, farmA, farmB } = await hubWithTwoFarms();
    expect((await pageFor(ownerB.id, `?farm=${farmA.id}`)).res.status).toBe(404);
    expect((await pageFor(ownerA.id, `?farm=${farmB.id}`)).res.status).toBe(404);
    expect((await pageFor(ownerA.id, `?farm=${farmA.id}`)).res.status).toBe(200);
    const buyer = await createTestUser();
    expect((await pageFor(buyer.id)).res.status).toBe(403);
    const b = (await pageFor(ownerB.id)).data!;
    expect(b.cycles.every((c) => c.orderedGrams === 1500)).toBe(true);

    const newcomer = await createTestUser({ role: "FARMER" });
    const empty = await pageFor(newcomer.id);
    expect(empty.res.status).toBe(200);
    expect(empty.data).toMatchObject({ farm: null, cycles: [] });
  });
});
