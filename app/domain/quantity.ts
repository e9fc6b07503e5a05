// Quantity text ↔ integer thousandths of the unit ("milli"): "12.5" kg is 12500, "3" bunches is
// 3000. Whole-number units (each, bunch, dozen) refuse fractions. Pure and client-safe.
import { isWholeUnit, UNIT_SYMBOLS, type Unit } from "./catalogue";
import { parseFailure, type FieldLabel, type ParseResult } from "./money";

/** Largest stock or quantity a form accepts: one million units. */
export const MAX_QUANTITY_MILLI = 1_000_000_000;

const QUANTITY_PATTERN = /^(\d{1,10})(?:\.(\d{1,3}))?$|^\.(\d{1,3})$/;

/**
 * Parses "12.5", "12,000.25", "3" into thousandths (12500, 12000250, 3000).
 * Options: `unit` (whole units refuse "1.5"), `allowZero` (stock may be 0, an order line may not).
 */
export function parseQuantityToMilli(
  text: string | null | undefined,
  { unit, allowZero = true, label = "Quantity" }: { unit?: Unit; allowZero?: boolean; label?: FieldLabel } = {},
): ParseResult<number> {
  const raw = (text ?? "").trim().replace(/,(?=\d{3}(\D|$))/g, "");
  if (raw === "") return parseFailure("empty", label);
  if (raw.startsWith("-")) return parseFailure("negative", label);
  const match = QUANTITY_PATTERN.exec(raw);
  if (!match) {
    if (/^\d+\.\d{4,}$/.test(raw)) return parseFailure("quantityDecimals", label);
    return parseFailure("quantityFormat", label);
  }
  const whole = Number(match[1] ?? "0");
  const fraction = Number((match[2] ?? match[3] ?? "").padEnd(3, "0") || "0");
  const milli = whole * 1000 + fraction;
  if (unit && isWholeUnit(unit) && fraction !== 0) {
    return parseFailure(`wholeNumber.${unit}`, label);
  }
  if (milli === 0 && !allowZero) return parseFailure("quantityZero", label);
  if (milli > MAX_QUANTITY_MILLI) return parseFailure("tooLarge", label);
  return { ok: true, value: milli };
}

/** 12500 → "12.5", 3000 → "3", 250 → "0.25": the value a form field shows when editing. */
export function milliToInput(milli: number | null | undefined): string {
  if (milli === null || milli === undefined) return "";
  const sign = milli < 0 ? "-" : "";
  const abs = Math.abs(Math.round(milli));
  const whole = Math.floor(abs / 1000);
  const fraction = String(abs % 1000)
    .padStart(3, "0")
    .replace(/0+$/, "");
  return fraction ? `${sign}${whole}.${fraction}` : `${sign}${whole}`;
}

const PLURAL: Partial<Record<Unit, string>> = { BUNCH: "bunches", DOZEN: "dozen", EACH: "" };

/** 12500, KG → "12.5 kg"; 3000, BUNCH → "3 bunches"; 4000, EACH → "4". */
export function formatQuantity(milli: number, unit: Unit, locale = "en-GB"): string {
  const value = milli / 1000;
  const number = value.toLocaleString(locale, { maximumFractionDigits: 3 });
  if (unit === "EACH") return number;
  const symbol = value === 1 ? UNIT_SYMBOLS[unit] : (PLURAL[unit] ?? UNIT_SYMBOLS[unit]);
  return `${number} ${symbol}`;
}

/** The step a quantity input uses: 1 for whole units, 0.001 otherwise. */
export function quantityStep(unit: Unit): string {
  return isWholeUnit(unit) ? "1" : "0.001";
}
