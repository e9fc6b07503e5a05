// Address search through a Nominatim-compatible geocoder (GEOCODER_URL; off when unset). The only
// outbound HTTP for addresses. Every failure becomes a GeocoderError with a message a person can
// act on; callers answer 502 with it, never a 500.
import { z } from "zod";
import { getEnv } from "~/utils/env.server";

export class GeocoderError extends Error {
  override name = "GeocoderError";
}

export interface GeocodeResult {
  /** The place as the geocoder names it ("Windmill Hill, Bristol, England, …"). */
  label: string;
  lat: number;
  lng: number;
}

export const GEOCODE_LIMIT = 5;
export const GEOCODE_TIMEOUT_MS = 5000;

const coordinate = (limit: number) => z.coerce.number().refine((n) => Number.isFinite(n) && Math.abs(n) <= limit);
// Nominatim's jsonv2 answer: an array of places with string coordinates. Unknown fields are ignored;
// places with unreadable coordinates are dropped rather than failing the whole answer.
const PlaceSchema = z.object({
  lat: coordinate(90),
  lon: coordinate(180),
  display_name: z.string().optional(),
  name: z.string().optional(),
});

/** Identifies the app to the geocoder, as Nominatim's usage policy asks. */
export function geocoderUserAgent(appUrl?: string): string {
  return `Foodshed/0.1 (local food marketplace${appUrl ? `; ${appUrl}` : ""})`;
}

export async function searchAddress(
  query: string,
  {
    baseUrl,
    userAgent,
    timeoutMs = GEOCODE_TIMEOUT_MS,
    limit = GEOCODE_LIMIT,
    acceptLanguage,
    fetchImpl = fetch,
  }: {
    baseUrl: string;
    userAgent: string;
    timeoutMs?: number;
    limit?: number;
    acceptLanguage?: string;
    fetchImpl?: typeof fetch;
  },
): Promise<GeocodeResult[]> {
  const url = new URL(`${baseUrl.replace(/\/+$/, "")}/search`);
  url.searchParams.set("format", "jsonv2");
  url.searchParams.set("q", query);
  url.searchParams.set("limit", String(limit));
  const headers: Record<string, string> = { "User-Agent": userAgent, Accept: "application/json" };
  if (acceptLanguage) headers["Accept-Language"] = acceptLanguage;
  let response: Response;
  try {
    response = await fetchImpl(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    throw new GeocoderError(
      timedOut
        ? `The address search did not answer within ${Math.round(timeoutMs / 1000)} s. Try again, or place the pin on the map.`
        : "The address search could not be reached. Place the pin on the map or type the coordinates instead.",
    );
  }
  if (!response.ok) {
    throw new GeocoderError(
      response.status === 429
        ? "The address search is busy (too many requests). Wait a moment, or place the pin on the map."
        : `The address search failed (it answered ${response.status}). Place the pin on the map or type the coordinates instead.`,
    );
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new GeocoderError(
      "The address search sent an answer that could not be read. Place the pin on the map instead.",
    );
  }
  if (!Array.isArray(body))
    throw new GeocoderError(
      "The address search sent an answer that could not be read. Place the pin on the map instead.",
    );
  const results: GeocodeResult[] = [];
  for (const item of body) {
    const place = PlaceSchema.safeParse(item);
    if (!place.success) continue;
    const label = place.data.display_name ?? place.data.name ?? `${place.data.lat}, ${place.data.lon}`;
    results.push({ label, lat: Math.round(place.data.lat * 1e6) / 1e6, lng: Math.round(place.data.lon * 1e6) / 1e6 });
    if (results.length >= limit) break;
  }
  return results;
}

/** Address search with the configured geocoder, or null when none is configured. */
export function searchConfiguredAddress(
  query: string,
  { acceptLanguage }: { acceptLanguage?: string } = {},
): Promise<GeocodeResult[]> | null {
  const env = getEnv();
  if (!env.GEOCODER_URL) return null;
  return searchAddress(query, { baseUrl: env.GEOCODER_URL, userAgent: geocoderUserAgent(env.APP_URL), acceptLanguage });
}
