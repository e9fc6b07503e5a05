// The cycle carbon report against a plan written by hand (no solver): every figure below is
// worked out in the comments from DESNZ 2025 and the allocation rule in decision 006.
import { describe, expect, it } from "vitest";
import { loader as carbonLoader } from "~/routes/hub.cycles.$cycleId.carbon";
import { loader as carbonCsvLoader } from "~/routes/hub.cycles.$cycleId.carbon[.csv]";
import { createRoutePlan } from "~/models/route-plan.server";
import { parseCarbonDetail } from "~/domain/carbon";
import { foodKmText, getCarbonReport } from "~/services/carbon-report.server";
import { recomputePlanCarbon } from "~/services/route-planning.server";
import { runWithRequestLanguage } from "~/i18n/i18n.server";
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

async function handPlannedCycle() {
  const coordinator = await createTestUser({ role: "COORDINATOR" });
  const hub = await createTestHub({ coordinatorId: coordinator.id });
  const van = await createTestVehicle(hub.id, { energyType: "van-diesel-class-iii", refrigerated: false });
  const chiller = await createTestVehicle(hub.id, { energyType: "van-diesel-average", refrigerated: true });
  const farm = await createTestFarm({ hubId: hub.id });
  const veg = await createTestProduct(farm.id);
  const cheese = await createTestProduct(farm.id, { chilled: true });
  const cycle = await createTestCycle(hub.id, { status: "CLOSED", cutoffAt: new Date(Date.now() - 3_600_000) });
  const specs = [
    { grams: 3000, product: veg, chilled: false, kind: "HOUSEHOLD" as const },
    { grams: 7000, product: veg, chilled: false, kind: "HOUSEHOLD" as const },
    { grams: 2000, product: cheese, chilled: true, kind: "RESTAURANT" as const },
  ];
  const orders = [];
  for (const spec of specs) {
    const buyer = await createTestUser({ hubId: hub.id, buyerKind: spec.kind });
    orders.push(
      await prisma.order.create({
        data: {
          buyerId: buyer.id,
          hubId: hub.id,
          cycleId: cycle.id,
          slotId: cycle.slots[0]!.id,
          fulfilment: "DELIVERY",
          paymentMethod: "ON_DELIVERY",
          address: "1 Test Street",
          lat: 51.46,
          lng: -2.58,
          subtotalMinor: 1000,
          totalMinor: 1000,
          totalGrams: spec.grams,
          lines: {
            create: [
              {
                productId: spec.product.id,
                farmId: farm.id,
                productName: spec.product.name,
                unit: spec.product.unit,
                quantityMilli: spec.grams,
                unitPriceMinor: 300,
                lineTotalMinor: (3 * spec.grams) / 10,
                grams: spec.grams,
                chilled: spec.chilled,
              },
            ],
          },
        },
      }),
    );
  }
  const at = new Date();
  const stop = (s: { farmId?: string; orderId?: string; grams: number; after: number; d: number }) => ({
    farmId: s.farmId ?? null,
    orderId: s.orderId ?? null,
    arrivalAt: at,
    departureAt: at,
    gramsHandled: s.grams,
    loadGramsAfter: s.after,
    distanceFromDepotM: s.d,
  });
  const route = { locked: false, startAt: at, endAt: at, durationS: 3600 };
  const planId = await createRoutePlan({
    cycleId: cycle.id,
    createdById: coordinator.id,
    distanceSource: "haversine",
    notice: null,
    unassigned: [],
    routes: [
      {
        ...route,
        kind: "COLLECTION",
        vehicleId: van.id,
        position: 0,
        distanceM: 20_000,
        loadGrams: 12_000,
        stops: [stop({ farmId: farm.id, grams: 12_000, after: 12_000, d: 10_000 })],
      },
      {
        ...route,
        kind: "DELIVERY",
        vehicleId: van.id,
        position: 1,
        distanceM: 10_000,
        loadGrams: 10_000,
        stops: [
          stop({ orderId: orders[0]!.id, grams: 3000, after: 7000, d: 3000 }),
          stop({ orderId: orders[1]!.id, grams: 7000, after: 0, d: 5000 }),
        ],
      },
      {
        ...route,
        kind: "DELIVERY",
        vehicleId: chiller.id,
        position: 2,
        distanceM: 8_000,
        loadGrams: 2_000,
        stops: [stop({ orderId: orders[2]!.id, grams: 2000, after: 0, d: 4000 })],
      },
    ],
  });
  await recomputePlanCarbon({ planId });
  return { coordinator, hub, cycle, orders, planId, van, chiller, farm };
}

