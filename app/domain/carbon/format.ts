import { assertNonNegativeInteger } from "./errors";

/**
 * Display text for grams CO2e: "656 g", "14.5 kg", "1.2 t". Three significant figures at most;
 * the inputs do not justify more.
 */
export function formatCo2e(grams: number, locale = "en-GB"): string {
  assertNonNegativeInteger(grams, "grams CO2e");
  const fmt = (value: number, digits: number): string =>
    value.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  if (grams < 1000) return `${fmt(grams, 0)} g`;
  const kg = grams / 1000;
  if (kg < 10) return `${fmt(kg, 2)} kg`;
  if (kg < 100) return `${fmt(kg, 1)} kg`;
  if (kg < 1000) return `${fmt(kg, 0)} kg`;
  return `${fmt(kg / 1000, kg < 10_000 ? 2 : 1)} t`;
}
