// Order quantities: integer thousandths of the product's unit ("milli"). Whole units for
// each/bunch/dozen, a tenth for kg/lb/L, whole grams for g. Pure and client-safe (the add-to-basket
// form uses the same rules for its step and min).
import type { Unit } from "~generated/prisma/enums.ts";
import { message, type Message } from "./message";
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

export type QuantityResult = { ok: true; quantityMilli: number } | { ok: false; message: Message };

/**
 * Parses what a person typed ("2", "1.5", "0,5") into milli of the unit and checks it against the
 * unit's step. Never throws.
 */
export function parseQuantity(input: unknown, unit: Unit): QuantityResult {
  if (typeof input !== "string" && typeof input !== "number") return refuse("messages:quantity.enter");
  const text = String(input).trim();
  if (/^-\s*\d/.test(text)) return refuse("messages:quantity.moreThanZero");
  if (/^\d+\.\d{4,}$/.test(text)) return invalidStep(unit);
  const parsed = parseQuantityToMilli(text, { allowZero: true, label: "Quantity" });
  if (!parsed.ok) {
    if (parsed.message.key === "messages:parse.empty") return refuse("messages:quantity.enter");
    // "Quantity must be a number, like 12.5": the label in the reader's language.
    return {
      ok: false,
      message: message(parsed.message.key, { ...parsed.message.values, label: message("messages:quantity.label") }),
    };
  }
  return checkQuantityMilli(parsed.value, unit);
}

const refuse = (key: string, values?: Message["values"]): QuantityResult => ({
  ok: false,
  message: message(key, values),
});

/** Checks a quantity already in milli: positive, within the cap, a multiple of the unit's step. */
export function checkQuantityMilli(quantityMilli: number, unit: Unit): QuantityResult {
  if (!Number.isSafeInteger(quantityMilli)) return refuse("messages:quantity.number");
  if (quantityMilli <= 0) return refuse("messages:quantity.moreThanZero");
  if (quantityMilli > MAX_LINE_QUANTITY_MILLI) {
    return refuse("messages:quantity.lineMax", { max: { quantityMilli: MAX_LINE_QUANTITY_MILLI, unit } });
  }
  if (quantityMilli % quantityStepMilli(unit) !== 0) return invalidStep(unit);
  return { ok: true, quantityMilli };
}

// "Order whole items (no fractions)", "Order in steps of 0.1 kg": one sentence per unit.
function invalidStep(unit: Unit): QuantityResult {
  if (WHOLE_UNITS.includes(unit) || unit === "G") return refuse(`messages:quantity.whole.${unit}`);
  return refuse(`messages:quantity.tenth.${unit}`);
}

/** "Only 3 bunches left" / "Only 0 left (sold out)", for translation where it is shown. */
export function stockMessage(availableMilli: number, unit: Unit, productName?: string): Message {
  const product: Record<string, string> = productName ? { product: productName } : {};
  const suffix = productName ? "Of" : "";
  if (availableMilli <= 0) return message(`messages:stock.soldOut${suffix}`, product);
  return message(`messages:stock.onlyLeft${suffix}`, { ...product, amount: { quantityMilli: availableMilli, unit } });
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
