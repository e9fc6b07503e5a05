import { describe, expect, it } from "vitest";
import { action as settingsAction, loader as settingsLoader } from "~/routes/hub.settings";
import { action as newCycleAction } from "~/routes/hub.cycles.new";
import { action as cycleAction, loader as cycleLoader } from "~/routes/hub.cycles.$cycleId._index";
import { action as newVehicleAction } from "~/routes/hub.vehicles.new";
import { action as editVehicleAction } from "~/routes/hub.vehicles.$vehicleId";
import { searchProducts } from "~/services/discovery.server";
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

async function setup() {
  const coordinator = await createTestUser({ role: "COORDINATOR" });
  const hub = await createTestHub({ coordinatorId: coordinator.id });
  return { coordinator, hub };
}

const cycleForm = {
  name: "Week 1",
  deliveryDate: "2030-03-14",
  opensAt: "2030-03-01T09:00",
  cutoffAt: "2030-03-12T18:00",
  slots: "09:00-12:00\n13:00-17:00",
};

describe("hub settings", () => {
  it("saves settings in storage units and rejects a missing zone", async () => {
    const { coordinator, hub } = await setup();
    const form = {
      name: "Bristol Hub",
      depotAddress: "1 Quay",
      depotLat: "51.45",
      depotLng: "-2.59",
      zoneRadiusKm: "12.5",
      orderMinimum: "15",
      deliveryFee: "3.50",
      deliveryFeePerKm: "0.20",
      cutoffDaysBefore: "2",
      cutoffTime: "18:00",
      timeZone: "Europe/London",
      currency: "GBP",
    };
    const ok = await responseOf(
      settingsAction(args(await makeRequest("/hub/settings", { userId: coordinator.id, form }))),
    );
    expect(ok.status).toBe(302);
    const saved = await prisma.hub.findUniqueOrThrow({ where: { id: hub.id } });
    expect([
      saved.zoneRadiusM,
      saved.orderMinimumMinor,
      saved.deliveryFeeMinor,
      saved.deliveryFeePerKmMinor,
      saved.cutoffMinuteOfDay,
    ]).toEqual([12_500, 1500, 350, 20, 1080]);
    const bad = await responseOf(
      settingsAction(
        args(await makeRequest("/hub/settings", { userId: coordinator.id, form: { ...form, zoneRadiusKm: "" } })),
      ),
    );
    expect(bad.status).toBe(400);
  });

  it("sets the hub's currency until the first order, then keeps it with a message", async () => {
    const { coordinator, hub } = await setup();
    const farm = await createTestFarm({ hubId: hub.id });
    const product = await createTestProduct(farm.id);
    const current = await prisma.hub.findUniqueOrThrow({ where: { id: hub.id } });
    const form = {
      name: current.name,
      depotAddress: current.depotAddress,
      depotLat: String(current.depotLat),
      depotLng: String(current.depotLng),
      zoneRadiusKm: "10",
      orderMinimum: "0",
      deliveryFee: "0",
      deliveryFeePerKm: "0",
      cutoffDaysBefore: "2",
      cutoffTime: "18:00",
      timeZone: "Europe/Paris",
    };
    const post = async (currency: string) =>
      responseOf(
        settingsAction(
          args(await makeRequest("/hub/settings", { userId: coordinator.id, form: { ...form, currency } })),
        ),
      );
    const settingsPage = async () =>
      (await (
        (await settingsLoader(args(await makeRequest("/hub/settings", { userId: coordinator.id })))) as Response
      ).json()) as { currencyFixed: boolean };
    expect((await settingsPage()).currencyFixed).toBe(false);
    const stampBefore = (await prisma.farm.findUniqueOrThrow({ where: { id: farm.id } })).updatedAt;
    // A currency that is not offered is refused by name.
    const odd = await post("XYZ");
    expect(odd.status).toBe(400);
    expect(await odd.text()).toContain("Choose one of the listed currencies");
    expect((await post("EUR")).status).toBe(302);
    expect((await prisma.hub.findUniqueOrThrow({ where: { id: hub.id } })).currency).toBe("EUR");
    // The farm is re-stamped, so the discovery index re-reads it with the new currency.
    expect((await prisma.farm.findUniqueOrThrow({ where: { id: farm.id } })).updatedAt.getTime()).toBeGreaterThan(
      stampBefore.getTime(),
    );
    const { results } = await searchProducts({ centre: { lat: farm.lat, lng: farm.lng }, radiusKm: 5 });
    expect(results.find((r) => r.id === product.id)?.currency).toBe("EUR");

    // Once an order exists, the currency stays (the page offers only it); every other setting still saves.
    const cycle = await createTestCycle(hub.id);
    const buyer = await createTestUser({ role: "BUYER" });
    await prisma.order.create({
      data: {
        buyerId: buyer.id,
        hubId: hub.id,
        cycleId: cycle.id,
        totalGrams: 1000,
        status: "CONFIRMED",
        fulfilment: "PICKUP",
        paymentMethod: "ON_DELIVERY",
        subtotalMinor: product.retailPriceMinor,
        totalMinor: product.retailPriceMinor,
        currency: "EUR",
      },
    });
    expect((await settingsPage()).currencyFixed).toBe(true);
    const refused = await post("GBP");
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("Orders are already priced in EUR, so the currency stays EUR");
    expect((await prisma.hub.findUniqueOrThrow({ where: { id: hub.id } })).currency).toBe("EUR");
    expect((await post("EUR")).status).toBe(302);
  });

  it("is for coordinators only", async () => {
    const buyer = await createTestUser();
    const res = await responseOf(
      settingsAction(args(await makeRequest("/hub/settings", { userId: buyer.id, form: {} }))),
    );
    expect(res.status).toBe(403);
  });
});

