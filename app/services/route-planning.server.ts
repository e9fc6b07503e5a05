// Route planning for a closed cycle: the checks and the job row before a run (preparePlanning; the
// run itself is app/jobs/planning-runner.server.ts), the plan saved with its carbon allocation in
// one transaction (savePlan), manual moves and locking.
// See docs/decisions/009-route-planning.md.
import type { Prisma } from "~generated/prisma/client.ts";
import {
  baselineProfileFor,
  buildAllocationDetail,
  distanceBasisFromSource,
  householdCarTripFor,
  orderCarbonFieldsFromAllocation,
} from "~/domain/carbon";
import { effectiveCycleStatus } from "~/domain/cycles";
import { haversineMetres } from "~/domain/geo";
import {
  addDays,
  allocatePlanCarbon,
  buildPlanningProblems,
  COLLECTION_SERVICE_SECONDS,
  DELIVERY_SERVICE_SECONDS,
  legMatrices,
  MoveError,
  moveStop,
  PlanningInputError,
  planningRangeMetres,
  REFRIGERATED,
  stopNeedsCold,
  toPlanResult,
  zonedDate,
  zonedToUtc,
  type LegSolutions,
  type PlanEffort,
  type PlanningProblems,
  type PlanRouteRow,
} from "~/domain/planning";
import { evaluateRoutes, type RoutingProblem, type RoutingStop, type Violation } from "~/domain/routing";
import {
  createPlanningJob,
  failStalePlanningJobs,
  findRunningPlanningJob,
  PLANNING_STALE_MS,
} from "~/models/planning-job.server";
import { replanRefusal } from "~/domain/planning/progress";
import {
  findCurrentPlanId,
  getPlanProgress,
  createRoutePlan,
  findPlan,
  getPlanCarbonSource,
  getPlanLegRoutes,
  getPlanningSource,
  lockPlanForChange,
  rewriteRoutes,
  savePlanCarbon,
  setPlanLocked,
  type NewRoute,
  type PlanningSource,
} from "~/models/route-plan.server";
import { withTransaction, type Db } from "~/models/database.server";
import { forgetHubPlanHistory } from "~/models/carbon.server";
import { getEnv } from "~/utils/env.server";
import { getActiveFactorSet } from "./carbon-config.server";
import { serverDuration, serverFormat, serverT } from "~/i18n/i18n.server";
import { translateMessage } from "~/i18n/messages";

const STALE_JOB_MS = PLANNING_STALE_MS;

/**
 * Why the cycle's current plan cannot be replaced (a route has started or a stop is marked), in
 * words; null when planning again is safe.
 */
export async function replanBlocked({ cycleId }: { cycleId: string }): Promise<string | null> {
  const planId = await findCurrentPlanId({ cycleId });
  if (!planId) return null;
  const refusal = replanRefusal(await getPlanProgress({ planId }));
  return refusal && translateMessage(refusal);
}

/** What a planning job works from: its row, the cycle's data and problems, and the chosen effort. */
export interface PlanningRun {
  jobId: string;
  source: PlanningSource;
  problems: PlanningProblems;
  effort: PlanEffort;
  userId: string | null;
}

export type PreparePlanningResult =
  { ok: true; run: PlanningRun } | { ok: false; status: 400 | 404 | 409; message: string };

/**
 * Checks the cycle can be planned and records its job (RUNNING); the caller hands the run to the
 * planning runner (app/jobs/planning-runner.server.ts), which solves and saves it in the background.
 */
