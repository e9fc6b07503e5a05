// Buyer discovery: farms in a map view, product search by distance, the public farm page.
// Every query is bounded by a lat/lng box (served by the (lat, lng) index) — never "all farms" —
// and the map JSON is compact: one array per farm.
import { pricePerKgMinor, PRODUCT_CATEGORIES, type ProductCategory } from "~/domain/catalogue";
import { bboxLngRanges, boundingBox, haversineMetres, type LatLng } from "~/domain/geo";
import { rankSearchResults, searchStems, type SearchSort } from "~/domain/search";
import {
  findMapFarmsJson,
  findProductPage,
  getActiveFarmBySlug,
  getFirstHubDepot,
  loadMapSnapshotFarms,
  readDiscoveryVersion,
  refreshSeasonStaleFarms,
  type BoxQuery,
  type MapSnapshotFarm,
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

// --- Map snapshot ----------------------------------------------------------------------------
// Map requests without text are answered from an in-process copy of the ACTIVE farms' summary
// columns (~2,000 rows, a few hundred KB), filtered here. Before use, the copy is checked against
// the database's discovery version — at most once per MAP_SNAPSHOT_CHECK_MS, one check (and one
// reload) for all concurrent requests — and reloaded when it changed. Every write to Farm bumps
// the version in its own transaction (product changes refresh the farm's summary, so they do
// too): a change shows in this process on the first request after the next check, i.e. within
// MAP_SNAPSHOT_CHECK_MS (+ the reload) in any instance. See docs/decisions/011.

/** How often (per process) the map snapshot is checked against the discovery version. */
export const MAP_SNAPSHOT_CHECK_MS = 1000;

interface MapSnapshot {
  version: string;
  farms: MapSnapshotFarm[];
}

const snapshotState: {
  snapshot: MapSnapshot | null;
  nextCheck: number;
  pending: Promise<MapSnapshot> | null;
  checkMs: number;
  clock: () => number;
  loads: number;
} = { snapshot: null, nextCheck: 0, pending: null, checkMs: MAP_SNAPSHOT_CHECK_MS, clock: Date.now, loads: 0 };

/** Tests: another check interval or clock; `reset` drops the snapshot. Returns the number of loads so far. */
export function configureMapSnapshot(options: { checkMs?: number; clock?: () => number; reset?: boolean } = {}): { loads: number } {
  if (options.checkMs !== undefined) snapshotState.checkMs = options.checkMs;
  if (options.clock) snapshotState.clock = options.clock;
  if (options.reset) {
    snapshotState.snapshot = null;
    snapshotState.nextCheck = 0;
  }
  return { loads: snapshotState.loads };
}

/** The current snapshot: checked against the version when the interval has passed (single flight). */
export function getMapSnapshot(): Promise<MapSnapshot> {
  const state = snapshotState;
  if (state.pending) return state.pending;
  if (state.snapshot && state.clock() < state.nextCheck) return Promise.resolve(state.snapshot);
  state.pending = (async () => {
    const current = state.snapshot;
    let next = current;
    if (!current || (await readDiscoveryVersion()) !== current.version) {
      next = await loadMapSnapshotFarms();
      state.loads += 1;
    }
    state.snapshot = next;
    state.nextCheck = state.clock() + state.checkMs;
    return next!;
  })().finally(() => {
    state.pending = null;
  });
  return state.pending;
}

const inBox = (farm: MapSnapshotFarm, box: BoxQuery) =>
  farm.lat >= box.minLat && farm.lat <= box.maxLat && box.lngRanges.some(([min, max]) => farm.lng >= min && farm.lng <= max);

/**
 * The same answer as findMapFarmsJson without text, from the snapshot: ACTIVE farms in the box
 * (and radius) passing the category / in-stock filters, nearest first (then by name, in the
 * database's order), the first `limit` by id.
 */
function snapshotMapJson(
  snapshot: MapSnapshot,
  { box, category, inStock, centre, radiusM, limit }: { box: BoxQuery; category?: ProductCategory; inStock?: boolean; centre?: LatLng; radiusM?: number; limit: number },
): { json: string; count: number } {
  const index = category ? PRODUCT_CATEGORIES.indexOf(category) : -1;
  const matchesOf = (farm: MapSnapshotFarm) =>
    index >= 0 ? (farm.categoryCounts[index + (inStock ? 12 : 0)] ?? 0) : inStock ? farm.inStockProductCount : farm.liveProductCount;
  const picked: Array<{ farm: MapSnapshotFarm; distance: number; matches: number }> = [];
  let count = 0;
  for (const farm of snapshot.farms) {
    if (!inBox(farm, box)) continue;
    const matches = matchesOf(farm);
    if (index >= 0 && (farm.categoryCounts[index] ?? 0) <= 0) continue;
    if (inStock && matches <= 0) continue;
    const distance = centre ? Math.round(haversineMetres(centre, farm)) : -1;
    if (centre && radiusM !== undefined && distance > radiusM) continue;
    count += 1;
    if (picked.length < limit) picked.push({ farm, distance, matches });
  }
  picked.sort((a, b) => a.distance - b.distance || a.farm.nameRank - b.farm.nameRank);
  return { json: `[${picked.map(({ farm, distance, matches }) => `${farm.head},${distance},${matches}]`).join(",")}]`, count };
}

