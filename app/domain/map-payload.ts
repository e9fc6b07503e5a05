// The map payload: the farms in a map view as the server sends them and the page reads them, in
// one place. Rows are compact arrays (thousands of farms per view), described by a version and
// the names of their fields; the server writes the JSON text directly from the discovery index
// (no object is built, parsed or serialised again on the way), the page decodes it into named
// fields and refuses a payload of another version (a page left open across a deploy reloads).

export const MAP_PAYLOAD_VERSION = 2;

/** The fields of a row, in order. */
export const MAP_FARM_FIELDS = ["slug", "name", "lat", "lng", "categoryMask", "distanceMetres", "matches"] as const;

export interface MapFarm {
  slug: string;
  name: string;
  lat: number;
  lng: number;
  /** Categories with live products, one bit each in PRODUCT_CATEGORIES order (maskToCategories). */
  categoryMask: number;
  /** Straight-line metres from the search centre, or null without a centre. */
  distanceMetres: number | null;
  /** Products passing the filters. */
  matches: number;
}

export interface MapFarms {
  farms: MapFarm[];
  /** More farms matched than were sent: zoom in. */
  truncated: boolean;
}

/** A coordinate as the payload writes it: rounded to 5 decimals (≈1 m), no trailing zeros. */
export const mapCoordinate = (value: number): string => String(Number(value.toFixed(5)));

/** The start of a row as JSON text (the parts that change only when the farm does). */
export function mapRowHead(farm: { slug: string; name: string; lat: number; lng: number }): string {
  return `[${JSON.stringify(farm.slug)},${JSON.stringify(farm.name)},${mapCoordinate(farm.lat)},${mapCoordinate(farm.lng)}`;
}

/** A whole row as JSON text: its head and the parts that depend on the query. */
export function mapRowJson(head: string, categoryMask: number, distanceMetres: number | null, matches: number): string {
  return `${head},${categoryMask},${distanceMetres ?? -1},${matches}]`;
}

const FIELDS_JSON = JSON.stringify(MAP_FARM_FIELDS);

/** The payload's JSON text around rows already written as JSON text (`[row,row,…]`). */
export function encodeMapPayload(rowsJson: string, truncated: boolean): string {
  return `{"v":${MAP_PAYLOAD_VERSION},"fields":${FIELDS_JSON},"farms":${rowsJson},"truncated":${truncated}}`;
}

export class MapPayloadError extends Error {
  override name = "MapPayloadError";
}

type Row = [string, string, number, number, number, number, number];

/** Reads a parsed payload into named fields; throws MapPayloadError for another version or layout. */
export function decodeMapPayload(payload: unknown): MapFarms {
  const p = payload as { v?: unknown; fields?: unknown; farms?: unknown; truncated?: unknown } | null;
  if (!p || p.v !== MAP_PAYLOAD_VERSION)
    throw new MapPayloadError(`Map data of version ${String(p?.v)}, expected ${MAP_PAYLOAD_VERSION}.`);
  if (JSON.stringify(p.fields) !== FIELDS_JSON || !Array.isArray(p.farms))
    throw new MapPayloadError("Map data with unknown fields.");
  return {
    truncated: p.truncated === true,
    farms: (p.farms as Row[]).map(([slug, name, lat, lng, categoryMask, distance, matches]) => ({
      slug,
      name,
      lat,
      lng,
      categoryMask,
      distanceMetres: distance >= 0 ? distance : null,
      matches,
    })),
  };
}
