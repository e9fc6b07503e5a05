import { assertNonNegative } from "./types";

export type DistanceUnit = "KM" | "MI";

export const METRES_PER_MILE = 1609.344;

export const metresToKm = (metres: number): number => metres / 1000;
export const metresToMiles = (metres: number): number => metres / METRES_PER_MILE;

export interface FormatDistanceOptions {
  locale?: string;
}

/**
 * Display text for a stored distance. One decimal below 10 units, whole numbers above: more
 * precision than that would suggest an accuracy the circuity estimate does not have.
 * Under 1 km is shown in metres (rounded to 10 m); under 0.1 mi as "< 0.1 mi".
 */
export function formatDistance(
  metres: number,
  unit: DistanceUnit,
  { locale = "en-GB" }: FormatDistanceOptions = {},
): string {
  assertNonNegative(metres, "metres");
  const number = (value: number, digits: number): string =>
    value.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const scaled = (value: number, suffix: string): string => {
    // Decide on the rounded value so 9.96 shows as "10 km", not "10.0 km".
    const tenths = Math.round(value * 10) / 10;
    return tenths < 10 ? `${number(tenths, 1)} ${suffix}` : `${number(Math.round(value), 0)} ${suffix}`;
  };
  if (unit === "KM") {
    const tensOfMetres = Math.round(metres / 10) * 10;
    if (tensOfMetres < 1000) return `${number(tensOfMetres, 0)} m`;
    return scaled(metresToKm(metres), "km");
  }
  if (metres === 0) return "0 mi";
  const miles = metresToMiles(metres);
  if (miles < 0.05) return "< 0.1 mi";
  return scaled(miles, "mi");
}
