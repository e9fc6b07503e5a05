import { message, type Message } from "../message";
import { buildReport, reportText } from "./build";
import type { BuiltReport, ReportDefinition } from "./types";

/** One order line of a cycle, flattened with the names the sheets print. */
export interface CycleLine {
  orderId: string;
  orderNumber: number;
  buyerName: string;
  fulfilment: "DELIVERY" | "PICKUP";
  address: string | null;
  farmId: string;
  farmName: string;
  productId: string;
  productName: string;
  unit: string;
  quantityMilli: number;
  grams: number;
  lineTotalMinor: number;
  chilled: boolean;
  /** Set on merged rows: the orders the row adds up. */
  orderIds?: ReadonlySet<string>;
}

const UNITS = new Set(["KG", "G", "LB", "EACH", "BUNCH", "DOZEN", "L"]);
/** "kg", "bunch"… in the current language. */
export const unitLabel = (unit: string) => (UNITS.has(unit) ? text(`unit.${unit}`) : unit.toLowerCase());

const m = (key: string, values?: Message["values"]) => message(`messages:reports.${key}`, values);
const text = (key: string) => reportText(m(key));

const byText = (a: string, b: string) => a.localeCompare(b, "en-GB");

/** Sums the additive fields of two lines of the same product (and keeps the first's names). */
function mergeLines(a: CycleLine, b: CycleLine): CycleLine {
  // `a` is either an input line (no set yet) or a row this merge created, whose set it owns.
  const ids = (a.orderIds as Set<string> | undefined) ?? new Set([a.orderId]);
  for (const id of b.orderIds ?? [b.orderId]) ids.add(id);
  return {
    ...a,
    quantityMilli: a.quantityMilli + b.quantityMilli,
    grams: a.grams + b.grams,
    lineTotalMinor: a.lineTotalMinor + b.lineTotalMinor,
    chilled: a.chilled || b.chilled,
    orderIds: ids,
  };
}
const orderCount = (line: CycleLine) => line.orderIds?.size ?? 1;

/** Pick list per farm: what each farm must hand over, one row per product. */
export const PICK_LIST_BY_FARM: ReportDefinition<CycleLine> = {
  id: "by-farm",
  title: m("byFarm.title"),
  description: m("byFarm.description"),
  rowKey: (l) => `${l.farmId}|${l.productId}`,
  merge: mergeLines,
  group: { key: (l) => l.farmId, label: (l) => l.farmName, subtotal: true },
  sort: (a, b) => byText(a.farmName, b.farmName) || byText(a.productName, b.productName),
  columns: [
    { key: "product", label: m("columns.product"), format: "text", value: (l) => l.productName },
    { key: "quantity", label: m("columns.quantity"), format: "quantity", value: (l) => l.quantityMilli },
    { key: "unit", label: m("columns.unit"), format: "text", value: (l) => unitLabel(l.unit) },
    { key: "weight", label: m("columns.weight"), format: "grams", value: (l) => l.grams, summary: "sum" },
    { key: "chilled", label: m("columns.chilled"), format: "flag", value: (l) => l.chilled },
    { key: "orders", label: m("columns.orders"), format: "integer", value: orderCount },
    { key: "value", label: m("columns.value"), format: "money", value: (l) => l.lineTotalMinor, summary: "sum" },
  ],
  total: true,
  totalLabel: m("allFarms"),
};

/** Totals per product across farms (what arrives at the hub). */
export const BY_PRODUCT: ReportDefinition<CycleLine> = {
  id: "by-product",
  title: m("byProduct.title"),
  description: m("byProduct.description"),
  rowKey: (l) => l.productId,
  merge: mergeLines,
  sort: (a, b) => byText(a.productName, b.productName) || byText(a.farmName, b.farmName),
  columns: [
    { key: "product", label: m("columns.product"), format: "text", value: (l) => l.productName },
    { key: "farm", label: m("columns.farm"), format: "text", value: (l) => l.farmName },
    { key: "quantity", label: m("columns.quantity"), format: "quantity", value: (l) => l.quantityMilli },
    { key: "unit", label: m("columns.unit"), format: "text", value: (l) => unitLabel(l.unit) },
    { key: "weight", label: m("columns.weight"), format: "grams", value: (l) => l.grams, summary: "sum" },
    { key: "chilled", label: m("columns.chilled"), format: "flag", value: (l) => l.chilled },
    { key: "orders", label: m("columns.orders"), format: "integer", value: orderCount },
    { key: "value", label: m("columns.value"), format: "money", value: (l) => l.lineTotalMinor, summary: "sum" },
  ],
  total: true,
};

