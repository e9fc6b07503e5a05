// The cycle carbon report's per-farm table and its comparison with the hub's previous planned
// cycles, on plans written by hand and allocated by the real service: the farms' figures add up
// with the cycle's total to the gram, whatever the routes look like.
import { describe, expect, it } from "vitest";
import { parseCsv } from "~/domain/csv";
import { createRoutePlan, type NewRoute } from "~/models/route-plan.server";
import { loader as carbonLoader } from "~/routes/hub.cycles.$cycleId.carbon";
import { getCarbonReport, getCarbonReportCsv } from "~/services/carbon-report.server";
import { recomputePlanCarbon } from "~/services/route-planning.server";
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

type Farm = Awaited<ReturnType<typeof createTestFarm>>;
type Product = Awaited<ReturnType<typeof createTestProduct>>;

async function hubWithFarms() {
  const coordinator = await createTestUser({ role: "COORDINATOR" });
  const hub = await createTestHub({ coordinatorId: coordinator.id });
  const van = await createTestVehicle(hub.id, { energyType: "van-diesel-class-iii" });
  const hill = await createTestFarm({ hubId: hub.id, name: "Hill Farm", lat: 51.5, lng: -2.6 });
  const mill = await createTestFarm({ hubId: hub.id, name: "Mill Orchard", lat: 51.42, lng: -2.5 });
  const vale = await createTestFarm({ hubId: hub.id, name: "Vale Dairy", lat: 51.6, lng: -2.9 });
  await prisma.farm.update({ where: { id: vale.id }, data: { selfDelivers: true } });
  const products = new Map<string, Product>();
  for (const farm of [hill, mill, vale]) products.set(farm.id, await createTestProduct(farm.id));
  return { coordinator, hub, van, hill, mill, vale, products };
}

type Setup = Awaited<ReturnType<typeof hubWithFarms>>;

/** A cycle with one order per `parts` entry (grams per farm), planned by hand unless `plan` is false. */
async function plannedCycle(
  setup: Setup,
  deliveryDate: string,
  parts: Array<Array<[Farm, number]>>,
  { plan = true, emptyCollection = false }: { plan?: boolean; emptyCollection?: boolean } = {},
) {
  const { hub, van, coordinator, products } = setup;
  const cycle = await createTestCycle(hub.id, {
    opensAt: new Date("2026-09-01T00:00:00Z"),
    cutoffAt: new Date("2026-09-02T00:00:00Z"),
    deliveryDate: new Date(deliveryDate),
    status: "CLOSED",
  });
  const orders = [];
  for (const lines of parts) {
    const buyer = await createTestUser({ hubId: hub.id, buyerKind: "RESTAURANT" });
    const grams = lines.reduce((s, [, g]) => s + g, 0);
    orders.push(
      await prisma.order.create({
        data: {
          buyerId: buyer.id,
          hubId: hub.id,
          cycleId: cycle.id,
          slotId: cycle.slots[0]!.id,
          fulfilment: "DELIVERY",
          paymentMethod: "INVOICE",
          address: "1 Kitchen Lane",
          lat: 51.46,
          lng: -2.58,
          subtotalMinor: 1000,
          totalMinor: 1000,
          totalGrams: grams,
          lines: {
            create: lines.map(([farm, g]) => {
              const product = products.get(farm.id)!;
              return {
                productId: product.id,
                farmId: farm.id,
                productName: product.name,
                unit: product.unit,
                quantityMilli: g,
                unitPriceMinor: 300,
                lineTotalMinor: 300,
                grams: g,
              };
            }),
          },
        },
      }),
    );
  }
  if (!plan) return { cycle, orders, planId: null };
  const at = new Date(deliveryDate);
  const stop = (s: { farmId?: string; orderId?: string; grams: number; d: number }) => ({
    farmId: s.farmId ?? null,
    orderId: s.orderId ?? null,
    arrivalAt: at,
    departureAt: at,
    gramsHandled: s.grams,
    loadGramsAfter: 0,
    distanceFromDepotM: s.d,
  });
  const route = { vehicleId: van.id, locked: false, startAt: at, endAt: at, durationS: 3600 };
  const collected = new Map<string, number>();
  for (const lines of parts)
    for (const [farm, g] of lines)
      if (farm.id !== setup.vale.id) collected.set(farm.id, (collected.get(farm.id) ?? 0) + g);
  const routes: NewRoute[] = [
    {
      ...route,
      kind: "COLLECTION",
      position: 0,
      distanceM: 30_000,
      loadGrams: 0,
      stops: [...collected].map(([farmId, g], i) => stop({ farmId, grams: g, d: 6_000 + 4_000 * i })),
    },
    {
      ...route,
      kind: "DELIVERY",
      position: 1,
      distanceM: 14_000,
      loadGrams: 0,
      stops: orders.map((o, i) => stop({ orderId: o.id, grams: o.totalGrams, d: 3_000 + 1_000 * i })),
    },
  ];
  // A collection run that ended up with no stops still burns fuel: no farm carries it.
  if (emptyCollection)
    routes.push({ ...route, kind: "COLLECTION", position: 2, distanceM: 5_000, loadGrams: 0, stops: [] });
  const planId = await createRoutePlan({
    cycleId: cycle.id,
    createdById: coordinator.id,
    distanceSource: "haversine",
    notice: null,
    unassigned: [],
    routes,
  });
  await recomputePlanCarbon({ planId });
  return { cycle, orders, planId };
}

