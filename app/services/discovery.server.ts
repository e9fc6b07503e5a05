// Buyer discovery: farms in a map view, product search by distance, the public farm page.
// Answered from an in-process index kept in step with the database (below); the map JSON is
// compact: one array per farm.
import { pricePerKgMinor, type ProductCategory } from "~/domain/catalogue";
import { bboxLngRanges, boundingBox, haversineMetres, type LatLng } from "~/domain/geo";
import { rankSearchResults, searchStems, type SearchSort } from "~/domain/search";
import {
  buildDiscoveryIndex,
  indexFarm,
  liveUntilOf,
  mapFarmsJson,
  searchProductPage,
  type BoxQuery,
  type DiscoveryIndexData,
  type IndexedFarm,
} from "~/domain/discovery-index";
import {
  getActiveFarmBySlug,
  getFirstHubDepot,
  loadDiscoveryFarms,
  readDiscoveryChanges,
  refreshSeasonStaleFarms,
  type DiscoveryFarmRow,
} from "~/models/farm.server";
import { listLiveProductsForFarm } from "~/models/product.server";
import { photoUrl } from "./upload.server";

/** Bristol city centre: the demo region, used when there is no hub yet. */
export const FALLBACK_CENTRE: LatLng & { label: string } = { lat: 51.4545, lng: -2.5879, label: "Bristol" };
export const MAX_MAP_FARMS = 5000;
export const SEARCH_PAGE_SIZE = 60;
/** Relevance is scored in TypeScript (domain/search) over this many nearest matches. */
export const RELEVANCE_CANDIDATES = 2000;
/** Product search counts matches up to this many ("200+ products found"). */
export const SEARCH_TOTAL_CAP = 200;

export interface Viewport {
  minLat: number;
  minLng: number;
  maxLat: number;
  maxLng: number;
}

export interface DiscoveryFilter {
  category?: ProductCategory;
  q?: string;
  inStock?: boolean;
  /** With a radius, only farms within it of the centre; distances are always from the centre. */
  centre?: LatLng;
  radiusKm?: number;
}

/** [slug, name, lat, lng, category mask, distance in metres (or -1 without a centre), matches] */
export type MapFarmTuple = [string, string, number, number, number, number, number];

export interface MapData {
  /** Version of the tuple layout. */
  v: 1;
  farms: MapFarmTuple[];
  truncated: boolean;
}

/** How often (per process) discovery looks for farms whose season-dependent summary went stale. */
export const SEASON_CHECK_INTERVAL_MS = 30_000;
let nextSeasonCheck = 0;
let seasonCheck: Promise<unknown> | null = null;

/**
 * Products enter and leave their season with the clock, not with a write: a farm's summary
 * records when that next happens (discoveryValidUntil) and is recomputed after it. At most one
 * check every SEASON_CHECK_INTERVAL_MS per process (an indexed query that usually finds nothing),
 * so a season boundary shows on the map within that interval. Concurrent requests share it.
 */
export async function refreshSeasonsIfDue(now: Date = new Date()): Promise<void> {
  if (seasonCheck) {
    await seasonCheck;
    return;
  }
  if (Date.now() < nextSeasonCheck) return;
  nextSeasonCheck = Date.now() + SEASON_CHECK_INTERVAL_MS;
  seasonCheck = refreshSeasonStaleFarms({ now }).finally(() => {
    seasonCheck = null;
  });
  await seasonCheck;
}

// --- Discovery index -------------------------------------------------------------------------
// Map and search requests are answered from an in-process index of the ACTIVE farms (summary
// columns) and their non-archived products (domain/discovery-index): ~2,000 farms and 50,000
// products take about 15 MB. Before use, the index is checked against the database's
// discovery version — at most once per DISCOVERY_CHECK_MS, one check (and one refresh) for all
// concurrent requests. When it moved, only the farms stamped with a newer version are reloaded
// (with their products); when the epoch moved (farms deleted), everything. Every write to Farm
// stamps the row, and product changes, orders and cancellations refresh their farms' summaries,
// so they stamp them too: a change (stock included) shows in every instance within
// DISCOVERY_CHECK_MS (+ the refresh). See docs/decisions/012.