function intersect(view: Viewport, centre: LatLng | undefined, radiusKm: number | undefined): BoxQuery | null {
  let box: BoxQuery = { minLat: view.minLat, maxLat: view.maxLat, lngRanges: [[view.minLng, view.maxLng]] };
  if (view.minLng > view.maxLng) box.lngRanges = [[view.minLng, 180], [-180, view.maxLng]];
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
 * text of MapData: the database builds the tuples, so the JSON endpoint sends it as it is.
 */
export async function getMapFarmsJson({ view, filter, now = new Date() }: { view: Viewport; filter: DiscoveryFilter; now?: Date }): Promise<string> {
  const box = intersect(view, filter.centre, filter.radiusKm);
  if (!box) return JSON.stringify({ v: 1, farms: [], truncated: false } satisfies MapData);
  const stems = filter.q ? searchStems(filter.q) : [];
  await refreshSeasonsIfDue(now);
  const radiusM = filter.centre && filter.radiusKm ? filter.radiusKm * 1000 : undefined;
  if (!stems.length) {
    const snapshot = await getMapSnapshot();
    const { json, count } = snapshotMapJson(snapshot, { box, category: filter.category, inStock: filter.inStock, centre: filter.centre, radiusM, limit: MAX_MAP_FARMS });
    return `{"v":1,"farms":${json},"truncated":${count > MAX_MAP_FARMS}}`;
  }
  const { json, count } = await findMapFarmsJson({
    box,
    filter: { category: filter.category, stems, inStock: filter.inStock, now },
    centre: filter.centre,
    radiusM,
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
  const circle = boundingBox(centre, radiusKm * 1000);
  const stems = q ? searchStems(q) : [];
  await refreshSeasonsIfDue(now);
  // Distance and price orders are done by the database (with ties kept, so the exact ranking
  // below sees every row that could reach the page); relevance ranks the nearest candidates.
  // Products matched only through their farm's name come only when no product's own name matches
  // ("eggs" should list eggs, not every product of "Egg Lane Farm").
  const { hits, total, totalCapped } = await findProductPage({
    centre,
    radiusM: radiusKm * 1000,
    box: { minLat: circle.minLat, maxLat: circle.maxLat, lngRanges: bboxLngRanges(circle) },
    stems,
    category,
    inStock,
    now,
    order: sort === "price" ? "price" : "distance",
    limit: sort === "relevance" ? RELEVANCE_CANDIDATES : limit,
    totalCap: SEARCH_TOTAL_CAP,
  });
  const candidates = hits.map((hit) => ({ ...hit, productName: hit.name, unitPriceMinor: hit.retailPriceMinor }));
  const ranked = rankSearchResults(candidates, stems, sort);
  return {
    total,
    totalCapped,
    results: ranked.slice(0, limit).map((hit) => ({
      id: hit.id,
      name: hit.name,
      category: hit.category,
      unit: hit.unit,
      priceMinor: hit.retailPriceMinor,
      pricePerKgMinor: pricePerKgMinor(hit.retailPriceMinor, hit.gramsPerUnit),
      wholesalePriceMinor: showWholesale ? hit.wholesalePriceMinor : null,
      wholesaleMinMilli: showWholesale ? hit.wholesaleMinMilli : null,
      stockMilli: hit.stockMilli,
      farmSlug: hit.farmSlug,
      farmName: hit.farmName,
      distanceMetres: hit.distanceMetres,
    })),
  };
}

/** The public farm page: profile, live products with prices (wholesale only for restaurants), distance. */
export async function getFarmPage({ slug, from, showWholesale, now = new Date() }: { slug: string; from: LatLng | null; showWholesale: boolean; now?: Date }) {
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
      photoUrl: photoUrl(product.photoPath),
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
