import { describe, expect, it } from "vitest";
import { allocateCycle, allocateRoute, type RouteInput } from "./allocation";
import { DESNZ_2025, resolveVehicleFactor } from "./factors";
import { routeEmissionsGrams } from "./route-emissions";

// CARBON.md worked example: a class III diesel van drives a 42 km delivery round.
const route: RouteInput = {
  id: "worked-example",
  kind: "DELIVERY",
  metres: 42_000,
  distanceKind: "DRIVEN",
  vehicle: { energyType: "van-diesel-class-iii", refrigerated: false },
  stops: [
    { id: "A", distanceFromDepotMetres: 3_000, consignments: [{ orderId: "A", farmId: null, grams: 50_000 }] },
    { id: "B", distanceFromDepotMetres: 8_000, consignments: [{ orderId: "B", farmId: null, grams: 120_000 }] },
    { id: "C", distanceFromDepotMetres: 12_000, consignments: [{ orderId: "C", farmId: null, grams: 80_000 }] },
    { id: "D", distanceFromDepotMetres: 5_000, consignments: [{ orderId: "D", farmId: null, grams: 250_000 }] },
  ],
};

describe("CARBON.md worked example", () => {
  it("route emissions: 42 km × 0.34584 = 14,525 g", () => {
    const factor = resolveVehicleFactor(DESNZ_2025, route.vehicle);
    expect(factor.kgPerKm).toBe(0.34584);
    expect(routeEmissionsGrams({ metres: 42_000, distanceKind: "DRIVEN", factor })).toBe(14_525);
  });

  it("shares: 656 / 4,200 / 4,200 / 5,469 g, summing to 14,525 g", () => {
    // Exact quotients of 14,525 × t·km ÷ 3.320: 656.25, 4,200, 4,200, 5,468.75. Floors sum to
    // 14,524; the one gram left goes to the largest remainder (D, .75), so D = 5,469.
    const allocation = allocateRoute(route);
    expect(allocation.routeGrams).toBe(14_525);
    expect(allocation.basis).toBe("MASS_DISTANCE");
    expect(allocation.stops.map((s) => s.gramsCo2e)).toEqual([656, 4_200, 4_200, 5_469]);
    expect(allocation.stops.reduce((s, x) => s + x.gramsCo2e, 0)).toBe(14_525);
    expect(allocation.unallocatedGrams).toBe(0);
  });

  it("gives the same figures per order through allocateCycle, with provenance", () => {
    const cycle = allocateCycle({ routes: [route], distanceBasis: "ROAD_NETWORK" });
    expect(cycle.methodVersion).toBe("foodshed-carbon-2");
    expect(cycle.factorSetId).toBe("desnz-2025");
    expect(
      cycle.orders.map((o) => (o.status === "ALLOCATED" ? [o.orderId, o.gramsCo2e, o.hubToBuyerGramsCo2e] : null)),
    ).toEqual([
      ["A", 656, 656],
      ["B", 4_200, 4_200],
      ["C", 4_200, 4_200],
      ["D", 5_469, 5_469],
    ]);
    expect(cycle.totals).toEqual({
      routeGrams: 14_525,
      orderGrams: 14_525,
      unallocatedGrams: 0,
      notEstimatedOrderGrams: 0,
    });
  });
});
