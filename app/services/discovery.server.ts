// Buyer discovery: farms in a map view, product search by distance, the public farm page.
// Every query is bounded by a lat/lng box (served by the (lat, lng) index) — never "all farms" —
// and the map JSON is compact: one array per farm.
import { categoriesToMask, pricePerKgMinor, type ProductCategory } from "~/domain/catalogue";
import { bboxLngRanges, boundingBox, haversineMetres, type LatLng } from "~/domain/geo";
import { rankSearchResults, searchStems, type SearchSort } from "~/domain/search";
import { findFarmsInBox, getActiveFarmBySlug, getFirstHubDepot, type BoxQuery } from "~/models/farm.server";
import { listLiveProductsForFarm, searchProductsInBox } from "~/models/product.server";
import { photoUrl } from "./upload.server";

/** Bristol city centre: the demo region, used when there is no hub yet. */
export const FALLBACK_CENTRE: LatLng & { label: string } = { lat: 51.4545, lng: -2.5879, label: "Bristol" };
export const MAX_MAP_FARMS = 5000;
export const SEARCH_PAGE_SIZE = 60;

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

const round5 = (value: number) => Math.round(value * 1e5) / 1e5;

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

/** Farms in the map view that pass the filters, nearest first when there is a centre. */
export async function getMapFarms({ view, filter, now = new Date() }: { view: Viewport; filter: DiscoveryFilter; now?: Date }): Promise<MapData> {
  const box = intersect(view, filter.centre, filter.radiusKm);
  if (!box) return { v: 1, farms: [], truncated: false };
  const stems = filter.q ? searchStems(filter.q) : [];
  const rows = await findFarmsInBox({
    box,
    filter: { category: filter.category, stems, inStock: filter.inStock, now },
    limit: MAX_MAP_FARMS + 1,
  });
  const radiusM = filter.radiusKm ? filter.radiusKm * 1000 : Infinity;
  const farms: MapFarmTuple[] = [];
  for (const row of rows.slice(0, MAX_MAP_FARMS)) {
    const distance = filter.centre ? Math.round(haversineMetres(filter.centre, row)) : -1;
    if (distance > radiusM) continue;
    farms.push([row.slug, row.name, round5(row.lat), round5(row.lng), categoriesToMask(row.categories), distance, row.matches]);
  }
  farms.sort((a, b) => a[5] - b[5] || a[1].localeCompare(b[1]));
  return { v: 1, farms, truncated: rows.length > MAX_MAP_FARMS };
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
  const hits = await searchProductsInBox({
    box: { minLat: circle.minLat, maxLat: circle.maxLat, lngRanges: bboxLngRanges(circle) },
    stems,
    category,
    inStock,
    now,
    limit: 2000,
  });
  const radiusM = radiusKm * 1000;
  const candidates = hits
    .map((hit) => ({
      ...hit,
      productName: hit.name,
      unitPriceMinor: hit.retailPriceMinor,
      distanceMetres: Math.round(haversineMetres(centre, hit)),
    }))
    .filter((hit) => hit.distanceMetres <= radiusM);
  const allRanked = rankSearchResults(candidates, stems, sort);
  // "eggs" should list eggs, not every product of "Egg Lane Farm": when some products match by
  // their own name, drop those that only matched through the farm's name.
  const byProduct = allRanked.filter((hit) => stems.every((s) => hit.productName.toLowerCase().includes(s)));
  const ranked = byProduct.length ? byProduct : allRanked;
  return {
    total: ranked.length,
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
