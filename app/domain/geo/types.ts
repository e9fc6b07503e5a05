/** A WGS84 point in decimal degrees. */
export interface LatLng {
  lat: number;
  lng: number;
}

/** Thrown for input the geo functions cannot give a meaningful answer for. */
export class GeoInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GeoInputError";
  }
}

export function assertLatLng(point: LatLng, name = "point"): void {
  if (!Number.isFinite(point.lat) || point.lat < -90 || point.lat > 90) {
    throw new GeoInputError(`${name}.lat must be a number between -90 and 90, got ${String(point.lat)}`);
  }
  if (!Number.isFinite(point.lng) || point.lng < -180 || point.lng > 180) {
    throw new GeoInputError(`${name}.lng must be a number between -180 and 180, got ${String(point.lng)}`);
  }
}

export function assertNonNegative(value: number, name: string): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new GeoInputError(`${name} must be a non-negative number, got ${String(value)}`);
  }
}
