// Route plans, routes and stops of a hub's cycles. Reads are scoped by hub; writes take ids the
// services have already checked against the hub.
import { randomUUID } from "node:crypto";
import type { Prisma } from "~generated/prisma/client.ts";
import type { RouteKind } from "~generated/prisma/enums.ts";
import {
  carryDriversByVehicle,
  cycleRangeConditions,
  placeStopId,
  type KeptRoute,
  type PlanningData,
  type PlanUnassigned,
  type StopPart,
} from "~/domain/planning";
import { prisma } from "~/utils/db.server";
import { defaultDb, inTransaction, type Db } from "./database.server";
import type { StopProgress } from "~/domain/planning/progress";
import { cycleStatusesThatMayBecome } from "~/domain/cycles";
import { assertOrderMoves } from "~/domain/order-status";
import { ACTIVE_ORDER_STATUSES } from "./aggregation.server";

export interface PlanningSource {
  cycle: {
    id: string;
    name: string;
    status: "OPEN" | "CLOSED" | "PLANNED" | "DELIVERED";
    opensAt: Date;
    cutoffAt: Date;
    deliveryDate: Date;
  };
  hub: {
    id: string;
    timeZone: string;
    depotLat: number;
    depotLng: number;
    winterMonths: number[];
    winterDeratingPercent: number;
    fridgeDeratingPercent: number;
  };
  data: PlanningData;
  vehicles: Array<{
    id: string;
    name: string;
    energyType: string;
    refrigerated: boolean;
    capacityGrams: number;
    shiftStartMinute: number;
    shiftEndMinute: number;
    rangeMetres: number | null;
  }>;
}

/** Everything the planner needs for one cycle, as plain data. */
export async function getPlanningSource({
  hubId,
  cycleId,
}: {
  hubId: string;
  cycleId: string;
}): Promise<PlanningSource | null> {
  const cycle = await prisma.deliveryCycle.findFirst({
    where: { id: cycleId, hubId },
    select: {
      id: true,
      name: true,
      status: true,
      opensAt: true,
      cutoffAt: true,
      deliveryDate: true,
      hub: {
        select: {
          id: true,
          timeZone: true,
          depotLat: true,
          depotLng: true,
          winterMonths: true,
          winterDeratingPercent: true,
          fridgeDeratingPercent: true,
        },
      },
    },
  });
  if (!cycle) return null;
  const [orders, vehicles, latestPlan] = await Promise.all([
    prisma.order.findMany({
      where: { cycleId, hubId, status: { in: [...ACTIVE_ORDER_STATUSES] } },
      select: {
        id: true,
        number: true,
        fulfilment: true,
        lat: true,
        lng: true,
        buyer: { select: { name: true } },
        slot: { select: { startMinute: true, endMinute: true } },
        lines: { select: { farmId: true, grams: true, chilled: true } },
      },
    }),
    prisma.vehicle.findMany({
      where: { hubId, active: true },
      orderBy: { name: "asc" },
      select: {
        id: true,
        name: true,
        capacityGrams: true,
        refrigerated: true,
        shiftStartMinute: true,
        shiftEndMinute: true,
        maxRouteSeconds: true,
        costPerKmMinor: true,
        energyType: true,
        rangeMetres: true,
      },
    }),
    prisma.routePlan.findFirst({
      where: { cycleId },
      orderBy: { createdAt: "desc" },
      select: {
        routes: {
          where: { locked: true },
          select: {
            kind: true,
            vehicleId: true,
            stops: { orderBy: { sequence: "asc" }, select: { farmId: true, orderId: true, cargo: true } },
          },
        },
      },
    }),
  ]);
  const farmIds = [...new Set(orders.flatMap((o) => o.lines.map((l) => l.farmId)))];
  const farms = await prisma.farm.findMany({
    where: { id: { in: farmIds } },
    select: {
      id: true,
      name: true,
      lat: true,
      lng: true,
      pickupWindowStart: true,
      pickupWindowEnd: true,
      selfDelivers: true,
    },
  });
  const locked: KeptRoute[] = (latestPlan?.routes ?? []).map((r) => ({
    kind: r.kind,
    vehicleId: r.vehicleId,
    stopIds: r.stops.map((s) =>
      s.farmId ? placeStopId("FARM", s.farmId, s.cargo) : placeStopId("ORDER", s.orderId ?? "", s.cargo),
    ),
  }));
  return {
    cycle: {
      id: cycle.id,
      name: cycle.name,
      status: cycle.status,
      opensAt: cycle.opensAt,
      cutoffAt: cycle.cutoffAt,
      deliveryDate: cycle.deliveryDate,
    },
    hub: cycle.hub,
    vehicles,
    data: {
      depot: { lat: cycle.hub.depotLat, lng: cycle.hub.depotLng },
      farms,
      orders: orders.map((o) => ({
        id: o.id,
        number: o.number,
        buyerName: o.buyer.name,
        fulfilment: o.fulfilment,
        lat: o.lat,
        lng: o.lng,
        slot: o.slot,
        lines: o.lines,
      })),
      vehicles,
      locked,
      // Each vehicle's range for this cycle: derated by the hub's settings for the delivery month.
      range: cycleRangeConditions(cycle.hub, cycle.deliveryDate),
    },
  };
}

