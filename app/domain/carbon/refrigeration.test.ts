// The refrigeration split (decision 026): a refrigerated route's emissions are the base vehicle
// part, shared by t·km among all goods, and the refrigeration part, shared by t·km among the
// chilled goods only — or among all goods, flagged, when none was chilled.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateCycle, allocateRoute, type Consignment, type RouteInput } from "./allocation";
import { DESNZ_2025, resolveVehicleFactor } from "./factors";
import { routeEmissionsGrams, routeEmissionsParts } from "./route-emissions";

const fridge = { energyType: "van-diesel-class-iii", refrigerated: true };
const ambientVan = { energyType: "van-diesel-class-iii", refrigerated: false };

// A 20 km delivery round in a refrigerated class III van:
//   total 20,000 × 0.34584 × 1.19 = 8,230.99 → 8,231 g; base 20,000 × 0.34584 = 6,916.8 → 6,917 g;
//   refrigeration 8,231 − 6,917 = 1,314 g.
// Stops: d1 4 km 25 kg, d2 6 km 25 kg, d3 2 km 5 kg → t·km 0.100 / 0.150 / 0.010 (Σ 0.260).
function route(chilled: [number, number, number], vehicle = fridge): RouteInput {
  const stop = (id: string, km: number, kg: number, chilledKg: number) => ({
    id,
    distanceFromDepotMetres: km * 1000,
    consignments: [{ orderId: `o-${id}`, farmId: null, grams: kg * 1000, chilledGrams: chilledKg * 1000 }],
  });
  return {
    id: "R",
    kind: "DELIVERY",
    metres: 20_000,
    distanceKind: "DRIVEN",
    vehicle,
    stops: [stop("d1", 4, 25, chilled[0]), stop("d2", 6, 25, chilled[1]), stop("d3", 2, 5, chilled[2])],
  };
}

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

describe("routeEmissionsParts", () => {
  it("splits a refrigerated route into base and refrigeration, adding up to the route total", () => {
    const factor = resolveVehicleFactor(DESNZ_2025, fridge);
    const parts = routeEmissionsParts({ metres: 20_000, distanceKind: "DRIVEN", factor });
    expect(parts).toEqual({ totalGrams: 8_231, baseGrams: 6_917, refrigerationGrams: 1_314 });
    expect(parts.totalGrams).toBe(routeEmissionsGrams({ metres: 20_000, distanceKind: "DRIVEN", factor }));
  });

  it("has no refrigeration part on an ambient vehicle", () => {
    const factor = resolveVehicleFactor(DESNZ_2025, ambientVan);
    expect(routeEmissionsParts({ metres: 20_000, distanceKind: "DRIVEN", factor })).toEqual({
      totalGrams: 6_917,
      baseGrams: 6_917,
      refrigerationGrams: 0,
    });
  });
});

