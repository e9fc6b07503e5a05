// The demo seed on a real embedded database: counts, geography, money invariants, determinism,
// and the demo logins. The setup file gives this file its own migrated database.
import { beforeAll, describe, expect, it } from "vitest";
import { DROP_OFF_FLOOR_GRAMS, parseCarbonDetail } from "~/domain/carbon";
import { effectiveCycleStatus } from "~/domain/cycles";
import { haversineMetres } from "~/domain/geo";
import { cycleRangeConditions, effectiveRangeMetres, isElectricEnergyType } from "~/domain/planning";
import { lineTotalMinor } from "~/domain/money";
import { getDatabase, type PrismaClient } from "~/utils/db.server";
import { verifyPassword } from "~/utils/password.server";
import { seedDemo, type SeedSummary } from "../../prisma/seed";
import { assignDemoDriver } from "../../prisma/seed-data/driver";
import { DEMO_LOGINS } from "../../prisma/seed-data/logins";
import { wipeDatabase } from "../../prisma/seed-data/db";

const NOW = new Date("2026-06-10T09:30:00Z");
const DAY = 86_400_000;

let prisma: PrismaClient;
let summary: SeedSummary;
let firstSummary: SeedSummary;
let firstProjection: Awaited<ReturnType<typeof projection>>;

async function projection(db: PrismaClient) {
  const farms = await db.farm.findMany({
    select: { name: true, slug: true, lat: true, lng: true, status: true },
    orderBy: { slug: "asc" },
  });
  const products = await db.product.findMany({
    select: {
      farm: { select: { slug: true } },
      name: true,
      unit: true,
      gramsPerUnit: true,
      retailPriceMinor: true,
      wholesalePriceMinor: true,
      wholesaleMinMilli: true,
      stockMilli: true,
    },
    orderBy: [{ farm: { slug: "asc" } }, { name: "asc" }],
  });
  const buyers = await db.user.findMany({
    where: { role: "BUYER" },
    select: { email: true, address: true, lat: true, lng: true },
    orderBy: { email: "asc" },
  });
  const orders = await db.order.findMany({
    select: {
      totalMinor: true,
      totalGrams: true,
      status: true,
      paymentMethod: true,
      placedAt: true,
      deliveredAt: true,
      estFoodMetres: true,
      estCo2eGrams: true,
      allocFoodMetres: true,
      allocCo2eGrams: true,
    },
    orderBy: [{ placedAt: "asc" }, { totalMinor: "asc" }],
  });
  return { farms, products, buyers, orders };
}

// Seeds twice with the same clock (emptying the database in between, which also exercises
// `--reset`); the tests below look at the second seed and compare it with the first.
beforeAll(async () => {
  prisma = getDatabase().prisma;
  firstSummary = await seedDemo(prisma, { now: NOW });
  firstProjection = await projection(prisma);
  await wipeDatabase(prisma);
  expect(await prisma.user.count()).toBe(0);
  summary = await seedDemo(prisma, { now: NOW });
}, 180_000);

