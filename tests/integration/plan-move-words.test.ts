// A manual move on the plan page (issue 19): what it breaks is said in words that name the order,
// its buyer and the vehicle — never an internal id — and the page after the move offers to undo it,
// which puts the stop back where it was. Real database, real loader and action, real session cookies.
import { describe, expect, it } from "vitest";
import { action as planAction, loader as planLoader } from "~/routes/hub.cycles.$cycleId.plan/route";
import { moveStopInPlan } from "~/services/route-planning.server";
import { prisma } from "~/utils/db.server";
import { createTestCycle, createTestHub, createTestUser, createTestVehicle, makeRequest } from "../factories";
import { args, catchResponse } from "../support/ordering";

/** Two delivery routes: Van A with two stops near the depot, Van B with one stop 150 km north. */
async function twoRoutes() {
  const coordinator = await createTestUser({ role: "COORDINATOR" });
  const hub = await createTestHub({ coordinatorId: coordinator.id, depotLat: 51.45, depotLng: -2.58 });
  const vanA = await createTestVehicle(hub.id);
  const vanB = await createTestVehicle(hub.id);
  const cycle = await createTestCycle(hub.id, { status: "PLANNED", cutoffAt: new Date(Date.now() - 3_600_000) });
  const morning = cycle.slots.find((s) => s.startMinute === 540)!; // 09:00–12:00
  const places = [
    { name: "Ann Near", lat: 51.46, lng: -2.6 },
    { name: "Bo Nearby", lat: 51.47, lng: -2.61 },
    { name: "Cy Faraway", lat: 52.8, lng: -2.6 },
  ];
  const orders: Array<{ id: string; number: number }> = [];
  for (const place of places) {
    const buyer = await createTestUser({ hubId: hub.id });
    await prisma.user.update({ where: { id: buyer.id }, data: { name: place.name } });
    orders.push(
      await prisma.order.create({
        data: {
          buyerId: buyer.id,
          hubId: hub.id,
          cycleId: cycle.id,
          slotId: morning.id,
          fulfilment: "DELIVERY",
          paymentMethod: "ON_DELIVERY",
          address: `${place.name}'s house`,
          lat: place.lat,
          lng: place.lng,
          subtotalMinor: 500,
          totalMinor: 500,
          totalGrams: 2000,
        },
      }),
    );
  }
  const start = new Date(cycle.deliveryDate.getTime() + 9 * 3_600_000);
  const route = (vehicleId: string, position: number, stopOrders: typeof orders) => ({
    vehicleId,
    kind: "DELIVERY" as const,
    position,
    startAt: start,
    endAt: new Date(start.getTime() + 3_600_000),
    distanceM: 10_000,
    durationS: 3600,
    loadGrams: 2000 * stopOrders.length,
    co2eGrams: 0,
    factorKey: "van-diesel-average",
    stops: {
      create: stopOrders.map((order, i) => ({
        sequence: i + 1,
        orderId: order.id,
        arrivalAt: new Date(start.getTime() + (i + 1) * 600_000),
        departureAt: new Date(start.getTime() + (i + 1) * 600_000 + 120_000),
        gramsHandled: 2000,
        loadGramsAfter: 2000 * (stopOrders.length - i - 1),
        distanceFromDepotM: 2000 * (i + 1),
        co2eGrams: 0,
      })),
    },
  });
  const plan = await prisma.routePlan.create({
    data: {
      cycleId: cycle.id,
      distanceSource: "haversine",
      routes: { create: [route(vanA.id, 0, [orders[0]!, orders[1]!]), route(vanB.id, 1, [orders[2]!])] },
    },
    include: { routes: { orderBy: { position: "asc" }, include: { stops: { orderBy: { sequence: "asc" } } } } },
  });
  return { coordinator, hub, cycle, orders, plan, vanA, vanB };
}

const sequences = async (planId: string) =>
  (
    await prisma.route.findMany({
      where: { planId },
      orderBy: { position: "asc" },
      include: { stops: { orderBy: { sequence: "asc" }, select: { orderId: true } } },
    })
  ).map((r) => r.stops.map((s) => s.orderId));

