// The cycle carbon report: per route and per vehicle type, per order and per kg, versus baseline;
// per farm (collection share, own trips, CO2e per kg delivered) and against the hub's previous
// planned cycles. Refrigerated routes show their two parts (decision 026): the vehicle part shared
// by all goods and the refrigeration part charged to chilled goods, or to all goods (noted) when
// none was chilled.
import { buildReport, type ReportDefinition } from "~/domain/aggregation";
import { reportToCsv } from "~/domain/aggregation/csv";
import {
  baselineProfileFor,
  compareCycles,
  computeBaseline,
  farmCarbonTable,
  householdCarTripFor,
  parseCarbonDetail,
  type CycleCarbonSummary,
  type FarmCarbonRow,
} from "~/domain/carbon";
import { zonedDate } from "~/domain/time-zone";
import { listCycleOrderCarbon } from "~/models/aggregation.server";
import {
  getCarbonHub,
  listCycleFarmGrams,
  listPlannedCyclesBefore,
  listReportFarms,
  summariseCycleOrders,
  sumFarmOwnTrips,
} from "~/models/carbon.server";
import { getAnyHub, getCycle } from "~/models/cycle.server";
import { findLatestPlan } from "~/models/route-plan.server";
import { message, type Message } from "~/domain/message";
import { serverFormat, serverT } from "~/i18n/i18n.server";
import { getActiveFactorSet } from "./carbon-config.server";

/** The report's words, written in the request's language when it is built. */
const m = (key: string, values?: Message["values"]) => message(`messages:carbonReport.${key}`, values);

interface RouteRow {
  route: string;
  kind: string;
  factorKey: string;
  metres: number;
  grams: number;
  co2e: number;
  /** Of co2e, the refrigeration part; null on figures made before the split (decision 026). */
  refrigeration: number | null;
  /** Who carried the refrigeration part, in words; null on an ambient vehicle or an older figure. */
  refrigerationFor: string | null;
  stops: number;
}

/** The base vehicle part of a row: the total less refrigeration (unknown on older figures). */
const vehiclePart = (r: RouteRow): number | null => (r.refrigeration === null ? null : r.co2e - r.refrigeration);

const sumKey = (r: RouteRow) => r.co2e;
export const CARBON_BY_ROUTE: ReportDefinition<RouteRow> = {
  id: "carbon-by-route",
  title: m("byRoute.title"),
  description: m("byRoute.description"),
  columns: [
    { key: "route", label: m("columns.route"), format: "text", value: (r) => r.route },
    { key: "type", label: m("columns.vehicleType"), format: "text", value: (r) => r.factorKey },
    {
      key: "km",
      label: m("columns.distanceKm"),
      format: "integer",
      value: (r) => Math.round(r.metres / 1000),
      summary: "sum",
    },
    { key: "weight", label: m("columns.goods"), format: "grams", value: (r) => r.grams, summary: "sum" },
    { key: "co2e", label: m("columns.co2e"), format: "grams", value: sumKey, summary: "sum" },
    { key: "vehicleCo2e", label: m("columns.vehicleCo2e"), format: "grams", value: vehiclePart, summary: "sum" },
    {
      key: "refrigerationCo2e",
      label: m("columns.refrigerationCo2e"),
      format: "grams",
      value: (r) => r.refrigeration,
      summary: "sum",
    },
    {
      key: "refrigerationFor",
      label: m("columns.refrigerationFor"),
      format: "text",
      value: (r) => r.refrigerationFor,
    },
    {
      key: "perKg",
      label: m("columns.perKg"),
      format: "integer",
      value: (r) => (r.grams > 0 ? Math.round((r.co2e * 1000) / r.grams) : null),
    },
  ],
  total: true,
};

export const CARBON_BY_VEHICLE_TYPE: ReportDefinition<RouteRow> = {
  id: "carbon-by-vehicle-type",
  title: m("byVehicleType.title"),
  description: m("byVehicleType.description"),
  rowKey: (r) => r.factorKey,
  merge: (a, b) => ({
    ...a,
    metres: a.metres + b.metres,
    grams: a.grams + b.grams,
    co2e: a.co2e + b.co2e,
    refrigeration:
      a.refrigeration === null && b.refrigeration === null ? null : (a.refrigeration ?? 0) + (b.refrigeration ?? 0),
    stops: a.stops + b.stops,
  }),
  // Who carried the refrigeration is a route's matter: by route only.
  columns: CARBON_BY_ROUTE.columns.filter((c) => c.key !== "route" && c.key !== "refrigerationFor"),
  total: true,
};

