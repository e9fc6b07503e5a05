// Discovery in memory: the map's farm tuples and the product search, answered from a copy of the
// ACTIVE farms and their non-archived products. The copy is kept in step with the database by
// services/discovery.server (docs/decisions/010-discovery.md). This module is the only place that
// decides what is live (in season at `now`), in stock and in which category: each farm's counts are
// computed from its products and computed again when the clock passes the next season boundary
// of one of them. Pure: no database, no framework.
import { PRODUCT_CATEGORIES, type ProductCategory, type Unit } from "./catalogue";
import { haversineMetres, type LatLng } from "./geo";
import { mapCoordinate, mapRowHead, mapRowJson } from "./map-payload";
import { searchKey } from "./search";

const DAY_MS = 86_400_000;

/** A latitude band and one or two longitude ranges (two when the box crosses the antimeridian). */
export interface BoxQuery {
  minLat: number;
  maxLat: number;
  lngRanges: Array<[number, number]>;
}

export interface IndexedProduct {
  id: string;
  name: string;
  category: ProductCategory;
  unit: Unit;
  gramsPerUnit: number;
  retailPriceMinor: number;
  wholesalePriceMinor: number | null;
  wholesaleMinMilli: number | null;
  /** Stock when the farm was last loaded: exact for "in stock or not", maybe stale as an amount. */
  stockMilli: number;
  /** Live from this instant (epoch ms, inclusive), or always. */
  liveFrom: number | null;
  /** Live until this instant (epoch ms, exclusive: the end date + 1 day), or always. */
  liveUntil: number | null;
}

/**
 * One farm as discovery sees it. What every request scans is laid out compactly — the product
 * names as one string, the rest in typed arrays — because walking tens of thousands of small
 * objects costs a cache miss each (docs/decisions/010-discovery.md); `products` is read only for results.
 */
export interface IndexedFarm {
  id: string;
  slug: string;
  name: string;
  /** Its hub's currency: prices its products. */
  currency: string;
  /** searchKey(name). */
  key: string;
  lat: number;
  lng: number;
  /** The start of the farm's map tuple as JSON text: `["slug","name",lat,lng`. */
  head: string;
  /** Position among the indexed farms ordered by name (ties in distance); see buildDiscoveryIndex. */
  nameRank: number;
  /** Live products per category (PRODUCT_CATEGORIES order), then live in-stock ones, at a time in [summaryFrom, summaryUntil). */
  categoryCounts: number[];
  liveProductCount: number;
  inStockProductCount: number;
  /** The categories with live products as a 12-bit mask (PRODUCT_CATEGORIES order). */
  categoryMask: number;
  /** The counts hold from this instant (the last season boundary before they were computed)… */
  summaryFrom: number;
  /** …until this one (the next boundary): outside, summarise() computes them again. */
  summaryUntil: number;
  /** Non-archived products, in name order. */
  products: IndexedProduct[];
  /** searchKey of every product name, each followed by "\n". */
  productKeys: string;
  /** Where product i's key starts in productKeys (one more entry: the end). */
  keyStarts: Int32Array;
  categoryIndex: Uint8Array;
  stockMilli: Float64Array;
  liveFrom: Float64Array;
  liveUntil: Float64Array;
}

export interface FarmInput {
  id: string;
  slug: string;
  name: string;
  lat: number;
  lng: number;
  /** The currency of the hub the farm sells through (ISO 4217). */
  currency: string;
  products: IndexedProduct[];
}

export { mapCoordinate };

/** The categories with live products as a 12-bit mask (PRODUCT_CATEGORIES order). */
export function categoryMask(categoryCounts: readonly number[]): number {
  let mask = 0;
  PRODUCT_CATEGORIES.forEach((_, i) => {
    if ((categoryCounts[i] ?? 0) > 0) mask |= 1 << i;
  });
  return mask;
}

/** A name as matched by search stems: searchKey on one line. */
const lineKey = (name: string) => searchKey(name).replace(/\s+/g, " ");

/**
 * The farm's counts at `now` — live products per category, live in stock per category, totals and
 * the category mask — and the window of time they hold for: from the latest season boundary of
 * its products at or before `now` to the earliest after it. Called by the queries whenever `now`
 * is outside that window, so a product entering or leaving its season shows without any write.
 */
