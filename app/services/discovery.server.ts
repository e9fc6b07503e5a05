// Buyer discovery: farms in a map view, product search by distance, the public farm page.
// Every query is bounded by a lat/lng box (served by the (lat, lng) index) — never "all farms" —
// and the map JSON is compact: one array per farm.
import { pricePerKgMinor, type ProductCategory } from "~/domain/catalogue";
import { bboxLngRanges, boundingBox, haversineMetres, type LatLng } from "~/domain/geo";
import { rankSearchResults, searchStems, type SearchSort } from "~/domain/search";
import { findMapFarmsJson, getActiveFarmBySlug, getFirstHubDepot, refreshSeasonStaleFarms, type BoxQuery } from "~/models/farm.server";
import { listLiveProductsForFarm, searchProductsNear } from "~/models/product.server";
import { photoUrl } from "./upload.server";

/** Bristol city centre: the demo region, used when there is no hub yet. */
export const FALLBACK_CENTRE: LatLng & { label: string } = { lat: 51.4545, lng: -2.5879, label: "Bristol" };
export const MAX_MAP_FARMS = 5000;
export const SEARCH_PAGE_SIZE = 60;
/** Relevance is scored in TypeScript (domain/search) over this many nearest matches. */
export const RELEVANCE_CANDIDATES = 2000;

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
  const { json, count } = await findMapFarmsJson({
    box,
    filter: { category: filter.category, stems, inStock: filter.inStock, now },
    centre: filter.centre,
    radiusM: filter.centre && filter.radiusKm ? filter.radiusKm * 1000 : undefined,
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
}): Promise<{ results: SearchResult[]; total: number }> {
  const circle = boundingBox(centre, radiusKm * 1000);
  const stems = q ? searchStems(q) : [];
  await refreshSeasonsIfDue(now);
  // Distance and price orders are done by the database (with ties kept, so the exact ranking
  // below sees every row that could reach the page); relevance ranks the nearest candidates.
  const { hits, total: allTotal, nameTotal } = await searchProductsNear({
    centre,
    radiusM: radiusKm * 1000,
    box: { minLat: circle.minLat, maxLat: circle.maxLat, lngRanges: bboxLngRanges(circle) },
    stems,
    category,
    inStock,
    now,
    order: sort === "price" ? "price" : "distance",
    limit: sort === "relevance" ? RELEVANCE_CANDIDATES : limit,
  });
  // "eggs" should list eggs, not every product of "Egg Lane Farm": when some products match by
  // their own name, drop those that only matched through the farm's name.
  const candidates = (nameTotal > 0 ? hits.filter((hit) => hit.nameMatch) : hits).map((hit) => ({
    ...hit,
    productName: hit.name,
    unitPriceMinor: hit.retailPriceMinor,
  }));
  const ranked = rankSearchResults(candidates, stems, sort);
  const total = nameTotal > 0 ? nameTotal : allTotal;
  return {
    total,
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
