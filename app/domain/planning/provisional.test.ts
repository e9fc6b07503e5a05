import { describe, expect, it } from "vitest";
import { cycleWithoutOrder, DESNZ_2025, resolveVehicleFactor, routeEmissionsParts, type PlannedRoute } from "../carbon";
import { roadDistanceMetres } from "../geo";
import { buildPlanningProblems, provisionalCycle, solveLegs, type PlanningData } from "./index";

const depot = { lat: 51.4545, lng: -2.5879 };
const CIRCUITY = 1.3;
const farm = (id: string, lat: number, lng: number) => ({
  id,
  name: id,
  lat,
  lng,
  pickupWindowStart: null,
  pickupWindowEnd: null,
  selfDelivers: false,
});
const order = (
  id: string,
  at: { lat: number; lng: number } | null,
  lines: PlanningData["orders"][number]["lines"],
): PlanningData["orders"][number] => ({
  id,
  number: 1,
  buyerName: id,
  fulfilment: at ? "DELIVERY" : "PICKUP",
  lat: at?.lat ?? null,
  lng: at?.lng ?? null,
  slot: at ? { startMinute: 540, endMinute: 720 } : null,
  lines,
});
const data: PlanningData = {
  depot,
  farms: [farm("hill", 51.5, -2.7), farm("dairy", 51.4, -2.5)],
  orders: [
    order("ann", { lat: 51.46, lng: -2.6 }, [{ farmId: "hill", grams: 5_000, chilled: false }]),
    order("bob", { lat: 51.49, lng: -2.52 }, [
      { farmId: "hill", grams: 3_000, chilled: false },
      { farmId: "dairy", grams: 2_000, chilled: false },
    ]),
    order("cat", { lat: 51.43, lng: -2.55 }, [{ farmId: "hill", grams: 1_000, chilled: false }]),
    order("dan", null, [{ farmId: "hill", grams: 4_000, chilled: false }]),
  ],
  vehicles: [
    {
      id: "van",
      name: "Van",
      capacityGrams: 500_000,
      refrigerated: false,
      shiftStartMinute: 480,
      shiftEndMinute: 1080,
      maxRouteSeconds: null,
      costPerKmMinor: 0,
      energyType: "van-diesel-class-iii",
    },
  ],
};

function plan() {
  const problems = buildPlanningProblems(data);
  const solved = solveLegs(
    problems,
    { kind: "estimate", circuity: CIRCUITY, speedKmh: 40 },
    { seed: 1, timeLimitMs: Number.POSITIVE_INFINITY, iterationLimit: 30 },
  );
  return provisionalCycle({ id: "open", data, problems, solved });
}

/** The route's emissions by the factor set, and the sum of its stops' shares. */
function totals(route: PlannedRoute) {
  const whole = routeEmissionsParts({
    metres: route.metres,
    distanceKind: "PLANNED",
    factor: resolveVehicleFactor(DESNZ_2025, route.vehicle),
  });
  return { route: Math.round(whole.totalGrams), stops: route.stops.reduce((s, x) => s + x.co2eGrams, 0) };
}

describe("the provisional plan of an open cycle", () => {
  it("has the solved rounds with their places, loads and slots, and shares that sum to each round", () => {
    const cycle = plan();
    expect(cycle.provisional).toBe(true);
    const delivery = cycle.routes.filter((r) => r.kind === "DELIVERY");
    const collection = cycle.routes.filter((r) => r.kind === "COLLECTION");
    expect(delivery.flatMap((r) => r.stops.map((s) => s.orderId)).sort()).toEqual(["ann", "bob", "cat"]);
    expect(delivery.flatMap((r) => r.stops).every((s) => s.point !== null && s.slot?.startMinute === 540)).toBe(true);
    const farmStops = collection.flatMap((r) => r.stops);
    // The collection carries every order's goods, the pickup order's too.
    expect(Object.fromEntries(farmStops.map((s) => [s.farmId, s.gramsHandled]))).toEqual({
      hill: 13_000,
      dairy: 2_000,
    });
    expect(cycle.farmGrams).toEqual({ hill: 13_000, dairy: 2_000 });
    for (const route of cycle.routes) {
      expect(route.vehicle).toEqual({ energyType: "van-diesel-class-iii", refrigerated: false });
      expect(route.capacityGrams).toBe(500_000);
      const t = totals(route);
      expect(t.stops).toBe(t.route);
      expect(t.route).toBeGreaterThan(0);
    }
  });

  it("without an order: its stop and goods leave, the round is shorter by its detour and shared again", () => {
    const cycle = plan();
    const without = cycleWithoutOrder({
      cycle,
      order: { id: "bob", lines: data.orders[1]!.lines },
      depot,
      circuity: CIRCUITY,
    });
    expect(without.provisional).toBe(true);
    expect(without.farmGrams).toEqual({ hill: 10_000, dairy: 0 });
    const stops = without.routes.flatMap((r) => r.stops);
    expect(stops.some((s) => s.orderId === "bob")).toBe(false);
    // Bob was the dairy's only buyer: the dairy leaves its round.
    expect(stops.some((s) => s.farmId === "dairy")).toBe(false);
    expect(stops.find((s) => s.farmId === "hill")!.gramsHandled).toBe(10_000);

    const before = cycle.routes.find((r) => r.stops.some((s) => s.orderId === "bob"))!;
    const after = without.routes.find((r) => r.kind === "DELIVERY")!;
    const i = before.stops.findIndex((s) => s.orderId === "bob");
    const at = (k: number) => (k < 0 || k >= before.stops.length ? depot : before.stops[k]!.point!);
    const detour =
      roadDistanceMetres(at(i - 1), at(i), CIRCUITY) +
      roadDistanceMetres(at(i), at(i + 1), CIRCUITY) -
      roadDistanceMetres(at(i - 1), at(i + 1), CIRCUITY);
    expect(Math.abs(before.metres - after.metres - detour)).toBeLessThanOrEqual(2);
    // The collection round lost a farm: shorter, and its shares sum to it again.
    const collectionBefore = cycle.routes.find((r) => r.kind === "COLLECTION")!;
    const collectionAfter = without.routes.find((r) => r.kind === "COLLECTION")!;
    expect(collectionAfter.metres).toBeLessThan(collectionBefore.metres);
    const t = totals(collectionAfter);
    expect(t.stops).toBe(t.route);
    // The plan it came from is unchanged.
    expect(cycle.farmGrams).toEqual({ hill: 13_000, dairy: 2_000 });
  });
});
