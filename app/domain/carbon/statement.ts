/**
 * A business buyer's transport emissions statement for a period: GHG Protocol Scope 3, category 4
 * (upstream transportation and distribution). One line per order delivered in the period (by the
 * cycle's delivery day in its hub's time zone), with the figure stored on the order: the allocated
 * one once the cycle's routes are planned (ISO 14083 / GLEC, by tonne-km), else the checkout
 * estimate, marked as such. Cancelled and unpaid orders are not sales and are left out (the
 * caller passes the orders that count, domain/order-status).
 *
 * What each line says about its data comes from the stored detail (stored-detail.ts): the distance
 * basis (road network from a routing server, or straight line × road circuity), the typical rounds
 * an estimate used, whether a farm's own trip is in it (always modelled: straight line × circuity,
 * a default van), and the route each allocated share came from (its vehicle's factor). Not stored:
 * driven (odometer) distances — every figure uses planned distances × the GLEC 1.05 uplift — and
 * the vehicles a checkout estimate assumed for the hub's rounds.
 */
import { z } from "zod";
import { lazyMessage, message, renderMessage } from "../message";
import { addDays, zonedDate } from "../time-zone";
import type { DistanceBasis } from "./allocation";
import { DEFAULT_ESTIMATE_ASSUMPTIONS } from "./estimate";
import { DESNZ_2025, type FactorSet, type VehicleSpec } from "./factors";
import { readCarbonDetail, type CarbonColumns, type RoundSource, type StoredLeg } from "./stored-detail";

// ---------------------------------------------------------------------------------------------
// The period: calendar days, inclusive, in the hub's time zone.

/** From and to are "YYYY-MM-DD", both included. */
export interface StatementPeriod {
  from: string;
  to: string;
}

/** Two years and a day: an annual report with room to spare, and a bounded query. */
export const MAX_STATEMENT_DAYS = 731;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const dayNumber = (date: string): number => {
  const [, y, m, d] = DATE.exec(date) ?? [];
  return Date.UTC(Number(y), Number(m) - 1, Number(d)) / 86_400_000;
};

/** A real calendar day written YYYY-MM-DD between 2000 and 2100 (not 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 2000 || year > 2100) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Days from `from` to `to`, both counted. */
export function periodDays({ from, to }: StatementPeriod): number {
  return dayNumber(to) - dayNumber(from) + 1;
}

/** The last calendar quarter that has ended by `today` ("YYYY-MM-DD" in the hub's time zone). */
export function lastFullQuarter(today: string): StatementPeriod {
  const match = DATE.exec(today);
  if (!match) throw new RangeError(`Expected a date as YYYY-MM-DD, got "${today}"`);
  const year = Number(match[1]);
  const quarter = Math.floor((Number(match[2]) - 1) / 3); // 0 … 3, the current one
  const previousYear = quarter === 0 ? year - 1 : year;
  const previousQuarter = quarter === 0 ? 3 : quarter - 1;
  const month = String(previousQuarter * 3 + 1).padStart(2, "0");
  const nextStart = quarter === 0 ? `${year}-01-01` : `${year}-${String(quarter * 3 + 1).padStart(2, "0")}-01`;
  return { from: `${previousYear}-${month}-01`, to: addDays(nextStart, -1) };
}

const DateText = z
  .string({ error: lazyMessage("messages:transportStatement.period.invalidDate") })
  .trim()
  .refine(isCalendarDate, { error: lazyMessage("messages:transportStatement.period.invalidDate") });

/**
 * The period a statement is asked for (query `?from=…&to=…`): both dates or neither (then the
 * last full quarter), the start not after the end, at most MAX_STATEMENT_DAYS.
 */
