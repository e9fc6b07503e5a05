// Pure builders shared by the demo seed and the large benchmark seed: products for a farm, order
// lines for a basket, order totals. No database here; the seeds insert what these return.
import type { Category, ProductTemplate, Season, UnitName } from "./catalogue";
import { newId, type Rng } from "./random";
import { localDateOf, zonedInstant } from "./time";
import { haversineMetres } from "../../app/domain/geo/distance";
import { priceLine as priceDomainLine } from "../../app/domain/pricing";

export interface LatLng {
  lat: number;
  lng: number;
}

const rad = (degrees: number): number => (degrees * Math.PI) / 180;

export { haversineMetres };

/** Even-odd ray casting on [lat, lng] pairs. */
export function insidePolygon(point: LatLng, polygon: readonly (readonly [number, number])[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [yi, xi] = polygon[i] ?? [0, 0];
    const [yj, xj] = polygon[j] ?? [0, 0];
    if (yi > point.lat !== yj > point.lat && point.lng < ((xj - xi) * (point.lat - yi)) / (yj - yi) + xi) {
      inside = !inside;
    }
  }
  return inside;
}

/** A point moved by up to `metres` in a random direction (uniform over the disc), rounded to ~1 m. */
export function jitter(rng: Rng, point: LatLng, metres: number): LatLng {
  const distance = metres * Math.sqrt(rng.next());
  const bearing = rng.next() * 2 * Math.PI;
  const dLat = (distance * Math.cos(bearing)) / 111_320;
  const dLng = (distance * Math.sin(bearing)) / (111_320 * Math.cos(rad(point.lat)));
  return { lat: round6(point.lat + dLat), lng: round6(point.lng + dLng) };
}

export const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;

export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

// ---------------------------------------------------------------------------------------------
// Products

export interface ProductDraft {
  id: string;
  farmId: string;
  name: string;
  description: string;
  category: Category;
  unit: UnitName;
  gramsPerUnit: number;
  retailPriceMinor: number;
  wholesalePriceMinor: number | null;
  wholesaleMinMilli: number | null;
  stockMilli: number;
  lowStockMilli: number;
  chilled: boolean;
  soldByWeight: boolean;
  availableFrom: Date | null;
  availableTo: Date | null;
}

export interface ProductOptions {
  now: Date;
  timeZone: string;
  /** Share of products sold at wholesale too (restaurants at or above the minimum). */
  wholesaleShare?: number;
  /** Share of products with no stock left. */
  outOfStockShare?: number;
  /** Share of products below their low-stock threshold. */
  lowStockShare?: number;
}

/** Prices by weight are kept to 10p so half a kilo costs whole pence; the rest to 5p. */
function roundPrice(unit: UnitName, pence: number): number {
  if (unit === "G") return Math.max(1, Math.round(pence));
  const step = unit === "KG" ? 10 : 5;
  return Math.max(step, Math.round(pence / step) * step);
}

/** The season window that contains `now`, or else the next one. */
const seasonCache = new Map<string, { from: Date; to: Date }>();

export function seasonWindow(season: Season, now: Date, timeZone: string): { from: Date; to: Date } {
  const key = `${season.from.join("-")}/${season.to.join("-")}/${now.getTime()}/${timeZone}`;
  const cached = seasonCache.get(key);
  if (cached) return { from: new Date(cached.from), to: new Date(cached.to) };
  const window = computeSeasonWindow(season, now, timeZone);
  if (seasonCache.size > 1000) seasonCache.clear();
  seasonCache.set(key, window);
  return { from: new Date(window.from), to: new Date(window.to) };
}

function computeSeasonWindow(season: Season, now: Date, timeZone: string): { from: Date; to: Date } {
  const today = localDateOf(timeZone, now);
  const wraps = season.to[0] * 100 + season.to[1] < season.from[0] * 100 + season.from[1];
  for (const year of [today.year - 1, today.year, today.year + 1]) {
    const from = zonedInstant(timeZone, { year, month: season.from[0], day: season.from[1] }, 0);
    const lastDay = { year: wraps ? year + 1 : year, month: season.to[0], day: season.to[1] };
    const to = zonedInstant(timeZone, lastDay, 23 * 60 + 59);
    if (to.getTime() >= now.getTime()) return { from, to };
  }
  throw new Error("unreachable: a season recurs every year");
}