describe("allocateRoute on a refrigerated van", () => {
  it("mixed route: the base part by all goods' t·km, the refrigeration part by chilled t·km only", () => {
    // d1 ambient; d2 10 of its 25 kg chilled; d3 all chilled.
    const a = allocateRoute(route([0, 10, 5]));
    expect(a).toMatchObject({
      routeGrams: 8_231,
      baseGrams: 6_917,
      refrigerationGrams: 1_314,
      refrigerationChargedTo: "CHILLED",
      basis: "MASS_DISTANCE",
      refrigerationBasis: "MASS_DISTANCE",
      unallocatedGrams: 0,
    });
    // Base 6,917 × 100/150/10 ÷ 260 = 2,660.38 / 3,990.58 / 266.04 → floors 6,916, +1 to d2 (.58).
    // Refrigeration 1,314 by chilled t·km 0 / 10 kg × 6 km = 60 / 5 kg × 2 km = 10 (Σ 70):
    //   0 / 1,126.29 / 187.71 → floors 1,313, +1 to d3 (.71) → 0 / 1,126 / 188.
    expect(a.stops.map((s) => s.refrigerationGramsCo2e)).toEqual([0, 1_126, 188]);
    expect(a.stops.map((s) => s.gramsCo2e)).toEqual([2_660, 3_991 + 1_126, 266 + 188]);
    expect(sum(a.stops.map((s) => s.gramsCo2e))).toBe(8_231);
    // The ambient drop pays what it would on an ambient van: no refrigeration.
    expect(a.stops[0]!.gramsCo2e).toBe(allocateRoute(route([0, 10, 5], ambientVan)).stops[0]!.gramsCo2e);
  });

  it("chilled-only route: both parts by the same t·km, each rounded to the gram", () => {
    const a = allocateRoute(route([25, 25, 5]));
    expect(a.refrigerationChargedTo).toBe("CHILLED");
    // Refrigeration 1,314 × 100/150/10 ÷ 260 = 505.38 / 758.08 / 50.54 → 505 / 758 / 51.
    expect(a.stops.map((s) => s.refrigerationGramsCo2e)).toEqual([505, 758, 51]);
    expect(a.stops.map((s) => s.gramsCo2e)).toEqual([3_165, 4_749, 317]);
    expect(sum(a.stops.map((s) => s.gramsCo2e))).toBe(8_231);
  });

  it("ambient goods only: the unit still ran, so all goods share its part, and the route says so", () => {
    const a = allocateRoute(route([0, 0, 0]));
    expect(a.refrigerationChargedTo).toBe("ALL_GOODS");
    expect(a.refrigerationGrams).toBe(1_314);
    // Shared like the base part: the same figures as the chilled-only route.
    expect(a.stops.map((s) => s.refrigerationGramsCo2e)).toEqual([505, 758, 51]);
    expect(a.stops.map((s) => s.gramsCo2e)).toEqual([3_165, 4_749, 317]);
    expect(sum(a.stops.map((s) => s.gramsCo2e))).toBe(a.routeGrams);
  });

  it("an ambient van has no refrigeration part, whatever it carries", () => {
    const a = allocateRoute(route([25, 25, 5], ambientVan));
    expect(a).toMatchObject({
      routeGrams: 6_917,
      baseGrams: 6_917,
      refrigerationGrams: 0,
      refrigerationChargedTo: "NONE",
      refrigerationBasis: "NONE",
    });
    expect(a.stops.map((s) => s.gramsCo2e)).toEqual([2_660, 3_991, 266]);
    expect(a.stops.every((s) => s.refrigerationGramsCo2e === 0)).toBe(true);
  });

  it("within a stop, the refrigeration part goes to the orders' chilled grams", () => {
    // A refrigerated collection: one farm stop 10 km out; o1 20 kg (5 kg chilled), o2 10 kg ambient.
    const a = allocateRoute({
      id: "C",
      kind: "COLLECTION",
      metres: 20_000,
      distanceKind: "DRIVEN",
      vehicle: fridge,
      stops: [
        {
          id: "F",
          distanceFromDepotMetres: 10_000,
          consignments: [
            { orderId: "o1", farmId: "F", grams: 20_000, chilledGrams: 5_000 },
            { orderId: "o2", farmId: "F", grams: 10_000, chilledGrams: 0 },
          ],
        },
      ],
    });
    // Base 6,917 by mass 2:1 → 4,611.33 / 2,305.67 → 4,611 / 2,306; refrigeration 1,314 all to o1.
    expect(a.stops[0]!.consignments).toEqual([
      { orderId: "o1", farmId: "F", gramsCo2e: 4_611 + 1_314, refrigerationGramsCo2e: 1_314 },
      { orderId: "o2", farmId: "F", gramsCo2e: 2_306, refrigerationGramsCo2e: 0 },
    ]);
  });

  it("falls back to chilled mass when every chilled stop is at the depot", () => {
    const r = route([0, 10, 5]);
    const atDepot: RouteInput = {
      ...r,
      stops: r.stops.map((s) => (s.id === "d1" ? s : { ...s, distanceFromDepotMetres: 0 })),
    };
    const a = allocateRoute(atDepot);
    expect(a.refrigerationBasis).toBe("MASS");
    // 1,314 by chilled mass 10:5 → 876 / 438; the ambient stop still pays none.
    expect(a.stops.map((s) => s.refrigerationGramsCo2e)).toEqual([0, 876, 438]);
  });

  it("refuses chilled grams above a consignment's grams, naming them", () => {
    const r = route([0, 30, 0]);
    expect(() => allocateRoute(r)).toThrow(/chilled grams of order "o-d2" \(30000\) exceed its grams \(25000\)/);
    const negative = route([0, 0, 0]);
    (negative.stops[0]!.consignments[0] as Consignment).chilledGrams = -1;
    expect(() => allocateRoute(negative)).toThrow(/chilled grams of order "o-d1" must be a non-negative integer/);
  });
});

