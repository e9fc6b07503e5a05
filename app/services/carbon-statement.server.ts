// A business buyer's transport emissions statement (GHG Protocol Scope 3, category 4): their own
// orders delivered in a period, each with its stored carbon figure, method, factors and data
// quality (domain/carbon/statement), as a page and as a CSV file in the reader's language.
import {
  allocatedRouteIds,
  buildTransportStatement,
  DESNZ_2025,
  isBusinessBuyer,
  periodQueryWindow,
  resolvePeriod,
  type StatementOrderInput,
  type StatementPeriodInput,
  type TransportStatement,
} from "~/domain/carbon";
import { toCsv, type CsvCell } from "~/domain/csv";
import { zonedDate } from "~/domain/time-zone";
import { serverT } from "~/i18n/i18n.server";
import { factorsTexts, figureText, methodText, qualityTexts } from "~/i18n/statement-text";
import { storedReasonText } from "~/i18n/stored-reasons";
import { getAnyHub } from "~/models/cycle.server";
import { listBuyerOrders, listBuyerStatementOrders } from "~/models/order.server";
import { listBuyerOrderRoutes } from "~/models/route-plan.server";
import { getActiveFactorSet } from "./carbon-config.server";

const FALLBACK_TIME_ZONE = "Europe/London";

export interface StatementBuyer {
  id: string;
  name: string;
  email: string;
  buyerKind: string | null;
  hubId: string | null;
}

export type StatementResult =
  | { ok: true; statement: TransportStatement; timeZone: string; generatedAt: Date }
  | { ok: false; status: 403; message: string };

/** The calendar "today" is read in: the buyer's hub, else the hub of their latest order. */
async function buyerTimeZone(buyer: StatementBuyer): Promise<string> {
  const hub = buyer.hubId ? await getAnyHub({ id: buyer.hubId }) : null;
  if (hub) return hub.timeZone;
  const [latest] = await listBuyerOrders({ buyerId: buyer.id, take: 1 });
  return latest?.cycle.hub.timeZone ?? FALLBACK_TIME_ZONE;
}

/**
 * The statement of `buyer`'s own orders for the period asked for (already parsed with
 * StatementPeriodSchema), or the last full quarter in their hub's calendar. Households: 403.
 */
export async function getTransportStatement({
  buyer,
  period: requested,
  now = new Date(),
}: {
  buyer: StatementBuyer;
  period: StatementPeriodInput;
  now?: Date;
}): Promise<StatementResult> {
  if (!isBusinessBuyer(buyer.buyerKind)) {
    return { ok: false, status: 403, message: serverT("messages")("transportStatement.businessOnly") };
  }
  const timeZone = await buyerTimeZone(buyer);
  const period = resolvePeriod(requested, zonedDate(now, timeZone));
  const rows = await listBuyerStatementOrders({ buyerId: buyer.id, ...periodQueryWindow(period) });
  const orders: StatementOrderInput[] = rows.map((o) => ({
    id: o.id,
    number: o.number,
    deliveryDate: o.cycle.deliveryDate,
    timeZone: o.hub.timeZone,
    hubName: o.hub.name,
    fulfilment: o.fulfilment,
    totalGrams: o.totalGrams,
    estCo2eGrams: o.estCo2eGrams,
    estFoodMetres: o.estFoodMetres,
    allocCo2eGrams: o.allocCo2eGrams,
    allocFoodMetres: o.allocFoodMetres,
    carbonMethodVersion: o.carbonMethodVersion,
    carbonFactorSet: o.carbonFactorSet,
    carbonDetail: o.carbonDetail,
  }));
  const routes = await listBuyerOrderRoutes({ buyerId: buyer.id, routeIds: allocatedRouteIds(orders) });
  const active = getActiveFactorSet();
  const statement = buildTransportStatement({
    period,
    orders,
    routes,
    factorSets: active.id === DESNZ_2025.id ? [DESNZ_2025] : [active, DESNZ_2025],
  });
  return { ok: true, statement, timeZone, generatedAt: now };
}

/** The notes under the lines, as on the page: what is counted, how, and how good the data is. */
const NOTES = ["scope", "method", "estimates", "distances", "quality", "excluded"] as const;

const kg = (grams: number | null) => (grams === null ? "" : (grams / 1000).toFixed(3));
const km = (metres: number | null) => (metres === null ? "" : (metres / 1000).toFixed(1));

export type StatementCsvResult =
  { ok: true; csv: string; filename: string } | { ok: false; status: 403; message: string };

/** The statement as a CSV file: headers and words in the language of the buyer downloading it. */
export async function getTransportStatementCsv(input: {
  buyer: StatementBuyer;
  period: StatementPeriodInput;
  now?: Date;
}): Promise<StatementCsvResult> {
  const result = await getTransportStatement(input);
  if (!result.ok) return result;
  const { statement, generatedAt, timeZone } = result;
  const t = serverT("messages");
  const c = (key: string, values: Record<string, unknown> = {}) => t(`transportStatement.csv.${key}`, values);
  const { totals } = statement;
  const rows: CsvCell[][] = [
    [c("title")],
    [c("buyer"), input.buyer.name, input.buyer.email],
    [c("period"), statement.period.from, statement.period.to],
    [c("generated"), zonedDate(generatedAt, timeZone)],
    [],
    [
      c("columns.order"),
      c("columns.deliveryDate"),
      c("columns.hub"),
      c("columns.fulfilment"),
      c("columns.figure"),
      c("columns.co2eKg"),
      c("columns.farmToHubKg"),
      c("columns.hubToBuyerKg"),
      c("columns.goodsKg"),
      c("columns.foodKm"),
      c("columns.method"),
      c("columns.methodVersion"),
      c("columns.factorSet"),
      c("columns.factors"),
      c("columns.dataQuality"),
      c("columns.notes"),
    ],
    ...statement.lines.map((line) => {
      const quality = qualityTexts(line, t);
      return [
        `#${line.number}`,
        line.deliveryDate,
        line.hubName,
        c(`fulfilment.${line.fulfilment}`),
        figureText(line, t),
        kg(line.co2eGrams),
        kg(line.farmToHubCo2eGrams),
        kg(line.hubToBuyerCo2eGrams),
        kg(line.grams),
        km(line.foodMetres),
        methodText(line, t),
        line.methodVersion ?? "",
        line.factorSetId ?? "",
        factorsTexts(line, t, String).join("; "),
        quality.level,
        [...quality.details, ...(line.reason ? [storedReasonText(line.reason, t)] : [])].join("; "),
      ];
    }),
    [
      c("total"),
      "",
      "",
      "",
      c("totalOrders", { count: totals.orders }),
      kg(totals.co2eGrams),
      kg(totals.farmToHubCo2eGrams),
      kg(totals.hubToBuyerCo2eGrams),
      kg(totals.grams),
    ],
    [c("allocatedTotal", { count: totals.allocatedOrders }), "", "", "", "", kg(totals.allocatedCo2eGrams)],
    [c("estimatedTotal", { count: totals.estimatedOrders }), "", "", "", "", kg(totals.estimatedCo2eGrams)],
    [],
    ...NOTES.map((note) => [t(`transportStatement.notes.${note}`)]),
    ...statement.factorSets.map((set) => [c("factorSet"), set.id, set.label, set.source, set.licence]),
  ];
  return {
    ok: true,
    csv: toCsv(rows),
    filename: `transport-emissions-${statement.period.from}-${statement.period.to}.csv`,
  };
}
