import { EARTH_RADIUS_METRES } from "./distance";
import { assertLatLng, assertNonNegative, type LatLng } from "./types";

/**
 * A lat/lng box. When it crosses the antimeridian, minLng > maxLng (e.g. 170 → -170):
 * use `bboxContains` or `bboxLngRanges` rather than comparing longitudes directly.
 */
export interface BoundingBox {
  minLat: number;
  maxLat: number;
  minLng: number;
  maxLng: number;
  crossesAntimeridian: boolean;
}

const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;
const toDegrees = (radians: number): number => (radians * 180) / Math.PI;

function wrapLng(lng: number): number {
  const wrapped = ((((lng + 180) % 360) + 360) % 360) - 180;
  // Keep +180 rather than folding it to -180 so a box edge at the antimeridian stays readable.
  return wrapped === -180 && lng > 0 ? 180 : wrapped;
}

/**
 * Smallest lat/lng box that contains every point within `radiusMetres` (great-circle) of `center`.
 * Uses the exact longitude half-width asin(sin r / cos lat) (Matuschek), so the box is tight but
 * never too small. If the circle reaches a pole, the box spans all longitudes.
 */
export function boundingBox(center: LatLng, radiusMetres: number): BoundingBox {
  assertLatLng(center, "center");
  assertNonNegative(radiusMetres, "radiusMetres");
  const angular = radiusMetres / EARTH_RADIUS_METRES;
  const lat = toRadians(center.lat);
  const minLatRad = lat - angular;
  const maxLatRad = lat + angular;

  if (angular >= Math.PI) {
    return { minLat: -90, maxLat: 90, minLng: -180, maxLng: 180, crossesAntimeridian: false };
  }
  if (maxLatRad >= Math.PI / 2 || minLatRad <= -Math.PI / 2) {
    return {
      minLat: Math.max(-90, toDegrees(minLatRad)),
      maxLat: Math.min(90, toDegrees(maxLatRad)),
      minLng: -180,
      maxLng: 180,
      crossesAntimeridian: false,
    };
  }

  const dLng = toDegrees(Math.asin(Math.sin(angular) / Math.cos(lat)));
  const minLat = toDegrees(minLatRad);
  const maxLat = toDegrees(maxLatRad);
  if (dLng >= 180) {
    return { minLat, maxLat, minLng: -180, maxLng: 180, crossesAntimeridian: false };
  }
  const rawMin = center.lng - dLng;
  const rawMax = center.lng + dLng;
  const crossesAntimeridian = rawMin < -180 || rawMax > 180;
  return {
    minLat,
    maxLat,
    minLng: crossesAntimeridian ? wrapLng(rawMin) : rawMin,
    maxLng: crossesAntimeridian ? wrapLng(rawMax) : rawMax,
    crossesAntimeridian,
  };
}

/** The box's longitude extent as one or two ordinary [min, max] ranges, ready for a SQL BETWEEN. */
export function bboxLngRanges(box: BoundingBox): Array<[number, number]> {
  return box.crossesAntimeridian
    ? [
        [box.minLng, 180],
        [-180, box.maxLng],
      ]
    : [[box.minLng, box.maxLng]];
}

export function bboxContains(box: BoundingBox, point: LatLng): boolean {
  if (point.lat < box.minLat || point.lat > box.maxLat) return false;
  return bboxLngRanges(box).some(([min, max]) => point.lng >= min && point.lng <= max);
}