describe("cycles", () => {
  it("creates a cycle with slots in hub time", async () => {
    const { coordinator, hub } = await setup();
    await createTestVehicle(hub.id);
    const res = await responseOf(
      newCycleAction(args(await makeRequest("/hub/cycles/new", { userId: coordinator.id, form: cycleForm }))),
    );
    expect(res.status).toBe(302);
    const cycle = await prisma.deliveryCycle.findFirstOrThrow({
      where: { hubId: hub.id },
      include: { slots: { orderBy: { startMinute: "asc" } } },
    });
    expect(cycle.cutoffAt.toISOString()).toBe("2030-03-12T18:00:00.000Z");
    expect(cycle.slots.map((s) => [s.startMinute, s.endMinute])).toEqual([
      [540, 720],
      [780, 1020],
    ]);
  });

  it("refuses a slot outside every vehicle's shift, a cut-off after delivery, and bad slots — nothing saved", async () => {
    const { coordinator, hub } = await setup();
    await createTestVehicle(hub.id); // shift 08:00–18:00
    for (const form of [
      { ...cycleForm, slots: "17:00-20:00" },
      { ...cycleForm, cutoffAt: "2030-03-15T18:00" },
      { ...cycleForm, slots: "12:00-09:00" },
      { ...cycleForm, slots: "" },
    ]) {
      const res = await responseOf(
        newCycleAction(args(await makeRequest("/hub/cycles/new", { userId: coordinator.id, form }))),
      );
      expect(res.status).toBe(400);
    }
    const res = await responseOf(
      newCycleAction(
        args(
          await makeRequest("/hub/cycles/new", {
            userId: coordinator.id,
            form: { ...cycleForm, slots: "17:00-20:00" },
          }),
        ),
      ),
    );
    expect(JSON.stringify(await res.json())).toContain("outside every vehicle's shift");
    expect(await prisma.deliveryCycle.count({ where: { hubId: hub.id } })).toBe(0);
  });

  it("refuses a second cycle delivering on the same day, and a delivery date in the past, naming why", async () => {
    const { coordinator, hub } = await setup();
    await createTestVehicle(hub.id);
    const send = async (form: Record<string, string>) =>
      responseOf(newCycleAction(args(await makeRequest("/hub/cycles/new", { userId: coordinator.id, form }))));
    expect((await send(cycleForm)).status).toBe(302);
    const again = await send({ ...cycleForm, name: "Same day again" });
    expect(again.status).toBe(400);
    expect(JSON.stringify(await again.json())).toContain("already delivers on that day");
    const past = await send({
      ...cycleForm,
      name: "Last year",
      opensAt: "2020-03-01T09:00",
      cutoffAt: "2020-03-12T18:00",
      deliveryDate: "2020-03-14",
    });
    expect(past.status).toBe(400);
    expect(JSON.stringify(await past.json())).toContain("The delivery date is in the past");
    // Another day is fine: two cycles may be open at once.
    expect(
      (await send({ ...cycleForm, name: "Next week", deliveryDate: "2030-03-21", cutoffAt: "2030-03-19T18:00" }))
        .status,
    ).toBe(302);
    expect(await prisma.deliveryCycle.count({ where: { hubId: hub.id } })).toBe(2);
  });

  it("closes ordering now, and answers 404 for another hub's cycle", async () => {
    const { coordinator, hub } = await setup();
    const cycle = await createTestCycle(hub.id);
    const res = await responseOf(
      cycleAction(
        args(await makeRequest(`/hub/cycles/${cycle.id}`, { userId: coordinator.id, form: { intent: "close" } }), {
          cycleId: cycle.id,
        }),
      ),
    );
    expect(res.status).toBe(302);
    const closed = await prisma.deliveryCycle.findUniqueOrThrow({ where: { id: cycle.id } });
    expect(closed.status).toBe("CLOSED");
    expect(closed.cutoffAt.getTime()).toBeLessThanOrEqual(Date.now());

    const other = await setup();
    const notFound = await responseOf(
      cycleLoader(
        args(await makeRequest(`/hub/cycles/${cycle.id}`, { userId: other.coordinator.id }), { cycleId: cycle.id }),
      ),
    );
    expect(notFound.status).toBe(404);
    const notClosed = await responseOf(
      cycleAction(
        args(
          await makeRequest(`/hub/cycles/${cycle.id}`, { userId: other.coordinator.id, form: { intent: "close" } }),
          { cycleId: cycle.id },
        ),
      ),
    );
    expect(notClosed.status).toBe(404);
  });
});