export function summarise(farm: IndexedFarm, now: number): void {
  const counts = new Array<number>(PRODUCT_CATEGORIES.length * 2).fill(0);
  let live = 0;
  let inStock = 0;
  let from = -Infinity;
  let until = Infinity;
  for (let i = 0; i < farm.products.length; i++) {
    const start = farm.liveFrom[i]!;
    const end = farm.liveUntil[i]!;
    for (const boundary of [start, end]) {
      if (boundary <= now) from = Math.max(from, boundary);
      else until = Math.min(until, boundary);
    }
    if (start > now || end <= now) continue;
    const category = farm.categoryIndex[i]!;
    counts[category]! += 1;
    live += 1;
    if (farm.stockMilli[i]! > 0) {
      counts[category + PRODUCT_CATEGORIES.length]! += 1;
      inStock += 1;
    }
  }
  farm.categoryCounts = counts;
  farm.liveProductCount = live;
  farm.inStockProductCount = inStock;
  farm.categoryMask = categoryMask(counts);
  farm.summaryFrom = from;
  farm.summaryUntil = until;
}

/** The farm with its counts current at `now`. */
function current(farm: IndexedFarm, now: number): IndexedFarm {
  if (now < farm.summaryFrom || now >= farm.summaryUntil) summarise(farm, now);
  return farm;
}

export function indexFarm(input: FarmInput, now: number = Date.now()): IndexedFarm {
  const count = input.products.length;
  const keyStarts = new Int32Array(count + 1);
  const categoryIndex = new Uint8Array(count);
  const stockMilli = new Float64Array(count);
  const liveFrom = new Float64Array(count);
  const liveUntil = new Float64Array(count);
  const lines: string[] = [];
  let offset = 0;
  input.products.forEach((product, i) => {
    const key = lineKey(product.name);
    keyStarts[i] = offset;
    offset += key.length + 1;
    lines.push(key, "\n");
    categoryIndex[i] = PRODUCT_CATEGORIES.indexOf(product.category);
    stockMilli[i] = product.stockMilli;
    liveFrom[i] = product.liveFrom ?? -Infinity;
    liveUntil[i] = product.liveUntil ?? Infinity;
  });
  keyStarts[count] = offset;
  const farm: IndexedFarm = {
    id: input.id,
    slug: input.slug,
    name: input.name,
    currency: input.currency,
    key: lineKey(input.name),
    lat: input.lat,
    lng: input.lng,
    head: mapRowHead(input),
    nameRank: 0,
    categoryCounts: [],
    liveProductCount: 0,
    inStockProductCount: 0,
    categoryMask: 0,
    summaryFrom: Infinity,
    summaryUntil: -Infinity,
    products: input.products,
    productKeys: lines.join(""),
    keyStarts,
    categoryIndex,
    stockMilli,
    liveFrom,
    liveUntil,
  };
  summarise(farm, now);
  return farm;
}

/** The searchable set: ACTIVE farms in id order, with their positions side by side. */
export interface DiscoveryIndexData {
  farms: IndexedFarm[];
  lat: Float64Array;
  lng: Float64Array;
}

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Orders the farms by id, ranks their names (ties in distance) and lines up their positions. */
export function buildDiscoveryIndex(farms: Iterable<IndexedFarm>): DiscoveryIndexData {
  const sorted = [...farms].sort(byId);
  [...sorted]
    .sort((a, b) => collator.compare(a.name, b.name) || byId(a, b))
    .forEach((farm, rank) => {
      farm.nameRank = rank;
    });
  return {
    farms: sorted,
    lat: Float64Array.from(sorted, (farm) => farm.lat),
    lng: Float64Array.from(sorted, (farm) => farm.lng),
  };
}

/** The end of a product's season as stored (its last day, epoch ms) → the instant it stops being live. */
export const liveUntilOf = (availableTo: number | null): number | null =>
  availableTo === null ? null : availableTo + DAY_MS;

const inBox = (lat: number, lng: number, box: BoxQuery) => {
  if (lat < box.minLat || lat > box.maxLat) return false;
  for (const [min, max] of box.lngRanges) if (lng >= min && lng <= max) return true;
  return false;
};

interface ProductFilter {
  /** Index in PRODUCT_CATEGORIES, or -1 for any. */
  categoryIndex: number;
  inStock: boolean;
  stems: readonly string[];
  now: number;
}

const productFilter = (query: {
  category?: ProductCategory;
  inStock?: boolean;
  stems: readonly string[];
  now: number;
}): ProductFilter => ({
  categoryIndex: query.category ? PRODUCT_CATEGORIES.indexOf(query.category) : -1,
  inStock: Boolean(query.inStock),
  stems: query.stems,
  now: query.now,
});