/** Packing list per buyer: what goes in each box, chilled items marked. */
export const PACKING_LIST_BY_BUYER: ReportDefinition<CycleLine> = {
  id: "by-buyer",
  title: m("byBuyer.title"),
  description: m("byBuyer.description"),
  rowKey: (l) => `${l.orderId}|${l.productId}`,
  merge: mergeLines,
  group: {
    key: (l) => l.orderId,
    label: (l) =>
      reportText(
        m(l.fulfilment === "DELIVERY" ? "byBuyer.groupDelivery" : "byBuyer.groupPickup", {
          number: l.orderNumber,
          buyer: l.buyerName,
        }),
      ),
    subtotal: true,
  },
  sort: (a, b) =>
    a.orderNumber - b.orderNumber || Number(a.chilled) - Number(b.chilled) || byText(a.productName, b.productName),
  columns: [
    { key: "product", label: m("columns.product"), format: "text", value: (l) => l.productName },
    { key: "farm", label: m("columns.farm"), format: "text", value: (l) => l.farmName },
    { key: "quantity", label: m("columns.quantity"), format: "quantity", value: (l) => l.quantityMilli },
    { key: "unit", label: m("columns.unit"), format: "text", value: (l) => unitLabel(l.unit) },
    { key: "weight", label: m("columns.weight"), format: "grams", value: (l) => l.grams, summary: "sum" },
    { key: "chilled", label: m("columns.chilled"), format: "flag", value: (l) => l.chilled },
    { key: "packed", label: m("columns.packed"), format: "text", value: () => "" },
  ],
  total: true,
  totalLabel: m("allOrders"),
};

/** A summary row: orders, kg, chilled kg and value for one slice of the cycle. */
export interface TotalsRow {
  key: string;
  section: string;
  label: string;
  orders: number;
  grams: number;
  chilledGrams: number;
  valueMinor: number;
}

export const TOTALS: ReportDefinition<TotalsRow> = {
  id: "totals",
  title: m("totals.title"),
  description: m("totals.description"),
  group: { key: (r) => r.section, label: (r) => r.section },
  columns: [
    { key: "label", label: m("columns.slice"), format: "text", value: (r) => r.label },
    { key: "orders", label: m("columns.orders"), format: "integer", value: (r) => r.orders },
    { key: "weight", label: m("columns.weight"), format: "grams", value: (r) => r.grams },
    { key: "chilled", label: m("columns.chilledWeight"), format: "grams", value: (r) => r.chilledGrams },
    { key: "value", label: m("columns.value"), format: "money", value: (r) => r.valueMinor },
  ],
};

/** Orders, weight, chilled weight and value for the whole cycle, per fulfilment and per farm. */
export function totalsRows(lines: readonly CycleLine[]): TotalsRow[] {
  const slice = (section: string, key: string, label: string, subset: readonly CycleLine[]): TotalsRow => ({
    key,
    section,
    label,
    orders: new Set(subset.map((l) => l.orderId)).size,
    grams: subset.reduce((s, l) => s + l.grams, 0),
    chilledGrams: subset.reduce((s, l) => s + (l.chilled ? l.grams : 0), 0),
    valueMinor: subset.reduce((s, l) => s + l.lineTotalMinor, 0),
  });
  const rows: TotalsRow[] = [slice(text("totals.wholeCycle"), "all", text("allOrders"), lines)];
  for (const [fulfilment, label] of [
    ["DELIVERY", text("totals.homeDelivery")],
    ["PICKUP", text("totals.pickup")],
  ] as const) {
    rows.push(
      slice(
        text("totals.byFulfilment"),
        fulfilment,
        label,
        lines.filter((l) => l.fulfilment === fulfilment),
      ),
    );
  }
  const farms = new Map<string, { name: string; lines: CycleLine[] }>();
  for (const line of lines) {
    const farm = farms.get(line.farmId) ?? { name: line.farmName, lines: [] };
    farm.lines.push(line);
    farms.set(line.farmId, farm);
  }
  for (const [farmId, farm] of [...farms].sort((a, b) => byText(a[1].name, b[1].name))) {
    rows.push(slice(text("totals.byFarm"), farmId, farm.name, farm.lines));
  }
  return rows;
}

export const CYCLE_REPORTS = ["by-farm", "by-product", "by-buyer", "totals"] as const;
export type CycleReportId = (typeof CYCLE_REPORTS)[number];

/** The reports' titles, in the current language when read. */
export const CYCLE_REPORT_TITLES: Readonly<Record<CycleReportId, string>> = {
  get "by-farm"() {
    return reportText(PICK_LIST_BY_FARM.title);
  },
  get "by-product"() {
    return reportText(BY_PRODUCT.title);
  },
  get "by-buyer"() {
    return reportText(PACKING_LIST_BY_BUYER.title);
  },
  get totals() {
    return reportText(TOTALS.title);
  },
};

/** Builds one of the cycle's reports from its order lines. */
export function buildCycleReport(id: CycleReportId, lines: readonly CycleLine[]): BuiltReport {
  switch (id) {
    case "by-farm":
      return buildReport(PICK_LIST_BY_FARM, lines);
    case "by-product":
      return buildReport(BY_PRODUCT, lines);
    case "by-buyer":
      return buildReport(PACKING_LIST_BY_BUYER, lines);
    case "totals":
      return buildReport(TOTALS, totalsRows(lines));
  }
}

export function isCycleReportId(value: string | null | undefined): value is CycleReportId {
  return (CYCLE_REPORTS as readonly string[]).includes(value ?? "");
}
