// The business buyer's transport emissions statement (Scope 3, category 4) on a real database: a
// planned cycle (allocated figures, a self-delivering farm's own trip), an open cycle (checkout
// estimates), a cancelled order, another restaurant's order and a delivery day on the edge of
// the period in the hub's time zone.
import { describe, expect, it } from "vitest";
import type { Prisma } from "~generated/prisma/client.ts";
import { runWithRequestLanguage } from "~/i18n/i18n.server";
import { createRoutePlan } from "~/models/route-plan.server";
import { loader as statementLoader } from "~/routes/orders.transport-statement";
import { loader as statementCsvLoader } from "~/routes/orders.transport-statement[.csv]";
import { loader as ordersLoader } from "~/routes/orders._index";
import { estimateOrderForCheckout } from "~/services/carbon-estimate.server";
import { getTransportStatement, getTransportStatementCsv } from "~/services/carbon-statement.server";
import { recomputePlanCarbon } from "~/services/route-planning.server";
import { parseCsv } from "~/domain/csv";
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

const args = (request: Request) => ({ request, params: {}, context: {} });

type Spec = { product: { id: string; name: string; unit: "KG" }; farmId: string; grams: number; chilled?: boolean };

async function placeOrder({
  buyerId,
  hubId,
  cycle,
  lines,
  status = "CONFIRMED",
  estimate = false,
}: {
  buyerId: string;
  hubId: string;
  cycle: { id: string; slots: Array<{ id: string }> };
  lines: Spec[];
  status?: "CONFIRMED" | "CANCELLED" | "DELIVERED";
  estimate?: boolean;
}) {
  const delivery = { lat: 51.46, lng: -2.58 };
  const carbon = estimate
    ? await estimateOrderForCheckout({
        hubId,
        lines: lines.map((l) => ({ farmId: l.farmId, grams: l.grams, chilled: l.chilled ?? false })),
        delivery,
        buyerKind: "RESTAURANT",
      })
    : null;
  const grams = lines.reduce((s, l) => s + l.grams, 0);
  return prisma.order.create({
    data: {
      buyerId,
      hubId,
      cycleId: cycle.id,
      slotId: cycle.slots[0]!.id,
      fulfilment: "DELIVERY",
      paymentMethod: "INVOICE",
      status,
      address: "1 Kitchen Lane",
      ...delivery,
      subtotalMinor: 1000,
      totalMinor: 1000,
      totalGrams: grams,
      ...(carbon
        ? {
            ...carbon.fields,
            carbonDetail: carbon.fields.carbonDetail as unknown as Prisma.InputJsonValue,
          }
        : {}),
      lines: {
        create: lines.map((l) => ({
          productId: l.product.id,
          farmId: l.farmId,
          productName: l.product.name,
          unit: l.product.unit,
          quantityMilli: l.grams,
          unitPriceMinor: 300,
          lineTotalMinor: 300,
          grams: l.grams,
          chilled: l.chilled ?? false,
        })),
      },
    },
  });
}

