// The cycle carbon report: per route and per vehicle type, per order and per kg, versus baseline.
import { buildReport, reportToCsv, type ReportDefinition } from "~/domain/aggregation";
import { computeBaseline, DEFAULT_HOUSEHOLD_CAR_TRIP } from "~/domain/carbon";
import { getCycleLines } from "~/models/aggregation.server";
import { findLatestPlan } from "~/models/route-plan.server";
import { getActiveFactorSet } from "./carbon-config.server";

interface RouteRow {
  route: string;
  kind: string;
  factorKey: string;
  metres: number;
  grams: number;
  co2e: number;
  stops: number;
}

const sumKey = (r: RouteRow) => r.co2e;
export const CARBON_BY_ROUTE: ReportDefinition<RouteRow> = {
  id: "carbon-by-route",
  title: "By route",
  description: "Each route's distance, goods carried and emissions (well-to-wheel).",
  columns: [
    { key: "route", label: "Route", format: "text", value: (r) => r.route },
    { key: "type", label: "Vehicle type", format: "text", value: (r) => r.factorKey },
    { key: "km", label: "Distance (km)", format: "integer", value: (r) => Math.round(r.metres / 1000), summary: "sum" },
    { key: "weight", label: "Goods", format: "grams", value: (r) => r.grams, summary: "sum" },
    { key: "co2e", label: "CO2e", format: "grams", value: sumKey, summary: "sum" },
    { key: "perKg", label: "g CO2e per kg", format: "integer", value: (r) => (r.grams > 0 ? Math.round((r.co2e * 1000) / r.grams) : null) },
  ],
  total: true,
};

export const CARBON_BY_VEHICLE_TYPE: ReportDefinition<RouteRow> = {
  id: "carbon-by-vehicle-type",
  title: "By vehicle type",
  description: "Routes grouped by emission factor.",
  rowKey: (r) => r.factorKey,
  merge: (a, b) => ({ ...a, metres: a.metres + b.metres, grams: a.grams + b.grams, co2e: a.co2e + b.co2e, stops: a.stops + b.stops }),
  columns: CARBON_BY_ROUTE.columns.filter((c) => c.key !== "route"),
  total: true,
};

export async function getCarbonReport({ hubId, cycleId }: { hubId: string; cycleId: string }) {
  const [plan, lines] = await Promise.all([findLatestPlan({ hubId, cycleId }), getCycleLines({ hubId, cycleId })]);
  if (!plan) return null;
  const rows: RouteRow[] = plan.routes.map((r, i) => ({
    route: `${r.kind === "COLLECTION" ? "Collection" : "Delivery"} ${i + 1} — ${r.vehicle.name}`,
    kind: r.kind,
    factorKey: `${r.factorKey}${r.vehicle.refrigerated ? " (refrigerated)" : ""}`,
    metres: r.distanceM,
    grams: r.loadGrams,
    co2e: r.co2eGrams,
    stops: r.stops.length,
  }));
  const factorSet = getActiveFactorSet();
  const orders = new Map<string, { fulfilment: string; lines: Array<{ grams: number; chilled: boolean }> }>();
  for (const l of lines) {
    const o = orders.get(l.orderId) ?? { fulfilment: l.fulfilment, lines: [] };
    o.lines.push({ grams: l.grams, chilled: l.chilled });
    orders.set(l.orderId, o);
  }
  let baseline = 0;
  for (const o of orders.values()) {
    const b = computeBaseline({ lines: o.lines, householdCarTrip: o.fulfilment === "DELIVERY" ? DEFAULT_HOUSEHOLD_CAR_TRIP : null, factorSet });
    if (b.status === "ESTIMATED") baseline += b.gramsCo2e;
  }
  const deliveredGrams = lines.reduce((s, l) => s + l.grams, 0);
  const total = plan.totalCo2eGrams;
  return {
    planId: plan.id,
    methodVersion: plan.carbonMethodVersion,
    factorSet: plan.carbonFactorSet,
    byRoute: buildReport(CARBON_BY_ROUTE, rows),
    byVehicleType: buildReport(CARBON_BY_VEHICLE_TYPE, rows),
    totals: {
      co2eGrams: total,
      orders: orders.size,
      perOrderGrams: orders.size ? Math.round(total / orders.size) : 0,
      perKgGrams: deliveredGrams ? Math.round((total * 1000) / deliveredGrams) : 0,
      deliveredGrams,
      baselineGrams: baseline,
    },
  };
}

export async function getCarbonReportCsv({ hubId, cycleId }: { hubId: string; cycleId: string }) {
  const report = await getCarbonReport({ hubId, cycleId });
  if (!report) return null;
  return `${reportToCsv(report.byRoute)}\r\n${reportToCsv(report.byVehicleType)}`;
}
