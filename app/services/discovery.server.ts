// Buyer discovery: farms in a map view, product search by distance, the public farm page.
// Answered from an in-process index kept in step with the database (below); the map payload is
// written by domain/map-payload (docs/decisions/010-discovery.md).
import { DEFAULT_CURRENCY } from "~/domain/money";
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
import { decodeMapPayload, encodeMapPayload, type MapFarms } from "~/domain/map-payload";
import {
  getActiveFarmBySlug,
  getFirstHubDepot,
  loadDiscoveryFarms,
  readDiscoveryChanges,
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

// --- Discovery index -------------------------------------------------------------------------
// Map and search requests are answered from an in-process index of the ACTIVE farms and their
// non-archived products (domain/discovery-index, which alone decides what is live, in stock and
// in which category): ~2,000 farms and 50,000 products take about 15 MB. Before use, the index is
// checked against the database — at most once per DISCOVERY_CHECK_MS, one check (and one refresh)
// for all concurrent requests. Every write to a Farm or Product row stamps it with its
// transaction's id (triggers): only the farms stamped, or with a product stamped, at or above the
// last load's watermark are reloaded; when the epoch moved (rows deleted), everything. A change
// (stock included, as orders write the product rows) shows in every instance within
// DISCOVERY_CHECK_MS (+ the refresh). See docs/decisions/010-discovery.md.

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
    id: row.id,
    slug: row.slug,
    name: row.name,
    lat: row.lat,
    lng: row.lng,
    currency: row.currency ?? DEFAULT_CURRENCY,
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
 * Farms in the map view that pass the filters, nearest first when there is a centre, as the map
 * payload's JSON text (domain/map-payload): written from the index, sent as it is.
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
  if (!box) return encodeMapPayload("[]", false);
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
  return encodeMapPayload(json, count > MAX_MAP_FARMS);
}

/** The same, decoded into named fields (scripts and tests; pages send the text). */
export async function getMapFarms(args: { view: Viewport; filter: DiscoveryFilter; now?: Date }): Promise<MapFarms> {
  return decodeMapPayload(JSON.parse(await getMapFarmsJson(args)));
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
  /** The farm's hub currency: prices are in it. */
  currency: string;
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
        currency: farm.currency,
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
      currency: farm.hub?.currency ?? DEFAULT_CURRENCY,
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
      /** Sold by estimated weight: about this many grams per unit, the actual weight is paid. */
      estimatedGrams: product.soldByWeight ? product.gramsPerUnit : null,
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
