// Electric vans' usable range per shift (issues 17 and 19): the vehicle and hub settings forms,
// planning through the planning service and the job runner, the plan page, the manifest and
// manual moves.
import { describe, expect, it } from "vitest";
import { buildPlanningProblems, solveLegs } from "~/domain/planning";
import { runWithRequestLanguage } from "~/i18n/i18n.server";
import { getPlanningSource } from "~/models/route-plan.server";
import { action as planAction, loader as planLoader } from "~/routes/hub.cycles.$cycleId.plan/route";
import { loader as manifestLoader } from "~/routes/hub.routes.$routeId.manifest";
import { action as settingsAction } from "~/routes/hub.settings";
import { action as editVehicleAction } from "~/routes/hub.vehicles.$vehicleId";
import { action as newVehicleAction } from "~/routes/hub.vehicles.new";
import { prisma } from "~/utils/db.server";
import {
  createTestCycle,
  createTestFarm,
  createTestHub,
  createTestProduct,
  createTestUser,
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

async function waitForJob(jobId: string) {
  for (let i = 0; i < 240; i++) {
    const job = await prisma.planningJob.findUniqueOrThrow({ where: { id: jobId } });
    if (job.status !== "RUNNING") return job;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("planning did not finish");
}

async function setup() {
  const coordinator = await createTestUser({ role: "COORDINATOR" });
  const hub = await createTestHub({ coordinatorId: coordinator.id });
  return { coordinator, hub };
}

describe("vehicle forms: usable range per shift", () => {
  const form = {
    name: "E-van",
    capacityKg: "600",
    energyType: "van-bev-average",
    refrigerated: "on",
    rangeKm: "160",
    shiftStart: "08:00",
    shiftEnd: "18:00",
    costPerKm: "0.20",
    active: "on",
  };

  it("stores the range typed in km as metres, empty as no limit, and refuses nonsense with a message", async () => {
    const { coordinator, hub } = await setup();
    const post = async (body: Record<string, string>) =>
      responseOf(
        newVehicleAction(args(await makeRequest("/hub/vehicles/new", { userId: coordinator.id, form: body }))),
      );
    expect((await post(form)).status).toBe(302);
    const vehicle = await prisma.vehicle.findFirstOrThrow({ where: { hubId: hub.id } });
    expect(vehicle.rangeMetres).toBe(160_000);

    for (const [rangeKm, message] of [
      ["0", "The range must be more than 0 km"],
      ["-20", "The range must be more than 0 km"],
      ["lots", "Enter the range in km, or leave it empty for no limit"],
      ["5000", "Enter at most 2,000 km"],
    ] as const) {
      const res = await post({ ...form, name: `Bad ${rangeKm}`, rangeKm });
      expect(res.status, rangeKm).toBe(400);
      expect(JSON.stringify(await res.json())).toContain(message);
    }
    expect(await prisma.vehicle.count({ where: { hubId: hub.id } })).toBe(1);

    // Editing: a decimal km figure is kept to the metre; emptying the field removes the limit.
    const edit = async (rangeKm: string) =>
      responseOf(
        editVehicleAction(
          args(
            await makeRequest(`/hub/vehicles/${vehicle.id}`, { userId: coordinator.id, form: { ...form, rangeKm } }),
            { vehicleId: vehicle.id },
          ),
        ),
      );
    expect((await edit("142.5")).status).toBe(302);
    expect((await prisma.vehicle.findUniqueOrThrow({ where: { id: vehicle.id } })).rangeMetres).toBe(142_500);
    expect((await edit("")).status).toBe(302);
    expect((await prisma.vehicle.findUniqueOrThrow({ where: { id: vehicle.id } })).rangeMetres).toBeNull();
  });
});

describe("hub settings: electric vehicles' range derating", () => {
  const form = {
    name: "Bristol Hub",
    depotAddress: "1 Quay",
    depotLat: "51.45",
    depotLng: "-2.59",
    zoneRadiusKm: "12.5",
    orderMinimum: "0",
    deliveryFee: "3.50",
    deliveryFeePerKm: "0",
    cutoffDaysBefore: "2",
    cutoffTime: "18:00",
    timeZone: "Europe/London",
    currency: "GBP",
  };

  it("starts at November–March, 20% and 15%, saves the coordinator's choice and refuses bad figures", async () => {
    const { coordinator, hub } = await setup();
    const fresh = await prisma.hub.findUniqueOrThrow({ where: { id: hub.id } });
    expect([fresh.winterMonths, fresh.winterDeratingPercent, fresh.fridgeDeratingPercent]).toEqual([
      [11, 12, 1, 2, 3],
      20,
      15,
    ]);
    const post = async (body: Record<string, string | string[]>) =>
      responseOf(settingsAction(args(await makeRequest("/hub/settings", { userId: coordinator.id, form: body }))));

    const ok = await post({
      ...form,
      winterMonths: ["12", "1", "2", "1"],
      winterDeratingPercent: "25",
      fridgeDeratingPercent: "10",
    });
    expect(ok.status).toBe(302);
    const saved = await prisma.hub.findUniqueOrThrow({ where: { id: hub.id } });
    expect([saved.winterMonths, saved.winterDeratingPercent, saved.fridgeDeratingPercent]).toEqual([
      [1, 2, 12],
      25,
      10,
    ]);

    // One month ticked is a list of one; none ticked: no winter; empty percentages: the defaults.
    expect(
      (await post({ ...form, winterMonths: "1", winterDeratingPercent: "", fridgeDeratingPercent: "" })).status,
    ).toBe(302);
    const single = await prisma.hub.findUniqueOrThrow({ where: { id: hub.id } });
    expect([single.winterMonths, single.winterDeratingPercent, single.fridgeDeratingPercent]).toEqual([[1], 20, 15]);
    expect((await post(form)).status).toBe(302);
    expect((await prisma.hub.findUniqueOrThrow({ where: { id: hub.id } })).winterMonths).toEqual([]);

    const bads: Array<Record<string, string>> = [
      { winterDeratingPercent: "95" },
      { winterDeratingPercent: "-5" },
      { fridgeDeratingPercent: "12.5" },
      { fridgeDeratingPercent: "a lot" },
    ];
    for (const bad of bads) {
      const res = await post({ ...form, ...bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(JSON.stringify(await res.json())).toContain("Enter a whole percentage from 0 to 90");
    }
    const month = await post({ ...form, winterMonths: ["1", "13"] });
    expect(month.status).toBe(400);
    expect(JSON.stringify(await month.json())).toContain("Choose winter months from the list");
    expect((await prisma.hub.findUniqueOrThrow({ where: { id: hub.id } })).winterMonths).toEqual([]);
  });
});

describe("planning with an electric van's range", () => {
  /**
   * A January cycle (winter) with a refrigerated electric van whose 30 km range is 20.4 km after
   * the default derating (× 0.8 × 0.85), and an ambient diesel van without a limit. Chilled
   * deliveries N1 and N2 (about 7 km north; both in one run is about 15 km) go on the e-van; the
   * ambient order W (about 6.5 km west) fits on either but not on the e-van's run as well; the
   * chilled order X (about 19 km north) is out of reach: its round trip alone is longer than 20.4 km.
   */
  async function januaryCycle() {
    const { coordinator, hub } = await setup();
    const eVan = await prisma.vehicle.create({
      data: {
        hubId: hub.id,
        name: "E-van",
        capacityGrams: 300_000,
        energyType: "van-bev-average",
        refrigerated: true,
        rangeMetres: 30_000,
      },
    });
    const diesel = await prisma.vehicle.create({
      data: { hubId: hub.id, name: "Diesel van", capacityGrams: 300_000, energyType: "van-diesel-class-iii" },
    });
    const dairy = await createTestFarm({ hubId: hub.id, lat: 51.46, lng: -2.59 });
    const market = await createTestFarm({ hubId: hub.id, lat: 51.45, lng: -2.58 });
    const milk = await createTestProduct(dairy.id, { name: "Milk", unit: "L", gramsPerUnit: 1030, chilled: true });
    const veg = await createTestProduct(market.id, { name: "Carrots" });
    const cycle = await createTestCycle(hub.id, {
      status: "CLOSED",
      cutoffAt: new Date(Date.now() - 3_600_000),
      deliveryDate: new Date("2031-01-15T12:00:00Z"),
    });
    const [slot] = cycle.slots;
    const orders: Record<string, string> = {};
    const places = {
      N1: { lat: 51.5, lng: -2.5879, chilled: true },
      N2: { lat: 51.505, lng: -2.58, chilled: true },
      W: { lat: 51.4545, lng: -2.66, chilled: false },
      X: { lat: 51.59, lng: -2.5879, chilled: true },
    };
    for (const [name, place] of Object.entries(places)) {
      const buyer = await createTestUser({ hubId: hub.id });
      const product = place.chilled ? milk : veg;
      const farm = place.chilled ? dairy : market;
      const order = await prisma.order.create({
        data: {
          buyerId: buyer.id,
          hubId: hub.id,
          cycleId: cycle.id,
          slotId: slot!.id,
          fulfilment: "DELIVERY",
          paymentMethod: "ON_DELIVERY",
          status: "CONFIRMED",
          address: `${name} Street`,
          lat: place.lat,
          lng: place.lng,
          subtotalMinor: 600,
          totalMinor: 600,
          currency: "GBP",
          totalGrams: 2060,
          lines: {
            create: [
              {
                productId: product.id,
                farmId: farm.id,
                productName: product.name,
                unit: product.unit,
                quantityMilli: 2000,
                unitPriceMinor: 300,
                lineTotalMinor: 600,
                grams: 2060,
                chilled: place.chilled,
              },
            ],
          },
        },
      });
      orders[name] = order.id;
    }
    return { coordinator, hub, cycle, eVan, diesel, orders };
  }

  it("keeps the e-van within its winter range, explains the order out of reach, shows km of range, and refuses a move past it", async () => {
    const { coordinator, hub, cycle, eVan, diesel, orders } = await januaryCycle();
    const RANGE = 20_400;

    // What the planner hands the solver: the e-van's range for a January cycle, the diesel none.
    const source = (await getPlanningSource({ hubId: hub.id, cycleId: cycle.id }))!;
    const problems = buildPlanningProblems(source.data);
    const limits = new Map(problems.delivery.vehicles.map((v) => [v.id, v.maxRouteMetres]));
    expect(limits.get(eVan.id)).toBe(RANGE);
    expect(limits.get(diesel.id)).toBeUndefined();
    // Without the range, the best plan drives the e-van well past it.
    const unlimited = buildPlanningProblems({
      ...source.data,
      vehicles: source.data.vehicles.map((v) => ({ ...v, rangeMetres: null })),
    });
    const free = solveLegs(
      unlimited,
      { kind: "estimate", circuity: 1.3, speedKmh: 40 },
      { timeLimitMs: 5_000, iterationLimit: 30 },
    );
    const freeEVan = free.delivery.routes.find((r) => r.vehicleId === eVan.id);
    expect(freeEVan?.distanceMetres ?? 0).toBeGreaterThan(RANGE);

    // Plan through the page, as the coordinator does (planning service, job, worker).
    const res = await responseOf(
      planAction(
        args(await makeRequest(`/hub/cycles/${cycle.id}/plan`, { userId: coordinator.id, form: { intent: "plan" } }), {
          cycleId: cycle.id,
        }),
      ),
    );
    expect(res.status).toBe(200);
    const { jobId } = (await res.json()) as { jobId: string };
    expect((await waitForJob(jobId)).status).toBe("DONE");

    const plan = await prisma.routePlan.findFirstOrThrow({
      where: { cycleId: cycle.id },
      include: { routes: { include: { stops: { orderBy: { sequence: "asc" } } } } },
    });
    const eVanRoutes = plan.routes.filter((r) => r.vehicleId === eVan.id);
    expect(eVanRoutes.length).toBeGreaterThan(0);
    for (const route of eVanRoutes) expect(route.distanceM).toBeLessThanOrEqual(RANGE);
    const eVanDelivery = eVanRoutes.find((r) => r.kind === "DELIVERY")!;
    expect(eVanDelivery.stops.map((s) => s.orderId).sort()).toEqual([orders.N1, orders.N2].sort());
    const dieselDelivery = plan.routes.find((r) => r.vehicleId === diesel.id && r.kind === "DELIVERY")!;
    expect(dieselDelivery.stops.map((s) => s.orderId)).toEqual([orders.W]);
    const unassigned = plan.unassigned as Array<{ id: string; reason: string }>;
    expect(unassigned.map((u) => u.id)).toEqual([orders.X]);
    expect(unassigned[0]!.reason).toMatch(
      /longer than the range of any vehicle that could carry it \(at most 20\.4 km\)/,
    );

    // The plan page and the manifest show planned km against the range.
    const page = (await (
      (await planLoader(
        args(await makeRequest(`/hub/cycles/${cycle.id}/plan`, { userId: coordinator.id }), { cycleId: cycle.id }),
      )) as Response
    ).json()) as { routes: Array<{ id: string; rangeMetres: number | null; warnings: string[] }> };
    const pageRoute = (id: string) => page.routes.find((r) => r.id === id)!;
    expect(pageRoute(eVanDelivery.id).rangeMetres).toBe(RANGE);
    expect(pageRoute(eVanDelivery.id).warnings).toEqual([]);
    expect(pageRoute(dieselDelivery.id).rangeMetres).toBeNull();
    const manifest = (await (
      (await manifestLoader(
        args(await makeRequest(`/hub/routes/${eVanDelivery.id}/manifest`, { userId: coordinator.id }), {
          routeId: eVanDelivery.id,
        }),
      )) as Response
    ).json()) as { route: { distanceM: number; rangeMetres: number | null } };
    expect(manifest.route).toMatchObject({ distanceM: eVanDelivery.distanceM, rangeMetres: RANGE });

    // Moving W onto the e-van's run would take it past its range: refused in words, nothing changed.
    const wStop = dieselDelivery.stops[0]!;
    const move = await responseOf(
      planAction(
        args(
          await makeRequest(`/hub/cycles/${cycle.id}/plan`, {
            userId: coordinator.id,
            form: { intent: "move", planId: plan.id, stopId: wStop.id, toRouteId: eVanDelivery.id, position: "1" },
          }),
          { cycleId: cycle.id },
        ),
      ),
    );
    expect(move.status).toBe(400);
    const { error } = (await move.json()) as { error: string };
    expect(error).toMatch(
      /^E-van would drive \d+ km on this route, over its 20 km range for this cycle\. Nothing was changed\.$/,
    );
    // The same refusal for a coordinator reading French.
    const moveRequest = await makeRequest(`/hub/cycles/${cycle.id}/plan`, {
      userId: coordinator.id,
      form: { intent: "move", planId: plan.id, stopId: wStop.id, toRouteId: eVanDelivery.id, position: "1" },
    });
    const french = await runWithRequestLanguage(
      new Request("http://localhost/", { headers: { "Accept-Language": "fr" } }),
      () => responseOf(planAction(args(moveRequest, { cycleId: cycle.id }))),
    );
    expect(french.status).toBe(400);
    expect(((await french.json()) as { error: string }).error).toMatch(
      /^E-van parcourrait \d+ km sur cette tournée, au-delà de son autonomie de 20 km pour ce cycle\. Rien n’a été modifié\.$/,
    );
    const after = await prisma.stop.findUniqueOrThrow({ where: { id: wStop.id } });
    expect(after.routeId).toBe(dieselDelivery.id);
    expect((await prisma.route.findUniqueOrThrow({ where: { id: eVanDelivery.id } })).distanceM).toBe(
      eVanDelivery.distanceM,
    );

    // A shorter range set after planning: the page warns, and the e-van's run, already over it,
    // may still be changed as long as it does not get longer (here: its two stops swapped).
    await prisma.vehicle.update({ where: { id: eVan.id }, data: { rangeMetres: 15_000 } }); // 10.2 km this cycle, shown as "10 km"
    const warned = (await (
      (await planLoader(
        args(await makeRequest(`/hub/cycles/${cycle.id}/plan`, { userId: coordinator.id }), { cycleId: cycle.id }),
      )) as Response
    ).json()) as { routes: Array<{ id: string; rangeMetres: number | null; warnings: string[] }> };
    const stale = warned.routes.find((r) => r.id === eVanDelivery.id)!;
    expect(stale.rangeMetres).toBe(10_200);
    expect(stale.warnings).toEqual([expect.stringMatching(/^Over its 10 km range for this cycle by [\d.]+ km$/)]);
    const [first, second] = eVanDelivery.stops;
    const swap = await responseOf(
      planAction(
        args(
          await makeRequest(`/hub/cycles/${cycle.id}/plan`, {
            userId: coordinator.id,
            form: { intent: "move", planId: plan.id, stopId: second!.id, toRouteId: eVanDelivery.id, position: "1" },
          }),
          { cycleId: cycle.id },
        ),
      ),
    );
    expect(swap.status).toBe(302);
    const swapped = await prisma.stop.findMany({ where: { routeId: eVanDelivery.id }, orderBy: { sequence: "asc" } });
    expect(swapped.map((s) => s.id)).toEqual([second!.id, first!.id]);
  }, 60_000);
});