export interface NewRoute {
  kind: RouteKind;
  vehicleId: string;
  position: number;
  locked: boolean;
  startAt: Date;
  endAt: Date;
  distanceM: number;
  durationS: number;
  loadGrams: number;
  stops: Array<{
    farmId: string | null;
    orderId: string | null;
    /** Omitted or null: all the place's goods (one stop per place). */
    cargo?: StopPart | null;
    arrivalAt: Date;
    departureAt: Date;
    gramsHandled: number;
    loadGramsAfter: number;
    distanceFromDepotM: number;
  }>;
}

/**
 * Saves a new draft plan with its routes and stops, and marks the cycle PLANNED, in one
 * transaction. Each new route takes the driver its vehicle had on the cycle's previous current
 * plan, when that driver is still an active driver of the hub (docs/decisions/030, addendum).
 */
export async function createRoutePlan({
  db,
  cycleId,
  createdById,
  distanceSource,
  notice,
  unassigned,
  routes,
}: {
  db?: Db;
  cycleId: string;
  createdById: string | null;
  distanceSource: string;
  notice: string | null;
  unassigned: PlanUnassigned[];
  routes: NewRoute[];
}): Promise<string> {
  const planId = randomUUID();
  const routeRows: Prisma.RouteCreateManyInput[] = [];
  const stopRows: Prisma.StopCreateManyInput[] = [];
  for (const route of routes) {
    const routeId = randomUUID();
    const { stops, ...rest } = route;
    routeRows.push({ ...rest, id: routeId, planId, co2eGrams: 0, factorKey: "" });
    stops.forEach((stop, i) => stopRows.push({ ...stop, id: randomUUID(), routeId, sequence: i + 1, co2eGrams: 0 }));
  }
  await inTransaction(db, async (tx) => {
    const drivers = await carriedDrivers({ tx, cycleId, routes });
    routeRows.forEach((row, i) => {
      row.driverId = drivers[i] ?? null;
    });
    await tx.routePlan.create({
      data: {
        id: planId,
        cycleId,
        createdById,
        distanceSource,
        notice,
        unassigned: unassigned as unknown as Prisma.InputJsonValue,
        totalDistanceM: routes.reduce((s, r) => s + r.distanceM, 0),
      },
    });
    for (let i = 0; i < routeRows.length; i += 1000) await tx.route.createMany({ data: routeRows.slice(i, i + 1000) });
    for (let i = 0; i < stopRows.length; i += 2000) await tx.stop.createMany({ data: stopRows.slice(i, i + 2000) });
    const moved = await tx.deliveryCycle.updateMany({
      where: { id: cycleId, status: { in: cycleStatusesThatMayBecome("PLANNED") } },
      data: { status: "PLANNED" },
    });
    if (moved.count !== 1) throw new Error(`Cycle ${cycleId} cannot be planned: it is delivered or gone.`);
  });
  return planId;
}

/** The drivers the new routes keep from the cycle's current plan (by vehicle), before the new one is saved. */
async function carriedDrivers({ tx, cycleId, routes }: { tx: Db; cycleId: string; routes: readonly NewRoute[] }) {
  const previous = await tx.routePlan.findFirst({
    where: { cycleId },
    orderBy: { createdAt: "desc" },
    select: {
      cycle: { select: { hubId: true } },
      routes: {
        where: { driverId: { not: null } },
        select: { vehicleId: true, kind: true, position: true, driverId: true },
      },
    },
  });
  if (!previous || previous.routes.length === 0) return routes.map(() => null);
  const active = await tx.user.findMany({
    where: {
      id: { in: previous.routes.map((r) => r.driverId!) },
      role: "DRIVER",
      hubId: previous.cycle.hubId,
      deactivatedAt: null,
    },
    select: { id: true },
  });
  return carryDriversByVehicle(previous.routes, routes, new Set(active.map((u) => u.id)));
}

