import { describe, expect, it } from "vitest";
import { compareCycles, farmCarbonTable, perKg } from "./cycle-farms";

describe("carbon by farm", () => {
  const input = {
    farms: [
      { farmId: "hill", farmName: "Hill Farm", selfDelivers: false },
      { farmId: "vale", farmName: "Vale Dairy", selfDelivers: true },
      { farmId: "mill", farmName: "Mill Orchard", selfDelivers: false },
    ],
    delivered: [
      { farmId: "hill", grams: 12_000 },
      { farmId: "vale", grams: 500 },
      { farmId: "hill", grams: 3_000 },
      { farmId: "mill", grams: 2_000 },
    ],
    routes: [
      {
        kind: "COLLECTION" as const,
        co2eGrams: 7_263,
        stops: [
          { farmId: "hill", co2eGrams: 5_000 },
          { farmId: "mill", co2eGrams: 2_263 },
        ],
      },
      { kind: "COLLECTION" as const, co2eGrams: 400, stops: [] },
      { kind: "DELIVERY" as const, co2eGrams: 3_631, stops: [{ farmId: null, co2eGrams: 3_631 }] },
    ],
    ownTrips: [
      { farmId: "vale", co2eGrams: 8_000 },
      { farmId: "vale", co2eGrams: 4_350 },
    ],
  };

  it("gives each farm its collection share, own trips and CO2e per kg, the most per kg first", () => {
    const table = farmCarbonTable(input);
    expect(table.rows).toEqual([
      {
        farmId: "vale",
        farmName: "Vale Dairy",
        arrival: "OWN_TRIP",
        deliveredGrams: 500,
        collectionCo2eGrams: 0,
        ownTripCo2eGrams: 12_350,
        farmToHubCo2eGrams: 12_350,
        co2eGramsPerKg: 24_700,
      },
      {
        farmId: "mill",
        farmName: "Mill Orchard",
        arrival: "COLLECTED",
        deliveredGrams: 2_000,
        collectionCo2eGrams: 2_263,
        ownTripCo2eGrams: null,
        farmToHubCo2eGrams: 2_263,
        co2eGramsPerKg: 1_132,
      },
      {
        farmId: "hill",
        farmName: "Hill Farm",
        arrival: "COLLECTED",
        deliveredGrams: 15_000,
        collectionCo2eGrams: 5_000,
        ownTripCo2eGrams: null,
        farmToHubCo2eGrams: 5_000,
        co2eGramsPerKg: 333,
      },
    ]);
  });

  it("adds up with the cycle: farm shares + collection at no farm + delivery + own trips = total", () => {
    const { rows, totals, cycle } = farmCarbonTable(input);
    expect(totals).toEqual({
      deliveredGrams: 17_500,
      collectionCo2eGrams: 7_263,
      ownTripCo2eGrams: 12_350,
      farmToHubCo2eGrams: 19_613,
      co2eGramsPerKg: 1_121,
    });
    expect(cycle).toEqual({
      collectionRoutesCo2eGrams: 7_663,
      collectionAtNoFarmCo2eGrams: 400,
      deliveryRoutesCo2eGrams: 3_631,
      ownTripsCo2eGrams: 12_350,
      totalCo2eGrams: 23_644,
    });
    expect(rows.reduce((s, r) => s + r.farmToHubCo2eGrams, 0)).toBe(totals.farmToHubCo2eGrams);
    expect(totals.farmToHubCo2eGrams + cycle.collectionAtNoFarmCo2eGrams + cycle.deliveryRoutesCo2eGrams).toBe(
      cycle.totalCo2eGrams,
    );
  });

  it("names a farm left off the routes, and one with goods on a route but none delivered", () => {
    const table = farmCarbonTable({
      farms: [{ farmId: "a", farmName: "A", selfDelivers: false }],
      delivered: [{ farmId: "a", grams: 1_000 }],
      routes: [{ kind: "COLLECTION", co2eGrams: 100, stops: [{ farmId: "b", co2eGrams: 100 }] }],
      ownTrips: [],
    });
    expect(table.rows.map((r) => [r.farmName, r.arrival, r.co2eGramsPerKg])).toEqual([
      ["A", "NOT_ON_A_ROUTE", 0],
      ["b", "COLLECTED", null],
    ]);
    expect(farmCarbonTable({ farms: [], delivered: [], routes: [], ownTrips: [] }).totals.co2eGramsPerKg).toBeNull();
  });

  it("per kg rounds to the gram and refuses 0 kg", () => {
    expect(perKg(14_062, 12_000)).toBe(1_172);
    expect(perKg(5, 0)).toBeNull();
  });
});

describe("cycles compared", () => {
  it("puts the report's cycle first, then the earlier ones newest first, with per kg and food km per order", () => {
    const cycle = (id: string, day: string, extra: Partial<Parameters<typeof compareCycles>[1][number]> = {}) => ({
      cycleId: id,
      name: id,
      deliveryDate: new Date(`${day}T00:00:00Z`),
      hubRoutesCo2eGrams: 10_000,
      ownTripsCo2eGrams: 2_000,
      orders: 4,
      deliveredGrams: 24_000,
      foodMetresSum: 90_000,
      ordersWithFoodMetres: 4,
      ...extra,
    });
    const rows = compareCycles("w3", [
      cycle("w1", "2026-11-01"),
      cycle("w3", "2026-11-15", { deliveredGrams: 0, ordersWithFoodMetres: 0 }),
      cycle("w2", "2026-11-08"),
    ]);
    expect(rows.map((r) => [r.cycleId, r.current])).toEqual([
      ["w3", true],
      ["w2", false],
      ["w1", false],
    ]);
    expect(rows[1]).toMatchObject({ totalCo2eGrams: 12_000, co2eGramsPerKg: 500, foodMetresPerOrder: 22_500 });
    expect(rows[0]).toMatchObject({ co2eGramsPerKg: null, foodMetresPerOrder: null });
  });
});
