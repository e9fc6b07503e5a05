import { describe, expect, it } from "vitest";
import { allocateCycle, type RouteInput } from "./allocation";
import { estimateOrderCarbon } from "./estimate";
import { METHOD_VERSION } from "./factors";
import {
  allocatedRouteIds,
  buildTransportStatement,
  inPeriod,
  isBusinessBuyer,
  isCalendarDate,
  lastFullQuarter,
  periodDays,
  periodQueryWindow,
  resolvePeriod,
  StatementPeriodSchema,
  type StatementOrderInput,
} from "./statement";
import {
  buildAllocationDetail,
  buildEstimateDetail,
  orderCarbonFieldsFromAllocation,
  orderCarbonFieldsFromEstimate,
} from "./stored-detail";
import { parseFactorOverrides } from "./factors";

describe("statement period", () => {
  it("defaults to the last full calendar quarter", () => {
    expect(lastFullQuarter("2026-12-05")).toEqual({ from: "2026-07-01", to: "2026-09-30" });
    expect(lastFullQuarter("2026-01-01")).toEqual({ from: "2025-10-01", to: "2025-12-31" });
    expect(lastFullQuarter("2026-04-01")).toEqual({ from: "2026-01-01", to: "2026-03-31" });
    expect(lastFullQuarter("2024-05-20")).toEqual({ from: "2024-01-01", to: "2024-03-31" });
    expect(lastFullQuarter("2026-07-15")).toEqual({ from: "2026-04-01", to: "2026-06-30" });
  });

  it("parses both dates or neither, in order, at most two years", () => {
    expect(StatementPeriodSchema.safeParse({}).success).toBe(true);
    expect(StatementPeriodSchema.safeParse({ from: "2026-01-01", to: "2026-03-31" }).data).toEqual({
      from: "2026-01-01",
      to: "2026-03-31",
    });
    const paths = (input: unknown) =>
      (StatementPeriodSchema.safeParse(input).error?.issues ?? []).map((i) => i.path.join("."));
    expect(paths({ from: "2026-01-01" })).toEqual(["to"]);
    expect(paths({ to: "2026-01-01" })).toEqual(["from"]);
    expect(paths({ from: "2026-02-30", to: "2026-03-01" })).toEqual(["from"]);
    expect(paths({ from: "01/02/2026", to: "2026-03-01" })).toEqual(["from"]);
    expect(paths({ from: "2026-03-02", to: "2026-03-01" })).toEqual(["to"]);
    expect(paths({ from: "2024-01-01", to: "2025-12-31" })).toEqual([]); // 731 days
    expect(paths({ from: "2024-01-01", to: "2026-01-01" })).toEqual(["to"]);
    expect(paths({ from: 7, to: "2026-01-01" })).toEqual(["from"]);
  });

  it("resolves the default and counts days", () => {
    expect(resolvePeriod({}, "2026-12-05")).toEqual({ from: "2026-07-01", to: "2026-09-30" });
    expect(resolvePeriod({ from: "2026-11-01", to: "2026-11-30" }, "2026-12-05")).toEqual({
      from: "2026-11-01",
      to: "2026-11-30",
    });
    expect(periodDays({ from: "2026-01-01", to: "2026-12-31" })).toBe(365);
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2027-02-29")).toBe(false);
  });

  it("queries a window wide enough for every time zone, then decides by the local day", () => {
    const window = periodQueryWindow({ from: "2026-10-01", to: "2026-10-31" });
    expect(window.start.toISOString()).toBe("2026-09-30T00:00:00.000Z");
    expect(window.end.toISOString()).toBe("2026-11-02T00:00:00.000Z");
    expect(inPeriod("2026-10-31", { from: "2026-10-01", to: "2026-10-31" })).toBe(true);
    expect(inPeriod("2026-11-01", { from: "2026-10-01", to: "2026-10-31" })).toBe(false);
  });

  it("knows business buyers", () => {
    expect(isBusinessBuyer("RESTAURANT")).toBe(true);
    expect(isBusinessBuyer("HOUSEHOLD")).toBe(false);
    expect(isBusinessBuyer(null)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------

const at = new Date("2026-10-01T10:00:00Z");
const names = new Map([
  ["F1", "Hill Farm"],
  ["F2", "Vale Dairy"],
]);
const lines = [
  { farmId: "F1", grams: 2_000, chilled: false },
  { farmId: "F2", grams: 1_000, chilled: true },
];

function estimated(distanceBasis: "GREAT_CIRCLE_X_CIRCUITY" = "GREAT_CIRCLE_X_CIRCUITY") {
  const estimate = estimateOrderCarbon({
    lines,
    farms: [
      { farmId: "F1", farmToHubMetres: 15_000, arrival: "COLLECTION" },
      { farmId: "F2", farmToHubMetres: 9_000, arrival: "FARM_DROP_OFF" },
    ],
    delivery: { hubToBuyerMetres: 6_000 },
    distanceBasis,
  });
  const detail = buildEstimateDetail({
    estimate,
    lines,
    householdCarTrip: false,
    farmNames: names,
    typicalRounds: { collection: "HUB_HISTORY", delivery: "DEFAULT" },
    refrigeratedUplift: false,
    computedAt: at,
  });
  return orderCarbonFieldsFromEstimate(detail.estimate);
}

const routes: RouteInput[] = [
  {
    id: "r-col",
    kind: "COLLECTION",
    metres: 40_000,
    distanceKind: "PLANNED",
    vehicle: { energyType: "van-diesel-class-iii", refrigerated: false },
    stops: [
      { id: "s1", distanceFromDepotMetres: 15_000, consignments: [{ orderId: "o1", farmId: "F1", grams: 2_000 }] },
    ],
  },
  {
    id: "drop-off:F2",
    kind: "FARM_DROP_OFF",
    metres: 18_000,
    distanceKind: "PLANNED",
    vehicle: { energyType: "van-diesel-average", refrigerated: false },
    stops: [
      { id: "s2", distanceFromDepotMetres: 9_000, consignments: [{ orderId: "o1", farmId: "F2", grams: 1_000 }] },
    ],
  },
  {
    id: "r-del",
    kind: "DELIVERY",
    metres: 20_000,
    distanceKind: "PLANNED",
    vehicle: { energyType: "van-diesel-average", refrigerated: true },
    stops: [
      { id: "s3", distanceFromDepotMetres: 6_000, consignments: [{ orderId: "o1", farmId: null, grams: 3_000 }] },
    ],
  },
];

function allocated(distanceBasis: "ROAD_NETWORK" | "GREAT_CIRCLE_X_CIRCUITY") {
  const estimate = estimated();
  const cycle = allocateCycle({ routes, distanceBasis });
  const allocation = buildAllocationDetail({
    allocated: cycle.orders[0]!,
    lines,
    householdCarTrip: false,
    farmNames: names,
    planId: "plan-1",
    computedAt: at,
  });
  return { fields: orderCarbonFieldsFromAllocation(allocation, estimate.carbonDetail), total: cycle.totals.routeGrams };
}

function order(id: string, number: number, deliveryDate: string, fields: Record<string, unknown>): StatementOrderInput {
  return {
    id,
    number,
    deliveryDate: new Date(deliveryDate),
    timeZone: "Europe/London",
    hubName: "Bristol",
    fulfilment: "DELIVERY",
    totalGrams: 3_000,
    estCo2eGrams: null,
    estFoodMetres: null,
    allocCo2eGrams: null,
    allocFoodMetres: null,
    carbonMethodVersion: null,
    carbonFactorSet: null,
    carbonDetail: null,
    ...fields,
  };
}

const storedRoutes = [
  { id: "r-col", factorKey: "van-diesel-class-iii", refrigerated: false },
  { id: "r-del", factorKey: "van-diesel-average", refrigerated: true },
];

describe("transport statement", () => {
  const period = { from: "2026-10-01", to: "2026-12-31" };

  it("lists allocated figures with their route factors and road-network quality", () => {
    const { fields, total } = allocated("ROAD_NETWORK");
    const input = order(
      "o1",
      11,
      "2026-10-14T00:00:00Z",
      JSON.parse(JSON.stringify(fields)) as Record<string, unknown>,
    );
    expect(allocatedRouteIds([input]).sort()).toEqual(["r-col", "r-del"]);
    const statement = buildTransportStatement({ period, orders: [input], routes: storedRoutes });
    const [line] = statement.lines;
    expect(line).toMatchObject({
      figure: "ALLOCATED",
      co2eGrams: total,
      method: "ROUTES_TONNE_KM",
      methodVersion: METHOD_VERSION,
      factorSetId: "desnz-2025",
      deliveryDate: "2026-10-14",
      factorsRecorded: true,
      quality: { level: "ROAD_NETWORK", distanceBasis: "ROAD_NETWORK", roundSources: null, ownTripModelled: true },
    });
    expect(line!.farmToHubCo2eGrams! + line!.hubToBuyerCo2eGrams!).toBe(total);
    // Route factors (refrigerated × 1.19) and the farm's own trip on the default van.
    expect(line!.factors).toEqual([
      {
        key: "van-diesel-class-iii",
        label: "Van class III (1.74–3.5 t), diesel",
        refrigerated: false,
        kgPerKm: 0.34584,
        year: 2025,
        factorSetId: "desnz-2025",
        via: ["COLLECTION"],
      },
      {
        key: "van-diesel-average",
        label: "Van, average (up to 3.5 t), diesel",
        refrigerated: false,
        kgPerKm: 0.31689,
        year: 2025,
        factorSetId: "desnz-2025",
        via: ["FARM_DROP_OFF"],
      },
      {
        key: "van-diesel-average",
        label: "Van, average (up to 3.5 t), diesel",
        refrigerated: true,
        kgPerKm: 0.3771,
        year: 2025,
        factorSetId: "desnz-2025",
        via: ["DELIVERY"],
      },
    ]);
    expect(statement.factorSets.map((s) => s.id)).toEqual(["desnz-2025"]);
  });

  it("calls planned routes on straight-line distances ROUTED, and says when a route's vehicle is gone", () => {
    const { fields } = allocated("GREAT_CIRCLE_X_CIRCUITY");
    const input = order("o1", 11, "2026-10-14T00:00:00Z", fields);
    const [line] = buildTransportStatement({ period, orders: [input], routes: [storedRoutes[0]!] }).lines;
    expect(line!.quality.level).toBe("ROUTED");
    expect(line!.factorsRecorded).toBe(false);
    expect(line!.factors.map((f) => f.via)).toEqual([["COLLECTION"], ["FARM_DROP_OFF"]]);
  });

  it("marks a checkout estimate as such: modelled, its rounds, only the own trip's factor recorded", () => {
    const fields = estimated();
    const [line] = buildTransportStatement({
      period,
      orders: [order("o2", 12, "2026-11-02T00:00:00Z", fields)],
      routes: [],
    }).lines;
    expect(line).toMatchObject({
      figure: "ESTIMATE",
      co2eGrams: fields.estCo2eGrams,
      foodMetres: fields.estFoodMetres,
      method: "TYPICAL_ROUND_TONNE_KM",
      factorsRecorded: false,
      quality: {
        level: "MODELLED",
        distanceBasis: "GREAT_CIRCLE_X_CIRCUITY",
        roundSources: { collection: "HUB_HISTORY", delivery: "DEFAULT" },
        ownTripModelled: true,
      },
    });
    expect(line!.factors.map((f) => f.key)).toEqual(["van-diesel-average"]);
  });

  it("keeps orders of the period only (by the hub's calendar day), oldest first, and adds them up", () => {
    const { fields } = allocated("ROAD_NETWORK");
    const orders = [
      order("late", 30, "2027-01-01T00:00:00Z", estimated()),
      // 23:30 UTC on 30 September is 00:30 on 1 October in London (BST): in the period.
      order("edge", 20, "2026-09-30T23:30:00Z", fields),
      order("early", 10, "2026-09-30T12:00:00Z", fields),
      order("mid", 25, "2026-11-20T00:00:00Z", estimated()),
      order("none", 26, "2026-11-20T00:00:00Z", {}),
    ];
    const statement = buildTransportStatement({ period, orders, routes: storedRoutes });
    expect(statement.lines.map((l) => l.orderId)).toEqual(["edge", "mid", "none"]);
    const t = statement.totals;
    expect(t).toMatchObject({ orders: 3, allocatedOrders: 1, estimatedOrders: 1, notEstimatedOrders: 1 });
    expect(t.co2eGrams).toBe(statement.lines.reduce((s, l) => s + (l.co2eGrams ?? 0), 0));
    expect(t.co2eGrams).toBe(t.allocatedCo2eGrams + t.estimatedCo2eGrams);
    expect(t.farmToHubCo2eGrams + t.hubToBuyerCo2eGrams).toBe(t.co2eGrams);
    expect(t.grams).toBe(9_000);
    expect(statement.lines[2]).toMatchObject({ figure: "NOT_ESTIMATED", co2eGrams: null, reason: null });
  });

  it("shows no value for a factor set it does not know, and the reason of an order without a figure", () => {
    const other = parseFactorOverrides({ id: "grid-2030", source: "Test grid", year: 2030 });
    const { fields } = allocated("ROAD_NETWORK");
    const foreign = JSON.parse(JSON.stringify(fields).replaceAll('"desnz-2025"', '"old-set"')) as Record<
      string,
      unknown
    >;
    const notEstimated = orderCarbonFieldsFromEstimate({
      status: "NOT_ESTIMATED",
      methodVersion: "foodshed-carbon-1",
      factorSetId: "desnz-2025",
      distanceBasis: "GREAT_CIRCLE_X_CIRCUITY",
      computedAt: at.toISOString(),
      reason: "The order's goods weigh 0 g.",
    });
    const statement = buildTransportStatement({
      period,
      orders: [order("a", 1, "2026-10-02T00:00:00Z", foreign), order("b", 2, "2026-10-03T00:00:00Z", notEstimated)],
      routes: storedRoutes,
      factorSets: [other],
    });
    expect(statement.lines[0]!.factors.every((f) => f.kgPerKm === null && f.year === null)).toBe(true);
    expect(statement.lines[0]!.factorSetId).toBe("old-set");
    expect(statement.lines[1]).toMatchObject({ figure: "NOT_ESTIMATED", reason: "The order's goods weigh 0 g." });
    expect(statement.factorSets).toEqual([]);
  });
});