export async function preparePlanning({
  hubId,
  cycleId,
  userId,
  effort,
  now = new Date(),
}: {
  hubId: string;
  cycleId: string;
  userId: string | null;
  effort: PlanEffort;
  now?: Date;
}): Promise<PreparePlanningResult> {
  const source = await getPlanningSource({ hubId, cycleId });
  if (!source) return { ok: false, status: 404, message: serverT("messages")("planning.cycleNotFound") };
  const status = effectiveCycleStatus(source.cycle, now);
  if (status === "OPEN" || status === "SCHEDULED") {
    return {
      ok: false,
      status: 400,
      message: serverT("messages")("planning.orderingOpen"),
    };
  }
  if (status === "DELIVERED") return { ok: false, status: 400, message: serverT("messages")("planning.delivered") };
  const refusal = await replanBlocked({ cycleId });
  if (refusal) return { ok: false, status: 409, message: refusal };
  if (source.data.orders.length === 0)
    return { ok: false, status: 400, message: serverT("messages")("planning.noOrders") };
  let problems: PlanningProblems;
  try {
    problems = buildPlanningProblems(source.data);
  } catch (error) {
    if (error instanceof PlanningInputError)
      return { ok: false, status: 400, message: translateMessage(error.problem) };
    throw error;
  }
  await failStalePlanningJobs({ cycleId, before: new Date(now.getTime() - STALE_JOB_MS) });
  const running = await findRunningPlanningJob({ cycleId, since: new Date(now.getTime() - STALE_JOB_MS) });
  if (running)
    return {
      ok: false,
      status: 409,
      message: serverT("messages")("planning.alreadyRunning"),
    };
  const job = await createPlanningJob({ cycleId, message: serverT("messages")("planning.job.preparing") });
  return { ok: true, run: { jobId: job.id, source, problems, effort, userId } };
}

export function routeDates(row: PlanRouteRow, base: { collection: number; delivery: number }): NewRoute {
  const midnight = row.kind === "COLLECTION" ? base.collection : base.delivery;
  const at = (seconds: number) => new Date(midnight + seconds * 1000);
  return {
    kind: row.kind,
    vehicleId: row.vehicleId,
    position: row.position,
    locked: row.locked,
    startAt: at(row.start),
    endAt: at(row.end),
    distanceM: row.distanceM,
    durationS: row.durationS,
    loadGrams: row.loadGrams,
    stops: row.stops.map((s) => ({
      farmId: s.farmId,
      orderId: s.orderId,
      cargo: s.cargo,
      arrivalAt: at(s.arrival),
      departureAt: at(s.departure),
      gramsHandled: s.gramsHandled,
      loadGramsAfter: s.loadGramsAfter,
      distanceFromDepotM: s.distanceFromDepotM,
    })),
  };
}

/** Midnight (hub time) of the collection day (the day before delivery) and of the delivery date. */
export function legMidnights(deliveryDate: Date, timeZone: string) {
  const date = zonedDate(deliveryDate, timeZone);
  return {
    collection: zonedToUtc(addDays(date, -1), 0, timeZone).getTime(),
    delivery: zonedToUtc(date, 0, timeZone).getTime(),
  };
}
/**
 * Saves solved legs as the cycle's newest route plan (routes dated on the delivery day in the hub's
 * time zone) and allocates its carbon: the last steps of the planning job, also used by the demo
 * seed. Returns the plan's id, the routes and unassigned as saved, and the carbon totals.
 */
export async function savePlan({
  source,
  problems,
  solved,
  createdById,
  distanceSource,
  notice,
  now = new Date(),
}: {
  source: PlanningSource;
  problems: PlanningProblems;
  solved: LegSolutions;
  createdById: string | null;
  distanceSource: string;
  notice: string | null;
  now?: Date;
}) {
  const result = toPlanResult(source.data, problems, solved);
  const base = legMidnights(source.cycle.deliveryDate, source.hub.timeZone);
  // The plan and its carbon in one transaction: a crash between them cannot leave a planned cycle
  // whose routes have no emissions.
  const saved = await withTransaction(async (tx) => {
    const planId = await createRoutePlan({
      db: tx,
      cycleId: source.cycle.id,
      createdById,
      distanceSource,
      notice,
      unassigned: result.unassigned,
      routes: result.routes.map((r) => routeDates(r, base)),
    });
    const carbon = await recomputePlanCarbon({ db: tx, planId, now });
    return { planId, result, carbon };
  });
  // Again after the commit: a checkout between the two may have cached the previous plans.
  forgetHubPlanHistory();
  return saved;
}