const PLAN_SELECT = {
  id: true,
  cycleId: true,
  status: true,
  distanceSource: true,
  notice: true,
  totalDistanceM: true,
  totalCo2eGrams: true,
  carbonMethodVersion: true,
  carbonFactorSet: true,
  unassigned: true,
  createdAt: true,
  routes: {
    orderBy: { position: "asc" },
    select: {
      id: true,
      kind: true,
      position: true,
      locked: true,
      driverId: true,
      driver: { select: { name: true } },
      startAt: true,
      endAt: true,
      distanceM: true,
      durationS: true,
      loadGrams: true,
      co2eGrams: true,
      factorKey: true,
      refrigerationCo2eGrams: true,
      refrigerationSharedByAll: true,
      vehicle: {
        select: {
          id: true,
          name: true,
          capacityGrams: true,
          refrigerated: true,
          energyType: true,
          shiftEndMinute: true,
          rangeMetres: true,
          maxRouteSeconds: true,
        },
      },
      stops: {
        orderBy: { sequence: "asc" },
        select: {
          id: true,
          sequence: true,
          arrivalAt: true,
          departureAt: true,
          gramsHandled: true,
          cargo: true,
          loadGramsAfter: true,
          distanceFromDepotM: true,
          co2eGrams: true,
          status: true,
          failureReason: true,
          farm: {
            select: { id: true, name: true, lat: true, lng: true, pickupWindowStart: true, pickupWindowEnd: true },
          },
          order: {
            select: {
              id: true,
              number: true,
              lat: true,
              lng: true,
              address: true,
              status: true,
              buyer: { select: { name: true } },
              slot: { select: { startMinute: true, endMinute: true } },
              lines: { where: { chilled: true }, select: { id: true }, take: 1 },
            },
          },
        },
      },
    },
  },
} satisfies Prisma.RoutePlanSelect;

export type StoredPlan = Prisma.RoutePlanGetPayload<{ select: typeof PLAN_SELECT }>;

export function findLatestPlan({ hubId, cycleId }: { hubId: string; cycleId: string }) {
  return prisma.routePlan.findFirst({
    where: { cycleId, cycle: { hubId } },
    orderBy: { createdAt: "desc" },
    select: PLAN_SELECT,
  });
}

export function findPlan({ hubId, planId }: { hubId: string; planId: string }) {
  return prisma.routePlan.findFirst({ where: { id: planId, cycle: { hubId } }, select: PLAN_SELECT });
}

/** A saved plan's routes and the cycle's order lines, for the carbon allocation. */
export async function getPlanCarbonSource({ db = defaultDb, planId }: { db?: Db; planId: string }) {
  const plan = await db.routePlan.findUniqueOrThrow({
    where: { id: planId },
    select: {
      id: true,
      distanceSource: true,
      cycleId: true,
      cycle: { select: { hub: { select: { depotLat: true, depotLng: true, carbonBaselineProfile: true } } } },
      routes: {
        select: {
          id: true,
          kind: true,
          distanceM: true,
          vehicle: { select: { energyType: true, refrigerated: true } },
          stops: {
            orderBy: { sequence: "asc" },
            select: { id: true, farmId: true, orderId: true, distanceFromDepotM: true, cargo: true },
          },
        },
      },
    },
  });
  // One after the other: a transaction client runs one query at a time.
  const lines = await db.orderLine.findMany({
    where: { order: { cycleId: plan.cycleId, status: { in: [...ACTIVE_ORDER_STATUSES] } } },
    select: {
      orderId: true,
      farmId: true,
      grams: true,
      chilled: true,
      farm: { select: { name: true, selfDelivers: true, lat: true, lng: true } },
    },
  });
  const orders = await db.order.findMany({
    where: { cycleId: plan.cycleId, status: { in: [...ACTIVE_ORDER_STATUSES] } },
    select: { id: true, fulfilment: true, carbonDetail: true, buyer: { select: { buyerKind: true } } },
  });
  return { plan, lines, orders };
}