export const StatementPeriodSchema = z
  .object({ from: DateText.optional(), to: DateText.optional() })
  .superRefine((value, ctx) => {
    if ((value.from === undefined) !== (value.to === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [value.from === undefined ? "from" : "to"],
        message: renderMessage(message("messages:transportStatement.period.bothOrNeither")),
      });
      return;
    }
    if (value.from === undefined || value.to === undefined) return;
    if (value.from > value.to) {
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        message: renderMessage(message("messages:transportStatement.period.endBeforeStart")),
      });
    } else if (periodDays({ from: value.from, to: value.to }) > MAX_STATEMENT_DAYS) {
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        message: renderMessage(message("messages:transportStatement.period.tooLong", { days: MAX_STATEMENT_DAYS })),
      });
    }
  });

export type StatementPeriodInput = z.infer<typeof StatementPeriodSchema>;

/** The period asked for, or the last full quarter before `today` when none was. */
export function resolvePeriod(input: StatementPeriodInput, today: string): StatementPeriod {
  return input.from !== undefined && input.to !== undefined
    ? { from: input.from, to: input.to }
    : lastFullQuarter(today);
}

/**
 * Instants wide enough to hold every delivery day of the period in any time zone (UTC −12 to
 * +14): the database narrows to these, `inPeriod` decides in each hub's own zone.
 */
export function periodQueryWindow({ from, to }: StatementPeriod): { start: Date; end: Date } {
  return {
    start: new Date((dayNumber(from) - 1) * 86_400_000),
    end: new Date((dayNumber(to) + 2) * 86_400_000),
  };
}

export function inPeriod(localDate: string, { from, to }: StatementPeriod): boolean {
  return localDate >= from && localDate <= to;
}

// ---------------------------------------------------------------------------------------------
// The lines.

/** ALLOCATED: planned routes; ESTIMATE: the checkout estimate (routes not planned yet); NOT_ESTIMATED: no figure. */
export type StatementFigure = "ALLOCATED" | "ESTIMATE" | "NOT_ESTIMATED";

/** ISO 14083 tonne-km allocation over the cycle's planned routes, or the same rule on a typical round. */
export type StatementMethod = "ROUTES_TONNE_KM" | "TYPICAL_ROUND_TONNE_KM";

/**
 * How good the distances behind a figure are, best first: ROAD_NETWORK (planned routes, road
 * distances from a routing server), ROUTED (planned routes, straight-line distances × road
 * circuity), MODELLED (a typical round, not the order's route).
 */
export type DataQuality = "ROAD_NETWORK" | "ROUTED" | "MODELLED";

export type LegVia = StoredLeg["via"];

export interface StatementFactor {
  /** The factor key (factors.ts), e.g. "van-diesel-class-iii". */
  key: string;
  /** The factor's name in its source, e.g. "Van class III (1.74–3.5 t), diesel"; null when the set is not known here. */
  label: string | null;
  refrigerated: boolean;
  /** Well-to-wheel kg CO2e per vehicle-km, refrigeration uplift included; null when the set is not known here. */
  kgPerKm: number | null;
  /** The source's year; null when the set is not known here. */
  year: number | null;
  factorSetId: string;
  /** The legs it was used on. */
  via: LegVia[];
}

export interface StatementQuality {
  level: DataQuality | null;
  distanceBasis: DistanceBasis | null;
  /** An estimate's typical rounds: the project's defaults or the hub's own planned history. */
  roundSources: { collection: RoundSource; delivery: RoundSource } | null;
  /** A farm's own trip to the hub is part of the figure: always modelled (straight line × circuity). */
  ownTripModelled: boolean;
}

export interface StatementLine {
  orderId: string;
  number: number;
  /** The delivery day in the hub's time zone, "YYYY-MM-DD". */
  deliveryDate: string;
  hubName: string;
  fulfilment: "DELIVERY" | "PICKUP";
  figure: StatementFigure;
  co2eGrams: number | null;
  farmToHubCo2eGrams: number | null;
  hubToBuyerCo2eGrams: number | null;
  /** Mass-weighted farm → hub → buyer distance. */
  foodMetres: number | null;
  /** Weight of the goods. */
  grams: number;
  method: StatementMethod | null;
  methodVersion: string | null;
  factorSetId: string | null;
  factors: StatementFactor[];
  /** False when some part of the figure does not record its vehicle (a checkout estimate's hub rounds, a deleted route). */
  factorsRecorded: boolean;
  quality: StatementQuality;
  /** Why there is no figure (stored in English; shown through storedReasonText). */
  reason: string | null;
}