/**
 * Allocates the plan's route emissions to stops and orders (CARBON.md) and stores the figures.
 * Each order keeps its checkout estimate; only its allocation is replaced (stored-detail.ts).
 */
export async function recomputePlanCarbon({
  db,
  planId,
  now = new Date(),
}: {
  /** The caller's transaction; without one, the figures are read and saved in a transaction of their own. */
  db?: Db;
  planId: string;
  now?: Date;
}): Promise<ReturnType<typeof allocatePlanCarbon>> {
  if (!db) {
    const carbon = await withTransaction((tx) => recomputePlanCarbon({ db: tx, planId, now }));
    forgetHubPlanHistory();
    return carbon;
  }
  const { plan, lines, orders } = await getPlanCarbonSource({ db, planId });
  const env = getEnv();
  const depot = { lat: plan.cycle.hub.depotLat, lng: plan.cycle.hub.depotLng };
  const selfDelivering = new Map<string, number>();
  const farmNames = new Map<string, string>();
  const linesByOrder = new Map<string, Array<{ grams: number; chilled: boolean }>>();
  for (const line of lines) {
    farmNames.set(line.farmId, line.farm.name);
    if (line.farm.selfDelivers && !selfDelivering.has(line.farmId)) {
      selfDelivering.set(line.farmId, Math.round(haversineMetres(line.farm, depot) * env.ROAD_CIRCUITY));
    }
    const list = linesByOrder.get(line.orderId) ?? [];
    list.push({ grams: line.grams, chilled: line.chilled });
    linesByOrder.set(line.orderId, list);
  }
  const factorSet = getActiveFactorSet();
  const baselineProfile = baselineProfileFor(plan.cycle.hub.carbonBaselineProfile);
  const carbon = allocatePlanCarbon({
    routes: plan.routes.map((r) => ({
      id: r.id,
      kind: r.kind,
      distanceM: r.distanceM,
      vehicle: r.vehicle,
      stops: r.stops,
    })),
    lines: lines.map((l) => ({ orderId: l.orderId, farmId: l.farmId, grams: l.grams, chilled: l.chilled })),
    selfDelivering: [...selfDelivering].map(([farmId, metresToHub]) => ({ farmId, metresToHub })),
    distanceBasis: distanceBasisFromSource(plan.distanceSource),
    factorSet,
  });
  const orderById = new Map(orders.map((o) => [o.id, o]));
  const stored = carbon.orders.flatMap((allocated) => {
    const order = orderById.get(allocated.orderId);
    if (!order) return [];
    const allocation = buildAllocationDetail({
      allocated,
      lines: linesByOrder.get(order.id) ?? [],
      householdCarTrip: householdCarTripFor({ buyerKind: order.buyer.buyerKind, fulfilment: order.fulfilment }),
      baselineProfile,
      farmNames,
      factorSet,
      planId,
      computedAt: now,
    });
    const fields = orderCarbonFieldsFromAllocation(allocation, order.carbonDetail);
    return [
      {
        orderId: order.id,
        allocFoodMetres: fields.allocFoodMetres,
        allocCo2eGrams: fields.allocCo2eGrams,
        carbonDetail: fields.carbonDetail as unknown as Prisma.InputJsonValue,
      },
    ];
  });
  await savePlanCarbon({
    db,
    planId,
    routes: carbon.routes,
    stops: carbon.stops,
    totalCo2eGrams: carbon.planCo2eGrams,
    methodVersion: carbon.allocation.methodVersion,
    factorSetId: carbon.allocation.factorSetId,
    orders: stored,
  });
  // Checkout estimates read the hub's recent plans from a cache (models/carbon.server.ts).
  forgetHubPlanHistory();
  return carbon;
}

// ----- Manual changes -----

/** Where the moved stop was: moving it there again undoes the move. */
export interface MoveUndo {
  stopId: string;
  toRouteId: string;
  position: number;
}

export type MoveResult =
  | { ok: true; warnings: string[]; undo: MoveUndo; stopLabel: string }
  | { ok: false; status: 400 | 404; message: string };