export async function savePlanCarbon({
  db,
  planId,
  routes,
  stops,
  orders,
  totalCo2eGrams,
  methodVersion,
  factorSetId,
}: {
  db?: Db;
  planId: string;
  routes: Array<{
    routeId: string;
    co2eGrams: number;
    factorKey: string;
    refrigerationCo2eGrams: number;
    refrigerationSharedByAll: boolean;
  }>;
  stops: Array<{ stopId: string; co2eGrams: number }>;
  orders: Array<{
    orderId: string;
    allocFoodMetres: number | null;
    allocCo2eGrams: number | null;
    carbonDetail: Prisma.InputJsonValue;
  }>;
  totalCo2eGrams: number;
  methodVersion: string;
  factorSetId: string;
}) {
  await inTransaction(db, async (tx) => {
    await tx.routePlan.update({
      where: { id: planId },
      data: { totalCo2eGrams, carbonMethodVersion: methodVersion, carbonFactorSet: factorSetId },
    });
    for (const r of routes)
      await tx.route.update({
        where: { id: r.routeId },
        data: {
          co2eGrams: r.co2eGrams,
          factorKey: r.factorKey,
          refrigerationCo2eGrams: r.refrigerationCo2eGrams,
          refrigerationSharedByAll: r.refrigerationSharedByAll,
        },
      });
    // Stops and orders in batches of one statement each: thousands of rows in a big cycle.
    for (let i = 0; i < stops.length; i += 500) {
      const chunk = stops.slice(i, i + 500);
      const values = chunk.map((_, j) => `($${j * 2 + 1}::text, $${j * 2 + 2}::int)`).join(",");
      await tx.$executeRawUnsafe(
        `UPDATE "Stop" AS s SET "co2eGrams" = v.g FROM (VALUES ${values}) AS v(id, g) WHERE s.id = v.id`,
        ...chunk.flatMap((s) => [s.stopId, s.co2eGrams]),
      );
    }
    for (let i = 0; i < orders.length; i += 300) {
      const chunk = orders.slice(i, i + 300);
      const values = chunk
        .map(
          (_, j) =>
            `($${j * 6 + 1}::text, $${j * 6 + 2}::int, $${j * 6 + 3}::int, $${j * 6 + 4}::jsonb, $${j * 6 + 5}::text, $${j * 6 + 6}::text)`,
        )
        .join(",");
      await tx.$executeRawUnsafe(
        `UPDATE "Order" AS o SET "allocFoodMetres" = v.m, "allocCo2eGrams" = v.g, "carbonDetail" = v.d, "carbonMethodVersion" = v.mv, "carbonFactorSet" = v.fs FROM (VALUES ${values}) AS v(id, m, g, d, mv, fs) WHERE o.id = v.id`,
        ...chunk.flatMap((o) => [
          o.orderId,
          o.allocFoodMetres,
          o.allocCo2eGrams,
          JSON.stringify(o.carbonDetail),
          methodVersion,
          factorSetId,
        ]),
      );
    }
  });
}

/**
 * Locks a plan of the hub for a change (SELECT … FOR UPDATE): two moves of the same plan queue
 * instead of both rewriting routes read before the other's write. Null: no such plan in this hub.
 */
export async function lockPlanForChange({
  db,
  hubId,
  planId,
}: {
  db: Db;
  hubId: string;
  planId: string;
}): Promise<{ status: string } | null> {
  const rows = await db.$queryRaw<Array<{ status: string }>>`
    SELECT p.status::text AS status FROM "RoutePlan" p JOIN "DeliveryCycle" c ON c.id = p."cycleId"
    WHERE p.id = ${planId} AND c."hubId" = ${hubId} FOR UPDATE OF p`;
  return rows[0] ?? null;
}

/** Route sequences of one leg of a plan, for a manual move. */
export function getPlanLegRoutes({
  db = defaultDb,
  hubId,
  planId,
  kind,
}: {
  db?: Db;
  hubId: string;
  planId: string;
  kind: RouteKind;
}) {
  return db.route.findMany({
    where: { planId, kind, plan: { cycle: { hubId } } },
    orderBy: { position: "asc" },
    select: {
      id: true,
      startAt: true,
      distanceM: true,
      vehicle: {
        select: {
          id: true,
          capacityGrams: true,
          refrigerated: true,
          shiftStartMinute: true,
          shiftEndMinute: true,
          maxRouteSeconds: true,
          costPerKmMinor: true,
          name: true,
          energyType: true,
          rangeMetres: true,
        },
      },
      stops: {
        orderBy: { sequence: "asc" },
        select: {
          id: true,
          gramsHandled: true,
          cargo: true,
          farm: {
            select: { id: true, name: true, lat: true, lng: true, pickupWindowStart: true, pickupWindowEnd: true },
          },
          order: {
            select: {
              id: true,
              number: true,
              lat: true,
              lng: true,
              buyer: { select: { name: true } },
              slot: { select: { startMinute: true, endMinute: true } },
              lines: { where: { chilled: true }, select: { grams: true } },
            },
          },
        },
      },
    },
  });
}