export interface StatementOrderInput extends CarbonColumns {
  id: string;
  number: number;
  /** The cycle's delivery date (an instant) and its hub's time zone. */
  deliveryDate: Date;
  timeZone: string;
  hubName: string;
  fulfilment: "DELIVERY" | "PICKUP";
  totalGrams: number;
  estCo2eGrams: number | null;
  allocCo2eGrams: number | null;
  carbonDetail: unknown;
}

/** The vehicle of a planned route an allocated share came from. */
export interface StatementRoute {
  id: string;
  factorKey: string;
  refrigerated: boolean;
}

export interface StatementTotals {
  orders: number;
  allocatedOrders: number;
  estimatedOrders: number;
  notEstimatedOrders: number;
  /** Sum of the lines' figures (allocated and estimates). */
  co2eGrams: number;
  allocatedCo2eGrams: number;
  estimatedCo2eGrams: number;
  farmToHubCo2eGrams: number;
  hubToBuyerCo2eGrams: number;
  grams: number;
  /** Mean food distance of the lines that have one. */
  foodMetresPerOrder: number | null;
}

export interface FactorSetNote {
  id: string;
  label: string;
  source: string;
  year: number;
  licence: string;
  refrigeratedVanUplift: number;
}

export interface TransportStatement {
  period: StatementPeriod;
  lines: StatementLine[];
  totals: StatementTotals;
  /** The factor sets the lines name that are known here, with their source (for the notes). */
  factorSets: FactorSetNote[];
}

export interface BuildStatementInput {
  period: StatementPeriod;
  orders: readonly StatementOrderInput[];
  routes: readonly StatementRoute[];
  /** Factor sets whose values can be shown (the active one and the defaults). */
  factorSets?: readonly FactorSet[];
  /** The vehicle a farm's own trip is modelled with (planning and checkout use the default). */
  dropOffVehicle?: VehicleSpec;
}

const round5 = (value: number) => Math.round(value * 100_000) / 100_000;

function basisQuality(basis: DistanceBasis | null): DataQuality | null {
  if (basis === null) return null;
  return basis === "ROAD_NETWORK" ? "ROAD_NETWORK" : "ROUTED";
}

function factorsOf(
  legs: readonly StoredLeg[],
  factorSetId: string,
  routes: ReadonlyMap<string, StatementRoute>,
  sets: readonly FactorSet[],
  dropOffVehicle: VehicleSpec,
  allocated: boolean,
): { factors: StatementFactor[]; recorded: boolean } {
  const set = sets.find((s) => s.id === factorSetId);
  const found = new Map<string, StatementFactor>();
  let recorded = true;
  for (const leg of legs) {
    let vehicle: { key: string; refrigerated: boolean } | null = null;
    if (leg.via === "FARM_DROP_OFF")
      vehicle = { key: dropOffVehicle.energyType, refrigerated: dropOffVehicle.refrigerated };
    else if (allocated && leg.routeId !== null) {
      const route = routes.get(leg.routeId);
      if (route) vehicle = { key: route.factorKey, refrigerated: route.refrigerated };
    }
    if (vehicle === null) {
      recorded = false;
      continue;
    }
    const id = `${vehicle.key}|${vehicle.refrigerated}`;
    const existing = found.get(id);
    if (existing) {
      if (!existing.via.includes(leg.via)) existing.via.push(leg.via);
      continue;
    }
    const factor = set?.vehicleFactors.find((f) => f.key === vehicle.key);
    found.set(id, {
      key: vehicle.key,
      label: factor?.label ?? null,
      refrigerated: vehicle.refrigerated,
      kgPerKm:
        set && factor
          ? round5(factor.wellToWheelKgPerKm * (vehicle.refrigerated ? set.refrigeratedVanUplift : 1))
          : null,
      year: factor?.year ?? null,
      factorSetId,
      via: [leg.via],
    });
  }
  return { factors: [...found.values()], recorded };
}