interface OrderRow {
  order: string;
  buyer: string;
  grams: number;
  co2e: number | null;
  /** Of co2e, the order's chilled goods' share of refrigeration; null when not recorded. */
  refrigeration: number | null;
  baseline: number | null;
  foodMetres: number | null;
  pickup: boolean;
}

/**
 * Food km of an order: farm → hub → buyer, mass-weighted. A pickup order has no delivery leg: its
 * figure is the farm → hub part alone, and says so; without an allocation it says why.
 */
export function foodKmText(row: Pick<OrderRow, "foodMetres" | "pickup">): string | null {
  const km = row.foodMetres === null ? null : serverFormat().number(Math.round(row.foodMetres / 1000));
  if (!row.pickup) return km;
  const t = serverT("messages");
  return km === null ? t("carbonReport.pickupNoLeg") : t("carbonReport.pickupKm", { km });
}

export const CARBON_BY_ORDER: ReportDefinition<OrderRow> = {
  id: "carbon-by-order",
  title: m("byOrder.title"),
  description: m("byOrder.description"),
  columns: [
    { key: "order", label: m("columns.order"), format: "text", value: (r) => r.order },
    { key: "buyer", label: m("columns.buyer"), format: "text", value: (r) => r.buyer },
    { key: "weight", label: m("columns.goods"), format: "grams", value: (r) => r.grams, summary: "sum" },
    { key: "foodKm", label: m("columns.foodKm"), format: "text", value: foodKmText },
    { key: "co2e", label: m("columns.co2e"), format: "grams", value: (r) => r.co2e, summary: "sum" },
    {
      key: "refrigerationCo2e",
      label: m("columns.refrigerationCo2e"),
      format: "grams",
      value: (r) => r.refrigeration,
      summary: "sum",
    },
    { key: "baseline", label: m("columns.baseline"), format: "grams", value: (r) => r.baseline, summary: "sum" },
  ],
  total: true,
};

export const CARBON_BY_FARM: ReportDefinition<FarmCarbonRow> = {
  id: "carbon-by-farm",
  title: m("byFarm.title"),
  description: m("byFarm.description"),
  columns: [
    { key: "farm", label: m("columns.farm"), format: "text", value: (r) => r.farmName },
    {
      key: "arrival",
      label: m("columns.arrival"),
      format: "text",
      value: (r) => serverT("messages")(`carbonReport.arrival.${r.arrival}`),
    },
    {
      key: "delivered",
      label: m("columns.delivered"),
      format: "grams",
      value: (r) => r.deliveredGrams,
      summary: "sum",
    },
    {
      key: "collection",
      label: m("columns.collectionShare"),
      format: "grams",
      value: (r) => r.collectionCo2eGrams,
      summary: "sum",
    },
    {
      key: "ownTrips",
      label: m("columns.ownTrips"),
      format: "grams",
      value: (r) => r.ownTripCo2eGrams,
      summary: "sum",
    },
    {
      key: "farmToHub",
      label: m("columns.farmToHub"),
      format: "grams",
      value: (r) => r.farmToHubCo2eGrams,
      summary: "sum",
    },
    // Grams CO2e per kg, shown as a weight: "250 g", "24.7 kg"; the CSV's "(kg)" column is kg CO2e per kg.
    { key: "perKg", label: m("columns.co2ePerKgDelivered"), format: "grams", value: (r) => r.co2eGramsPerKg },
  ],
  total: true,
};

type CycleRow = CycleCarbonSummary & { timeZone: string };

export const CARBON_BY_CYCLE: ReportDefinition<CycleRow> = {
  id: "carbon-by-cycle",
  title: m("byCycle.title"),
  description: m("byCycle.description"),
  columns: [
    {
      key: "cycle",
      label: m("columns.cycle"),
      format: "text",
      value: (r) => (r.current ? serverT("messages")("carbonReport.thisCycle", { name: r.name }) : r.name),
    },
    {
      key: "delivery",
      label: m("columns.deliveryDate"),
      format: "text",
      value: (r) => zonedDate(r.deliveryDate, r.timeZone),
    },
    { key: "orders", label: m("columns.orders"), format: "integer", value: (r) => r.orders },
    { key: "delivered", label: m("columns.delivered"), format: "grams", value: (r) => r.deliveredGrams },
    { key: "co2e", label: m("columns.totalCo2e"), format: "grams", value: (r) => r.totalCo2eGrams },
    { key: "perKg", label: m("columns.perKg"), format: "integer", value: (r) => r.co2eGramsPerKg },
    {
      key: "foodKm",
      label: m("columns.foodKmPerOrder"),
      // Metres to the nearest 100 m, written as km ("quantity": thousandths).
      format: "quantity",
      value: (r) => (r.foodMetresPerOrder === null ? null : Math.round(r.foodMetresPerOrder / 100) * 100),
    },
  ],
};