function stockRange(unit: UnitName, expensive: boolean): readonly [number, number] {
  if (expensive) return [3, 15];
  switch (unit) {
    case "KG":
      return [15, 150];
    case "LB":
      return [10, 60];
    case "G":
      return [500, 5000];
    case "L":
      return [20, 200];
    default:
      return [10, 80];
  }
}

function lowStockMilli(unit: UnitName, expensive: boolean): number {
  if (expensive) return 2000;
  if (unit === "G") return 200_000;
  if (unit === "L") return 10_000;
  return 5000;
}

function wholesaleMinimum(unit: UnitName, expensive: boolean): number {
  if (expensive) return 3000;
  switch (unit) {
    case "KG":
      return 5000;
    case "G":
      return 500_000;
    case "DOZEN":
      return 5000;
    default:
      return 10_000;
  }
}

export function buildProduct(rng: Rng, farmId: string, tpl: ProductTemplate, options: ProductOptions): ProductDraft {
  const retail = roundPrice(tpl.unit, tpl.priceMinor * rng.float(0.9, 1.15));
  const expensive = tpl.unit !== "KG" && tpl.unit !== "G" && retail >= 2000;
  let wholesalePriceMinor: number | null = null;
  let wholesaleMinMilli: number | null = null;
  if (rng.chance(options.wholesaleShare ?? 0.33)) {
    const price = roundPrice(tpl.unit, retail * rng.float(0.75, 0.88));
    if (price < retail) {
      wholesalePriceMinor = price;
      wholesaleMinMilli = wholesaleMinimum(tpl.unit, expensive);
    }
  }
  const [low, high] = stockRange(tpl.unit, expensive);
  const low_ = lowStockMilli(tpl.unit, expensive);
  let stockMilli = rng.int(low, high) * 1000;
  if (rng.chance(options.outOfStockShare ?? 0.03)) stockMilli = 0;
  else if (rng.chance(options.lowStockShare ?? 0.05)) {
    stockMilli = tpl.unit === "G" ? low_ / 2 : Math.max(1000, Math.floor(low_ / 2000) * 1000);
  }
  const window = tpl.season ? seasonWindow(tpl.season, options.now, options.timeZone) : null;
  return {
    id: newId(),
    farmId,
    name: tpl.name,
    description: tpl.description,
    category: tpl.category,
    unit: tpl.unit,
    gramsPerUnit: tpl.gramsPerUnit,
    retailPriceMinor: retail,
    wholesalePriceMinor,
    wholesaleMinMilli,
    stockMilli,
    lowStockMilli: low_,
    chilled: tpl.chilled ?? false,
    soldByWeight: tpl.soldByWeight ?? false,
    availableFrom: window?.from ?? null,
    availableTo: window?.to ?? null,
  };
}