export interface MoveStopInput {
  hubId: string;
  planId: string;
  stopId: string;
  toRouteId: string;
  position: number;
  timeZone: string;
  deliveryDate: Date;
}

export async function moveStopInPlan(input: MoveStopInput): Promise<MoveResult> {
  const { hubId, planId, stopId, toRouteId } = input;
  const plan = await findPlan({ hubId, planId });
  if (!plan) return { ok: false, status: 404, message: serverT("messages")("planning.planNotFound") };
  if (plan.status === "LOCKED") return { ok: false, status: 400, message: serverT("messages")("planning.locked") };
  const target = plan.routes.find((r) => r.id === toRouteId);
  const from = plan.routes.find((r) => r.stops.some((s) => s.id === stopId));
  if (!target || !from) return { ok: false, status: 400, message: serverT("messages")("planning.chooseStopAndRoute") };
  if (target.kind !== from.kind) {
    return {
      ok: false,
      status: 400,
      message: serverT("messages")(
        from.kind === "COLLECTION" ? "planning.move.kindMismatchCollection" : "planning.move.kindMismatchDelivery",
      ),
    };
  }
  if (target.locked || from.locked)
    return { ok: false, status: 400, message: serverT("messages")("planning.routeLocked") };
  const source = await getPlanningSource({ hubId, cycleId: plan.cycleId });
  // Read, check and rewrite the leg, and its carbon, in one transaction with the plan locked.
  const moved = await withTransaction(async (tx): Promise<MoveResult> => {
    const lockedPlan = await lockPlanForChange({ db: tx, hubId, planId });
    if (!lockedPlan) return { ok: false, status: 404, message: serverT("messages")("planning.planNotFound") };
    if (lockedPlan.status === "LOCKED")
      return { ok: false, status: 400, message: serverT("messages")("planning.locked") };
    return moveStopInLockedPlan(tx, { ...input, source, kind: from.kind });
  });
  if (moved.ok) forgetHubPlanHistory();
  return moved;
}