/** How many earlier planned cycles the report compares with. */
export const PREVIOUS_CYCLES = 5;

/**
 * The latest plan's carbon: per route and vehicle type (hub routes), per order (allocated, which
 * also carries farms' own drop-off trips), per kg delivered, and the conventional baseline.
 */
export async function getCarbonReport({ hubId, cycleId }: { hubId: string; cycleId: string }) {
  const [plan, orders, hub, cycle, carbonHub] = await Promise.all([
    findLatestPlan({ hubId, cycleId }),
    listCycleOrderCarbon({ hubId, cycleId }),
    getAnyHub({ id: hubId }),
    getCycle({ id: cycleId, hubId }),
    getCarbonHub({ hubId }),
  ]);
  if (!plan || !hub || !cycle) return null;
  const factorSet = getActiveFactorSet();
  // The baseline column: the central value of the hub's regional range.
  const baselineProfile = baselineProfileFor(carbonHub?.baselineProfileId);
  const t = serverT("messages");
  const factorLabel = (key: string) => factorSet.vehicleFactors.find((f) => f.key === key)?.label ?? key;
  const format = serverFormat();
  let collection = 0;
  let delivery = 0;
  /** Refrigerated routes that carried no chilled goods: their unit's part was shared by all goods. */
  const notes: string[] = [];
  const rows: RouteRow[] = plan.routes.map((r) => {
    const route = t(r.kind === "COLLECTION" ? "carbonReport.collectionRoute" : "carbonReport.deliveryRoute", {
      number: r.kind === "COLLECTION" ? ++collection : ++delivery,
      vehicle: r.vehicle.name,
    });
    const split = r.refrigerationCo2eGrams !== null;
    if (split && r.refrigerationSharedByAll && (r.refrigerationCo2eGrams ?? 0) > 0) {
      notes.push(t("carbonReport.refrigerationNoChilled", { route, co2e: format.co2e(r.refrigerationCo2eGrams ?? 0) }));
    }
    return {
      route,
      kind: r.kind,
      factorKey: r.vehicle.refrigerated
        ? t("carbonReport.refrigerated", { factor: factorLabel(r.factorKey) })
        : factorLabel(r.factorKey),
      metres: r.distanceM,
      grams: r.loadGrams,
      co2e: r.co2eGrams,
      refrigeration: r.refrigerationCo2eGrams,
      refrigerationFor:
        !split || (r.refrigerationCo2eGrams === 0 && !r.refrigerationSharedByAll)
          ? null
          : r.refrigerationSharedByAll
            ? t("carbonReport.refrigerationForAll")
            : t("carbonReport.refrigerationForChilled"),
      stops: r.stops.length,
    };
  });
  let baseline = 0;
  const orderRows: OrderRow[] = orders.map((o) => {
    const b = computeBaseline({
      lines: o.lines,
      householdCarTrip: householdCarTripFor({ buyerKind: o.buyerKind, fulfilment: o.fulfilment }),
      profile: baselineProfile,
      factorSet,
    });
    if (b.status === "ESTIMATED") baseline += b.gramsCo2e;
    const allocation = parseCarbonDetail(o.carbonDetail)?.allocation;
    return {
      order: `#${o.number}`,
      buyer: o.buyerName,
      grams: o.lines.reduce((s, l) => s + l.grams, 0),
      co2e: o.allocCo2eGrams,
      refrigeration:
        allocation?.status === "ALLOCATED" && o.allocCo2eGrams !== null
          ? (allocation.refrigerationCo2eGrams ?? null)
          : null,
      baseline: b.status === "ESTIMATED" ? b.gramsCo2e : null,
      foodMetres: o.allocFoodMetres,
      pickup: o.fulfilment === "PICKUP",
    };
  });
  const deliveredGrams = orderRows.reduce((s, o) => s + o.grams, 0);
  const total = plan.totalCo2eGrams;
  const ordersCo2e = orderRows.reduce((s, o) => s + (o.co2e ?? 0), 0);

  // Per farm: the collection stops' stored shares, the farms' own trips from the orders' legs.
  const previous = await listPlannedCyclesBefore({ hubId, before: cycle.deliveryDate, take: PREVIOUS_CYCLES });
  const cycleIds = [cycleId, ...previous.map((c) => c.id)];
  const [farmGrams, ownTrips, summaries] = await Promise.all([
    listCycleFarmGrams({ hubId, cycleId }),
    sumFarmOwnTrips({ hubId, cycleIds }),
    summariseCycleOrders({ hubId, cycleIds }),
  ]);
  const stopFarmIds = plan.routes.flatMap((r) => r.stops.flatMap((s) => (s.farm ? [s.farm.id] : [])));
  const farms = await listReportFarms({
    hubId,
    farmIds: [...farmGrams.map((f) => f.farmId), ...ownTrips.map((t) => t.farmId), ...stopFarmIds],
  });
  const farmTable = farmCarbonTable({
    farms: farms.map((f) => ({ farmId: f.id, farmName: f.name, selfDelivers: f.selfDelivers })),
    delivered: farmGrams,
    routes: plan.routes.map((r) => ({
      kind: r.kind,
      co2eGrams: r.co2eGrams,
      stops: r.stops.map((s) => ({ farmId: s.farm?.id ?? null, co2eGrams: s.co2eGrams })),
    })),
    ownTrips: ownTrips.filter((t) => t.cycleId === cycleId),
  });
  const byFarm = buildReport(CARBON_BY_FARM, farmTable.rows);
  const perKgColumn = byFarm.columns.findIndex((c) => c.key === "perKg");
  if (byFarm.total) byFarm.total[perKgColumn] = farmTable.totals.co2eGramsPerKg;

  // Against the previous planned cycles.
  const summaryOf = new Map(summaries.map((s) => [s.cycleId, s]));
  const ownTripsOf = (id: string) => ownTrips.filter((t) => t.cycleId === id).reduce((s, t) => s + t.co2eGrams, 0);
  const comparisonRows: CycleRow[] = compareCycles(
    cycleId,
    [{ id: cycle.id, name: cycle.name, deliveryDate: cycle.deliveryDate, hubRoutesCo2eGrams: total }, ...previous].map(
      (c) => ({
        cycleId: c.id,
        name: c.name,
        deliveryDate: c.deliveryDate,
        hubRoutesCo2eGrams: c.hubRoutesCo2eGrams,
        ownTripsCo2eGrams: ownTripsOf(c.id),
        orders: summaryOf.get(c.id)?.orders ?? 0,
        deliveredGrams: summaryOf.get(c.id)?.deliveredGrams ?? 0,
        foodMetresSum: summaryOf.get(c.id)?.foodMetresSum ?? 0,
        ordersWithFoodMetres: summaryOf.get(c.id)?.ordersWithFoodMetres ?? 0,
      }),
    ),
  ).map((row) => ({ ...row, timeZone: hub.timeZone }));

  return {
    planId: plan.id,
    methodVersion: plan.carbonMethodVersion,
    factorSet: plan.carbonFactorSet,
    byRoute: buildReport(CARBON_BY_ROUTE, rows),
    byVehicleType: buildReport(CARBON_BY_VEHICLE_TYPE, rows),
    byOrder: buildReport(CARBON_BY_ORDER, orderRows),
    /** What the coordinator should know about the figures, in words (refrigeration with no chilled goods). */
    notes,
    byFarm,
    /** How the farms' figures sit in the cycle total (hub routes + farms' own trips). */
    farmCycle: farmTable.cycle,
    farmTotals: farmTable.totals,
    byCycle: buildReport(CARBON_BY_CYCLE, comparisonRows),
    comparison: {
      timeZone: hub.timeZone,
      rows: comparisonRows.map(({ timeZone: _zone, deliveryDate, ...row }) => ({
        ...row,
        deliveryDate: deliveryDate.toISOString(),
      })),
      previousCycles: previous.length,
    },
    totals: {
      co2eGrams: total,
      /** Of co2eGrams, the refrigeration units' parts; null when the plan's figures predate the split. */
      refrigerationCo2eGrams: rows.some((r) => r.refrigeration !== null)
        ? rows.reduce((s, r) => s + (r.refrigeration ?? 0), 0)
        : null,
      /** Orders' allocated figures: the hub routes plus farms' own drop-off trips. */
      ordersCo2eGrams: ordersCo2e,
      orders: orders.length,
      perOrderGrams: orders.length ? Math.round(total / orders.length) : 0,
      perKgGrams: deliveredGrams ? Math.round((total * 1000) / deliveredGrams) : 0,
      deliveredGrams,
      baselineGrams: baseline,
    },
  };
}

export async function getCarbonReportCsv({ hubId, cycleId }: { hubId: string; cycleId: string }) {
  const report = await getCarbonReport({ hubId, cycleId });
  if (!report) return null;
  return [report.byRoute, report.byVehicleType, report.byOrder, report.byFarm, report.byCycle]
    .map((r) => reportToCsv(r))
    .join("\r\n");
}