export function isAvailable(product: ProductDraft, at: Date): boolean {
  if (product.availableFrom && product.availableFrom.getTime() > at.getTime()) return false;
  if (product.availableTo && product.availableTo.getTime() < at.getTime()) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Orders

export type BuyerKindName = "HOUSEHOLD" | "RESTAURANT";

export interface LineDraft {
  id: string;
  productId: string;
  farmId: string;
  productName: string;
  unit: UnitName;
  quantityMilli: number;
  unitPriceMinor: number;
  lineTotalMinor: number;
  grams: number;
  chilled: boolean;
  wholesaleApplied: boolean;
  soldByWeight: boolean;
}

/** Smallest step a quantity moves in: half a kilo, a gram, or one whole unit. */
function stepMilli(unit: UnitName): number {
  return unit === "KG" ? 500 : 1000;
}

function wantedQuantity(rng: Rng, product: ProductDraft, kind: BuyerKindName): number {
  const { unit } = product;
  if (kind === "HOUSEHOLD") {
    if (unit === "KG") return rng.pick(product.retailPriceMinor >= 1500 ? [500, 1000] : [500, 1000, 1000, 1500, 2000]);
    if (unit === "G") return rng.pick([50, 100, 100, 200]) * 1000;
    if (unit === "L")
      return rng.weighted([
        [1000, 0.4],
        [2000, 0.4],
        [4000, 0.2],
      ] as const);
    if (unit === "LB")
      return rng.weighted([
        [1000, 0.7],
        [2000, 0.3],
      ] as const);
    return rng.weighted([
      [1000, 0.65],
      [2000, 0.28],
      [3000, 0.07],
    ] as const);
  }
  // A kitchen buys for the week: aim for roughly £8-£45 a line, in whole steps of the unit.
  const target = rng.int(800, 4500);
  const step = stepMilli(unit);
  let milli = Math.max(step, Math.round((target * 1000) / product.retailPriceMinor / step) * step);
  if (unit === "KG") milli = Math.min(milli, 12_000);
  if (product.wholesaleMinMilli !== null && rng.chance(0.55)) {
    milli = Math.max(milli, product.wholesaleMinMilli) + rng.int(0, 2) * (unit === "G" ? 100_000 : 1000);
  }
  return milli;
}

/** Line for a product and quantity, priced by checkout's own pricing (app/domain/pricing). */
export function priceLine(product: ProductDraft, quantityMilli: number, kind: BuyerKindName): LineDraft {
  const { retailUnitPriceMinor: _retail, ...line } = priceDomainLine(product, quantityMilli, kind);
  return { id: newId(), ...line };
}

export interface BasketOptions {
  kind: BuyerKindName;
  /** Farms to draw from, in the order they are preferred; the builder picks a few. */
  farmIds: readonly string[];
  productsByFarm: ReadonlyMap<string, readonly ProductDraft[]>;
  /** Products must be available at this moment (the cycle's delivery date). */
  at: Date;
  /** Keep adding lines until the subtotal reaches this. */
  minimumSubtotalMinor: number;
  /** Take the quantities out of `stockMilli` (orders of a cycle that is still to be delivered). */
  consumeStock: boolean;
  /** Always include at least one line from this farm when it has something to sell. */
  includeFarmId?: string;
}

function orderable(product: ProductDraft, options: BasketOptions, taken: ReadonlySet<string>): boolean {
  if (taken.has(product.id) || !isAvailable(product, options.at)) return false;
  if (options.consumeStock && product.stockMilli < stepMilli(product.unit)) return false;
  return true;
}

function takeLine(rng: Rng, product: ProductDraft, options: BasketOptions): LineDraft | null {
  const step = stepMilli(product.unit);
  let quantity = wantedQuantity(rng, product, options.kind);
  if (options.consumeStock) quantity = Math.min(quantity, Math.floor(product.stockMilli / step) * step);
  if (quantity <= 0) return null;
  const line = priceLine(product, quantity, options.kind);
  // Prices by weight are multiples of 10p and quantities multiples of half a kilo or a gram, so a
  // line total is always whole pence; anything else would be a catalogue mistake.
  if ((quantity * line.unitPriceMinor) % 1000 !== 0) throw new Error(`fractional pence for ${product.name}`);
  if (options.consumeStock) product.stockMilli -= quantity;
  return line;
}

/** The lines of one order: a few farms, a few products from each, up to the order minimum. */
export function buildBasket(rng: Rng, options: BasketOptions): LineDraft[] {
  const isRestaurant = options.kind === "RESTAURANT";
  const farmCount = isRestaurant
    ? rng.int(2, 4)
    : rng.weighted([
        [1, 0.4],
        [2, 0.38],
        [3, 0.22],
      ] as const);
  const candidates = options.farmIds.filter((farmId) =>
    (options.productsByFarm.get(farmId) ?? []).some((product) => orderable(product, options, new Set())),
  );
  if (candidates.length === 0) return [];
  const chosen = rng.sample(candidates, farmCount);
  if (options.includeFarmId && candidates.includes(options.includeFarmId) && !chosen.includes(options.includeFarmId)) {
    chosen[0] = options.includeFarmId;
  }
  const lines: LineDraft[] = [];
  const taken = new Set<string>();
  const addFromFarm = (farmId: string, count: number): void => {
    const pool = (options.productsByFarm.get(farmId) ?? []).filter((product) => orderable(product, options, taken));
    for (const product of rng.sample(pool, count)) {
      const line = takeLine(rng, product, options);
      if (line) {
        lines.push(line);
        taken.add(product.id);
      }
    }
  };
  for (const farmId of chosen) addFromFarm(farmId, isRestaurant ? rng.int(2, 4) : rng.int(1, 4));
  let tries = 0;
  while (subtotal(lines) < options.minimumSubtotalMinor && tries++ < 12) {
    addFromFarm(rng.pick(tries < 6 ? chosen : candidates), 1);
  }
  return lines;
}

export const subtotal = (lines: readonly LineDraft[]): number =>
  lines.reduce((sum, line) => sum + line.lineTotalMinor, 0);

export const totalGrams = (lines: readonly LineDraft[]): number => lines.reduce((sum, line) => sum + line.grams, 0);
