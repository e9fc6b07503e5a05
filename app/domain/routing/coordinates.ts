import { RoutingInputError } from "./errors";

export interface Coordinate {
  lat: number;
  lng: number;
}

const EARTH_RADIUS_M = 6_371_008.8;

/**
 * Distance and duration matrices from coordinates when no road router is available: great-circle
 * distance x a circuity factor (roads are not straight), and a constant average speed. Index 0 is
 * the depot, as in RoutingProblem.
 */
export function matricesFromCoordinates(
  points: Coordinate[],
  options: { circuity?: number; speedKmh?: number } = {},
): { distance: number[][]; duration: number[][] } {
  const circuity = options.circuity ?? 1.3;
  const speedKmh = options.speedKmh ?? 40;
  if (!(circuity >= 1)) throw new RoutingInputError(`circuity must be >= 1, got ${String(circuity)}`);
  if (!(speedKmh > 0) || !Number.isFinite(speedKmh))
    throw new RoutingInputError(`speedKmh must be positive, got ${String(speedKmh)}`);
  points.forEach((p, i) => {
    const what = i === 0 ? "the depot (point 0)" : `point ${i} (stop index ${i - 1})`;
    if (!p || !Number.isFinite(p.lat) || !Number.isFinite(p.lng)) {
      throw new RoutingInputError(
        `${what} has a missing or non-finite coordinate (lat ${String(p?.lat)}, lng ${String(p?.lng)})`,
      );
    }
    if (Math.abs(p.lat) > 90 || Math.abs(p.lng) > 180) {
      throw new RoutingInputError(`${what} has an out-of-range coordinate (lat ${p.lat}, lng ${p.lng})`);
    }
  });
  const speed = speedKmh / 3.6;
  const n = points.length;
  const distance: number[][] = [];
  const duration: number[][] = [];
  for (let i = 0; i < n; i++) {
    const dr: number[] = new Array<number>(n);
    const tr: number[] = new Array<number>(n);
    for (let j = 0; j < n; j++) {
      const d = i === j ? 0 : Math.round(haversine(points[i]!, points[j]!) * circuity);
      dr[j] = d;
      tr[j] = Math.round(d / speed);
    }
    distance.push(dr);
    duration.push(tr);
  }
  return { distance, duration };
}

export function haversine(a: Coordinate, b: Coordinate): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