/** Can this farm have a product passing the filter? From its summary and product keys only. */
function farmMayMatch(farm: IndexedFarm, filter: ProductFilter, ownNameOnly: boolean): boolean {
  current(farm, filter.now);
  const index = filter.categoryIndex;
  if (index >= 0 && (farm.categoryCounts[index] ?? 0) <= 0) return false;
  if (filter.inStock && (index >= 0 ? (farm.categoryCounts[index + 12] ?? 0) : farm.inStockProductCount) <= 0)
    return false;
  for (const stem of filter.stems)
    if (!farm.productKeys.includes(stem) && (ownNameOnly || !farm.key.includes(stem))) return false;
  return true;
}

/** Product i of the farm: live, in the category, in stock (as the filter asks). */
const passes = (farm: IndexedFarm, i: number, filter: ProductFilter) =>
  (filter.categoryIndex < 0 || farm.categoryIndex[i] === filter.categoryIndex) &&
  (!filter.inStock || farm.stockMilli[i]! > 0) &&
  farm.liveFrom[i]! <= filter.now &&
  farm.liveUntil[i]! > filter.now;

/** The product whose key holds this offset of productKeys (binary search over keyStarts). */
function productAt(keyStarts: Int32Array, offset: number): number {
  let lo = 0;
  let hi = keyStarts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (keyStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Calls `visit` with the index of every product of the farm passing the filter, in order. Every
 * stem must be in the product's own name or (unless `ownNameOnly`) in the farm's name; stems are
 * found by scanning the farm's one string of product keys.
 */
function forEachMatch(
  farm: IndexedFarm,
  filter: ProductFilter,
  ownNameOnly: boolean,
  visit: (i: number) => void,
): void {
  const required = ownNameOnly ? filter.stems : filter.stems.filter((stem) => !farm.key.includes(stem));
  if (required.length === 0) {
    for (let i = 0; i < farm.products.length; i++) if (passes(farm, i, filter)) visit(i);
    return;
  }
  const [first, ...others] = required as [string, ...string[]];
  const keys = farm.productKeys;
  let from = 0;
  for (let at = keys.indexOf(first, from); at !== -1; at = keys.indexOf(first, from)) {
    const i = productAt(farm.keyStarts, at);
    const start = farm.keyStarts[i]!;
    const end = farm.keyStarts[i + 1]!;
    from = end;
    if (!passes(farm, i, filter)) continue;
    if (
      others.every((stem) => {
        const found = keys.indexOf(stem, start);
        return found !== -1 && found + stem.length < end;
      })
    )
      visit(i);
  }
}

export interface MapQuery {
  box: BoxQuery;
  category?: ProductCategory;
  inStock?: boolean;
  /** Search stems (domain/search searchStems); none = no text filter. */
  stems: readonly string[];
  centre?: LatLng;
  radiusM?: number;
  now: number;
  limit: number;
}

/**
 * Farms in the box (and radius) passing the filters, as the map JSON array text
 * `[[slug, name, lat, lng, categoryMask, distanceMetres | -1, matches], …]`, nearest first, then
 * by name. `matches` counts the farm's products passing the filters. Without text the counts come
 * from the farm's summary; with text the farm's products are checked. The first `limit` matching
 * farms by id are kept; `count` is how many matched.
 */
export function mapFarmsJson(index: DiscoveryIndexData, query: MapQuery): { json: string; count: number } {
  const filter = productFilter(query);
  const category = filter.categoryIndex;
  const summaryMatches = (farm: IndexedFarm) =>
    category >= 0
      ? (farm.categoryCounts[category + (filter.inStock ? 12 : 0)] ?? 0)
      : filter.inStock
        ? farm.inStockProductCount
        : farm.liveProductCount;
  const picked: Array<{ farm: IndexedFarm; distance: number; matches: number }> = [];
  let count = 0;
  let matches = 0;
  const countMatch = () => {
    matches += 1;
  };
  for (let f = 0; f < index.farms.length; f++) {
    if (!inBox(index.lat[f]!, index.lng[f]!, query.box)) continue;
    const farm = index.farms[f]!;
    if (!farmMayMatch(farm, filter, false)) continue;
    const distance = query.centre ? Math.round(haversineMetres(query.centre, farm)) : -1;
    if (query.centre && query.radiusM !== undefined && distance > query.radiusM) continue;
    if (query.stems.length === 0) matches = summaryMatches(farm);
    else {
      matches = 0;
      forEachMatch(farm, filter, false, countMatch);
      if (matches === 0) continue;
    }
    count += 1;
    if (picked.length < query.limit) picked.push({ farm, distance, matches });
  }
  picked.sort((a, b) => a.distance - b.distance || a.farm.nameRank - b.farm.nameRank);
  return {
    json: `[${picked.map(({ farm, distance, matches }) => mapRowJson(farm.head, farm.categoryMask, query.centre ? distance : null, matches)).join(",")}]`,
    count,
  };
}

export interface ProductHit {
  product: IndexedProduct;
  farm: IndexedFarm;
  /** Straight-line distance from the centre, whole metres. */
  distanceMetres: number;
  /** Every stem is in the product's own name (not only in the farm's). */
  nameMatch: boolean;
}

export interface ProductSearchQuery {
  centre: LatLng;
  radiusM: number;
  stems: readonly string[];
  category?: ProductCategory;
  inStock?: boolean;
  now: number;
  order: "distance" | "price";
  /** Hits wanted (ties with the last one are kept). */
  limit: number;
  /** `total` counts matches up to this; `totalCapped` says there were more. */
  totalCap: number;
}

/** The first `limit` items of a sorted list, plus those tied with the last one. */
function firstWithTies<T>(sorted: readonly T[], limit: number, same: (a: T, b: T) => boolean): T[] {
  if (sorted.length <= limit) return [...sorted];
  let end = limit;
  while (end < sorted.length && same(sorted[end]!, sorted[limit - 1]!)) end += 1;
  return sorted.slice(0, end);
}

/** Metres per degree of latitude, rounded down: a safe first cut for "within r metres". */
const METRES_PER_DEGREE_LAT = 111_000;

/**
 * Live products of the farms within `radiusM` of the centre matching the filter. Products whose
 * own name holds every stem come first; only when none does are products matched through their
 * farm's name returned ("eggs" lists eggs, not all of Egg Lane Farm's products).
 *
 * By distance: farms nearest first and, per farm, its matching products (in name order), stopping
 * once more than max(limit, totalCap) are found and the next farm is farther — the work is bounded
 * by the page and the cap, not by the number of matches. By price: every match, cheapest first
 * (then nearest). Ties with the last hit are kept, for the caller's final ranking.
 */
export function searchProductPage(
  index: DiscoveryIndexData,
  query: ProductSearchQuery,
): { hits: ProductHit[]; total: number; totalCapped: boolean } {
  // Farms in the radius, nearest first: a latitude band first (cheap), then the exact distance.
  const band = query.radiusM / METRES_PER_DEGREE_LAT + 0.01;
  const near: Array<{ farm: IndexedFarm; distance: number }> = [];
  for (let f = 0; f < index.farms.length; f++) {
    if (Math.abs(index.lat[f]! - query.centre.lat) > band) continue;
    const farm = index.farms[f]!;
    const distance = Math.round(haversineMetres(query.centre, farm));
    if (distance <= query.radiusM) near.push({ farm, distance });
  }
  near.sort((a, b) => a.distance - b.distance || a.farm.nameRank - b.farm.nameRank);
  const filter = productFilter(query);

  const run = (ownNameOnly: boolean) => {
    const hits: ProductHit[] = [];
    const enough = Math.max(query.limit, query.totalCap) + 1;
    for (const { farm, distance } of near) {
      if (query.order === "distance" && hits.length >= enough && distance > hits[hits.length - 1]!.distanceMetres)
        break;
      if (!farmMayMatch(farm, filter, ownNameOnly)) continue;
      forEachMatch(farm, filter, ownNameOnly, (i) =>
        hits.push({ product: farm.products[i]!, farm, distanceMetres: distance, nameMatch: ownNameOnly }),
      );
    }
    const total = hits.length;
    const counted = { total: Math.min(total, query.totalCap), totalCapped: total > query.totalCap };
    if (query.order === "price") {
      hits.sort(
        (a, b) => a.product.retailPriceMinor - b.product.retailPriceMinor || a.distanceMetres - b.distanceMetres,
      );
      const same = (a: ProductHit, b: ProductHit) =>
        a.product.retailPriceMinor === b.product.retailPriceMinor && a.distanceMetres === b.distanceMetres;
      return { hits: firstWithTies(hits, query.limit, same), ...counted };
    }
    return { hits: firstWithTies(hits, query.limit, (a, b) => a.distanceMetres === b.distanceMetres), ...counted };
  };
  const own = run(true);
  return own.total > 0 || query.stems.length === 0 ? own : run(false);
}
