// The cycle carbon report: per route and per vehicle type, per order and per kg, versus baseline.
// Refrigerated routes show their two parts (decision 026): the vehicle part shared by all goods and
// the refrigeration part charged to chilled goods, or to all goods (noted) when none was chilled.
import { buildReport, type ReportDefinition } from "~/domain/aggregation";
import { reportToCsv } from "~/domain/aggregation/csv";
import { computeBaseline, householdCarTripFor, parseCarbonDetail } from "~/domain/carbon";
import { listCycleOrderCarbon } from "~/models/aggregation.server";
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

/**
 * The latest plan's carbon: per route and vehicle type (hub routes), per order (allocated, which
 * also carries farms' own drop-off trips), per kg delivered, and the conventional baseline.
 */
export async function getCarbonReport({ hubId, cycleId }: { hubId: string; cycleId: string }) {
  const [plan, orders] = await Promise.all([
    findLatestPlan({ hubId, cycleId }),
    listCycleOrderCarbon({ hubId, cycleId }),
  ]);
  if (!plan) return null;
  const factorSet = getActiveFactorSet();
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
  return {
    planId: plan.id,
    methodVersion: plan.carbonMethodVersion,
    factorSet: plan.carbonFactorSet,
    byRoute: buildReport(CARBON_BY_ROUTE, rows),
    byVehicleType: buildReport(CARBON_BY_VEHICLE_TYPE, rows),
    byOrder: buildReport(CARBON_BY_ORDER, orderRows),
    /** What the coordinator should know about the figures, in words (refrigeration with no chilled goods). */
    notes,
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
  return [report.byRoute, report.byVehicleType, report.byOrder].map((r) => reportToCsv(r)).join("\r\n");
}
