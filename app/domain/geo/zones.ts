import { haversineMetres } from "./distance";
import { assertLatLng, assertNonNegative, GeoInputError, type LatLng } from "./types";

export type DeliveryZone =
  { kind: "RADIUS"; center: LatLng; radiusMetres: number } | { kind: "POLYGON"; polygon: readonly LatLng[] };

/** Within `radiusMetres` great-circle of `center` (boundary inclusive). No circuity: a zone is drawn on a map. */
export function pointInRadius(point: LatLng, center: LatLng, radiusMetres: number): boolean {
  assertNonNegative(radiusMetres, "radiusMetres");
  return haversineMetres(point, center) <= radiusMetres;
}

/**
 * Even-odd ray casting on lat/lng treated as a plane: exact enough for delivery zones of a few
 * tens of km. Longitudes are unwrapped relative to the first vertex so a zone drawn across the
 * antimeridian still works. Points on the boundary may fall either way.
 */
export function pointInPolygon(point: LatLng, polygon: readonly LatLng[]): boolean {
  assertLatLng(point, "point");
  if (polygon.length < 3) {
    throw new GeoInputError(`polygon needs at least 3 vertices, got ${polygon.length}`);
  }
  const first = polygon[0];
  if (first === undefined) return false;
  const unwrap = (lng: number): number => {
    let d = lng - first.lng;
    if (d > 180) d -= 360;
    if (d < -180) d += 360;
    return first.lng + d;
  };
  const x = unwrap(point.lng);
  const y = point.lat;
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const vi = polygon[i];
    const vj = polygon[j];
    if (vi === undefined || vj === undefined) continue;
    assertLatLng(vi, `polygon[${i}]`);
    const xi = unwrap(vi.lng);
    const xj = unwrap(vj.lng);
    const yi = vi.lat;
    const yj = vj.lat;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function isInDeliveryZone(point: LatLng, zone: DeliveryZone): boolean {
  return zone.kind === "RADIUS"
    ? pointInRadius(point, zone.center, zone.radiusMetres)
    : pointInPolygon(point, zone.polygon);
}