describe("cycle carbon report", () => {
  it("adds up per route, per vehicle type, per order and per kg, to the gram", async () => {
    const { hub, cycle, orders } = await handPlannedCycle();
    const report = (await getCarbonReport({ hubId: hub.id, cycleId: cycle.id }))!;
    // Routes: planned metres × 1.05 (driven) × well-to-wheel factor.
    //   collection, class III 0.34584: 20,000 × 1.05 × 0.34584 = 7,262.64 → 7,263
    //   delivery 1, class III:         10,000 × 1.05 × 0.34584 = 3,631.32 → 3,631
    //   delivery 2, average 0.31689 × 1.19 refrigerated: 8,000 × 1.05 × 0.3770991 = 3,167.63 → 3,168
    const co2eColumn = report.byRoute.columns.findIndex((c) => c.key === "co2e");
    expect(report.byRoute.groups[0]!.rows.map((r) => r[co2eColumn])).toEqual([7263, 3631, 3168]);
    expect(report.byRoute.groups[0]!.rows.map((r) => r[0])).toEqual([
      expect.stringMatching(/^Collection 1 — /),
      expect.stringMatching(/^Delivery 1 — /),
      expect.stringMatching(/^Delivery 2 — /),
    ]);
    expect(report.byRoute.total![co2eColumn]).toBe(14_062);
    // Delivery 2's refrigeration part (decision 026): 3,168 − 8,000 × 1.05 × 0.31689 (2,661.88 → 2,662)
    // = 506 g, all on order 3's chilled goods. The ambient vans have none.
    const column = (key: string) => report.byRoute.columns.findIndex((c) => c.key === key);
    expect(report.byRoute.groups[0]!.rows.map((r) => r[column("vehicleCo2e")])).toEqual([7263, 3631, 2662]);
    expect(report.byRoute.groups[0]!.rows.map((r) => r[column("refrigerationCo2e")])).toEqual([0, 0, 506]);
    expect(report.byRoute.groups[0]!.rows.map((r) => r[column("refrigerationFor")])).toEqual([
      null,
      null,
      "chilled goods",
    ]);
    expect(report.notes).toEqual([]);

    // Vehicle types: class III 7,263 + 3,631 = 10,894 over 30 km and 22 kg; refrigerated average 3,168.
    const typeCo2e = report.byVehicleType.columns.findIndex((c) => c.key === "co2e");
    const byType = Object.fromEntries(
      report.byVehicleType.groups[0]!.rows.map((r) => [r[0], [r[1], r[2], r[typeCo2e]]]),
    );
    expect(byType).toEqual({
      "Van class III (1.74–3.5 t), diesel": [30, 22_000, 10_894],
      "Van, average (up to 3.5 t), diesel, refrigerated": [8, 2_000, 3_168],
    });
    expect(report.byVehicleType.total![typeCo2e]).toBe(14_062);

    // Orders (largest remainder, decision 006):
    //   collection 7,263 by mass 3:7:2 → 1,815.75 / 4,236.75 / 1,210.5 → floors 7,261, +1 to each .75 → 1,816 / 4,237 / 1,210
    //   delivery 1, 3,631 by mass × distance 3,000×3,000 : 7,000×5,000 = 9 : 35 → 742.70 / 2,888.30 → 743 / 2,888
    //   delivery 2, 3,168 → order 3
    //   → 2,559 / 7,125 / 4,378 = 14,062
    const orderCo2e = report.byOrder.columns.findIndex((c) => c.key === "co2e");
    const baselineCol = report.byOrder.columns.findIndex((c) => c.key === "baseline");
    const rows = report.byOrder.groups[0]!.rows;
    expect(rows.map((r) => r[orderCo2e])).toEqual([2559, 7125, 4378]);
    expect(report.byOrder.total![orderCo2e]).toBe(14_062);
    const stored = await prisma.order.findMany({
      where: { id: { in: orders.map((o) => o.id) } },
      orderBy: { number: "asc" },
    });
    expect(stored.map((o) => o.allocCo2eGrams)).toEqual([2559, 7125, 4378]);
    const refrigerationCol = report.byOrder.columns.findIndex((c) => c.key === "refrigerationCo2e");
    expect(rows.map((r) => r[refrigerationCol])).toEqual([0, 0, 506]);

    // Baseline: the central value of the hub's regional range (UK profile, baseline.test.ts):
    // 77.405 g per kg ambient, 86.822 g per kg chilled, + 1,682 g shopping trip for households.
    //   3,000 g: 232.22 → 232 + 1,682 = 1,914;  7,000 g: 541.84 → 542 + 1,682 = 2,224;
    //   2,000 g chilled, restaurant (no trip): 173.64 → 174.  Total 4,312.
    expect(rows.map((r) => r[baselineCol])).toEqual([1914, 2224, 174]);
    expect(report.totals).toMatchObject({
      co2eGrams: 14_062,
      refrigerationCo2eGrams: 506,
      ordersCo2eGrams: 14_062,
      orders: 3,
      perOrderGrams: 4687, // 14,062 / 3 = 4,687.3
      deliveredGrams: 12_000,
      perKgGrams: 1172, // 14,062 / 12 kg = 1,171.8
      baselineGrams: 4312,
    });
  });

  it("labels a pickup order's food km (farm → hub only), never a blank", () => {
    expect(foodKmText({ foodMetres: 12_400, pickup: false })).toBe("12");
    expect(foodKmText({ foodMetres: 8_600, pickup: true })).toBe("9 (farm → hub; pickup)");
    expect(foodKmText({ foodMetres: null, pickup: true })).toBe("pickup: no delivery leg");
  });

  it("downloads the same figures as CSV, and is 404 for another hub", async () => {
    const { coordinator, cycle } = await handPlannedCycle();
    const res = (await carbonCsvLoader(
      args(await makeRequest(`/hub/cycles/${cycle.id}/carbon.csv`, { userId: coordinator.id }), { cycleId: cycle.id }),
    )) as Response;
    const csv = await res.text();
    expect(csv).toContain("14.062"); // the total in kg in the CSV's grams → kg column
    const stranger = await createTestUser({ role: "COORDINATOR" });
    await createTestHub({ coordinatorId: stranger.id });
    const denied = await carbonLoader(
      args(await makeRequest(`/hub/cycles/${cycle.id}/carbon`, { userId: stranger.id }), { cycleId: cycle.id }),
    ).catch((e: unknown) => e as Response);
    expect((denied as Response).status).toBe(404);
    const deniedCsv = await carbonCsvLoader(
      args(await makeRequest(`/hub/cycles/${cycle.id}/carbon.csv`, { userId: stranger.id }), { cycleId: cycle.id }),
    ).catch((e: unknown) => e as Response);
    expect((deniedCsv as Response).status).toBe(404);
  });

  it("charges a refrigerated van's refrigeration to chilled goods only, and flags a van that ran cold with none", async () => {
    const { coordinator, hub, cycle, orders, routes } = await refrigeratedCycle();
    // Stored per route: the refrigeration part, and whether it was shared by all goods.
    const stored = await prisma.route.findMany({
      where: { id: { in: routes } },
      select: { id: true, co2eGrams: true, refrigerationCo2eGrams: true, refrigerationSharedByAll: true },
    });
    expect(routes.map((id) => stored.find((r) => r.id === id))).toEqual([
      { id: routes[0], co2eGrams: 7263, refrigerationCo2eGrams: 0, refrigerationSharedByAll: false },
      { id: routes[1], co2eGrams: 3960, refrigerationCo2eGrams: 633, refrigerationSharedByAll: false },
      { id: routes[2], co2eGrams: 3168, refrigerationCo2eGrams: 506, refrigerationSharedByAll: true },
    ]);
    // Orders: o1 ambient 1,816 + 1,033 = 2,849 (no refrigeration although it rode the chiller);
    // o2 2,421 + 2,294 + 633 = 5,348; o3 3,026 + 3,168 = 6,194 (506 of refrigeration, flagged).
    const saved = await prisma.order.findMany({
      where: { id: { in: orders.map((o) => o.id) } },
      orderBy: { number: "asc" },
      select: { allocCo2eGrams: true, carbonDetail: true },
    });
    expect(saved.map((o) => o.allocCo2eGrams)).toEqual([2849, 5348, 6194]);
    const details = saved.map((o) => parseCarbonDetail(o.carbonDetail)?.allocation);
    expect(details.map((a) => (a?.status === "ALLOCATED" ? a.refrigerationCo2eGrams : "none"))).toEqual([0, 633, 506]);
    const o2Legs = details[1]?.status === "ALLOCATED" ? details[1].legs : [];
    expect(o2Legs.map((l) => [l.via, l.co2eGrams, l.refrigerationCo2eGrams])).toEqual([
      ["COLLECTION", 2421, 0],
      ["DELIVERY", 2294 + 633, 633],
    ]);
    expect(saved.reduce((s, o) => s + (o.allocCo2eGrams ?? 0), 0)).toBe(7263 + 3960 + 3168);

    const report = (await getCarbonReport({ hubId: hub.id, cycleId: cycle.id }))!;
    const column = (key: string) => report.byRoute.columns.findIndex((c) => c.key === key);
    const routeRows = report.byRoute.groups[0]!.rows;
    expect(routeRows.map((r) => [r[column("co2e")], r[column("vehicleCo2e")], r[column("refrigerationCo2e")]])).toEqual(
      [
        [7263, 7263, 0],
        [3960, 3327, 633],
        [3168, 2662, 506],
      ],
    );
    expect(routeRows.map((r) => r[column("refrigerationFor")])).toEqual([
      null,
      "chilled goods",
      "all goods (no chilled goods on board)",
    ]);
    expect(report.byRoute.total![column("refrigerationCo2e")]).toBe(1139);
    expect(report.totals.refrigerationCo2eGrams).toBe(1139);
    expect(report.notes).toEqual([
      expect.stringMatching(
        /^Delivery 2 — .+: the refrigeration ran with no chilled goods on board, so its 506 g CO2e/,
      ),
    ]);
    const byType = report.byVehicleType.columns.findIndex((c) => c.key === "refrigerationCo2e");
    expect(report.byVehicleType.columns.some((c) => c.key === "refrigerationFor")).toBe(false);
    expect(report.byVehicleType.total![byType]).toBe(1139);
    const orderRefrigeration = report.byOrder.columns.findIndex((c) => c.key === "refrigerationCo2e");
    expect(report.byOrder.groups[0]!.rows.map((r) => r[orderRefrigeration])).toEqual([0, 633, 506]);

    // The page carries the note; the CSV the parts, with translated headers.
    const page = (await carbonLoader(
      args(await makeRequest(`/hub/cycles/${cycle.id}/carbon`, { userId: coordinator.id }), { cycleId: cycle.id }),
    )) as Response;
    const data = (await page.json()) as { report: { notes: string[] } };
    expect(data.report.notes).toHaveLength(1);
    const csv = await (
      (await carbonCsvLoader(
        args(await makeRequest(`/hub/cycles/${cycle.id}/carbon.csv`, { userId: coordinator.id }), {
          cycleId: cycle.id,
        }),
      )) as Response
    ).text();
    expect(csv).toContain("Vehicle CO2e (kg)");
    expect(csv).toContain("Refrigeration CO2e (kg)");
    expect(csv).toContain("all goods (no chilled goods on board)");
    const french = await runWithRequestLanguage(
      new Request("http://localhost/", { headers: { "Accept-Language": "fr" } }),
      async () => (await getCarbonReport({ hubId: hub.id, cycleId: cycle.id }))!,
    );
    expect(french.byRoute.columns.map((c) => c.label)).toEqual(
      expect.arrayContaining(["CO2e du véhicule", "CO2e de la réfrigération", "Réfrigération imputée à"]),
    );
    expect(french.notes[0]).toMatch(
      /^Livraison 2 — .+\u00a0: la réfrigération a fonctionné sans aucun produit frais à bord/,
    );
  });
});