async function moveStopInLockedPlan(
  tx: Db,
  {
    hubId,
    planId,
    stopId,
    toRouteId,
    position,
    timeZone,
    deliveryDate,
    source,
    kind,
  }: MoveStopInput & { source: PlanningSource | null; kind: "COLLECTION" | "DELIVERY" },
): Promise<MoveResult> {
  const leg = await getPlanLegRoutes({ db: tx, hubId, planId, kind });
  const target = leg.find((r) => r.id === toRouteId);
  const from = leg.find((r) => r.stops.some((s) => s.id === stopId));
  if (!target || !from) return { ok: false, status: 400, message: serverT("messages")("planning.chooseStopAndRoute") };
  let changed;
  try {
    changed = moveStop(
      leg.map((r) => ({ routeId: r.id, vehicleId: r.vehicle.id, stopIds: r.stops.map((s) => s.id) })),
      stopId,
      toRouteId,
      position,
    );
  } catch (error) {
    if (error instanceof MoveError) return { ok: false, status: 400, message: translateMessage(error.problem) };
    throw error;
  }
  const involved = leg.filter((r) => changed.some((c) => c.routeId === r.id));
  const allStops = involved.flatMap((r) => r.stops);
  const chilledFarms = new Set(
    (source?.data.orders ?? []).flatMap((o) => o.lines.filter((l) => l.chilled && l.grams > 0).map((l) => l.farmId)),
  );
  const stops: RoutingStop[] = allStops.map((s) => {
    const placeHasChilledGoods = s.order
      ? s.order.lines.some((l) => l.grams > 0)
      : s.farm
        ? chilledFarms.has(s.farm.id)
        : false;
    const chilled = stopNeedsCold(s.cargo, placeHasChilledGoods);
    const farmWindow =
      s.farm && s.farm.pickupWindowStart !== null && s.farm.pickupWindowEnd !== null
        ? { start: s.farm.pickupWindowStart * 60, end: s.farm.pickupWindowEnd * 60 }
        : undefined;
    const slotWindow = s.order?.slot
      ? { start: s.order.slot.startMinute * 60, end: s.order.slot.endMinute * 60 }
      : undefined;
    const window = farmWindow ?? slotWindow;
    return {
      id: s.id,
      demandGrams: s.gramsHandled,
      serviceSeconds: s.farm ? COLLECTION_SERVICE_SECONDS : DELIVERY_SERVICE_SECONDS,
      ...(window ? { window } : {}),
      ...(chilled ? { requires: [REFRIGERATED] } : {}),
    };
  });
  const depot = source?.data.depot ?? { lat: 0, lng: 0 };
  const points = [
    depot,
    ...allStops.map((s) => ({ lat: (s.farm?.lat ?? s.order?.lat)!, lng: (s.farm?.lng ?? s.order?.lng)! })),
  ];
  const env = getEnv();
  const matrices = legMatrices(
    { kind, stops, vehicles: [], points, initialRoutes: [] },
    { kind: "estimate", circuity: env.ROAD_CIRCUITY, speedKmh: env.AVERAGE_SPEED_KMH },
  );
  // Each vehicle's range for this cycle (the hub's derating for the delivery month).
  const rangeOf = new Map(involved.map((r) => [r.vehicle.id, planningRangeMetres(r.vehicle, source?.data.range)]));
  const problem: RoutingProblem = {
    stops,
    vehicles: involved.map((r) => {
      const range = rangeOf.get(r.vehicle.id) ?? null;
      return {
        id: r.vehicle.id,
        capacityGrams: r.vehicle.capacityGrams,
        shiftStart: r.vehicle.shiftStartMinute * 60,
        shiftEnd: r.vehicle.shiftEndMinute * 60,
        features: r.vehicle.refrigerated ? [REFRIGERATED] : [],
        ...(range !== null ? { maxRouteMetres: range } : {}),
      };
    }),
    distance: matrices.distance,
    duration: matrices.duration,
  };
  const evaluated = evaluateRoutes(
    problem,
    changed.map((c) => ({ vehicleId: c.vehicleId, stopIds: c.stopIds })),
  );
  const format = serverFormat();
  const words = violationWords(involved, format);
  const blocking = evaluated.violations.filter((v) => v.code === "OVER_CAPACITY" || v.code === "MISSING_FEATURE");
  if (blocking.length > 0) return { ok: false, status: 400, message: words(blocking[0]!) };
  // A move may not take a route past its vehicle's range; a route already over it (the range or the
  // hub's derating changed since planning) may still lose stops, or change without getting longer.
  const rangeWords = (v: { vehicleId?: string }) => {
    const route = involved.find((r) => r.vehicle.id === v.vehicleId);
    const after = evaluated.routes.find((r) => r.vehicleId === v.vehicleId)?.distanceMetres ?? 0;
    return {
      longer: after > (route?.distanceM ?? 0),
      values: {
        vehicle: route?.vehicle.name ?? "",
        distance: format.distance(after, "KM"),
        range: format.distance(rangeOf.get(v.vehicleId ?? "") ?? 0, "KM"),
      },
    };
  };
  const overRange = evaluated.violations.filter((v) => v.code === "OVER_RANGE");
  const pastRange = overRange.find((v) => rangeWords(v).longer);
  if (pastRange) {
    return {
      ok: false,
      status: 400,
      message: serverT("messages")("planning.move.overRange", rangeWords(pastRange).values),
    };
  }
  const midnight = legMidnights(deliveryDate, timeZone)[kind === "COLLECTION" ? "collection" : "delivery"];
  const at = (s: number) => new Date(midnight + Math.round(s) * 1000);
  const fromDepot = new Map(allStops.map((s, i) => [s.id, Math.round(matrices.fromDepot[i] ?? 0)]));
  await rewriteRoutes({
    db: tx,
    routes: changed.map((c) => {
      const route = evaluated.routes.find((r) => r.vehicleId === c.vehicleId);
      const loadGrams = route?.loadGrams ?? 0;
      return {
        routeId: c.routeId,
        startAt: at(route?.start ?? 0),
        endAt: at(route?.end ?? 0),
        distanceM: Math.round(route?.distanceMetres ?? 0),
        durationS: Math.round(route?.durationSeconds ?? 0),
        loadGrams,
        stops: (route?.stops ?? []).map((s) => ({
          stopId: s.stopId,
          arrivalAt: at(s.start),
          departureAt: at(s.departure),
          loadGramsAfter: kind === "COLLECTION" ? s.loadAfterGrams : loadGrams - s.loadAfterGrams,
          distanceFromDepotM: fromDepot.get(s.stopId) ?? 0,
        })),
      };
    }),
  });
  await recomputePlanCarbon({ db: tx, planId });
  const movedStop = allStops.find((s) => s.id === stopId)!;
  return {
    ok: true,
    warnings: evaluated.violations.map((v) =>
      v.code === "OVER_RANGE" ? serverT("messages")("planning.move.stillOverRange", rangeWords(v).values) : words(v),
    ),
    undo: { stopId, toRouteId: from.id, position: from.stops.findIndex((s) => s.id === stopId) + 1 },
    stopLabel: stopWords(movedStop),
  };
}