/** How often (per process) the index is checked against the discovery version. */
export const DISCOVERY_CHECK_MS = 1000;

export interface DiscoveryIndex {
  version: number;
  epoch: number;
  /** ACTIVE farms in id order, and their positions. */
  data: DiscoveryIndexData;
}

const indexState: {
  index: DiscoveryIndex | null;
  nextCheck: number;
  pending: Promise<DiscoveryIndex> | null;
  checkMs: number;
  clock: () => number;
  fullLoads: number;
  farmLoads: number;
} = {
  index: null,
  nextCheck: 0,
  pending: null,
  checkMs: DISCOVERY_CHECK_MS,
  clock: Date.now,
  fullLoads: 0,
  farmLoads: 0,
};

/**
 * Tests: another check interval or clock; `reset` drops the index. Returns how many full loads and
 * how many farm rows (full or partial) have been loaded so far.
 */
export function configureDiscoveryIndex(options: { checkMs?: number; clock?: () => number; reset?: boolean } = {}): {
  fullLoads: number;
  farmLoads: number;
} {
  if (options.checkMs !== undefined) indexState.checkMs = options.checkMs;
  if (options.clock) indexState.clock = options.clock;
  if (options.reset) {
    indexState.index = null;
    indexState.nextCheck = 0;
  }
  return { fullLoads: indexState.fullLoads, farmLoads: indexState.farmLoads };
}

const toIndexedFarm = (row: DiscoveryFarmRow): IndexedFarm =>
  indexFarm({
    ...row,
    products: (row.products ?? []).map(
      ([
        id,
        name,
        category,
        unit,
        gramsPerUnit,
        retailPriceMinor,
        wholesalePriceMinor,
        wholesaleMinMilli,
        stockMilli,
        availableFrom,
        availableTo,
      ]) => ({
        id,
        name,
        category,
        unit,
        gramsPerUnit,
        retailPriceMinor,
        wholesalePriceMinor,
        wholesaleMinMilli,
        stockMilli,
        liveFrom: availableFrom,
        liveUntil: liveUntilOf(availableTo),
      }),
    ),
  });

async function refreshIndex(current: DiscoveryIndex | null): Promise<DiscoveryIndex> {
  const seen = current ? await readDiscoveryChanges({ since: current.version }) : null;
  if (current && seen && seen.epoch === current.epoch && !seen.changed) return current;
  const whole = !current || !seen || seen.epoch !== current.epoch;
  const loaded = await loadDiscoveryFarms({ since: whole ? null : current.version });
  indexState.farmLoads += loaded.farms.length;
  const byId = new Map(whole ? [] : current.data.farms.map((farm) => [farm.id, farm] as const));
  for (const row of loaded.farms) {
    if (row.active) byId.set(row.id, toIndexedFarm(row));
    else byId.delete(row.id);
  }
  if (whole) indexState.fullLoads += 1;
  // The load's own watermark: farms stamped by transactions that were still running (or not yet
  // started) when it read are at or above it, and are fetched next time.
  return { version: loaded.version, epoch: loaded.epoch, data: buildDiscoveryIndex(byId.values()) };
}

/** The current index: checked against the version when the interval has passed (single flight). */
export function getDiscoveryIndex(): Promise<DiscoveryIndex> {
  const state = indexState;
  if (state.pending) return state.pending;
  if (state.index && state.clock() < state.nextCheck) return Promise.resolve(state.index);
  state.pending = refreshIndex(state.index)
    .then((index) => {
      state.index = index;
      state.nextCheck = state.clock() + state.checkMs;
      return index;
    })
    .finally(() => {
      state.pending = null;
    });
  return state.pending;
}

/** Loads the index ahead of the first request (server start); failures are left to that request. */
export function warmDiscoveryIndex(): void {
  getDiscoveryIndex().catch(() => undefined);
}