describe("allocateCycle with a refrigerated route", () => {
  it("orders carry their refrigeration parts, and orders sum to the cycle total to the gram", () => {
    const cycle = allocateCycle({
      routes: [route([0, 10, 5]), { ...route([0, 0, 0]), id: "R2" }],
      distanceBasis: "ROAD_NETWORK",
    });
    expect(cycle.routes.map((r) => r.refrigerationChargedTo)).toEqual(["CHILLED", "ALL_GOODS"]);
    const allocated = cycle.orders.flatMap((o) => (o.status === "ALLOCATED" ? [o] : []));
    expect(allocated).toHaveLength(3);
    // o-d1 is ambient: no refrigeration on R, its share of R2's (which had no chilled goods).
    expect(allocated.map((o) => [o.orderId, o.refrigerationGramsCo2e])).toEqual([
      ["o-d1", 505],
      ["o-d2", 1_126 + 758],
      ["o-d3", 188 + 51],
    ]);
    expect(sum(allocated.map((o) => o.refrigerationGramsCo2e))).toBe(2 * 1_314);
    expect(sum(allocated.map((o) => o.gramsCo2e))).toBe(cycle.totals.routeGrams);
    expect(cycle.totals).toEqual({
      routeGrams: 2 * 8_231,
      orderGrams: 2 * 8_231,
      unallocatedGrams: 0,
      notEstimatedOrderGrams: 0,
    });
  });
});

// Random routes: a consignment's chilled grams never exceed its grams.
const consignmentArb = fc
  .record({
    orderId: fc.constantFrom("o1", "o2", "o3", "o4"),
    farmId: fc.option(fc.constantFrom("f1", "f2"), { nil: null }),
    grams: fc.integer({ min: 0, max: 2_000_000 }),
    chilledPercent: fc.constantFrom(0, 0, 25, 100),
  })
  .map(({ chilledPercent, ...c }): Consignment => ({
    ...c,
    chilledGrams: Math.floor((c.grams * chilledPercent) / 100),
  }));

const routeArb: fc.Arbitrary<RouteInput> = fc.record({
  id: fc.constant("r"),
  kind: fc.constantFrom("COLLECTION" as const, "DELIVERY" as const),
  metres: fc.integer({ min: 0, max: 400_000 }),
  distanceKind: fc.constantFrom("DRIVEN" as const, "PLANNED" as const),
  vehicle: fc.record({
    energyType: fc.constantFrom("van-diesel-class-iii", "van-bev-average", "van-diesel-class-i"),
    refrigerated: fc.boolean(),
  }),
  stops: fc.array(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 4 }),
      distanceFromDepotMetres: fc.integer({ min: 0, max: 150_000 }),
      consignments: fc.array(consignmentArb, { minLength: 0, maxLength: 4 }),
    }),
    { minLength: 0, maxLength: 25 },
  ),
});

describe("the split on random routes (property)", () => {
  it("adds up to the route to the gram; ambient goods pay no refrigeration when chilled goods are on board; the base part is the ambient van's allocation", () => {
    fc.assert(
      fc.property(routeArb, (r) => {
        const a = allocateRoute(r);
        const consignments = a.stops.flatMap((s) => s.consignments);
        const inputs = r.stops.flatMap((s) => s.consignments);
        expect(a.baseGrams + a.refrigerationGrams).toBe(a.routeGrams);
        expect(sum(consignments.map((c) => c.gramsCo2e)) + a.unallocatedGrams).toBe(a.routeGrams);
        if (r.stops.length > 0) expect(sum(a.stops.map((s) => s.gramsCo2e))).toBe(a.routeGrams);
        for (const s of a.stops) {
          if (s.consignments.length > 0)
            expect(sum(s.consignments.map((c) => c.refrigerationGramsCo2e))).toBe(s.refrigerationGramsCo2e);
        }
        if (a.refrigerationChargedTo === "CHILLED") {
          expect(sum(consignments.map((c) => c.refrigerationGramsCo2e))).toBe(a.refrigerationGrams);
          consignments.forEach((c, i) => {
            if ((inputs[i]?.chilledGrams ?? 0) === 0) expect(c.refrigerationGramsCo2e).toBe(0);
          });
        }
        const ambient = allocateRoute({ ...r, vehicle: { ...r.vehicle, refrigerated: false } });
        expect(ambient.routeGrams).toBe(a.baseGrams);
        expect(consignments.map((c) => c.gramsCo2e - c.refrigerationGramsCo2e)).toEqual(
          ambient.stops.flatMap((s) => s.consignments.map((c) => c.gramsCo2e)),
        );
      }),
      { numRuns: 400 },
    );
  });
});
