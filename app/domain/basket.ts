// Order quantities: integer thousandths of the product's unit ("milli"). Whole units for
// each/bunch/dozen, a tenth for kg/lb/L, whole grams for g. Pure and client-safe (the add-to-basket
// form uses the same rules for its step and min).
import type { Unit } from "~generated/prisma/enums.ts";
import { formatQuantity, parseQuantityToMilli } from "./quantity";

export { formatQuantity };

export const WHOLE_UNITS: readonly Unit[] = ["EACH", "BUNCH", "DOZEN"];

/** Smallest orderable increment, in milli of the unit. */
export function quantityStepMilli(unit: Unit): number {
  switch (unit) {
    case "EACH":
    case "BUNCH":
    case "DOZEN":
    case "G":
      return 1000;
    case "KG":
    case "LB":
    case "L":
      return 100;
  }
}

/** Largest quantity one line may hold (a guard against typos such as 10000 kg). */
export const MAX_LINE_QUANTITY_MILLI = 10_000_000;

export const UNIT_WORD: Record<Unit, { one: string; many: string }> = {
  KG: { one: "kg", many: "kg" },
  G: { one: "g", many: "g" },
  LB: { one: "lb", many: "lb" },
  L: { one: "litre", many: "litres" },
  EACH: { one: "item", many: "items" },
  BUNCH: { one: "bunch", many: "bunches" },
  DOZEN: { one: "dozen", many: "dozen" },
};

/** The number a person types, from milli ("1.5" for 1500). */
export function quantityInputValue(quantityMilli: number): string {
  return String(quantityMilli / 1000);
}

export type QuantityResult = { ok: true; quantityMilli: number } | { ok: false; message: string };

/**
 * Parses what a person typed ("2", "1.5", "0,5") into milli of the unit and checks it against the
 * unit's step. Never throws.
 */
export function parseQuantity(input: unknown, unit: Unit): QuantityResult {
  if (typeof input !== "string" && typeof input !== "number") return { ok: false, message: "Enter a quantity" };
  const text = String(input).trim();
  if (/^-\s*\d/.test(text)) return { ok: false, message: "The quantity must be more than zero" };
  if (/^\d+\.\d{4,}$/.test(text)) return invalidStep(unit);
  const parsed = parseQuantityToMilli(text, { allowZero: true, label: "Quantity" });
  if (!parsed.ok)
    return { ok: false, message: parsed.error === "Enter the quantity" ? "Enter a quantity" : parsed.error };
  return checkQuantityMilli(parsed.value, unit);
}

/** Checks a quantity already in milli: positive, within the cap, a multiple of the unit's step. */
export function checkQuantityMilli(quantityMilli: number, unit: Unit): QuantityResult {
  if (!Number.isSafeInteger(quantityMilli))
    return { ok: false, message: "Enter the quantity as a number, like 2 or 1.5" };
  if (quantityMilli <= 0) return { ok: false, message: "The quantity must be more than zero" };
  if (quantityMilli > MAX_LINE_QUANTITY_MILLI) {
    return {
      ok: false,
      message: `The most you can order on one line is ${formatQuantity(MAX_LINE_QUANTITY_MILLI, unit)}`,
    };
  }
  if (quantityMilli % quantityStepMilli(unit) !== 0) return invalidStep(unit);
  return { ok: true, quantityMilli };
}

function invalidStep(unit: Unit): QuantityResult {
  if (WHOLE_UNITS.includes(unit) || unit === "G") {
    return { ok: false, message: `Order whole ${UNIT_WORD[unit].many} (no fractions)` };
  }
  return { ok: false, message: `Order in steps of 0.1 ${UNIT_WORD[unit].one}` };
}

/** "Only 3 bunches left" / "Sold out". */
export function stockMessage(availableMilli: number, unit: Unit, productName?: string): string {
  const name = productName ? ` of ${productName}` : "";
  if (availableMilli <= 0) return `Only 0${name} left (sold out)`;
  const amount = formatQuantity(availableMilli, unit);
  return `Only ${amount}${name} left`;
}

export interface GuestBasketLine {
  productId: string;
  quantityMilli: number;
}

/** Adds or sets a line in a plain basket (guest cookie or in-memory), keeping at most `maxLines`. */
export function upsertBasketLine(
  lines: readonly GuestBasketLine[],
  line: GuestBasketLine,
  mode: "add" | "set",
  maxLines = 100,
): GuestBasketLine[] {
  const existing = lines.find((l) => l.productId === line.productId);
  if (!existing) return lines.length >= maxLines ? [...lines] : [...lines, { ...line }];
  return lines.map((l) =>
    l.productId === line.productId
      ? {
          productId: l.productId,
          quantityMilli: mode === "add" ? l.quantityMilli + line.quantityMilli : line.quantityMilli,
        }
      : l,
  );
}

/**
 * Merges a guest basket into an account basket: quantities for the same product add up (capped
 * at MAX_LINE_QUANTITY_MILLI); products only in the guest basket are appended.
 */
export function mergeBasketLines(
  account: readonly GuestBasketLine[],
  guest: readonly GuestBasketLine[],
): GuestBasketLine[] {
  let merged = [...account];
  for (const line of guest) {
    if (!(line.quantityMilli > 0)) continue;
    merged = upsertBasketLine(merged, line, "add", Number.POSITIVE_INFINITY);
  }
  return merged.map((l) => ({ ...l, quantityMilli: Math.min(l.quantityMilli, MAX_LINE_QUANTITY_MILLI) }));
}