describe("seedDemo", () => {
  it("meets the demo region's minimums", async () => {
    expect(summary.farms).toBeGreaterThanOrEqual(40);
    expect(summary.products).toBeGreaterThanOrEqual(400);
    expect(summary.households + summary.restaurants).toBeGreaterThanOrEqual(60);
    expect(summary.restaurants).toBeGreaterThanOrEqual(10);
    expect(summary.vehicles).toBe(4);

    expect(await prisma.hub.count()).toBe(1);
    expect(await prisma.farm.count({ where: { status: "ACTIVE" } })).toBeGreaterThanOrEqual(40);
    expect(await prisma.product.count()).toBe(summary.products);
    expect(await prisma.user.count({ where: { role: "BUYER" } })).toBeGreaterThanOrEqual(60);
    expect(await prisma.user.count({ where: { role: "BUYER", buyerKind: "RESTAURANT" } })).toBe(summary.restaurants);
    expect(await prisma.order.count()).toBe(summary.orders);
    expect(await prisma.orderLine.count()).toBe(summary.orderLines);

    const vehicles = await prisma.vehicle.findMany({ orderBy: { name: "asc" } });
    expect(vehicles.map((v) => [v.name, v.energyType, v.capacityGrams, v.refrigerated])).toEqual([
      ["Diesel van", "van-diesel-average", 1_000_000, false],
      ["Electric van", "van-bev-average", 800_000, false],
      ["Refrigerated electric van", "van-bev-average", 600_000, true],
      ["Refrigerated van", "van-diesel-class-iii", 900_000, true],
    ]);
  });

  it("has a delivered cycle last week and an open one with a cut-off at least two days away", async () => {
    const cycles = await prisma.deliveryCycle.findMany({
      include: { slots: true, _count: { select: { orders: true } } },
      orderBy: { deliveryDate: "asc" },
    });
    const [past, open, next] = cycles;
    expect(cycles).toHaveLength(3);
    expect(past?.status).toBe("DELIVERED");
    expect(past!.deliveryDate.getTime()).toBeLessThan(NOW.getTime() - 6 * DAY);
    expect(await prisma.order.count({ where: { cycleId: past!.id, status: "DELIVERED" } })).toBeGreaterThanOrEqual(40);

    expect(effectiveCycleStatus(open!, NOW)).toBe("OPEN");
    expect(open!.cutoffAt.getTime()).toBeGreaterThanOrEqual(NOW.getTime() + 2 * DAY);
    expect(open!.deliveryDate.getTime()).toBeGreaterThan(open!.cutoffAt.getTime());
    expect(await prisma.order.count({ where: { cycleId: open!.id, status: "CONFIRMED" } })).toBeGreaterThanOrEqual(25);

    expect(effectiveCycleStatus(next!, NOW)).toBe("SCHEDULED");
    for (const cycle of cycles) {
      expect(cycle.slots.map((slot) => [slot.startMinute, slot.endMinute]).sort()).toEqual([
        [540, 720],
        [780, 1020],
      ]);
    }
  });

  it("puts every farm within 60 km of the depot and every buyer inside the delivery zone", async () => {
    const hub = await prisma.hub.findFirstOrThrow();
    const depot = { lat: hub.depotLat, lng: hub.depotLng };
    for (const farm of await prisma.farm.findMany()) {
      expect(haversineMetres(depot, farm), farm.name).toBeLessThanOrEqual(60_000);
    }
    const buyers = await prisma.user.findMany({ where: { role: "BUYER" } });
    for (const buyer of buyers) {
      expect(buyer.hubId).toBe(hub.id);
      expect(buyer.address, buyer.email).toBeTruthy();
      expect(haversineMetres(depot, { lat: buyer.lat!, lng: buyer.lng! }), buyer.email).toBeLessThanOrEqual(
        hub.zoneRadiusM!,
      );
    }
    const deliveries = await prisma.order.findMany({ where: { fulfilment: "DELIVERY" } });
    for (const order of deliveries) {
      expect(haversineMetres(depot, { lat: order.lat!, lng: order.lng! })).toBeLessThanOrEqual(hub.zoneRadiusM!);
    }
  });

  it("keeps every order's totals equal to the sum of its lines", async () => {
    const hub = await prisma.hub.findFirstOrThrow();
    const orders = await prisma.order.findMany({
      include: { lines: { include: { product: true } }, buyer: true },
    });
    expect(orders.length).toBeGreaterThan(0);
    for (const order of orders) {
      expect(order.lines.length, `order ${order.number}`).toBeGreaterThan(0);
      const subtotal = order.lines.reduce((sum, line) => sum + line.lineTotalMinor, 0);
      expect(order.subtotalMinor).toBe(subtotal);
      expect(order.subtotalMinor).toBeGreaterThanOrEqual(hub.orderMinimumMinor);
      expect(order.deliveryFeeMinor).toBe(order.fulfilment === "DELIVERY" ? hub.deliveryFeeMinor : 0);
      expect(order.totalMinor).toBe(order.subtotalMinor + order.deliveryFeeMinor);
      expect(order.totalGrams).toBe(order.lines.reduce((sum, line) => sum + line.grams, 0));
      if (order.paymentMethod === "INVOICE") {
        expect(order.buyer.buyerKind).toBe("RESTAURANT");
        expect([14, 30]).toContain(order.invoiceTermsDays);
        expect(order.invoiceDueAt).not.toBeNull();
      }
      if (order.paymentMethod === "CARD" && order.status !== "CANCELLED") expect(order.paymentStatus).toBe("PAID");
      for (const line of order.lines) {
        const { product } = line;
        expect(line.farmId).toBe(product.farmId);
        expect(line.productName).toBe(product.name);
        expect(line.quantityMilli).toBeGreaterThan(0);
        expect(line.lineTotalMinor).toBe(lineTotalMinor(line.unitPriceMinor, line.quantityMilli));
        expect(line.grams).toBe(Math.round((line.quantityMilli * product.gramsPerUnit) / 1000));
        if (line.wholesaleApplied) {
          expect(order.buyer.buyerKind).toBe("RESTAURANT");
          expect(line.quantityMilli).toBeGreaterThanOrEqual(product.wholesaleMinMilli!);
          expect(line.unitPriceMinor).toBe(product.wholesalePriceMinor);
        } else {
          expect(line.unitPriceMinor).toBe(product.retailPriceMinor);
        }
      }
    }
  });

  it("has no negative stock and sensible product data", async () => {
    expect(await prisma.product.count({ where: { stockMilli: { lt: 0 } } })).toBe(0);
    expect(await prisma.product.count({ where: { stockMilli: 0 } })).toBeGreaterThan(0);
    const products = await prisma.product.findMany();
    for (const product of products) {
      expect(product.gramsPerUnit).toBeGreaterThan(0);
      expect(product.retailPriceMinor).toBeGreaterThan(0);
      if (product.wholesalePriceMinor !== null) {
        expect(product.wholesalePriceMinor).toBeLessThan(product.retailPriceMinor);
        expect(product.wholesaleMinMilli).toBeGreaterThan(0);
      }
      if (product.category === "EGGS") expect(product.chilled).toBe(false);
      if (["DAIRY", "MEAT", "FISH"].includes(product.category)) expect(product.chilled).toBe(true);
    }
    const withWholesale = products.filter((product) => product.wholesalePriceMinor !== null).length;
    expect(withWholesale / products.length).toBeGreaterThan(0.2);
    expect(withWholesale / products.length).toBeLessThan(0.5);
  });

  it("is deterministic for the same `now`", async () => {
    const again = await projection(prisma);
    expect(again.farms.length).toBeGreaterThanOrEqual(40);
    expect(again.products.length).toBeGreaterThanOrEqual(400);
    expect(again).toEqual(firstProjection);
    const withoutIds = (s: SeedSummary) => ({
      ...s,
      hub: { ...s.hub, id: "" },
      cycles: Object.values(s.cycles).map(({ id: _id, ...rest }) => rest),
    });
    expect(withoutIds(summary)).toEqual(withoutIds(firstSummary));
  });

  it("creates the six demo logins with their roles", async () => {
    const hub = await prisma.hub.findFirstOrThrow();
    for (const login of DEMO_LOGINS) {
      const user = await prisma.user.findUniqueOrThrow({ where: { email: login.email } });
      expect(user.role).toBe(login.role);
      expect(user.buyerKind).toBe(login.buyerKind);
    }
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@foodshed.test" } });
    expect(await verifyPassword("foodshed-demo", admin.passwordHash)).toBe(true);

    const coordinator = await prisma.user.findUniqueOrThrow({ where: { email: "coordinator@foodshed.test" } });
    expect(hub.coordinatorId).toBe(coordinator.id);

    const farmer = await prisma.user.findUniqueOrThrow({
      where: { email: "farmer@foodshed.test" },
      include: { farms: { include: { _count: { select: { products: true, orderLines: true } } } } },
    });
    expect(farmer.hubId).toBe(hub.id);
    expect(farmer.farms).toHaveLength(1);
    expect(farmer.farms[0]?.name).toBe("Windmill Hill Farm");
    expect(farmer.farms[0]?._count.products).toBeGreaterThanOrEqual(10);
    expect(farmer.farms[0]?._count.orderLines).toBeGreaterThan(0);

    for (const email of ["household@foodshed.test", "restaurant@foodshed.test"]) {
      const buyer = await prisma.user.findUniqueOrThrow({ where: { email }, include: { orders: true } });
      expect(buyer.hubId).toBe(hub.id);
      expect(
        haversineMetres({ lat: hub.depotLat, lng: hub.depotLng }, { lat: buyer.lat!, lng: buyer.lng! }),
      ).toBeLessThan(hub.zoneRadiusM!);
      expect(buyer.orders.some((order) => order.status === "DELIVERED")).toBe(true);
      expect(buyer.orders.some((order) => order.status === "CONFIRMED")).toBe(true);
    }
    const restaurant = await prisma.user.findUniqueOrThrow({
      where: { email: "restaurant@foodshed.test" },
      include: { standingOrders: { include: { lines: true } } },
    });
    expect(restaurant.standingOrders).toHaveLength(1);
    expect(restaurant.standingOrders[0]?.lines.length).toBeGreaterThan(0);
  });

  it("makes the demo driver a driver of the hub, given today's route only when a cycle delivers today", async () => {
    const hub = await prisma.hub.findFirstOrThrow();
    const driver = await prisma.user.findUniqueOrThrow({ where: { email: "driver@foodshed.test" } });
    expect([driver.role, driver.hubId, driver.buyerKind, driver.deactivatedAt]).toEqual(["DRIVER", hub.id, null, null]);
    expect(await verifyPassword("foodshed-demo", driver.passwordHash)).toBe(true);
    expect(summary.drivers).toBe(1);
    expect(summary.logins).toContainEqual({ email: "driver@foodshed.test", role: "DRIVER" });
    // The demo's cycles deliver a week back and days ahead: no route today, so none assigned.
    expect(await prisma.route.count({ where: { driverId: driver.id } })).toBe(0);
    // On the delivered cycle's day, the driver gets the first delivery route of its current plan.
    const past = await prisma.deliveryCycle.findFirstOrThrow({ where: { status: "DELIVERED" } });
    const onThatDay = new Date(past.deliveryDate.getTime() + 10 * 3_600_000);
    const args = { hubId: hub.id, driverId: driver.id, timeZone: hub.timeZone, now: onThatDay };
    const routeId = await assignDemoDriver(prisma, args);
    try {
      const route = await prisma.route.findUniqueOrThrow({ where: { id: routeId! }, include: { plan: true } });
      expect([route.kind, route.driverId, route.plan.cycleId]).toEqual(["DELIVERY", driver.id, past.id]);
      expect(await assignDemoDriver(prisma, args)).toBe(routeId); // again: the same route
      expect(await prisma.route.count({ where: { driverId: driver.id } })).toBe(1);
      expect(await assignDemoDriver(prisma, { ...args, now: new Date(onThatDay.getTime() + DAY) })).toBeNull();
    } finally {
      await prisma.route.updateMany({ where: { driverId: driver.id }, data: { driverId: null } });
    }
  });

  it("stores every order's checkout estimate as checkout does, at the time it was placed", async () => {
    const [past, open] = await prisma.deliveryCycle.findMany({ orderBy: { deliveryDate: "asc" }, take: 2 });
    const orders = await prisma.order.findMany();
    expect(orders).toHaveLength(summary.orders);
    let estimated = 0;
    for (const order of orders) {
      const detail = parseCarbonDetail(order.carbonDetail);
      const estimate = detail?.estimate;
      expect(estimate, `order ${order.number}`).toBeTruthy();
      if (!estimate) continue;
      expect(estimate.computedAt).toBe(order.placedAt.toISOString());
      expect(order.carbonFactorSet).toBe(estimate.factorSetId);
      if (estimate.status === "ESTIMATED") {
        estimated++;
        expect(order.estCo2eGrams).toBe(estimate.co2eGrams);
        expect(order.estFoodMetres).toBe(estimate.foodMetres);
        expect(estimate.co2eGrams).toBeGreaterThan(0);
        expect(estimate.grams).toBe(order.totalGrams);
        // Orders of the open cycle were placed after the past cycle's routes were planned: they are
        // estimated on those routes (a pickup has no delivery leg: its source stays the typical
        // round's; a self-delivering farm with no goods last cycle gets the default load).
        if (order.cycleId === open!.id) {
          expect(estimate.typicalRounds.delivery).toBe(order.fulfilment === "DELIVERY" ? "HUB_ROUTES" : "HUB_HISTORY");
          expect(["HUB_ROUTES", "DEFAULT"]).toContain(estimate.typicalRounds.collection);
          for (const leg of estimate.legs) {
            expect(leg.source, `order ${order.number}`).toBe(
              leg.via === "FARM_DROP_OFF" && leg.source === "DEFAULT" ? "DEFAULT" : "HUB_ROUTES",
            );
          }
        } else {
          expect(estimate.typicalRounds).toEqual({ collection: "DEFAULT", delivery: "DEFAULT" });
        }
      } else {
        expect(estimate.reason.length, `order ${order.number}`).toBeGreaterThan(0);
        expect(order.estCo2eGrams).toBeNull();
      }
      if (order.cycleId !== past!.id) {
        expect(detail?.allocation).toBeNull();
        expect(order.allocCo2eGrams).toBeNull();
      }
    }
    // Every seeded product has a weight, so every order gets a figure.
    expect(estimated).toBe(orders.length);
  });

  it("sends self-delivering farms to the hub with a load worth the trip in the delivered cycle", async () => {
    // Issue 17: a farm drove 37 km for 500 g. Each farm that brings its own goods carries at least
    // what the checkout estimate assumes a farm's own trip carries at the least.
    const [past] = await prisma.deliveryCycle.findMany({ orderBy: { deliveryDate: "asc" }, take: 1 });
    const lines = await prisma.orderLine.findMany({
      where: { farm: { selfDelivers: true }, order: { cycleId: past!.id, status: { not: "CANCELLED" } } },
      select: { farmId: true, grams: true },
    });
    const loads = new Map<string, number>();
    for (const line of lines) loads.set(line.farmId, (loads.get(line.farmId) ?? 0) + line.grams);
    expect(loads.size).toBeGreaterThanOrEqual(3);
    for (const grams of loads.values()) expect(grams).toBeGreaterThanOrEqual(DROP_OFF_FLOOR_GRAMS);
  });

  it("has a locked, completed route plan for the delivered cycle whose routes' CO2e is all allocated to its orders", async () => {
    const [past, open, next] = await prisma.deliveryCycle.findMany({ orderBy: { deliveryDate: "asc" } });
    expect(past!.status).toBe("DELIVERED");
    const plans = await prisma.routePlan.findMany({
      where: { cycleId: past!.id },
      include: { routes: { include: { stops: true } } },
    });
    expect(plans).toHaveLength(1);
    const plan = plans[0]!;
    expect(plan.status).toBe("LOCKED");
    expect(plan.unassigned).toEqual([]);
    expect(plan.createdAt.getTime()).toBeGreaterThan(past!.cutoffAt.getTime());
    expect(plan.createdAt.getTime()).toBeLessThan(past!.deliveryDate.getTime());
    expect(plan.routes.map((route) => route.kind).sort()).toContain("COLLECTION");
    expect(plan.routes.map((route) => route.kind)).toContain("DELIVERY");
    // Issue 17: a refrigerated e-van was planned for 283 km in one November shift. The demo's
    // electric vans have a range, and every route stays within it as derated for the cycle.
    const hub = await prisma.hub.findUniqueOrThrow({ where: { id: past!.hubId } });
    const conditions = cycleRangeConditions(hub, past!.deliveryDate);
    const vehicles = new Map((await prisma.vehicle.findMany()).map((v) => [v.id, v]));
    const electric = plan.routes.filter((route) => isElectricEnergyType(vehicles.get(route.vehicleId)!.energyType));
    expect(electric.length).toBeGreaterThan(0);
    for (const route of electric) {
      const range = effectiveRangeMetres(vehicles.get(route.vehicleId)!, conditions);
      expect(range).not.toBeNull();
      expect(route.distanceM).toBeLessThanOrEqual(range!);
    }
    expect(summary.pastPlan).toEqual({
      routes: plan.routes.length,
      stops: plan.routes.reduce((sum, route) => sum + route.stops.length, 0),
      unassigned: 0,
      co2eGrams: plan.totalCo2eGrams,
    });

    const orders = await prisma.order.findMany({ where: { cycleId: past!.id } });
    const byId = new Map(orders.map((order) => [order.id, order]));
    const lastStop = new Map<string, Date>();
    for (const route of plan.routes) {
      expect(route.locked).toBe(true);
      expect(route.co2eGrams).toBeGreaterThan(0);
      expect(route.stops.reduce((sum, stop) => sum + stop.co2eGrams, 0)).toBe(route.co2eGrams);
      for (const stop of route.stops) {
        const order = stop.orderId ? byId.get(stop.orderId) : undefined;
        expect(stop.status).toBe(route.kind === "DELIVERY" && order?.status === "FAILED" ? "FAILED" : "DONE");
        expect(stop.completedAt).toEqual(stop.departureAt);
        if (route.kind === "DELIVERY" && stop.orderId) {
          const last = lastStop.get(stop.orderId);
          if (!last || stop.departureAt > last) lastStop.set(stop.orderId, stop.departureAt);
        }
      }
    }
    // Every delivered delivery order is on the plan, and was delivered when its last stop was done.
    for (const order of orders.filter((o) => o.fulfilment === "DELIVERY" && o.status === "DELIVERED")) {
      expect(order.deliveredAt, `order ${order.number}`).toEqual(lastStop.get(order.id));
      if (order.paymentMethod === "ON_DELIVERY") expect(order.paidAt).toEqual(order.deliveredAt);
    }

    // Every order that went out carries an allocation from this plan; the cancelled one does not.
    // The hub routes' CO2e is shared out exactly: what the orders carry beyond it is the farms' own
    // drop-off trips (self-delivering farms), which are in the orders' figures but on no route.
    let allocated = 0;
    let dropOffs = 0;
    for (const order of orders) {
      const detail = parseCarbonDetail(order.carbonDetail);
      if (order.status === "CANCELLED") {
        expect(detail?.allocation).toBeNull();
        expect(order.allocCo2eGrams).toBeNull();
        continue;
      }
      const allocation = detail?.allocation;
      expect(allocation?.status, `order ${order.number}`).toBe("ALLOCATED");
      if (allocation?.status !== "ALLOCATED") continue;
      expect(allocation.planId).toBe(plan.id);
      expect(order.allocCo2eGrams).toBe(allocation.co2eGrams);
      expect(order.allocFoodMetres).toBe(allocation.foodMetres);
      expect(detail?.estimate?.status).toBe("ESTIMATED");
      allocated += allocation.co2eGrams;
      dropOffs += allocation.legs
        .filter((leg) => leg.via === "FARM_DROP_OFF")
        .reduce((sum, leg) => sum + leg.co2eGrams, 0);
    }
    const routes = plan.routes.reduce((sum, route) => sum + route.co2eGrams, 0);
    expect(plan.totalCo2eGrams).toBe(routes);
    expect(allocated - dropOffs).toBe(routes);

    for (const cycle of [open!, next!]) {
      expect(await prisma.routePlan.count({ where: { cycleId: cycle.id } })).toBe(0);
      expect(cycle.status).toBe("OPEN");
    }
  });
});