type LegRoute = Awaited<ReturnType<typeof getPlanLegRoutes>>[number];

/** A stop of a leg in words: "Order #1042 for Ann Smith", "The collection at Hillside Farm". */
function stopWords(stop: LegRoute["stops"][number]): string {
  const t = serverT("messages");
  if (stop.order) return t("planning.stopWords.order", { number: stop.order.number, buyer: stop.order.buyer.name });
  return t("planning.stopWords.farm", { farm: stop.farm?.name ?? "" });
}

/**
 * A problem of changed routes in words, naming the order or farm and the vehicle: the routing
 * domain's own messages name internal ids, which never reach a coordinator.
 */
function violationWords(routes: LegRoute[], format: ReturnType<typeof serverFormat>) {
  const t = serverT("messages");
  const vehicle = (id?: string) => routes.find((r) => r.vehicle.id === id)?.vehicle;
  const stop = (id?: string) => routes.flatMap((r) => r.stops).find((s) => s.id === id);
  return (v: Violation): string => {
    const vehicleName = vehicle(v.vehicleId)?.name ?? "";
    const found = stop(v.stopId);
    const amount = v.amount ?? 0;
    switch (v.code) {
      case "OVER_CAPACITY":
        return t("planning.move.overCapacity", { vehicle: vehicleName, weight: format.weight(amount) });
      case "MISSING_FEATURE":
        return t("planning.move.notRefrigerated", { vehicle: vehicleName, stop: found ? stopWords(found) : "" });
      case "LATE":
        return t(found?.farm ? "planning.move.lateFarm" : "planning.move.late", {
          stop: found ? stopWords(found) : "",
          late: serverDuration(amount),
        });
      case "SHIFT_END":
        return t("planning.move.shiftEnd", { vehicle: vehicleName, late: serverDuration(amount) });
      case "ROUTE_TOO_LONG": {
        const limit = vehicle(v.vehicleId)?.maxRouteSeconds ?? 0;
        return t("planning.move.routeTooLong", {
          vehicle: vehicleName,
          duration: serverDuration(limit + amount),
          limit: serverDuration(limit),
        });
      }
      default:
        return t("planning.move.problem");
    }
  };
}

/** Locks or unlocks a plan of the hub. A delivered cycle's plan is a record and stays locked. */
export async function lockPlan({
  hubId,
  planId,
  locked,
}: {
  hubId: string;
  planId: string;
  locked: boolean;
}): Promise<{ ok: true } | { ok: false; status: 400 | 404; message: string }> {
  const result = await setPlanLocked({ hubId, planId, locked });
  if (result === "NOT_FOUND") return { ok: false, status: 404, message: serverT("messages")("planning.planNotFound") };
  if (result === "DELIVERED") {
    return {
      ok: false,
      status: 400,
      message: serverT("messages")("planning.deliveredKeep"),
    };
  }
  return { ok: true };
}
