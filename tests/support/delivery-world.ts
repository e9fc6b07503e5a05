// A hub on delivery day for integration tests: a coordinator, a refrigerated van, a farm, a cycle
// and one delivery route of one stop per buyer's order on the cycle's current plan.
import { prisma } from "~/utils/db.server";
import {
  createTestCycle,
  createTestFarm,
  createTestHub,
  createTestProduct,
  createTestUser,
  createTestVehicle,
} from "../factories";

export interface DeliveryWorldOptions {
  /** One buyer and order per entry, in route order. */
  buyers: Array<{ locale?: string | null; deliveryNotices?: "EMAIL" | "SMS" | "BOTH" | "NONE"; mobilePhone?: string }>;
  /** When the van leaves the depot; stops follow every 20 minutes after 20 minutes. */
  routeStart?: Date;
  deliveryDate?: Date;
  timeZone?: string;
  /** Extra buyers with an order on the cycle but no stop on the plan. */
  unplannedOrders?: number;
}

const MINUTE = 60_000;

export async function deliveryWorld({
  buyers,
  routeStart = new Date(Date.now() + 2 * 3_600_000),
  deliveryDate,
  timeZone = "Europe/London",
  unplannedOrders = 0,
}: DeliveryWorldOptions) {
  const coordinator = await createTestUser({ role: "COORDINATOR" });
  const hub = await createTestHub({ coordinatorId: coordinator.id });
  await prisma.hub.update({ where: { id: hub.id }, data: { timeZone } });
  const vehicle = await createTestVehicle(hub.id, { refrigerated: true });
  const farm = await createTestFarm({ hubId: hub.id });
  const product = await createTestProduct(farm.id, { name: "Leeks" });
  const cycle = await createTestCycle(hub.id, {
    status: "PLANNED",
    cutoffAt: new Date(Date.now() - 3_600_000),
    ...(deliveryDate ? { deliveryDate } : {}),
  });
  const orderFor = async (buyerId: string) =>
    prisma.order.create({
      data: {
        buyerId,
        hubId: hub.id,
        cycleId: cycle.id,
        fulfilment: "DELIVERY",
        paymentMethod: "ON_DELIVERY",
        address: "1 Test Street",
        lat: 51.46,
        lng: -2.6,
        subtotalMinor: 300,
        totalMinor: 300,
        totalGrams: 1000,
        lines: {
          create: [
            {
              productId: product.id,
              farmId: farm.id,
              productName: "Leeks",
              unit: "KG",
              quantityMilli: 1000,
              unitPriceMinor: 300,
              lineTotalMinor: 300,
              grams: 1000,
            },
          ],
        },
      },
    });
  const people = [];
  for (const options of buyers) {
    const buyer = await createTestUser({ hubId: hub.id });
    await prisma.user.update({
      where: { id: buyer.id },
      data: {
        locale: options.locale ?? null,
        deliveryNotices: options.deliveryNotices ?? "EMAIL",
        mobilePhone: options.mobilePhone ?? null,
      },
    });
    people.push({ buyer, order: await orderFor(buyer.id) });
  }
  const unplanned = [];
  for (let i = 0; i < unplannedOrders; i++) {
    const buyer = await createTestUser({ hubId: hub.id });
    unplanned.push({ buyer, order: await orderFor(buyer.id) });
  }
  const plan = await prisma.routePlan.create({
    data: {
      cycleId: cycle.id,
      distanceSource: "haversine",
      routes: {
        create: [
          {
            vehicleId: vehicle.id,
            kind: "DELIVERY",
            position: 0,
            startAt: routeStart,
            endAt: new Date(routeStart.getTime() + (people.length + 1) * 20 * MINUTE),
            distanceM: 12_000,
            durationS: 3600,
            loadGrams: 1000 * people.length,
            co2eGrams: 900,
            factorKey: "van-diesel-average",
            stops: {
              create: people.map(({ order }, index) => ({
                sequence: index + 1,
                orderId: order.id,
                arrivalAt: new Date(routeStart.getTime() + (index + 1) * 20 * MINUTE),
                departureAt: new Date(routeStart.getTime() + (index + 1) * 20 * MINUTE + 5 * MINUTE),
                gramsHandled: 1000,
                loadGramsAfter: 1000 * (people.length - index - 1),
                distanceFromDepotM: 2000 * (index + 1),
                co2eGrams: 100,
              })),
            },
          },
        ],
      },
    },
    include: { routes: { include: { stops: { orderBy: { sequence: "asc" } } } } },
  });
  const route = plan.routes[0]!;
  return { coordinator, hub, vehicle, cycle, plan, route, stops: route.stops, people, unplanned };
}
