import { assertCircuity, DEFAULT_CIRCUITY, DEFAULT_SPEED_KMH, durationSeconds, haversineMetres } from "./distance";
import type { LatLng } from "./types";

export interface DistanceMatrix {
  /** Integer metres, [from][to]. */
  distance: number[][];
  /** Integer seconds, [from][to]. */
  duration: number[][];
}

export interface DistanceMatrixOptions {
  circuity?: number;
  speedKmh?: number;
}

/**
 * Symmetric estimated road matrix (great-circle × circuity) for when no routing server is
 * configured; same shape as the OSRM table so the solver does not care which produced it.
 */
export function buildDistanceMatrix(
  points: readonly LatLng[],
  { circuity = DEFAULT_CIRCUITY, speedKmh = DEFAULT_SPEED_KMH }: DistanceMatrixOptions = {},
): DistanceMatrix {
  assertCircuity(circuity);
  durationSeconds(0, speedKmh); // validates the speed once, before the O(n²) loop
  const n = points.length;
  const distance: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const duration: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const a = points[i] as LatLng;
    const rowD = distance[i] as number[];
    const rowT = duration[i] as number[];
    for (let j = i + 1; j < n; j++) {
      const metres = Math.round(haversineMetres(a, points[j] as LatLng) * circuity);
      const seconds = durationSeconds(metres, speedKmh);
      rowD[j] = metres;
      rowT[j] = seconds;
      (distance[j] as number[])[i] = metres;
      (duration[j] as number[])[i] = seconds;
    }
  }
  return { distance, duration };
}