const column = (report: { columns: Array<{ key: string }> }, key: string) =>
  report.columns.findIndex((c) => c.key === key);

describe("carbon report by farm", () => {
  it("gives each farm its collection share and own trips, and adds up with the cycle total to the gram", async () => {
    const setup = await hubWithFarms();
    const { hub, hill, mill, vale } = setup;
    const { cycle, orders, planId } = await plannedCycle(
      setup,
      "2026-11-20T08:00:00Z",
      [
        [
          [hill, 6_000],
          [vale, 500],
        ],
        [[mill, 2_000]],
        [
          [hill, 3_000],
          [mill, 1_000],
          [vale, 1_500],
        ],
      ],
      { emptyCollection: true },
    );
    const report = (await getCarbonReport({ hubId: hub.id, cycleId: cycle.id }))!;
    const plan = await prisma.routePlan.findUniqueOrThrow({
      where: { id: planId! },
      select: { totalCo2eGrams: true, routes: { select: { kind: true, co2eGrams: true, stops: true } } },
    });

    const rows = report.byFarm.groups[0]!.rows;
    const farmCol = column(report.byFarm, "farm");
    const at = (name: string) => rows.find((r) => r[farmCol] === name)!;
    const value = (name: string, key: string) => at(name)[column(report.byFarm, key)];
    expect(rows.map((r) => r[farmCol]).sort()).toEqual(["Hill Farm", "Mill Orchard", "Vale Dairy"]);
    expect(value("Hill Farm", "delivered")).toBe(9_000);
    expect(value("Mill Orchard", "delivered")).toBe(3_000);
    expect(value("Vale Dairy", "delivered")).toBe(2_000);
    expect(value("Vale Dairy", "arrival")).toBe("own trip");
    expect(value("Hill Farm", "arrival")).toBe("collected");
    expect(value("Hill Farm", "ownTrips")).toBeNull();
    expect(value("Vale Dairy", "collection")).toBe(0);

    // Collection shares are the farms' stops' shares; together, the collection routes with stops.
    const stopOf = (farmId: string) => plan.routes.flatMap((r) => r.stops).find((s) => s.farmId === farmId)!.co2eGrams;
    expect(value("Hill Farm", "collection")).toBe(stopOf(hill.id));
    expect(value("Mill Orchard", "collection")).toBe(stopOf(mill.id));

    // Own trips: the orders' FARM_DROP_OFF legs of the dairy.
    const details = await prisma.order.findMany({
      where: { id: { in: orders.map((o) => o.id) } },
      select: { allocCo2eGrams: true, carbonDetail: true },
    });
    const dairyTrips = details
      .flatMap(
        (d) => (d.carbonDetail as { allocation: { legs: Array<{ via: string; co2eGrams: number }> } }).allocation.legs,
      )
      .filter((l) => l.via === "FARM_DROP_OFF")
      .reduce((s, l) => s + l.co2eGrams, 0);
    expect(dairyTrips).toBeGreaterThan(0);
    expect(value("Vale Dairy", "ownTrips")).toBe(dairyTrips);
    expect(value("Vale Dairy", "farmToHub")).toBe(dairyTrips);
    expect(value("Vale Dairy", "perKg")).toBe(Math.round((dairyTrips * 1000) / 2_000));

    // The table's total row sums the farms; the cycle reconciles to the gram.
    const total = report.byFarm.total!;
    const sumOf = (key: string) => rows.reduce((s, r) => s + Number(r[column(report.byFarm, key)] ?? 0), 0);
    for (const key of ["delivered", "collection", "ownTrips", "farmToHub"])
      expect(total[column(report.byFarm, key)]).toBe(sumOf(key));
    expect(total[column(report.byFarm, "delivered")]).toBe(report.totals.deliveredGrams);
    const routesOf = (kind: string) => plan.routes.filter((r) => r.kind === kind).reduce((s, r) => s + r.co2eGrams, 0);
    expect(report.farmCycle.collectionRoutesCo2eGrams).toBe(routesOf("COLLECTION"));
    expect(report.farmCycle.deliveryRoutesCo2eGrams).toBe(routesOf("DELIVERY"));
    expect(report.farmCycle.collectionAtNoFarmCo2eGrams).toBe(
      plan.routes.find((r) => r.kind === "COLLECTION" && r.stops.length === 0)!.co2eGrams,
    );
    expect(report.farmCycle.collectionAtNoFarmCo2eGrams).toBeGreaterThan(0);
    expect(report.farmCycle.totalCo2eGrams).toBe(plan.totalCo2eGrams + dairyTrips);
    expect(
      report.farmTotals.farmToHubCo2eGrams +
        report.farmCycle.collectionAtNoFarmCo2eGrams +
        report.farmCycle.deliveryRoutesCo2eGrams,
    ).toBe(report.farmCycle.totalCo2eGrams);
    // …and with what the orders carry: every allocated gram plus the grams no order carries.
    const ordersCo2e = details.reduce((s, d) => s + (d.allocCo2eGrams ?? 0), 0);
    expect(ordersCo2e + report.farmCycle.collectionAtNoFarmCo2eGrams).toBe(report.farmCycle.totalCo2eGrams);
  });

  it("compares with up to five previous planned cycles, newest first, and says when there is none", async () => {
    const setup = await hubWithFarms();
    const { hub, hill, vale } = setup;
    const first = await plannedCycle(setup, "2026-10-02T08:00:00Z", [[[hill, 4_000]]]);
    const lonely = (await getCarbonReport({ hubId: hub.id, cycleId: first.cycle.id }))!;
    expect(lonely.comparison.previousCycles).toBe(0);
    expect(lonely.comparison.rows.map((r) => r.cycleId)).toEqual([first.cycle.id]);

    const dates = ["2026-10-09", "2026-10-16", "2026-10-23", "2026-10-30", "2026-11-06"];
    const earlier = [];
    for (const date of dates)
      earlier.push(
        await plannedCycle(setup, `${date}T08:00:00Z`, [
          [
            [hill, 2_000],
            [vale, 1_000],
          ],
          [[hill, 3_000]],
        ]),
      );
    await plannedCycle(setup, "2026-11-10T08:00:00Z", [[[hill, 1_000]]], { plan: false });
    const current = await plannedCycle(setup, "2026-11-13T08:00:00Z", [[[hill, 5_000]], [[vale, 500]]]);
    await plannedCycle(setup, "2026-11-20T08:00:00Z", [[[hill, 1_000]]]);

    const report = (await getCarbonReport({ hubId: hub.id, cycleId: current.cycle.id }))!;
    const rows = report.comparison.rows;
    // This cycle, then the five planned before it (not the unplanned one, not the later one, not the sixth).
    expect(rows.map((r) => r.cycleId)).toEqual([current.cycle.id, ...earlier.map((e) => e.cycle.id).reverse()]);
    expect(report.comparison.previousCycles).toBe(5);
    expect(rows[0]).toMatchObject({ current: true, orders: 2, deliveredGrams: 5_500 });
    expect(rows[0]!.totalCo2eGrams).toBe(report.farmCycle.totalCo2eGrams);

    const previous = earlier[4]!;
    const plan = await prisma.routePlan.findUniqueOrThrow({ where: { id: previous.planId! } });
    const orders = await prisma.order.findMany({
      where: { cycleId: previous.cycle.id },
      select: { allocCo2eGrams: true, allocFoodMetres: true },
    });
    const row = rows[1]!;
    expect(row.totalCo2eGrams).toBe(orders.reduce((s, o) => s + o.allocCo2eGrams!, 0));
    expect(row.totalCo2eGrams).toBeGreaterThan(plan.totalCo2eGrams); // the dairy's own trip counts too
    expect(row.deliveredGrams).toBe(6_000);
    expect(row.co2eGramsPerKg).toBe(Math.round((row.totalCo2eGrams * 1000) / 6_000));
    expect(row.foodMetresPerOrder).toBe(Math.round(orders.reduce((s, o) => s + o.allocFoodMetres!, 0) / 2));

    // The CSV carries both new sections after the existing ones.
    const csv = parseCsv((await getCarbonReportCsv({ hubId: hub.id, cycleId: current.cycle.id }))!);
    const farmHeader = csv.find((r) => r[0] === "Farm")!;
    expect(farmHeader).toContain("CO2e per kg delivered (kg)");
    const cycleHeader = csv.findIndex((r) => r[0] === "Cycle");
    expect(csv[cycleHeader]).toEqual([
      "Cycle",
      "Delivery date",
      "Orders",
      "Delivered (kg)",
      "Total CO2e (kg)",
      "g CO2e per kg",
      "Food km per order",
    ]);
    expect(csv[cycleHeader + 1]![0]).toBe(`${current.cycle.name} (this cycle)`);
    expect(csv[cycleHeader + 1]![1]).toBe("2026-11-13");
    expect(csv.slice(cycleHeader + 1)).toHaveLength(6);
    expect(csv.flat().some((cell) => /carbonReport\./.test(cell))).toBe(false);

    // The page carries them too; another hub's coordinator gets 404.
    const page = (await carbonLoader({
      request: await makeRequest(`/hub/cycles/${current.cycle.id}/carbon`, { userId: setup.coordinator.id }),
      params: { cycleId: current.cycle.id },
      context: {},
    })) as Response;
    const data = (await page.json()) as { report: { byFarm: { rowCount: number }; comparison: { rows: unknown[] } } };
    expect(data.report.byFarm.rowCount).toBe(2);
    expect(data.report.comparison.rows).toHaveLength(6);
  });
});