async function scenario() {
  const coordinator = await createTestUser({ role: "COORDINATOR" });
  const hub = await createTestHub({ coordinatorId: coordinator.id });
  const restaurant = await createTestUser({ hubId: hub.id, buyerKind: "RESTAURANT" });
  const otherRestaurant = await createTestUser({ hubId: hub.id, buyerKind: "RESTAURANT" });
  const household = await createTestUser({ hubId: hub.id, buyerKind: "HOUSEHOLD" });
  const van = await createTestVehicle(hub.id, { energyType: "van-diesel-class-iii" });
  const farm = await createTestFarm({ hubId: hub.id, lat: 51.5, lng: -2.6 });
  const dairy = await createTestFarm({ hubId: hub.id, lat: 51.55, lng: -2.7 });
  await prisma.farm.update({ where: { id: dairy.id }, data: { selfDelivers: true } });
  const veg = (await createTestProduct(farm.id)) as Spec["product"];
  const cheese = (await createTestProduct(dairy.id, { chilled: true })) as Spec["product"];
  const day = (iso: string) => new Date(iso);
  const past = { opensAt: day("2026-09-01T00:00:00Z"), cutoffAt: day("2026-09-02T00:00:00Z") };

  // Planned cycle delivered on 14 October 2026.
  const planned = await createTestCycle(hub.id, {
    ...past,
    deliveryDate: day("2026-10-14T08:00:00Z"),
    status: "CLOSED",
  });
  const allocated = await placeOrder({
    buyerId: restaurant.id,
    hubId: hub.id,
    cycle: planned,
    estimate: true,
    lines: [
      { product: veg, farmId: farm.id, grams: 6_000 },
      { product: cheese, farmId: dairy.id, grams: 2_000, chilled: true },
    ],
  });
  const others = await placeOrder({
    buyerId: otherRestaurant.id,
    hubId: hub.id,
    cycle: planned,
    estimate: true,
    lines: [{ product: veg, farmId: farm.id, grams: 4_000 }],
  });
  const at = new Date("2026-10-14T08:00:00Z");
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
  const planId = await createRoutePlan({
    cycleId: planned.id,
    createdById: coordinator.id,
    distanceSource: "osrm",
    notice: null,
    unassigned: [],
    routes: [
      {
        ...route,
        kind: "COLLECTION",
        position: 0,
        distanceM: 16_000,
        loadGrams: 10_000,
        stops: [stop({ farmId: farm.id, grams: 10_000, d: 7_000 })],
      },
      {
        ...route,
        kind: "DELIVERY",
        position: 1,
        distanceM: 12_000,
        loadGrams: 12_000,
        stops: [
          stop({ orderId: allocated.id, grams: 8_000, d: 4_000 }),
          stop({ orderId: others.id, grams: 4_000, d: 5_000 }),
        ],
      },
    ],
  });
  await recomputePlanCarbon({ planId });

  // Open cycle delivering on 20 November: estimates only; one order cancelled.
  const open = await createTestCycle(hub.id, { deliveryDate: day("2026-11-20T08:00:00Z") });
  const estimated = await placeOrder({
    buyerId: restaurant.id,
    hubId: hub.id,
    cycle: open,
    estimate: true,
    lines: [{ product: veg, farmId: farm.id, grams: 5_000 }],
  });
  const cancelled = await placeOrder({
    buyerId: restaurant.id,
    hubId: hub.id,
    cycle: open,
    estimate: true,
    status: "CANCELLED",
    lines: [{ product: veg, farmId: farm.id, grams: 9_000 }],
  });
  // 23:30 UTC on 30 September is 00:30 on 1 October in London (summer time): in October.
  const edge = await createTestCycle(hub.id, { ...past, deliveryDate: day("2026-09-30T23:30:00Z") });
  const onTheEdge = await placeOrder({
    buyerId: restaurant.id,
    hubId: hub.id,
    cycle: edge,
    estimate: true,
    lines: [{ product: veg, farmId: farm.id, grams: 1_000 }],
  });
  // 22:30 UTC on 30 September is still 30 September in London: not in October.
  const before = await createTestCycle(hub.id, { ...past, deliveryDate: day("2026-09-30T22:30:00Z") });
  const tooEarly = await placeOrder({
    buyerId: restaurant.id,
    hubId: hub.id,
    cycle: before,
    estimate: true,
    lines: [{ product: veg, farmId: farm.id, grams: 1_000 }],
  });
  // December: outside October–November, inside the fourth quarter.
  const december = await createTestCycle(hub.id, { deliveryDate: day("2026-12-18T08:00:00Z") });
  const inDecember = await placeOrder({
    buyerId: restaurant.id,
    hubId: hub.id,
    cycle: december,
    estimate: true,
    lines: [{ product: veg, farmId: farm.id, grams: 3_000 }],
  });
  return {
    hub,
    restaurant,
    otherRestaurant,
    household,
    farm,
    dairy,
    orders: { allocated, others, estimated, cancelled, onTheEdge, tooEarly, inDecember },
  };
}

const buyerOf = (u: { id: string; name: string; email: string; buyerKind: string | null; hubId: string | null }) => ({
  id: u.id,
  name: u.name,
  email: u.email,
  buyerKind: u.buyerKind,
  hubId: u.hubId,
});