describe("vehicles", () => {
  const form = {
    name: "Van A",
    capacityKg: "750",
    energyType: "van-diesel-class-iii",
    refrigerated: "on",
    shiftStart: "07:30",
    shiftEnd: "16:00",
    costPerKm: "0.45",
    active: "on",
  };
  it("adds a vehicle in grams and minutes; refuses no capacity and an unknown fuel", async () => {
    const { coordinator, hub } = await setup();
    const res = await responseOf(
      newVehicleAction(args(await makeRequest("/hub/vehicles/new", { userId: coordinator.id, form }))),
    );
    expect(res.status).toBe(302);
    const v = await prisma.vehicle.findFirstOrThrow({ where: { hubId: hub.id } });
    expect([v.capacityGrams, v.refrigerated, v.shiftStartMinute, v.shiftEndMinute, v.costPerKmMinor]).toEqual([
      750_000,
      true,
      450,
      960,
      45,
    ]);
    for (const bad of [
      { ...form, capacityKg: "0" },
      { ...form, energyType: "rocket" },
      { ...form, shiftEnd: "06:00" },
    ]) {
      const r = await responseOf(
        newVehicleAction(args(await makeRequest("/hub/vehicles/new", { userId: coordinator.id, form: bad }))),
      );
      expect(r.status).toBe(400);
    }
    expect(await prisma.vehicle.count({ where: { hubId: hub.id } })).toBe(1);
  });

  it("cannot edit another hub's vehicle", async () => {
    const { hub } = await setup();
    const vehicle = await createTestVehicle(hub.id);
    const other = await setup();
    const res = await responseOf(
      editVehicleAction(
        args(await makeRequest(`/hub/vehicles/${vehicle.id}`, { userId: other.coordinator.id, form }), {
          vehicleId: vehicle.id,
        }),
      ),
    );
    expect(res.status).toBe(404);
    expect((await prisma.vehicle.findUniqueOrThrow({ where: { id: vehicle.id } })).name).toBe(vehicle.name);
  });
});
