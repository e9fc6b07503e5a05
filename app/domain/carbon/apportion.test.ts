import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apportion, apportionEqually } from "./apportion";
import { allocateRoute, type RouteInput } from "./allocation";

describe("apportion (largest remainder)", () => {
  it.each([
    { total: 10, weights: [1, 1, 1], parts: [4, 3, 3], why: "tie: lowest index first" },
    { total: 10, weights: [1, 1, 2], parts: [3, 2, 5], why: "2.5/2.5/5 → tie between 0 and 1" },
    { total: 0, weights: [3, 4], parts: [0, 0], why: "zero total" },
    { total: 7, weights: [0, 5, 0], parts: [0, 7, 0], why: "zero weights get nothing" },
    { total: 100, weights: [1, 2, 3, 4], parts: [10, 20, 30, 40], why: "exact" },
    { total: 1, weights: [1, 1, 1], parts: [1, 0, 0], why: "one unit, three ties" },
  ])("$why", ({ total, weights, parts }) => {
    expect(apportion(total, weights.map(BigInt))).toEqual(parts);
  });

  it("returns null when every weight is zero", () => {
    expect(apportion(5, [0n, 0n])).toBeNull();
    expect(apportion(5, [])).toBeNull();
  });

  it("stays exact where floating point would not (weights beyond 2^53)", () => {
    const big = 2n ** 60n;
    expect(apportion(3, [big, big + 1n, big - 1n])).toEqual([1, 1, 1]);
    expect(apportion(2, [big, big + 1n, big - 1n])).toEqual([1, 1, 0]);
  });

  it("splits equally with the extra units first", () => {
    expect(apportionEqually(10, 3)).toEqual([4, 3, 3]);
    expect(apportionEqually(5, 0)).toEqual([]);
  });

  it("always sums to the total and each part is within 1 of its exact quota (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 13n }), { minLength: 1, maxLength: 60 }),
        (total, weights) => {
          const parts = apportion(total, weights);
          const sum = weights.reduce((s, w) => s + w, 0n);
          if (sum === 0n) return parts === null;
          if (parts === null) return false;
          if (parts.reduce((s, p) => s + p, 0) !== total) return false;
          return parts.every((p, i) => {
            const quota = (BigInt(total) * (weights[i] as bigint)) / sum;
            return BigInt(p) === quota || BigInt(p) === quota + 1n;
          });
        },
      ),
    );
  });
});

const consignmentArb = fc.record({
  orderId: fc.constantFrom("o1", "o2", "o3", "o4", "o5", "o6"),
  farmId: fc.option(fc.constantFrom("f1", "f2", "f3"), { nil: null }),
  grams: fc.integer({ min: 0, max: 2_000_000 }),
});

const routeArb: fc.Arbitrary<RouteInput> = fc.record({
  id: fc.constant("r"),
  kind: fc.constantFrom("COLLECTION" as const, "DELIVERY" as const, "FARM_DROP_OFF" as const),
  metres: fc.integer({ min: 0, max: 400_000 }),
  distanceKind: fc.constantFrom("DRIVEN" as const, "PLANNED" as const),
  vehicle: fc.record({
    energyType: fc.constantFrom("van-diesel-class-iii", "van-bev-average", "van-petrol-average", "van-diesel-class-i"),
    refrigerated: fc.boolean(),
  }),
  stops: fc.array(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 4 }),
      distanceFromDepotMetres: fc.integer({ min: 0, max: 150_000 }),
      consignments: fc.array(consignmentArb, { minLength: 0, maxLength: 5 }),
    }),
    { minLength: 0, maxLength: 40 },
  ),
});

describe("allocateRoute on random routes (property)", () => {
  it("stop shares, consignment shares and unallocated add up exactly to the route's grams", () => {
    fc.assert(
      fc.property(routeArb, (route) => {
        const a = allocateRoute(route);
        const stopSum = a.stops.reduce((s, x) => s + x.gramsCo2e, 0);
        const consignmentSum = a.stops.reduce((s, x) => s + x.consignments.reduce((t, c) => t + c.gramsCo2e, 0), 0);
        const stopUnallocated = a.stops.reduce((s, x) => s + x.unallocatedGrams, 0);
        const allIntegers = a.stops.every(
          (s) =>
            Number.isInteger(s.gramsCo2e) &&
            s.consignments.every((c) => Number.isInteger(c.gramsCo2e) && c.gramsCo2e >= 0),
        );
        const emptyRoute = route.stops.length === 0;
        return (
          allIntegers &&
          Number.isInteger(a.routeGrams) &&
          (emptyRoute ? a.unallocatedGrams === a.routeGrams : stopSum === a.routeGrams) &&
          consignmentSum + a.unallocatedGrams === a.routeGrams &&
          stopUnallocated + (emptyRoute ? a.routeGrams : 0) === a.unallocatedGrams
        );
      }),
      { numRuns: 500 },
    );
  });

  it("is deterministic: the same route gives the same shares", () => {
    fc.assert(
      fc.property(routeArb, (route) => {
        expect(allocateRoute(route)).toEqual(allocateRoute(structuredClone(route)));
      }),
      { numRuns: 100 },
    );
  });
});