export async function rewriteRoutes({
  db,
  routes,
}: {
  db?: Db;
  routes: Array<{
    routeId: string;
    startAt: Date;
    endAt: Date;
    distanceM: number;
    durationS: number;
    loadGrams: number;
    stops: Array<{
      stopId: string;
      arrivalAt: Date;
      departureAt: Date;
      loadGramsAfter: number;
      distanceFromDepotM: number;
    }>;
  }>;
}) {
  await inTransaction(db, async (tx) => {
    for (const route of routes) {
      await tx.route.update({
        where: { id: route.routeId },
        data: {
          startAt: route.startAt,
          endAt: route.endAt,
          distanceM: route.distanceM,
          durationS: route.durationS,
          loadGrams: route.loadGrams,
        },
      });
      // Sequences are renumbered after a temporary offset so no two stops share one mid-update.
      for (const [i, stop] of route.stops.entries()) {
        await tx.stop.update({
          where: { id: stop.stopId },
          data: {
            routeId: route.routeId,
            sequence: i + 1,
            arrivalAt: stop.arrivalAt,
            departureAt: stop.departureAt,
            loadGramsAfter: stop.loadGramsAfter,
            distanceFromDepotM: stop.distanceFromDepotM,
          },
        });
      }
    }
    const empty = routes.filter((r) => r.stops.length === 0).map((r) => r.routeId);
    if (empty.length) await tx.route.deleteMany({ where: { id: { in: empty } } });
  });
}

export async function setPlanLocked({
  hubId,
  planId,
  locked,
}: {
  hubId: string;
  planId: string;
  locked: boolean;
}): Promise<"OK" | "NOT_FOUND" | "DELIVERED"> {
  return prisma.$transaction(async (tx) => {
    const plan = await tx.routePlan.findFirst({
      where: { id: planId, cycle: { hubId } },
      select: { cycle: { select: { status: true } } },
    });
    if (!plan) return "NOT_FOUND";
    if (!locked && plan.cycle.status === "DELIVERED") return "DELIVERED";
    await tx.routePlan.update({ where: { id: planId }, data: { status: locked ? "LOCKED" : "DRAFT" } });
    await tx.route.updateMany({ where: { planId }, data: { locked } });
    return "OK";
  });
}

/**
 * What a collection run picks up at each farm: the farms' order lines of the cycle (active
 * orders), for the manifest and the driver page.
 */
export function listFarmPickLines({ cycleId, farmIds }: { cycleId: string; farmIds: string[] }) {
  if (farmIds.length === 0) return Promise.resolve([]);
  return prisma.orderLine.findMany({
    where: { farmId: { in: farmIds }, order: { cycleId, status: { in: [...ACTIVE_ORDER_STATUSES] } } },
    orderBy: [{ productName: "asc" }],
    select: {
      farmId: true,
      productId: true,
      productName: true,
      quantityMilli: true,
      unit: true,
      grams: true,
      chilled: true,
    },
  });
}

/** One route with everything a manifest or a driver needs. `hubId` null: the route's own hub check is done by the caller. */
/**
 * The vehicles of routes that carried a buyer's orders (the ids come from the orders' stored
 * allocations): a route of a cycle the buyer has no order in is not returned.
 */
export async function listBuyerOrderRoutes({ buyerId, routeIds }: { buyerId: string; routeIds: readonly string[] }) {
  if (routeIds.length === 0) return [];
  const routes = await prisma.route.findMany({
    where: { id: { in: [...routeIds] }, plan: { cycle: { orders: { some: { buyerId } } } } },
    select: { id: true, factorKey: true, vehicle: { select: { refrigerated: true } } },
  });
  return routes.map((r) => ({ id: r.id, factorKey: r.factorKey, refrigerated: r.vehicle.refrigerated }));
}

/**
 * A route of the hub with its stops; with `driverId`, only when that driver is assigned to it
 * (docs/decisions/030: a driver reaches their own routes and nothing else).
 */