/**
 * Three orders from one farm: o1 3 kg of veg, o2 2 kg of cheese + 2 kg of veg, o3 5 kg of veg.
 * Collection on an ambient class III van; delivery 1 on a refrigerated average van (o1 and o2,
 * whole orders); delivery 2 on another refrigerated van carrying only o3's veg.
 */
async function refrigeratedCycle() {
  const coordinator = await createTestUser({ role: "COORDINATOR" });
  const hub = await createTestHub({ coordinatorId: coordinator.id });
  const van = await createTestVehicle(hub.id, { energyType: "van-diesel-class-iii", refrigerated: false });
  const chillerA = await createTestVehicle(hub.id, { energyType: "van-diesel-average", refrigerated: true });
  const chillerB = await createTestVehicle(hub.id, { energyType: "van-diesel-average", refrigerated: true });
  const farm = await createTestFarm({ hubId: hub.id });
  const veg = await createTestProduct(farm.id);
  const cheese = await createTestProduct(farm.id, { chilled: true });
  const cycle = await createTestCycle(hub.id, { status: "CLOSED", cutoffAt: new Date(Date.now() - 3_600_000) });
  const specs = [
    [{ product: veg, grams: 3000, chilled: false }],
    [
      { product: cheese, grams: 2000, chilled: true },
      { product: veg, grams: 2000, chilled: false },
    ],
    [{ product: veg, grams: 5000, chilled: false }],
  ];
  const orders = [];
  for (const lines of specs) {
    const buyer = await createTestUser({ hubId: hub.id });
    const grams = lines.reduce((s, l) => s + l.grams, 0);
    orders.push(
      await prisma.order.create({
        data: {
          buyerId: buyer.id,
          hubId: hub.id,
          cycleId: cycle.id,
          slotId: cycle.slots[0]!.id,
          fulfilment: "DELIVERY",
          paymentMethod: "ON_DELIVERY",
          address: "1 Test Street",
          lat: 51.46,
          lng: -2.58,
          subtotalMinor: 1000,
          totalMinor: 1000,
          totalGrams: grams,
          lines: {
            create: lines.map((l) => ({
              productId: l.product.id,
              farmId: farm.id,
              productName: l.product.name,
              unit: l.product.unit,
              quantityMilli: l.grams,
              unitPriceMinor: 300,
              lineTotalMinor: (3 * l.grams) / 10,
              grams: l.grams,
              chilled: l.chilled,
            })),
          },
        },
      }),
    );
  }
  const at = new Date();
  const stop = (s: { farmId?: string; orderId?: string; grams: number; after: number; d: number }) => ({
    farmId: s.farmId ?? null,
    orderId: s.orderId ?? null,
    arrivalAt: at,
    departureAt: at,
    gramsHandled: s.grams,
    loadGramsAfter: s.after,
    distanceFromDepotM: s.d,
  });
  const route = { locked: false, startAt: at, endAt: at, durationS: 3600 };
  // Worked by hand (DESNZ 2025, planned metres × 1.05):
  //   collection, class III: 20,000 m → 7,263 g, by mass 3:4:5 → 1,815.75 / 2,421 / 3,026.25 → 1,816 / 2,421 / 3,026.
  //   delivery 1, average × 1.19: 10,000 m → 3,959.54 → 3,960 g; base 10,500 × 0.31689 = 3,327.35 → 3,327;
  //     refrigeration 633. Base by t·km 3 kg × 3 km : 4 kg × 5 km = 9 : 20 → 1,032.52 / 2,294.48 → 1,033 / 2,294;
  //     refrigeration by chilled t·km: only o2's 2 kg of cheese → 633 to o2.
  //   delivery 2, average × 1.19: 8,000 m → 3,168 g (base 2,662, refrigeration 506), o3's veg only:
  //     no chilled goods on board, so the 506 g are shared by all goods (o3) and the route is flagged.
  const planId = await createRoutePlan({
    cycleId: cycle.id,
    createdById: coordinator.id,
    distanceSource: "haversine",
    notice: null,
    unassigned: [],
    routes: [
      {
        ...route,
        kind: "COLLECTION",
        vehicleId: van.id,
        position: 0,
        distanceM: 20_000,
        loadGrams: 12_000,
        stops: [stop({ farmId: farm.id, grams: 12_000, after: 12_000, d: 10_000 })],
      },
      {
        ...route,
        kind: "DELIVERY",
        vehicleId: chillerA.id,
        position: 1,
        distanceM: 10_000,
        loadGrams: 7_000,
        stops: [
          stop({ orderId: orders[0]!.id, grams: 3000, after: 4000, d: 3000 }),
          stop({ orderId: orders[1]!.id, grams: 4000, after: 0, d: 5000 }),
        ],
      },
      {
        ...route,
        kind: "DELIVERY",
        vehicleId: chillerB.id,
        position: 2,
        distanceM: 8_000,
        loadGrams: 5_000,
        stops: [stop({ orderId: orders[2]!.id, grams: 5000, after: 0, d: 4000 })],
      },
    ],
  });
  await recomputePlanCarbon({ planId });
  const saved = await prisma.route.findMany({ where: { planId }, orderBy: { position: "asc" }, select: { id: true } });
  return { coordinator, hub, cycle, orders, planId, routes: saved.map((r) => r.id) };
}
