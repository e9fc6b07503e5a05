import { describe, expect, it } from "vitest";
import { action as planAction, loader as planLoader } from "~/routes/hub.cycles.$cycleId.plan/route";
import { action as driverAction, loader as driverLoader } from "~/routes/driver.routes.$routeId";
import { action as manifestAction, loader as manifestLoader } from "~/routes/hub.routes.$routeId.manifest";
import { loader as aggregateCsvLoader } from "~/routes/hub.cycles.$cycleId.aggregate[.csv]";
import { parseCarbonDetail } from "~/domain/carbon";
import { estimateOrderForCheckout } from "~/services/carbon-estimate.server";
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

async function waitForJob(jobId: string) {
  for (let i = 0; i < 240; i++) {
    const job = await prisma.planningJob.findUniqueOrThrow({ where: { id: jobId } });
    if (job.status !== "RUNNING") return job;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("planning did not finish");
}

async function closedCycleWithOrders() {
  const coordinator = await createTestUser({ role: "COORDINATOR" });
  const hub = await createTestHub({ coordinatorId: coordinator.id });
  const small = await createTestVehicle(hub.id, { capacityGrams: 30_000, refrigerated: false });
  const chiller = await createTestVehicle(hub.id, { capacityGrams: 200_000, refrigerated: true });
  const farmA = await createTestFarm({ hubId: hub.id, lat: 51.5, lng: -2.7 });
  const farmB = await createTestFarm({ hubId: hub.id, lat: 51.4, lng: -2.5 });
  const veg = await createTestProduct(farmA.id, { name: "Carrots" });
  const milk = await createTestProduct(farmB.id, { name: "Milk", unit: "L", gramsPerUnit: 1030, chilled: true });
  const cycle = await createTestCycle(hub.id, { status: "CLOSED", cutoffAt: new Date(Date.now() - 3_600_000) });
  const [slot] = cycle.slots;
  const orders = [];
  const specs = [
    { lat: 51.46, lng: -2.6, lines: [{ p: veg, farm: farmA, milli: 5000, grams: 5000, chilled: false }] },
    {
      lat: 51.47,
      lng: -2.55,
      lines: [
        { p: veg, farm: farmA, milli: 3000, grams: 3000, chilled: false },
        { p: milk, farm: farmB, milli: 2000, grams: 2060, chilled: true },
      ],
    },
    { lat: null, lng: null, lines: [{ p: veg, farm: farmA, milli: 1000, grams: 1000, chilled: false }] },
  ];
  for (const spec of specs) {
    const buyer = await createTestUser({ hubId: hub.id });
    // What checkout stores: the estimate, before any route exists.
    const estimate = await estimateOrderForCheckout({
      hubId: hub.id,
      lines: spec.lines.map((l) => ({ farmId: l.farm.id, grams: l.grams, chilled: l.chilled })),
      delivery: spec.lat !== null && spec.lng !== null ? { lat: spec.lat, lng: spec.lng } : null,
    });
    orders.push(
      await prisma.order.create({
        data: {
          ...estimate.fields,
          carbonDetail: estimate.fields.carbonDetail as object,
          buyerId: buyer.id,
          hubId: hub.id,
          cycleId: cycle.id,
          slotId: slot!.id,
          fulfilment: "DELIVERY",
          paymentMethod: "ON_DELIVERY",
          address: "1 Test Street",
          lat: spec.lat,
          lng: spec.lng,
          subtotalMinor: 1000,
          totalMinor: 1000,
          totalGrams: spec.lines.reduce((s, l) => s + l.grams, 0),
          lines: {
            create: spec.lines.map((l) => ({
              productId: l.p.id,
              farmId: l.farm.id,
              productName: l.p.name,
              unit: l.p.unit,
              quantityMilli: l.milli,
              unitPriceMinor: 300,
              lineTotalMinor: (l.milli / 1000) * 300,
              grams: l.grams,
              chilled: l.chilled,
            })),
          },
        },
      }),
    );
  }
  return { coordinator, hub, cycle, orders, small, chiller, farmA, farmB };
}

describe("route planning", () => {
  it("refuses to plan a cycle that is still open, and nothing is saved", async () => {
    const coordinator = await createTestUser({ role: "COORDINATOR" });
    const hub = await createTestHub({ coordinatorId: coordinator.id });
    await createTestVehicle(hub.id);
    const cycle = await createTestCycle(hub.id);
    const res = await responseOf(
      planAction(
        args(await makeRequest(`/hub/cycles/${cycle.id}/plan`, { userId: coordinator.id, form: { intent: "plan" } }), {
          cycleId: cycle.id,
        }),
      ),
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/still open/);
    expect(await prisma.planningJob.count({ where: { cycleId: cycle.id } })).toBe(0);
  });

  it("plans both legs in a worker, explains unassigned orders, allocates carbon, and lets a driver deliver", async () => {
    const { coordinator, hub, cycle, orders, small } = await closedCycleWithOrders();

    const agg = await responseOf(
      aggregateCsvLoader(
        args(await makeRequest(`/hub/cycles/${cycle.id}/aggregate.csv?view=by-farm`, { userId: coordinator.id }), {
          cycleId: cycle.id,
        }),
      ),
    );
    expect(agg.headers.get("Content-Type")).toMatch(/text\/csv/);
    const csv = await agg.text();
    expect(csv).toContain("Carrots");
    expect(csv.trim().split("\r\n").at(-1)).toBe("All,All farms,,,11.060,,,33.00");

    const res = await responseOf(
      planAction(
        args(
          await makeRequest(`/hub/cycles/${cycle.id}/plan`, {
            userId: coordinator.id,
            form: { intent: "plan", effort: "quick" },
          }),
          { cycleId: cycle.id },
        ),
      ),
    );
    expect(res.status).toBe(200);
    const { jobId } = (await res.json()) as { jobId: string };
    const job = await waitForJob(jobId);
    expect(job.status).toBe("DONE");
    const plan = await prisma.routePlan.findUniqueOrThrow({
      where: { id: job.planId! },
      include: { routes: { include: { stops: { orderBy: { sequence: "asc" } }, vehicle: true } } },
    });
    const unassigned = plan.unassigned as Array<{ id: string; reason: string }>;
    expect(unassigned).toEqual([
      expect.objectContaining({ id: orders[2]!.id, reason: expect.stringMatching(/no delivery location/) }),
    ]);
    const delivery = plan.routes.filter((r) => r.kind === "DELIVERY");
    const served = [...new Set(delivery.flatMap((r) => r.stops.map((s) => s.orderId)))].sort();
    expect(served).toEqual([orders[0]!.id, orders[1]!.id].sort());
    // The mixed order is two stops: its chilled part only on the refrigerated vehicle.
    const parts = delivery.flatMap((r) =>
      r.stops
        .filter((s) => s.orderId === orders[1]!.id)
        .map((s) => ({ cargo: s.cargo, grams: s.gramsHandled, refrigerated: r.vehicle.refrigerated })),
    );
    expect(parts.map((p) => [p.cargo, p.grams]).sort()).toEqual([
      ["AMBIENT", 3000],
      ["CHILLED", 2060],
    ]);
    const chilledStop = delivery.find((r) =>
      r.stops.some((s) => s.orderId === orders[1]!.id && s.cargo === "CHILLED"),
    )!;
    expect(chilledStop.vehicle.refrigerated).toBe(true);
    // The dairy farm has only chilled goods (one stop); the veg farm only ambient.
    const collected = plan.routes
      .filter((r) => r.kind === "COLLECTION")
      .flatMap((r) => r.stops.map((s) => s.cargo))
      .sort();
    expect(collected).toEqual(["AMBIENT", "CHILLED"]);
    expect(plan.routes.some((r) => r.kind === "COLLECTION")).toBe(true);
    // Carbon: routes add up to the plan, stops to their route; orders carry their allocation.
    expect(plan.totalCo2eGrams).toBe(plan.routes.reduce((s, r) => s + r.co2eGrams, 0));
    for (const r of plan.routes) expect(r.stops.reduce((s, st) => s + st.co2eGrams, 0)).toBe(r.co2eGrams);
    const allocated = await prisma.order.findMany({ where: { cycleId: cycle.id } });
    expect(allocated.reduce((s, o) => s + (o.allocCo2eGrams ?? 0), 0)).toBe(plan.totalCo2eGrams);
    expect(allocated.find((o) => o.id === orders[0]!.id)?.carbonMethodVersion).toBe("foodshed-carbon-2");
    // The checkout estimate survives the plan save; the allocated figure sits beside it.
    for (const order of allocated.filter((o) => o.id !== orders[2]!.id)) {
      const before = parseCarbonDetail(orders.find((o) => o.id === order.id)!.carbonDetail);
      const detail = parseCarbonDetail(order.carbonDetail);
      expect(before?.estimate?.status).toBe("ESTIMATED");
      expect(detail?.estimate).toEqual(before?.estimate);
      expect(order.estCo2eGrams).toBe(orders.find((o) => o.id === order.id)!.estCo2eGrams);
      expect(detail?.allocation).toMatchObject({
        status: "ALLOCATED",
        planId: plan.id,
        co2eGrams: order.allocCo2eGrams,
      });
      if (detail?.allocation?.status !== "ALLOCATED") throw new Error("expected an allocation");
      expect(detail.allocation.farmToHubCo2eGrams + detail.allocation.hubToBuyerCo2eGrams).toBe(order.allocCo2eGrams);
      expect(detail.allocation.baseline).toMatchObject({ carTripMetres: 12_400, profileId: "uk-dft-defra-nts" });
      expect(detail.allocation.byFarm.every((f) => f.farmName.startsWith("Farm "))).toBe(true);
    }
    // Every route's grams reach the orders: per route, the orders' legs on it add up to the route.
    const details = allocated
      .map((o) => parseCarbonDetail(o.carbonDetail)?.allocation)
      .filter((a) => a?.status === "ALLOCATED");
    for (const r of plan.routes) {
      const fromOrders = details
        .flatMap((a) => (a?.status === "ALLOCATED" ? a.legs : []))
        .filter((l) => l.routeId === r.id)
        .reduce((s, l) => s + l.co2eGrams, 0);
      expect(fromOrders).toBe(r.co2eGrams);
    }
    expect((await prisma.deliveryCycle.findUniqueOrThrow({ where: { id: cycle.id } })).status).toBe("PLANNED");

    // Moving the heavy chilled order onto the small ambient van is refused, nothing changes.
    const other = delivery.find((r) => r.vehicleId === small.id);
    if (other) {
      const before = await prisma.stop.findMany({ where: { route: { planId: plan.id } }, orderBy: { id: "asc" } });
      const move = await responseOf(
        planAction(
          args(
            await makeRequest(`/hub/cycles/${cycle.id}/plan`, {
              userId: coordinator.id,
              form: {
                intent: "move",
                planId: plan.id,
                stopId: chilledStop.stops.find((s) => s.orderId === orders[1]!.id && s.cargo === "CHILLED")!.id,
                toRouteId: other.id,
                position: "1",
              },
            }),
            { cycleId: cycle.id },
          ),
        ),
      );
      expect(move.status).toBe(400);
      expect(JSON.stringify(await move.json())).toMatch(/not refrigerated|over its capacity/);
      expect(await prisma.stop.findMany({ where: { route: { planId: plan.id } }, orderBy: { id: "asc" } })).toEqual(
        before,
      );
    }

    // Another coordinator cannot see or change this plan's routes.
    const stranger = await createTestUser({ role: "COORDINATOR" });
    await createTestHub({ coordinatorId: stranger.id });
    const stop = delivery.flatMap((r) => r.stops).find((s) => s.orderId === orders[0]!.id)!;
    const denied = await responseOf(
      driverAction(
        args(
          await makeRequest(`/driver/routes/${delivery[0]!.id}`, {
            userId: stranger.id,
            form: { intent: "delivered", stopId: stop.id },
          }),
          { routeId: delivery[0]!.id },
        ),
      ),
    );
    expect(denied.status).toBe(404);

    const done = await responseOf(
      driverAction(
        args(
          await makeRequest(`/driver/routes/${stop.routeId}`, {
            userId: coordinator.id,
            form: { intent: "delivered", stopId: stop.id, proofKind: "SAFE_PLACE", safePlace: "Porch" },
          }),
          { routeId: stop.routeId },
        ),
      ),
    );
    expect(done.status).toBe(302);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: stop.orderId! } })).status).toBe("DELIVERED");
    const bad = await responseOf(
      driverAction(
        args(
          await makeRequest(`/driver/routes/${stop.routeId}`, {
            userId: coordinator.id,
            form: { intent: "failed", stopId: stop.id, reason: "" },
          }),
          { routeId: stop.routeId },
        ),
      ),
    );
    expect(bad.status).toBe(400);
    void hub;
  });

  it("splits mixed farms and orders by goods: a small chiller takes the chilled parts, ordinary vans the rest; an order is delivered when all its stops are", async () => {
    const coordinator = await createTestUser({ role: "COORDINATOR" });
    const hub = await createTestHub({ coordinatorId: coordinator.id });
    await createTestVehicle(hub.id, { capacityGrams: 200_000, refrigerated: false });
    const chiller = await createTestVehicle(hub.id, { capacityGrams: 5_000, refrigerated: true });
    const farm = await createTestFarm({ hubId: hub.id, lat: 51.5, lng: -2.7 });
    const veg = await createTestProduct(farm.id, { name: "Carrots" });
    const cheese = await createTestProduct(farm.id, { name: "Cheese", chilled: true });
    const cycle = await createTestCycle(hub.id, { status: "CLOSED", cutoffAt: new Date(Date.now() - 3_600_000) });
    const orders = [];
    for (let i = 0; i < 3; i++) {
      const buyer = await createTestUser({ hubId: hub.id });
      orders.push(
        await prisma.order.create({
          data: {
            buyerId: buyer.id,
            hubId: hub.id,
            cycleId: cycle.id,
            slotId: cycle.slots[0]!.id,
            fulfilment: "DELIVERY",
            paymentMethod: "ON_DELIVERY",
            status: "CONFIRMED",
            address: `${i + 1} Mixed Street`,
            lat: 51.45 + i * 0.01,
            lng: -2.6,
            subtotalMinor: 1000,
            totalMinor: 1000,
            totalGrams: 11_000,
            lines: {
              create: [
                {
                  productId: veg.id,
                  farmId: farm.id,
                  productName: "Carrots",
                  unit: veg.unit,
                  quantityMilli: 10_000,
                  unitPriceMinor: 50,
                  lineTotalMinor: 500,
                  grams: 10_000,
                  chilled: false,
                },
                {
                  productId: cheese.id,
                  farmId: farm.id,
                  productName: "Cheese",
                  unit: cheese.unit,
                  quantityMilli: 1000,
                  unitPriceMinor: 500,
                  lineTotalMinor: 500,
                  grams: 1000,
                  chilled: true,
                },
              ],
            },
          },
        }),
      );
    }
    const res = await responseOf(
      planAction(
        args(
          await makeRequest(`/hub/cycles/${cycle.id}/plan`, {
            userId: coordinator.id,
            form: { intent: "plan", effort: "quick" },
          }),
          { cycleId: cycle.id },
        ),
      ),
    );
    const job = await waitForJob(((await res.json()) as { jobId: string }).jobId);
    expect(job.status).toBe("DONE");
    const plan = await prisma.routePlan.findUniqueOrThrow({
      where: { id: job.planId! },
      include: { routes: { include: { stops: { orderBy: { sequence: "asc" } }, vehicle: true } } },
    });
    const stops = plan.routes.flatMap((r) =>
      r.stops.map((s) => ({ ...s, kind: r.kind, refrigerated: r.vehicle.refrigerated })),
    );
    // The farm's 3 kg of cheese fits the chiller; its 30 kg of carrots go on the van.
    expect(
      stops
        .filter((s) => s.kind === "COLLECTION")
        .map((s) => [s.cargo, s.gramsHandled, s.refrigerated])
        .sort(),
    ).toEqual([
      ["AMBIENT", 30_000, false],
      ["CHILLED", 3000, true],
    ]);
    // Every order: a chilled stop on the chiller and an ambient stop on the van; nothing unassigned.
    for (const order of orders) {
      expect(
        stops
          .filter((s) => s.orderId === order.id)
          .map((s) => [s.cargo, s.gramsHandled, s.refrigerated])
          .sort(),
      ).toEqual([
        ["AMBIENT", 10_000, false],
        ["CHILLED", 1000, true],
      ]);
    }
    expect(plan.unassigned).toEqual([]);
    expect(plan.routes.find((r) => r.kind === "DELIVERY" && r.vehicleId === chiller.id)!.loadGrams).toBe(3000);

    // Carbon: each route is the sum of its stops; each order the sum over both parts' legs.
    for (const r of plan.routes) expect(r.stops.reduce((s, st) => s + st.co2eGrams, 0)).toBe(r.co2eGrams);
    const allocated = await prisma.order.findMany({ where: { cycleId: cycle.id } });
    expect(allocated.reduce((s, o) => s + (o.allocCo2eGrams ?? 0), 0)).toBe(plan.totalCo2eGrams);
    for (const order of allocated) {
      const detail = parseCarbonDetail(order.carbonDetail)?.allocation;
      if (detail?.status !== "ALLOCATED") throw new Error("expected an allocation");
      expect(detail.legs).toHaveLength(4);
      expect(detail.legs.reduce((s, l) => s + l.co2eGrams, 0)).toBe(order.allocCo2eGrams);
      const own = stops.filter((s) => s.orderId === order.id);
      const delivered = detail.legs.filter((l) => l.via === "DELIVERY");
      expect(delivered.map((l) => [l.routeId, l.grams]).sort()).toEqual(
        own.map((s) => [s.routeId, s.gramsHandled]).sort(),
      );
      expect(delivered.map((l) => l.co2eGrams).sort()).toEqual(own.map((s) => s.co2eGrams).sort());
      expect(
        detail.legs
          .filter((l) => l.via === "COLLECTION")
          .map((l) => l.grams)
          .sort(),
      ).toEqual([1000, 10_000]);
      // Refrigeration (decision 026): only the chilled parts, which rode the chiller, carry it.
      const chilledRoutes = new Set(plan.routes.filter((r) => r.vehicleId === chiller.id).map((r) => r.id));
      for (const l of detail.legs) expect((l.refrigerationCo2eGrams ?? 0) > 0).toBe(chilledRoutes.has(l.routeId!));
      expect(detail.refrigerationCo2eGrams).toBe(detail.legs.reduce((s, l) => s + (l.refrigerationCo2eGrams ?? 0), 0));
    }
    // Each route stores its refrigeration part: the chiller's, charged to its chilled goods; none on the van.
    for (const r of plan.routes) {
      expect(r.refrigerationSharedByAll).toBe(false);
      expect((r.refrigerationCo2eGrams ?? 0) > 0).toBe(r.vehicleId === chiller.id);
    }
    const refrigeration = plan.routes.reduce((s, r) => s + (r.refrigerationCo2eGrams ?? 0), 0);
    const ordersRefrigeration = allocated.reduce((s, o) => {
      const a = parseCarbonDetail(o.carbonDetail)?.allocation;
      return s + (a?.status === "ALLOCATED" ? (a.refrigerationCo2eGrams ?? 0) : 0);
    }, 0);
    expect(ordersRefrigeration).toBe(refrigeration);

    // The collection manifest lists what to collect at the farm, chilled marked, per part.
    const chilledCollection = stops.find((s) => s.kind === "COLLECTION" && s.cargo === "CHILLED")!;
    const manifest = await responseOf(
      manifestLoader(
        args(await makeRequest(`/hub/routes/${chilledCollection.routeId}/manifest`, { userId: coordinator.id }), {
          routeId: chilledCollection.routeId,
        }),
      ),
    );
    const { route } = (await manifest.json()) as {
      route: { stops: Array<{ items: Array<{ productName: string; quantityMilli: number; chilled: boolean }> }> };
    };
    expect(route.stops[0]!.items).toEqual([
      expect.objectContaining({ productName: "Cheese", quantityMilli: 3000, chilled: true }),
    ]);

    // Order status follows both parts: DELIVERED only when both are done; a failed part leaves the
    // order out for delivery while its other part is on the van, PARTLY_DELIVERED (saying what was
    // and was not delivered) once both are finished (docs/decisions/032).
    const mark = async (stopId: string, routeId: string, form: Record<string, string>) =>
      responseOf(
        driverAction(
          args(await makeRequest(`/driver/routes/${routeId}`, { userId: coordinator.id, form: { ...form, stopId } }), {
            routeId,
          }),
        ),
      );
    const partsOf = (orderId: string) =>
      stops.filter((s) => s.orderId === orderId).sort((a, b) => (a.cargo! < b.cargo! ? -1 : 1));
    const [ambient0, chilled0] = partsOf(orders[0]!.id);
    const handed = { intent: "delivered", proofKind: "RECIPIENT", recipient: "Ann" };
    await mark(chilled0!.id, chilled0!.routeId, handed);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: orders[0]!.id } })).status).toBe("OUT_FOR_DELIVERY");
    await mark(ambient0!.id, ambient0!.routeId, handed);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: orders[0]!.id } })).status).toBe("DELIVERED");
    const [ambient1, chilled1] = partsOf(orders[1]!.id);
    await mark(chilled1!.id, chilled1!.routeId, {
      intent: "failed",
      failureCode: "OTHER",
      failureNote: "Cheese too warm",
    });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: orders[1]!.id } })).toMatchObject({
      status: "OUT_FOR_DELIVERY",
      failureReason: "Chilled goods not delivered (Cheese too warm); ambient goods still on the way.",
    });
    await mark(ambient1!.id, ambient1!.routeId, handed);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: orders[1]!.id } })).toMatchObject({
      status: "PARTLY_DELIVERED",
      failureReason: "Chilled goods not delivered (Cheese too warm); ambient goods delivered.",
    });
    expect((await prisma.deliveryCycle.findUniqueOrThrow({ where: { id: cycle.id } })).status).toBe("PLANNED");

    // Routes have started: planning again is refused in words, and nothing is replaced.
    const again = await responseOf(
      planAction(
        args(
          await makeRequest(`/hub/cycles/${cycle.id}/plan`, {
            userId: coordinator.id,
            form: { intent: "plan", effort: "quick" },
          }),
          { cycleId: cycle.id },
        ),
      ),
    );
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: string }).error).toMatch(
      /^Delivery \d+(, Delivery \d+)* ha(s|ve) started \(\d+ stops? marked\): planning again would lose that progress\. Move stops by hand instead\.$/,
    );
    expect(await prisma.routePlan.count({ where: { cycleId: cycle.id } })).toBe(1);
    const page = (await (
      await responseOf(
        planLoader(
          args(await makeRequest(`/hub/cycles/${cycle.id}/plan`, { userId: coordinator.id }), { cycleId: cycle.id }),
        ),
      )
    ).json()) as { deliveryStarted: string | null };
    expect(page.deliveryStarted).toMatch(/planning again would lose that progress/);
  });

  it("a re-plan keeps each vehicle's driver, chosen on the plan page, unless they were deactivated", async () => {
    const { coordinator, hub, cycle, chiller } = await closedCycleWithOrders();
    const plan = async () => {
      const res = await responseOf(
        planAction(
          args(
            await makeRequest(`/hub/cycles/${cycle.id}/plan`, {
              userId: coordinator.id,
              form: { intent: "plan", effort: "quick" },
            }),
            { cycleId: cycle.id },
          ),
        ),
      );
      expect(res.status).toBe(200);
      const job = await waitForJob(((await res.json()) as { jobId: string }).jobId);
      expect(job.status).toBe("DONE");
      return prisma.route.findMany({ where: { planId: job.planId! }, orderBy: { position: "asc" } });
    };
    const dana = await createTestUser({ role: "DRIVER", hubId: hub.id });
    const eli = await createTestUser({ role: "DRIVER", hubId: hub.id });
    // Dana drives the deliveries, Eli the collections.
    const expected = (r: { kind: string }) => (r.kind === "DELIVERY" ? dana.id : eli.id);
    // The plan page's select posts to the manifest's action with returnTo=plan, and comes back.
    const assign = async (routeId: string, driverId: string) =>
      responseOf(
        manifestAction(
          args(
            await makeRequest(`/hub/routes/${routeId}/manifest`, {
              userId: coordinator.id,
              form: { intent: "assign", driverId, returnTo: "plan" },
            }),
            { routeId },
          ),
        ),
      );
    const first = await plan();
    expect(new Set(first.map((r) => r.kind))).toEqual(new Set(["COLLECTION", "DELIVERY"]));
    expect(first.every((r) => r.vehicleId === chiller.id)).toBe(true);
    for (const route of first) {
      const res = await assign(route.id, expected(route));
      expect(res.status).toBe(302);
      expect(res.headers.get("Location")).toBe(`/hub/cycles/${cycle.id}/plan#route-${route.id}`);
    }
    // Its rules are the manifest's: not a driver of the hub → 400 with a message, nothing changes.
    const refused = await assign(first[0]!.id, coordinator.id);
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toMatch(/Choose one of your hub’s active drivers/);
    // The plan page lists each route's driver and the hub's active drivers for the selects.
    const page = await (
      (await planLoader(
        args(await makeRequest(`/hub/cycles/${cycle.id}/plan`, { userId: coordinator.id }), { cycleId: cycle.id }),
      )) as Response
    ).json();
    expect(page.drivers.map((d: { id: string }) => d.id).sort()).toEqual([dana.id, eli.id].sort());
    expect(page.routes.map((r: { driverId: string }) => r.driverId)).toEqual(first.map(expected));

    const second = await plan();
    expect(second.map((r) => r.driverId)).toEqual(second.map(expected));
    // An assignment on the replaced plan is refused (409).
    expect((await assign(first[0]!.id, dana.id)).status).toBe(409);

    // Eli is deactivated (set directly, so the routes still name them): the next plan's
    // collections get nobody — not Dana, who drove the other leg — and Dana keeps the deliveries.
    await prisma.user.update({ where: { id: eli.id }, data: { deactivatedAt: new Date() } });
    const third = await plan();
    expect(third.map((r) => r.driverId)).toEqual(third.map((r) => (r.kind === "DELIVERY" ? dana.id : null)));
    // Only the hub's own active drivers are carried (the select's check): not another hub's.
    const stranger = await createTestUser({ role: "DRIVER" });
    await prisma.route.updateMany({ where: { planId: third[0]!.planId }, data: { driverId: stranger.id } });
    const fourth = await plan();
    expect(fourth.every((r) => r.driverId === null)).toBe(true);
  });

  it("a re-plan replaces only the allocation: the checkout estimate stays", async () => {
    const { coordinator, cycle, orders } = await closedCycleWithOrders();
    const plan = async () => {
      const res = await responseOf(
        planAction(
          args(
            await makeRequest(`/hub/cycles/${cycle.id}/plan`, {
              userId: coordinator.id,
              form: { intent: "plan", effort: "quick" },
            }),
            { cycleId: cycle.id },
          ),
        ),
      );
      expect(res.status).toBe(200);
      const job = await waitForJob(((await res.json()) as { jobId: string }).jobId);
      expect(job.status).toBe("DONE");
      return job.planId!;
    };
    const first = await plan();
    const second = await plan();
    expect(second).not.toBe(first);
    const order = await prisma.order.findUniqueOrThrow({ where: { id: orders[1]!.id } });
    const detail = parseCarbonDetail(order.carbonDetail);
    expect(detail?.estimate).toEqual(parseCarbonDetail(orders[1]!.carbonDetail)?.estimate);
    expect(detail?.allocation?.planId).toBe(second);
    const routes = await prisma.route.findMany({ where: { planId: second } });
    const all = await prisma.order.findMany({ where: { cycleId: cycle.id } });
    expect(all.reduce((s, o) => s + (o.allocCo2eGrams ?? 0), 0)).toBe(routes.reduce((s, r) => s + r.co2eGrams, 0));

    // A driver page opened on the first plan: its marks are refused and change nothing.
    const old = await prisma.route.findFirstOrThrow({
      where: { planId: first, kind: "DELIVERY" },
      include: { stops: true },
    });
    const driver = async (form: Record<string, string>) =>
      responseOf(
        driverAction(
          args(await makeRequest(`/driver/routes/${old.id}`, { userId: coordinator.id, form }), { routeId: old.id }),
        ),
      );
    const marks: Array<Record<string, string>> = [
      { intent: "delivered", stopId: old.stops[0]!.id },
      { intent: "failed", stopId: old.stops[0]!.id, reason: "Nobody home" },
      { intent: "start" },
    ];
    for (const form of marks) {
      const refused = await driver(form);
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as { error: string }).error).toMatch(/planned again/);
    }
    expect((await prisma.stop.findUniqueOrThrow({ where: { id: old.stops[0]!.id } })).status).toBe("PENDING");
    expect((await prisma.order.findMany({ where: { cycleId: cycle.id } })).map((o) => o.status)).toEqual(
      all.map(() => "CONFIRMED"),
    );
  });

  it("a coordinator sees and changes only their own hub: another hub's plan, stops and routes → 404, nothing changed", async () => {
    const { coordinator, hub, cycle } = await closedCycleWithOrders();
    const started = await responseOf(
      planAction(
        args(
          await makeRequest(`/hub/cycles/${cycle.id}/plan`, {
            userId: coordinator.id,
            form: { intent: "plan", effort: "quick" },
          }),
          { cycleId: cycle.id },
        ),
      ),
    );
    const job = await waitForJob(((await started.json()) as { jobId: string }).jobId);
    const plan = await prisma.routePlan.findUniqueOrThrow({
      where: { id: job.planId! },
      include: { routes: { include: { stops: { orderBy: { sequence: "asc" } } }, orderBy: { position: "asc" } } },
    });
    const delivery = plan.routes.filter((r) => r.kind === "DELIVERY");
    const route = delivery[0]!;
    const stop = route.stops[0]!;
    const otherRoute = delivery.find((r) => r.id !== route.id) ?? route;

    // Another coordinator, with a hub and a closed cycle of their own.
    const stranger = await createTestUser({ role: "COORDINATOR" });
    const strangerHub = await createTestHub({ coordinatorId: stranger.id });
    await createTestVehicle(strangerHub.id);
    const ownCycle = await createTestCycle(strangerHub.id, {
      status: "CLOSED",
      cutoffAt: new Date(Date.now() - 3_600_000),
    });

    const snapshot = async () => ({
      plans: await prisma.routePlan.findMany({ where: { cycleId: cycle.id }, orderBy: { id: "asc" } }),
      routes: await prisma.route.findMany({ where: { plan: { cycleId: cycle.id } }, orderBy: { id: "asc" } }),
      stops: await prisma.stop.findMany({ where: { route: { plan: { cycleId: cycle.id } } }, orderBy: { id: "asc" } }),
      orders: await prisma.order.findMany({
        where: { cycleId: cycle.id },
        orderBy: { id: "asc" },
        select: { id: true, status: true, allocCo2eGrams: true },
      }),
      jobs: await prisma.planningJob.count({ where: { cycleId: cycle.id } }),
      cycle: await prisma.deliveryCycle.findUniqueOrThrow({ where: { id: cycle.id } }),
    });
    const before = await snapshot();
    const as = (path: string, form?: Record<string, string>) => makeRequest(path, { userId: stranger.id, form });
    const theirs = `/hub/cycles/${cycle.id}/plan`;
    const mine = `/hub/cycles/${ownCycle.id}/plan`;
    const attempts: Array<[string, () => Promise<unknown>]> = [
      ["plan page", async () => planLoader(args(await as(theirs), { cycleId: cycle.id }))],
      [
        "plan",
        async () => planAction(args(await as(theirs, { intent: "plan", effort: "quick" }), { cycleId: cycle.id })),
      ],
      [
        "move via their cycle",
        async () =>
          planAction(
            args(
              await as(theirs, {
                intent: "move",
                planId: plan.id,
                stopId: stop.id,
                toRouteId: otherRoute.id,
                position: "1",
              }),
              { cycleId: cycle.id },
            ),
          ),
      ],
      [
        "move via own cycle",
        async () =>
          planAction(
            args(
              await as(mine, {
                intent: "move",
                planId: plan.id,
                stopId: stop.id,
                toRouteId: otherRoute.id,
                position: "1",
              }),
              { cycleId: ownCycle.id },
            ),
          ),
      ],
      [
        "lock via their cycle",
        async () => planAction(args(await as(theirs, { intent: "lock", planId: plan.id }), { cycleId: cycle.id })),
      ],
      [
        "lock via own cycle",
        async () => planAction(args(await as(mine, { intent: "lock", planId: plan.id }), { cycleId: ownCycle.id })),
      ],
      [
        "cancel",
        async () => planAction(args(await as(theirs, { intent: "cancel", jobId: job.id }), { cycleId: cycle.id })),
      ],
      [
        "manifest",
        async () => manifestLoader(args(await as(`/hub/routes/${route.id}/manifest`), { routeId: route.id })),
      ],
      ["driver page", async () => driverLoader(args(await as(`/driver/routes/${route.id}`), { routeId: route.id }))],
      [
        "driver start",
        async () =>
          driverAction(args(await as(`/driver/routes/${route.id}`, { intent: "start" }), { routeId: route.id })),
      ],
      [
        "driver delivered",
        async () =>
          driverAction(
            args(await as(`/driver/routes/${route.id}`, { intent: "delivered", stopId: stop.id }), {
              routeId: route.id,
            }),
          ),
      ],
      [
        "driver failed",
        async () =>
          driverAction(
            args(await as(`/driver/routes/${route.id}`, { intent: "failed", stopId: stop.id, reason: "Nobody home" }), {
              routeId: route.id,
            }),
          ),
      ],
    ];
    // One at a time, each awaited as it starts: a rejection is never left unobserved.
    for (const [label, attempt] of attempts) {
      const res = await responseOf(attempt());
      expect({ label, status: res.status }).toEqual({ label, status: 404 });
    }
    expect(await snapshot()).toEqual(before);

    // A stop of this hub named on another of this hub's routes is not found either.
    const mixed = await responseOf(
      driverAction(
        args(
          await makeRequest(`/driver/routes/${plan.routes.find((r) => r.kind === "COLLECTION")!.id}`, {
            userId: coordinator.id,
            form: { intent: "delivered", stopId: stop.id },
          }),
          { routeId: plan.routes.find((r) => r.kind === "COLLECTION")!.id },
        ),
      ),
    );
    expect(mixed.status).toBe(404);
    expect(await snapshot()).toEqual(before);

    // A delivered cycle's plan is a record: it can be locked, never unlocked.
    await prisma.deliveryCycle.update({ where: { id: cycle.id }, data: { status: "DELIVERED" } });
    const asOwner = (form: Record<string, string>) => makeRequest(theirs, { userId: coordinator.id, form });
    const locked = await responseOf(
      planAction(args(await asOwner({ intent: "lock", planId: plan.id }), { cycleId: cycle.id })),
    );
    expect(locked.status).toBe(302);
    const unlocked = await responseOf(
      planAction(args(await asOwner({ intent: "unlock", planId: plan.id }), { cycleId: cycle.id })),
    );
    expect(unlocked.status).toBe(400);
    expect((await prisma.routePlan.findUniqueOrThrow({ where: { id: plan.id } })).status).toBe("LOCKED");
    void hub;
  });
});