export function findRouteForHub({
  hubId,
  routeId,
  driverId = null,
}: {
  hubId: string;
  routeId: string;
  driverId?: string | null;
}) {
  return prisma.route.findFirst({
    where: { id: routeId, plan: { cycle: { hubId } }, ...(driverId ? { driverId } : {}) },
    select: {
      id: true,
      kind: true,
      driverId: true,
      driver: { select: { name: true } },
      startAt: true,
      endAt: true,
      distanceM: true,
      loadGrams: true,
      co2eGrams: true,
      vehicle: { select: { name: true, refrigerated: true, energyType: true, rangeMetres: true } },
      plan: {
        select: {
          id: true,
          status: true,
          cycle: {
            select: {
              id: true,
              name: true,
              deliveryDate: true,
              hub: {
                select: {
                  timeZone: true,
                  depotLat: true,
                  depotLng: true,
                  winterMonths: true,
                  winterDeratingPercent: true,
                  fridgeDeratingPercent: true,
                },
              },
            },
          },
        },
      },
      stops: {
        orderBy: { sequence: "asc" },
        select: {
          id: true,
          sequence: true,
          arrivalAt: true,
          gramsHandled: true,
          cargo: true,
          status: true,
          failureReason: true,
          failureCode: true,
          version: true,
          proofKind: true,
          proofPhotoPath: true,
          proofSignaturePath: true,
          proofPhotoTakenAt: true,
          proofRecipient: true,
          proofSafePlace: true,
          completedAt: true,
          farm: {
            select: {
              id: true,
              name: true,
              address: true,
              lat: true,
              lng: true,
              contactPhone: true,
              pickupInstructions: true,
            },
          },
          order: {
            select: {
              id: true,
              number: true,
              address: true,
              lat: true,
              lng: true,
              contactPhone: true,
              notes: true,
              status: true,
              buyer: { select: { name: true, phone: true } },
              lines: {
                select: {
                  id: true,
                  productName: true,
                  quantityMilli: true,
                  unit: true,
                  chilled: true,
                  farmId: true,
                  deliveredQuantityMilli: true,
                  shortReason: true,
                  shortNote: true,
                },
              },
            },
          },
        },
      },
    },
  });
}

const FAILURE_CODE_WORDS = {
  NOBODY_HOME: "nobody home",
  ADDRESS_NOT_FOUND: "address not found",
  ACCESS_PROBLEM: "no access",
  REFUSED: "refused",
  OTHER: "",
} as const;

/** The delivery stops of an order in a plan: one, or two when its chilled and ambient goods travel apart. */
export async function listOrderDeliveryParts({
  db,
  orderId,
  planId,
}: {
  db: Db;
  orderId: string;
  planId: string;
}): Promise<Array<{ status: StopProgress; cargo: StopPart | null; failureReason: string | null }>> {
  const parts = await db.stop.findMany({
    where: { orderId, route: { planId, kind: "DELIVERY" } },
    select: { status: true, failureReason: true, failureCode: true, cargo: true },
  });
  // The order's reason is stored in English (as the app's other reasons are): the code's words,
  // then the driver's note; pages show the stop's code in the reader's language instead.
  return parts.map((p) => ({
    status: p.status as StopProgress,
    cargo: p.cargo,
    failureReason:
      [p.failureCode ? FAILURE_CODE_WORDS[p.failureCode] : null, p.failureReason].filter(Boolean).join(": ") || null,
  }));
}

/** Delivery stops of this plan still to be marked (an earlier plan of the cycle keeps its never-driven stops). */
export function countPendingDeliveryStops({ db, planId }: { db: Db; planId: string }): Promise<number> {
  return db.stop.count({ where: { route: { planId, kind: "DELIVERY" }, status: "PENDING" } });
}

