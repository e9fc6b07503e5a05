// The map tiles along a route (docs/decisions/034): which web-mercator tiles a driver's phone keeps
// so the route's map opens without signal. Pure: the driver page names the tiles, the service
// worker fetches and keeps them.

export interface LatLng {
  lat: number;
  lng: number;
}

export interface Tile {
  z: number;
  x: number;
  y: number;
}

const MAX_LAT = 85.0511287798;

/** The tile holding a point at zoom `z` (slippy-map numbering, as OpenStreetMap and Leaflet use). */
export function tileOf({ lat, lng }: LatLng, z: number): Tile {
  const n = 2 ** z;
  const clamped = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
  const rad = (clamped * Math.PI) / 180;
  const x = Math.floor(((lng + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return { z, x: Math.min(n - 1, Math.max(0, x)), y: Math.min(n - 1, Math.max(0, y)) };
}

/** The tiles a line through `points` crosses at zoom `z`, with the tiles around each (a corridor). */
export function tilesAlong(points: readonly LatLng[], z: number): Tile[] {
  const seen = new Map<string, Tile>();
  const n = 2 ** z;
  const add = (t: Tile) => {
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++) {
        const x = t.x + dx;
        const y = t.y + dy;
        if (x < 0 || y < 0 || x >= n || y >= n) continue;
        const key = `${x}/${y}`;
        if (!seen.has(key)) seen.set(key, { z, x, y });
      }
  };
  // A tile at zoom z spans 360/2^z degrees of longitude: sample each leg at a quarter of that.
  const step = 360 / n / 4;
  for (let i = 0; i < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1] ?? a;
    const parts = Math.max(1, Math.ceil(Math.max(Math.abs(b.lat - a.lat), Math.abs(b.lng - a.lng)) / step));
    for (let k = 0; k <= parts; k++)
      add(tileOf({ lat: a.lat + ((b.lat - a.lat) * k) / parts, lng: a.lng + ((b.lng - a.lng) * k) / parts }, z));
  }
  return [...seen.values()];
}

/**
 * The tiles to keep for a route: its corridor at each zoom from `minZoom` up, as long as the total
 * stays within `maxTiles` (a zoom that would pass it, and every closer one, is left out).
 */
export function routeTiles(
  points: readonly LatLng[],
  { minZoom = 10, maxZoom = 16, maxTiles = 400 }: { minZoom?: number; maxZoom?: number; maxTiles?: number } = {},
): Tile[] {
  const tiles: Tile[] = [];
  if (points.length === 0) return tiles;
  for (let z = minZoom; z <= maxZoom; z++) {
    const level = tilesAlong(points, z);
    if (tiles.length + level.length > maxTiles) break;
    tiles.push(...level);
  }
  return tiles;
}

/** A tile's address from a Leaflet URL template ("{s}" is the first subdomain, "a"; "{r}" none). */
export function tileUrl(template: string, { z, x, y }: Tile): string {
  return template
    .replace("{s}", "a")
    .replace("{r}", "")
    .replace("{z}", String(z))
    .replace("{x}", String(x))
    .replace("{y}", String(y));
}
