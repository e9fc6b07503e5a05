import { assertLatLng, assertNonNegative, GeoInputError, type LatLng } from "./types";

/** IUGG mean Earth radius; the spherical model is within ~0.5% of the ellipsoid, far below the circuity guess. */
export const EARTH_RADIUS_METRES = 6_371_008.8;

/** Typical ratio of road to great-circle distance (CARBON.md); 1.2 urban, higher on short rural trips. */
export const DEFAULT_CIRCUITY = 1.3;

/** Average speed for durations when no routing server is configured: mixed rural/urban van driving. */
export const DEFAULT_SPEED_KMH = 40;

const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;

/** Great-circle distance in metres (not rounded: callers round once, at the edge of their data). */
export function haversineMetres(a: LatLng, b: LatLng): number {
  assertLatLng(a, "a");
  assertLatLng(b, "b");
  const dLat = toRadians(b.lat - a.lat);
  const dLng = toRadians(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLng / 2) ** 2;
  // min() guards against h drifting just above 1 for antipodal points.
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function assertCircuity(circuity: number): void {
  // Below 1 a road would be shorter than the straight line, which is never true.
  if (!Number.isFinite(circuity) || circuity < 1) {
    throw new GeoInputError(`circuity must be a number >= 1, got ${String(circuity)}`);
  }
}

/** Estimated road distance in integer metres: great-circle × circuity. */
export function roadDistanceMetres(a: LatLng, b: LatLng, circuity: number = DEFAULT_CIRCUITY): number {
  assertCircuity(circuity);
  return Math.round(haversineMetres(a, b) * circuity);
}

/** Driving time in integer seconds for a distance at an average speed. */
export function durationSeconds(metres: number, speedKmh: number = DEFAULT_SPEED_KMH): number {
  assertNonNegative(metres, "metres");
  if (!Number.isFinite(speedKmh) || speedKmh <= 0) {
    throw new GeoInputError(`speedKmh must be a positive number, got ${String(speedKmh)}`);
  }
  return Math.round((metres / 1000 / speedKmh) * 3600);
}