describe("moving a stop by hand", () => {
  it("names the late order, its buyer and the delay in hours and minutes; no id reaches the words", async () => {
    const w = await twoRoutes();
    const moved = w.plan.routes[0]!.stops[0]!;
    const result = await moveStopInPlan({
      hubId: w.hub.id,
      planId: w.plan.id,
      stopId: moved.id,
      toRouteId: w.plan.routes[1]!.id,
      position: 2,
      timeZone: w.hub.timeZone,
      deliveryDate: w.cycle.deliveryDate,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const text = result.warnings.join("\n");
    // Ann's order now comes after a 300 km round trip north: hours after her slot ends.
    expect(text).toMatch(
      new RegExp(`Order #${w.orders[0]!.number} for Ann Near arrives \\d+ h( \\d+ min)? after its slot ends`),
    );
    expect(text).not.toMatch(/c[a-z0-9]{20,}/);
    for (const id of [w.vanA.id, w.vanB.id, moved.id, w.orders[0]!.id]) expect(text).not.toContain(id);
    expect(result.undo).toEqual({ stopId: moved.id, toRouteId: w.plan.routes[0]!.id, position: 1 });
    expect(result.stopLabel).toBe(`Order #${w.orders[0]!.number} for Ann Near`);
    // The saved plan's warnings on the page say the same.
    const page = await catchResponse(
      planLoader(
        args(await makeRequest(`/hub/cycles/${w.cycle.id}/plan`, { userId: w.coordinator.id }), {
          cycleId: w.cycle.id,
        }),
      ),
    );
    const data = (await page.json()) as { routes: Array<{ warnings: string[] }> };
    expect(data.routes[1]!.warnings.join("\n")).toMatch(
      new RegExp(`Order #${w.orders[0]!.number} for Ann Near arrives \\d+ h( \\d+ min)? after its slot ends`),
    );
  });

  it("offers to undo the move on the page it leads to; undoing puts the stop back, and a forged undo changes nothing", async () => {
    const w = await twoRoutes();
    const before = await sequences(w.plan.id);
    const moved = w.plan.routes[0]!.stops[0]!;
    const post = async (form: Record<string, string>) =>
      catchResponse(
        planAction(
          args(await makeRequest(`/hub/cycles/${w.cycle.id}/plan`, { userId: w.coordinator.id, form }), {
            cycleId: w.cycle.id,
          }),
        ),
      );
    const res = await post({
      intent: "move",
      planId: w.plan.id,
      stopId: moved.id,
      toRouteId: w.plan.routes[1]!.id,
      position: "2",
    });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("Location")!, "http://localhost");
    expect(location.pathname).toBe(`/hub/cycles/${w.cycle.id}/plan`);
    expect(await sequences(w.plan.id)).toEqual([[w.orders[1]!.id], [w.orders[2]!.id, w.orders[0]!.id]]);

    // The page it leads to says what moved and offers the way back.
    const page = await catchResponse(
      planLoader(
        args(await makeRequest(`${location.pathname}${location.search}`, { userId: w.coordinator.id }), {
          cycleId: w.cycle.id,
        }),
      ),
    );
    const { lastMove } = (await page.json()) as { lastMove: Record<string, unknown> | null };
    expect(lastMove).toMatchObject({ stopId: moved.id, toRouteId: w.plan.routes[0]!.id, position: 1 });
    expect(String(lastMove!.stop)).toContain("Ann Near");

    // A forged address naming a route of another plan offers nothing.
    const forged = await catchResponse(
      planLoader(
        args(
          await makeRequest(`${location.pathname}?undoStop=${moved.id}&undoRoute=nope&undoPosition=1`, {
            userId: w.coordinator.id,
          }),
          { cycleId: w.cycle.id },
        ),
      ),
    );
    expect(((await forged.json()) as { lastMove: unknown }).lastMove).toBeNull();

    // Undo: the stop is back at the head of Van A's route; the page after it offers no further undo.
    const undone = await post({
      intent: "move",
      undo: "1",
      planId: w.plan.id,
      stopId: String(lastMove!.stopId),
      toRouteId: String(lastMove!.toRouteId),
      position: String(lastMove!.position),
    });
    expect(undone.status).toBe(302);
    expect(undone.headers.get("Location")).toBe(`/hub/cycles/${w.cycle.id}/plan`);
    expect(await sequences(w.plan.id)).toEqual(before);

    // A bad undo flag is a 400 with words, and nothing moves.
    const bad = await post({
      intent: "move",
      undo: "yes",
      planId: w.plan.id,
      stopId: moved.id,
      toRouteId: w.plan.routes[1]!.id,
      position: "1",
    });
    expect(bad.status).toBe(400);
    expect(await sequences(w.plan.id)).toEqual(before);
  });
});