/** The id of the plan a cycle's driver links must belong to: its latest. */
export async function findCurrentPlanId({
  cycleId,
  db = defaultDb,
}: {
  cycleId: string;
  db?: Db;
}): Promise<string | null> {
  const plan = await db.routePlan.findFirst({
    where: { cycleId },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  return plan?.id ?? null;
}

/** Per route of a plan: stops marked and whether it was started (its orders went out). */
export async function getPlanProgress({ planId }: { planId: string }) {
  const routes = await prisma.route.findMany({
    where: { planId },
    orderBy: [{ kind: "asc" }, { position: "asc" }],
    select: { kind: true, position: true, stops: { select: { status: true, order: { select: { status: true } } } } },
  });
  const perKind = { COLLECTION: 0, DELIVERY: 0 };
  return routes.map((r) => {
    perKind[r.kind] += 1;
    return {
      name: `${r.kind === "COLLECTION" ? "Collection" : "Delivery"} ${perKind[r.kind]}`,
      done: r.stops.filter((s) => s.status === "DONE" || s.status === "PARTIAL").length,
      failed: r.stops.filter((s) => s.status === "FAILED").length,
      started:
        r.kind === "DELIVERY" &&
        r.stops.some((s) => s.order && s.order.status !== "CONFIRMED" && s.order.status !== "CANCELLED"),
    };
  });
}

/** The route is under way: its confirmed orders are out for delivery. Returns how many moved. */
export async function markRouteOrdersOut({ db = defaultDb, routeId }: { db?: Db; routeId: string }) {
  assertOrderMoves(["CONFIRMED"], "OUT_FOR_DELIVERY");
  const result = await db.order.updateMany({
    where: { stops: { some: { routeId } }, status: "CONFIRMED" },
    data: { status: "OUT_FOR_DELIVERY" },
  });
  return result.count;
}

// ----- A farmer's view of the collection runs -----

/** The farms a farmer owns, with their hub's time zone (null: not in a hub). */
export function listFarmsForCollections({ ownerId }: { ownerId: string }) {
  return prisma.farm.findMany({
    where: { ownerId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, selfDelivers: true, hub: { select: { id: true, name: true, timeZone: true } } },
  });
}

/**
 * The hub's recent cycles with, from the latest plan of each, the collection stops at one farm,
 * and that farm's order lines in the cycle (grams, and the orders' stored carbon for drop-offs).
 */
export async function listFarmCollectionCycles({
  farmId,
  hubId,
  take = 12,
}: {
  farmId: string;
  hubId: string;
  take?: number;
}) {
  const cycles = await prisma.deliveryCycle.findMany({
    where: { hubId },
    orderBy: { deliveryDate: "desc" },
    take,
    select: {
      id: true,
      name: true,
      status: true,
      opensAt: true,
      cutoffAt: true,
      deliveryDate: true,
      routePlans: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: {
          id: true,
          routes: {
            where: { kind: "COLLECTION", stops: { some: { farmId } } },
            orderBy: { position: "asc" },
            select: {
              vehicle: { select: { name: true, refrigerated: true } },
              stops: {
                where: { farmId },
                select: {
                  id: true,
                  arrivalAt: true,
                  departureAt: true,
                  gramsHandled: true,
                  co2eGrams: true,
                  status: true,
                  cargo: true,
                },
              },
            },
          },
        },
      },
    },
  });
  const lines = await prisma.orderLine.findMany({
    where: { farmId, order: { cycleId: { in: cycles.map((c) => c.id) }, status: { in: [...ACTIVE_ORDER_STATUSES] } } },
    select: { orderId: true, grams: true, order: { select: { cycleId: true, carbonDetail: true } } },
  });
  return { cycles, lines };
}

/**
 * The farms that bring their own goods to the hub (`selfDelivers`) with goods in the cycle's
 * active orders: where they are, their pickup window, and the grams (and chilled grams) they bring.
 */
export async function listSelfDeliveringFarmLoads({ hubId, cycleId }: { hubId: string; cycleId: string }) {
  const sums = await prisma.orderLine.groupBy({
    by: ["farmId", "chilled"],
    where: {
      order: { cycleId, hubId, status: { in: [...ACTIVE_ORDER_STATUSES] } },
      farm: { selfDelivers: true },
    },
    _sum: { grams: true },
  });
  const loads = new Map<string, { grams: number; chilledGrams: number }>();
  for (const row of sums) {
    const load = loads.get(row.farmId) ?? { grams: 0, chilledGrams: 0 };
    const grams = row._sum.grams ?? 0;
    load.grams += grams;
    if (row.chilled) load.chilledGrams += grams;
    loads.set(row.farmId, load);
  }
  if (loads.size === 0) return [];
  const farms = await prisma.farm.findMany({
    where: { id: { in: [...loads.keys()] } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, lat: true, lng: true, pickupWindowStart: true, pickupWindowEnd: true },
  });
  return farms.map((farm) => ({ ...farm, ...loads.get(farm.id)! }));
}
