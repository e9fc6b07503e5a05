// The discovery query string (/map, /search, /api/farms, /api/products/search), parsed with zod.
// Pages are lenient (clamp the radius, ignore junk); the JSON endpoints answer 400 with the reason.
import { z } from "zod";
import { lazyMessage } from "./message";
import { isProductCategory, type ProductCategory } from "./catalogue";
import { clampRadiusKm, MAX_RADIUS_KM, MIN_RADIUS_KM, type SearchSort } from "./search";

export interface DiscoveryQuery {
  q?: string;
  category?: ProductCategory;
  radiusKm: number;
  inStock: boolean;
  lat?: number;
  lng?: number;
  sort: SearchSort;
}

const coordinate = (limit: number, name: "latitude" | "longitude") =>
  z.coerce
    .number({ error: lazyMessage(`messages:search.${name}.number`) })
    .min(-limit, { error: lazyMessage(`messages:search.${name}.range`, { limit }) })
    .max(limit, { error: lazyMessage(`messages:search.${name}.range`, { limit }) });

const radiusRange = lazyMessage("messages:search.radiusRange", { min: MIN_RADIUS_KM, max: MAX_RADIUS_KM });

export const DiscoveryQuerySchema = z
  .object({
    q: z
      .string()
      .trim()
      .max(100, { error: lazyMessage("messages:search.textTooLong", { max: 100 }) })
      .optional(),
    cat: z
      .string()
      .optional()
      .refine((value) => !value || isProductCategory(value), { error: lazyMessage("messages:search.unknownCategory") }),
    r: z.coerce
      .number({ error: lazyMessage("messages:search.radiusNumber") })
      .min(MIN_RADIUS_KM, { error: radiusRange })
      .max(MAX_RADIUS_KM, { error: radiusRange })
      .optional(),
    stock: z.enum(["1", "on", "true", "0", "false", ""]).optional(),
    lat: coordinate(90, "latitude").optional(),
    lng: coordinate(180, "longitude").optional(),
    sort: z.enum(["distance", "relevance", "price"], { error: lazyMessage("messages:search.sort") }).optional(),
  })
  .refine((value) => (value.lat === undefined) === (value.lng === undefined), {
    path: ["lng"],
    error: lazyMessage("messages:search.bothOrNeither"),
  });

function toQuery(value: z.output<typeof DiscoveryQuerySchema>): DiscoveryQuery {
  return {
    q: value.q || undefined,
    category: value.cat && isProductCategory(value.cat) ? value.cat : undefined,
    radiusKm: value.r === undefined ? 20 : Math.round(value.r),
    inStock: value.stock === "1" || value.stock === "on" || value.stock === "true",
    lat: value.lat,
    lng: value.lng,
    sort: value.sort ?? "distance",
  };
}

const entries = (params: URLSearchParams) => {
  const record: Record<string, string> = {};
  for (const key of ["q", "cat", "r", "stock", "lat", "lng", "sort"]) {
    const value = params.get(key);
    if (value !== null && value !== "") record[key] = value;
  }
  return record;
};

/** Strict: for JSON endpoints. */
export function parseDiscoveryQuery(
  params: URLSearchParams,
): { ok: true; value: DiscoveryQuery } | { ok: false; errors: Record<string, string> } {
  const result = DiscoveryQuerySchema.safeParse(entries(params));
  if (result.success) return { ok: true, value: toQuery(result.data) };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) errors[String(issue.path[0] ?? "query")] ??= issue.message;
  return { ok: false, errors };
}

/** Lenient: for pages. Junk is dropped, the radius clamped into 5–100 km. */
export function readDiscoveryQuery(params: URLSearchParams): DiscoveryQuery {
  const record = entries(params);
  if (record.r !== undefined) record.r = String(clampRadiusKm(record.r));
  const strict = DiscoveryQuerySchema.safeParse(record);
  if (strict.success) return toQuery(strict.data);
  const bad = new Set(strict.error.issues.map((issue) => String(issue.path[0])));
  if (bad.has("lng") || bad.has("lat")) {
    bad.add("lat");
    bad.add("lng");
  }
  for (const key of bad) delete record[key];
  const retry = DiscoveryQuerySchema.safeParse(record);
  return retry.success ? toQuery(retry.data) : { radiusKm: 20, inStock: false, sort: "distance" };
}

/** "minLng,minLat,maxLng,maxLat" (the Leaflet toBBoxString order) → a viewport, or an error. */
export function parseBbox(
  text: string | null,
):
  | { ok: true; value: { minLat: number; minLng: number; maxLat: number; maxLng: number } }
  | { ok: false; error: string } {
  if (!text) return { ok: false, error: "bbox is required: minLng,minLat,maxLng,maxLat" };
  const parts = text.split(",").map((part) => Number(part.trim()));
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n)))
    return { ok: false, error: "bbox must be four numbers: minLng,minLat,maxLng,maxLat" };
  const [minLng, minLat, maxLng, maxLat] = parts as [number, number, number, number];
  if (minLat < -90 || maxLat > 90 || minLat > maxLat)
    return { ok: false, error: "bbox latitudes must be within -90..90 with min ≤ max" };
  // Leaflet reports longitudes beyond ±180 after panning across the antimeridian: clamp the span.
  if (maxLng - minLng >= 360) return { ok: true, value: { minLat, maxLat, minLng: -180, maxLng: 180 } };
  const wrap = (lng: number) => ((((lng + 180) % 360) + 360) % 360) - 180;
  const a = minLng < -180 || minLng > 180 ? wrap(minLng) : minLng;
  const b = maxLng < -180 || maxLng > 180 ? wrap(maxLng) : maxLng;
  return { ok: true, value: { minLat, maxLat, minLng: a, maxLng: b } };
}

/** Builds the query string for a discovery URL from its parts (empty values left out). */
export function discoverySearchParams(
  query: Partial<DiscoveryQuery>,
  extra: Record<string, string> = {},
): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.category) params.set("cat", query.category);
  if (query.radiusKm) params.set("r", String(query.radiusKm));
  if (query.inStock) params.set("stock", "1");
  if (query.lat !== undefined && query.lng !== undefined) {
    params.set("lat", query.lat.toFixed(5));
    params.set("lng", query.lng.toFixed(5));
  }
  if (query.sort && query.sort !== "distance") params.set("sort", query.sort);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params;
}