function lineOf(
  order: StatementOrderInput,
  routes: ReadonlyMap<string, StatementRoute>,
  sets: readonly FactorSet[],
  dropOffVehicle: VehicleSpec,
): StatementLine {
  const base = {
    orderId: order.id,
    number: order.number,
    deliveryDate: zonedDate(order.deliveryDate, order.timeZone),
    hubName: order.hubName,
    fulfilment: order.fulfilment,
    grams: order.totalGrams,
  };
  const detail = readCarbonDetail(order.carbonDetail, order);
  const allocation = detail?.allocation ?? null;
  const estimate = detail?.estimate ?? null;
  const noFactors = { factors: [] as StatementFactor[], factorsRecorded: false };

  if (order.allocCo2eGrams !== null) {
    const figure = allocation?.status === "ALLOCATED" ? allocation : null;
    const found = figure
      ? factorsOf(figure.legs, figure.factorSetId, routes, sets, dropOffVehicle, true)
      : { factors: [], recorded: false };
    const distanceBasis = figure?.distanceBasis ?? null;
    return {
      ...base,
      figure: "ALLOCATED",
      co2eGrams: order.allocCo2eGrams,
      farmToHubCo2eGrams: figure?.farmToHubCo2eGrams ?? null,
      hubToBuyerCo2eGrams: figure?.hubToBuyerCo2eGrams ?? null,
      foodMetres: order.allocFoodMetres,
      method: "ROUTES_TONNE_KM",
      methodVersion: figure?.methodVersion ?? order.carbonMethodVersion,
      factorSetId: figure?.factorSetId ?? order.carbonFactorSet,
      factors: found.factors,
      factorsRecorded: found.recorded,
      quality: {
        level: basisQuality(distanceBasis) ?? "ROUTED",
        distanceBasis,
        roundSources: null,
        ownTripModelled: figure?.legs.some((l) => l.via === "FARM_DROP_OFF") ?? false,
      },
      reason: null,
    };
  }

  if (order.estCo2eGrams !== null) {
    const figure = estimate?.status === "ESTIMATED" ? estimate : null;
    const found = figure
      ? factorsOf(figure.legs, figure.factorSetId, routes, sets, dropOffVehicle, false)
      : { factors: [], recorded: false };
    return {
      ...base,
      figure: "ESTIMATE",
      co2eGrams: order.estCo2eGrams,
      farmToHubCo2eGrams: figure?.farmToHubCo2eGrams ?? null,
      hubToBuyerCo2eGrams: figure?.hubToBuyerCo2eGrams ?? null,
      foodMetres: order.estFoodMetres,
      method: "TYPICAL_ROUND_TONNE_KM",
      methodVersion: figure?.methodVersion ?? order.carbonMethodVersion,
      factorSetId: figure?.factorSetId ?? order.carbonFactorSet,
      factors: found.factors,
      factorsRecorded: found.recorded,
      quality: {
        level: "MODELLED",
        distanceBasis: figure?.distanceBasis ?? null,
        roundSources: figure?.typicalRounds ?? null,
        ownTripModelled: figure?.legs.some((l) => l.via === "FARM_DROP_OFF") ?? false,
      },
      reason: null,
    };
  }

  const why =
    allocation?.status === "NOT_ESTIMATED" ? allocation : estimate?.status === "NOT_ESTIMATED" ? estimate : null;
  return {
    ...base,
    figure: "NOT_ESTIMATED",
    co2eGrams: null,
    farmToHubCo2eGrams: null,
    hubToBuyerCo2eGrams: null,
    foodMetres: null,
    method: null,
    methodVersion: why?.methodVersion ?? order.carbonMethodVersion,
    factorSetId: why?.factorSetId ?? order.carbonFactorSet,
    ...noFactors,
    quality: { level: null, distanceBasis: why?.distanceBasis ?? null, roundSources: null, ownTripModelled: false },
    reason: why?.reason ?? null,
  };
}