function intersect(view: Viewport, centre: LatLng | undefined, radiusKm: number | undefined): BoxQuery | null {
  let box: BoxQuery = { minLat: view.minLat, maxLat: view.maxLat, lngRanges: [[view.minLng, view.maxLng]] };
  if (view.minLng > view.maxLng)
    box.lngRanges = [
      [view.minLng, 180],
      [-180, view.maxLng],
    ];
  if (centre && radiusKm) {
    const circle = boundingBox(centre, radiusKm * 1000);
    const minLat = Math.max(box.minLat, circle.minLat);
    const maxLat = Math.min(box.maxLat, circle.maxLat);
    if (minLat > maxLat) return null;
    const lngRanges: Array<[number, number]> = [];
    for (const [a, b] of box.lngRanges) {
      for (const [c, d] of bboxLngRanges(circle)) {
        const lo = Math.max(a, c);
        const hi = Math.min(b, d);
        if (lo <= hi) lngRanges.push([lo, hi]);
      }
    }
    if (!lngRanges.length) return null;
    box = { minLat, maxLat, lngRanges };
  }
  return box;
}

/**
 * Farms in the map view that pass the filters, nearest first when there is a centre, as the JSON
 * text of MapData: built from the index, so the JSON endpoint sends it as it is.
 */
export async function getMapFarmsJson({
  view,
  filter,
  now = new Date(),
}: {
  view: Viewport;
  filter: DiscoveryFilter;
  now?: Date;
}): Promise<string> {
  const box = intersect(view, filter.centre, filter.radiusKm);
  if (!box) return JSON.stringify({ v: 1, farms: [], truncated: false } satisfies MapData);
  await refreshSeasonsIfDue(now);
  const index = await getDiscoveryIndex();
  const { json, count } = mapFarmsJson(index.data, {
    box,
    category: filter.category,
    inStock: filter.inStock,
    stems: filter.q ? searchStems(filter.q) : [],
    centre: filter.centre,
    radiusM: filter.centre && filter.radiusKm ? filter.radiusKm * 1000 : undefined,
    now: now.getTime(),
    limit: MAX_MAP_FARMS,
  });
  return `{"v":1,"farms":${json},"truncated":${count > MAX_MAP_FARMS}}`;
}

/** The same as an object (page loaders). */
export async function getMapFarms(args: { view: Viewport; filter: DiscoveryFilter; now?: Date }): Promise<MapData> {
  return JSON.parse(await getMapFarmsJson(args)) as MapData;
}

export interface SearchResult {
  id: string;
  name: string;
  category: ProductCategory;
  unit: "KG" | "G" | "LB" | "EACH" | "BUNCH" | "DOZEN" | "L";
  priceMinor: number;
  pricePerKgMinor: number | null;
  wholesalePriceMinor: number | null;
  wholesaleMinMilli: number | null;
  stockMilli: number;
  farmSlug: string;
  farmName: string;
  distanceMetres: number;
}