describe("transport emissions statement", () => {
  it("lists the buyer's own orders delivered in the period, allocated or marked as estimates, and adds them up", async () => {
    const { restaurant, orders, dairy } = await scenario();
    const result = await getTransportStatement({
      buyer: buyerOf(restaurant),
      period: { from: "2026-10-01", to: "2026-11-30" },
    });
    if (!result.ok) throw new Error("expected a statement");
    const { statement } = result;
    // Oldest first; not the cancelled order, not December's, not 30 September's, not another buyer's.
    expect(statement.lines.map((l) => l.orderId)).toEqual([
      orders.onTheEdge.id,
      orders.allocated.id,
      orders.estimated.id,
    ]);
    expect(statement.lines.map((l) => l.deliveryDate)).toEqual(["2026-10-01", "2026-10-14", "2026-11-20"]);
    expect(statement.lines.map((l) => l.figure)).toEqual(["ESTIMATE", "ALLOCATED", "ESTIMATE"]);

    const stored = await prisma.order.findMany({
      where: { id: { in: statement.lines.map((l) => l.orderId) } },
      select: { id: true, allocCo2eGrams: true, estCo2eGrams: true, estFoodMetres: true, allocFoodMetres: true },
    });
    const byId = new Map(stored.map((o) => [o.id, o]));
    for (const line of statement.lines) {
      const order = byId.get(line.orderId)!;
      expect(line.co2eGrams).toBe(line.figure === "ALLOCATED" ? order.allocCo2eGrams : order.estCo2eGrams);
      expect(line.foodMetres).toBe(line.figure === "ALLOCATED" ? order.allocFoodMetres : order.estFoodMetres);
      expect(line.co2eGrams).toBeGreaterThan(0);
    }

    // The allocated order: planned routes on road distances, the dairy's own trip modelled, the
    // route's van factor and the default van of a farm's own trip.
    const allocated = statement.lines[1]!;
    expect(allocated).toMatchObject({
      method: "ROUTES_TONNE_KM",
      factorSetId: "desnz-2025",
      factorsRecorded: true,
      quality: { level: "ROAD_NETWORK", distanceBasis: "ROAD_NETWORK", ownTripModelled: true },
    });
    expect(allocated.factors.map((f) => [f.key, f.kgPerKm, f.year, f.via])).toEqual([
      ["van-diesel-class-iii", 0.34584, 2025, ["COLLECTION", "DELIVERY"]],
      ["van-diesel-average", 0.31689, 2025, ["FARM_DROP_OFF"]],
    ]);
    expect(allocated.farmToHubCo2eGrams! + allocated.hubToBuyerCo2eGrams!).toBe(allocated.co2eGrams);
    const detail = (await prisma.order.findUniqueOrThrow({ where: { id: orders.allocated.id } })).carbonDetail as {
      allocation: { legs: Array<{ via: string; farmId: string | null }> };
    };
    expect(detail.allocation.legs.some((l) => l.via === "FARM_DROP_OFF" && l.farmId === dairy.id)).toBe(true);

    // Estimates: modelled, with what they were estimated on (here the hub's recent routes: the
    // cycle planned above); only the farm trip vehicle is recorded.
    expect(statement.lines[2]).toMatchObject({
      method: "TYPICAL_ROUND_TONNE_KM",
      factorsRecorded: false,
      quality: { level: "MODELLED", roundSources: { collection: "HUB_ROUTES", delivery: "HUB_ROUTES" } },
    });

    // Totals are the sums of the lines.
    const t = statement.totals;
    const sum = (pick: (l: (typeof statement.lines)[number]) => number | null) =>
      statement.lines.reduce((s, l) => s + (pick(l) ?? 0), 0);
    expect(t.co2eGrams).toBe(sum((l) => l.co2eGrams));
    expect(t.allocatedCo2eGrams).toBe(allocated.co2eGrams);
    expect(t.estimatedCo2eGrams).toBe(t.co2eGrams - t.allocatedCo2eGrams);
    expect(t.grams).toBe(8_000 + 1_000 + 5_000);
    expect(t).toMatchObject({ orders: 3, allocatedOrders: 1, estimatedOrders: 2, notEstimatedOrders: 0 });
  });

  it("defaults to the last full quarter in the hub's calendar", async () => {
    const { restaurant, orders } = await scenario();
    const result = await getTransportStatement({
      buyer: buyerOf(restaurant),
      period: {},
      now: new Date("2027-01-15T12:00:00Z"),
    });
    if (!result.ok) throw new Error("expected a statement");
    expect(result.statement.period).toEqual({ from: "2026-10-01", to: "2026-12-31" });
    expect(result.statement.lines.map((l) => l.orderId)).toContain(orders.inDecember.id);
    expect(result.statement.lines.map((l) => l.orderId)).not.toContain(orders.tooEarly.id);
  });

  it("shows another restaurant only its own order, and refuses households", async () => {
    const { otherRestaurant, household, orders } = await scenario();
    const other = await getTransportStatement({
      buyer: buyerOf(otherRestaurant),
      period: { from: "2026-10-01", to: "2026-12-31" },
    });
    if (!other.ok) throw new Error("expected a statement");
    expect(other.statement.lines.map((l) => l.orderId)).toEqual([orders.others.id]);
    expect(await getTransportStatement({ buyer: buyerOf(household), period: {} })).toMatchObject({
      ok: false,
      status: 403,
    });
  });

  it("serves the page and the CSV to the restaurant; households get 403, bad dates 400", async () => {
    const { restaurant, household, orders } = await scenario();
    const query = "?from=2026-10-01&to=2026-11-30";
    const page = (await statementLoader(
      args(await makeRequest(`/orders/transport-statement${query}`, { userId: restaurant.id })),
    )) as Response;
    expect(page.status).toBe(200);
    const data = (await page.json()) as { statement: { lines: Array<{ number: number }>; totals: { orders: number } } };
    expect(data.statement.totals.orders).toBe(3);

    const file = (await statementCsvLoader(
      args(await makeRequest(`/orders/transport-statement.csv${query}`, { userId: restaurant.id })),
    )) as Response;
    expect(file.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(file.headers.get("Content-Disposition")).toBe(
      'attachment; filename="transport-emissions-2026-10-01-2026-11-30.csv"',
    );
    const rows = parseCsv(await file.text());
    expect(rows[0]![0]).toMatch(/^Transport emissions statement — GHG Protocol Scope 3, category 4/);
    const header = rows.findIndex((r) => r[0] === "Order");
    expect(rows[header]).toContain("CO2e (kg)");
    const lines = rows.slice(header + 1, header + 4);
    expect(lines.map((r) => r[4])).toEqual(["Estimate", "Allocated", "Estimate"]);
    const co2e = rows[header]!.indexOf("CO2e (kg)");
    const total = rows[header + 4]!;
    expect(total[0]).toBe("Total");
    const sumKg = lines.reduce((s, r) => s + Math.round(Number(r[co2e]) * 1000), 0);
    expect(Math.round(Number(total[co2e]) * 1000)).toBe(sumKg);
    expect(rows.flat().join(" ")).not.toContain(`#${orders.cancelled.number}`);
    // The notes and the factor set, in words (never a catalogue key).
    expect(rows.flat().some((cell) => cell.startsWith("Scope: the transport of your goods"))).toBe(true);
    expect(rows.find((r) => r[0] === "Emission factor set")?.slice(1, 2)).toEqual(["desnz-2025"]);
    expect(rows.flat().some((cell) => /transportStatement\./.test(cell))).toBe(false);

    // Households: 403 for the page, its data and the file; no link on their orders page.
    for (const loader of [statementLoader, statementCsvLoader]) {
      const denied = await loader(
        args(await makeRequest(`/orders/transport-statement${query}`, { userId: household.id })),
      )
        .then(() => null)
        .catch((e: unknown) => e as Response);
      expect(denied?.status).toBe(403);
    }
    const householdOrders = (await ordersLoader(
      args(await makeRequest("/orders", { userId: household.id })),
    )) as Response;
    expect(((await householdOrders.json()) as { transportStatement: boolean }).transportStatement).toBe(false);
    const restaurantOrders = (await ordersLoader(
      args(await makeRequest("/orders", { userId: restaurant.id })),
    )) as Response;
    expect(((await restaurantOrders.json()) as { transportStatement: boolean }).transportStatement).toBe(true);

    // Not signed in: off to log in.
    const anonymous = await statementLoader(args(await makeRequest(`/orders/transport-statement${query}`)))
      .then(() => null)
      .catch((e: unknown) => e as Response);
    expect(anonymous?.status).toBe(302);

    // Bad dates: 400 with the reason, on the page (next to the field) and for the file.
    const bad = (await statementLoader(
      args(await makeRequest("/orders/transport-statement?from=2026-11-30&to=2026-10-01", { userId: restaurant.id })),
    )) as Response;
    expect(bad.status).toBe(400);
    const badData = (await bad.json()) as { result: { error: Record<string, string[]> }; statement: null };
    expect(badData.statement).toBeNull();
    expect(badData.result.error.to).toEqual(["The end date must be on or after the start date."]);
    const badFile = await statementCsvLoader(
      args(await makeRequest("/orders/transport-statement.csv?from=2026-02-30", { userId: restaurant.id })),
    )
      .then(() => null)
      .catch((e: unknown) => e as Response);
    expect(badFile?.status).toBe(400);
    expect(await badFile!.text()).toContain("Enter a date as YYYY-MM-DD");
  });

  it("writes the CSV's headers and words in the downloader's language", async () => {
    const { restaurant } = await scenario();
    const csv = await runWithRequestLanguage(
      new Request("http://localhost/", { headers: { "Accept-Language": "fr" } }),
      () =>
        getTransportStatementCsv({
          buyer: buyerOf(restaurant),
          period: { from: "2026-10-01", to: "2026-11-30" },
        }),
    );
    if (!csv.ok) throw new Error("expected a file");
    const rows = parseCsv(csv.csv);
    expect(rows[0]![0]).toMatch(/^Relevé des émissions de transport/);
    const header = rows.findIndex((r) => r[0] === "Commande");
    expect(rows[header]).toContain("Qualité des données");
    expect(rows[header + 2]![4]).toBe("Réparti");
    expect(rows.flat().some((cell) => cell.startsWith("Périmètre\u00a0: le transport"))).toBe(true);
    expect(rows.flat().some((cell) => /transportStatement\./.test(cell))).toBe(false);
  });
});