/** Adds up the lines: every total is the sum of the lines it names. */
export function statementTotals(lines: readonly StatementLine[]): StatementTotals {
  const sum = (pick: (l: StatementLine) => number | null, only?: StatementFigure) =>
    lines.reduce((s, l) => s + (only !== undefined && l.figure !== only ? 0 : (pick(l) ?? 0)), 0);
  const withFood = lines.filter((l) => l.foodMetres !== null);
  return {
    orders: lines.length,
    allocatedOrders: lines.filter((l) => l.figure === "ALLOCATED").length,
    estimatedOrders: lines.filter((l) => l.figure === "ESTIMATE").length,
    notEstimatedOrders: lines.filter((l) => l.figure === "NOT_ESTIMATED").length,
    co2eGrams: sum((l) => l.co2eGrams),
    allocatedCo2eGrams: sum((l) => l.co2eGrams, "ALLOCATED"),
    estimatedCo2eGrams: sum((l) => l.co2eGrams, "ESTIMATE"),
    farmToHubCo2eGrams: sum((l) => l.farmToHubCo2eGrams),
    hubToBuyerCo2eGrams: sum((l) => l.hubToBuyerCo2eGrams),
    grams: sum((l) => l.grams),
    foodMetresPerOrder:
      withFood.length > 0
        ? Math.round(withFood.reduce((s, l) => s + (l.foodMetres as number), 0) / withFood.length)
        : null,
  };
}

/**
 * The statement: the orders delivered in the period (each by its hub's calendar), oldest first,
 * their figures, factors and data quality, and the totals.
 */
export function buildTransportStatement({
  period,
  orders,
  routes,
  factorSets = [DESNZ_2025],
  dropOffVehicle = DEFAULT_ESTIMATE_ASSUMPTIONS.farmDropOff.vehicle,
}: BuildStatementInput): TransportStatement {
  const routeById = new Map(routes.map((r) => [r.id, r]));
  const lines = orders
    .map((order) => lineOf(order, routeById, factorSets, dropOffVehicle))
    .filter((line) => inPeriod(line.deliveryDate, period))
    .sort((a, b) => (a.deliveryDate < b.deliveryDate ? -1 : a.deliveryDate > b.deliveryDate ? 1 : a.number - b.number));
  const usedSets = new Set(lines.map((l) => l.factorSetId).filter((id): id is string => id !== null));
  const notes: FactorSetNote[] = [];
  for (const id of usedSets) {
    const set = factorSets.find((s) => s.id === id);
    if (!set || notes.some((n) => n.id === id)) continue;
    notes.push({
      id: set.id,
      label: set.label,
      source: set.source,
      year: set.year,
      licence: set.licence,
      refrigeratedVanUplift: set.refrigeratedVanUplift,
    });
  }
  return { period, lines, totals: statementTotals(lines), factorSets: notes };
}

/** Restaurants and any other business buyer: everyone who buys but is not a household. */
export function isBusinessBuyer(buyerKind: string | null | undefined): boolean {
  return buyerKind !== null && buyerKind !== undefined && buyerKind !== "HOUSEHOLD";
}

/** Route ids an order's allocation names (to look up their vehicles). */
export function allocatedRouteIds(orders: readonly StatementOrderInput[]): string[] {
  const ids = new Set<string>();
  for (const order of orders) {
    const allocation = readCarbonDetail(order.carbonDetail, order)?.allocation;
    if (allocation?.status !== "ALLOCATED") continue;
    for (const leg of allocation.legs) if (leg.routeId !== null && leg.via !== "FARM_DROP_OFF") ids.add(leg.routeId);
  }
  return [...ids];
}