/** Products within the radius matching the query, sorted by distance (or relevance, or price). */
export async function searchProducts({
  centre,
  radiusKm,
  q,
  category,
  inStock,
  sort = "distance",
  showWholesale = false,
  now = new Date(),
  limit = SEARCH_PAGE_SIZE,
}: {
  centre: LatLng;
  radiusKm: number;
  q?: string;
  category?: ProductCategory;
  inStock?: boolean;
  sort?: SearchSort;
  showWholesale?: boolean;
  now?: Date;
  limit?: number;
}): Promise<{ results: SearchResult[]; total: number; totalCapped: boolean }> {
  const stems = q ? searchStems(q) : [];
  await refreshSeasonsIfDue(now);
  const index = await getDiscoveryIndex();
  // Distance and price orders come out of the index in order (with ties kept, so the exact
  // ranking below sees every product that could reach the page); relevance ranks the nearest
  // RELEVANCE_CANDIDATES matches.
  const { hits, total, totalCapped } = searchProductPage(index.data, {
    centre,
    radiusM: radiusKm * 1000,
    stems,
    category,
    inStock,
    now: now.getTime(),
    order: sort === "price" ? "price" : "distance",
    limit: sort === "relevance" ? RELEVANCE_CANDIDATES : limit,
    totalCap: SEARCH_TOTAL_CAP,
  });
  const candidates = hits.map((hit) => ({
    ...hit,
    productName: hit.product.name,
    farmName: hit.farm.name,
    unitPriceMinor: hit.product.retailPriceMinor,
  }));
  return {
    total,
    totalCapped,
    results: rankSearchResults(candidates, stems, sort)
      .slice(0, limit)
      .map(({ product, farm, distanceMetres }) => ({
        id: product.id,
        name: product.name,
        category: product.category,
        unit: product.unit,
        priceMinor: product.retailPriceMinor,
        pricePerKgMinor: pricePerKgMinor(product.retailPriceMinor, product.gramsPerUnit),
        wholesalePriceMinor: showWholesale ? product.wholesalePriceMinor : null,
        wholesaleMinMilli: showWholesale ? product.wholesaleMinMilli : null,
        stockMilli: product.stockMilli,
        farmSlug: farm.slug,
        farmName: farm.name,
        distanceMetres,
      })),
  };
}

/** The public farm page: profile, live products with prices (wholesale only for restaurants), distance. */
export async function getFarmPage({
  slug,
  from,
  showWholesale,
  now = new Date(),
}: {
  slug: string;
  from: LatLng | null;
  showWholesale: boolean;
  now?: Date;
}) {
  const farm = await getActiveFarmBySlug({ slug });
  if (!farm) return null;
  const products = await listLiveProductsForFarm({ farmId: farm.id, now });
  return {
    farm: {
      slug: farm.slug,
      name: farm.name,
      story: farm.story,
      certifications: farm.certifications,
      contactEmail: farm.contactEmail,
      contactPhone: farm.contactPhone,
      address: farm.address,
      lat: farm.lat,
      lng: farm.lng,
      pickupInstructions: farm.pickupInstructions,
      photoUrl: photoUrl(farm.photoPath),
    },
    distanceMetres: from ? Math.round(haversineMetres(from, farm)) : null,
    products: products.map((product) => ({
      id: product.id,
      name: product.name,
      description: product.description,
      category: product.category,
      unit: product.unit,
      chilled: product.chilled,
      stockMilli: product.stockMilli,
      priceMinor: product.retailPriceMinor,
      pricePerKgMinor: pricePerKgMinor(product.retailPriceMinor, product.gramsPerUnit),
      wholesalePriceMinor: showWholesale ? product.wholesalePriceMinor : null,
      wholesaleMinMilli: showWholesale ? product.wholesaleMinMilli : null,
      photoUrl: photoUrl(product.photoPath, "small"),
    })),
  };
}

/**
 * Where discovery starts: a point in the URL, else the buyer's saved address, else the hub depot,
 * else Bristol. `source` says which, for the page to explain.
 */
export async function resolveCentre({
  url,
  user,
}: {
  url: URL;
  user: { lat: number | null; lng: number | null } | null;
}): Promise<{ centre: LatLng; source: "url" | "saved" | "hub" | "default" }> {
  const lat = Number.parseFloat(url.searchParams.get("lat") ?? "");
  const lng = Number.parseFloat(url.searchParams.get("lng") ?? "");
  if (Number.isFinite(lat) && Number.isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180) {
    return { centre: { lat, lng }, source: "url" };
  }
  if (user?.lat != null && user.lng != null) return { centre: { lat: user.lat, lng: user.lng }, source: "saved" };
  const depot = await getFirstHubDepot();
  if (depot) return { centre: { lat: depot.lat, lng: depot.lng }, source: "hub" };
  return { centre: { lat: FALLBACK_CENTRE.lat, lng: FALLBACK_CENTRE.lng }, source: "default" };
}
