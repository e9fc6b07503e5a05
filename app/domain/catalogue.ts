// Product categories and units: labels, unit rules and price per kg. Pure and client-safe.
import type { ProductCategory, Unit } from "~generated/prisma/enums.ts";

export type { ProductCategory, Unit };

export const PRODUCT_CATEGORIES = [
  "VEGETABLES",
  "FRUIT",
  "HERBS",
  "EGGS",
  "DAIRY",
  "MEAT",
  "FISH",
  "BAKERY",
  "PANTRY",
  "DRINKS",
  "FLOWERS",
  "PLANTS",
] as const satisfies readonly ProductCategory[];

export const CATEGORY_LABELS: Record<ProductCategory, string> = {
  VEGETABLES: "Vegetables",
  FRUIT: "Fruit",
  HERBS: "Herbs",
  EGGS: "Eggs",
  DAIRY: "Dairy",
  MEAT: "Meat",
  FISH: "Fish",
  BAKERY: "Bakery",
  PANTRY: "Pantry",
  DRINKS: "Drinks",
  FLOWERS: "Flowers",
  PLANTS: "Plants",
};

export const UNITS = ["KG", "G", "LB", "EACH", "BUNCH", "DOZEN", "L"] as const satisfies readonly Unit[];

/** Short symbol after a number: "2 kg", "3 each". */
export const UNIT_SYMBOLS: Record<Unit, string> = {
  KG: "kg",
  G: "g",
  LB: "lb",
  EACH: "each",
  BUNCH: "bunch",
  DOZEN: "dozen",
  L: "L",
};

/** Long name for selects and "per …" text. */
export const UNIT_LABELS: Record<Unit, string> = {
  KG: "Kilogram (kg)",
  G: "Gram (g)",
  LB: "Pound (lb)",
  EACH: "Each (single item)",
  BUNCH: "Bunch",
  DOZEN: "Dozen",
  L: "Litre (L)",
};

/** Units sold only in whole numbers: you cannot buy half an egg box. */
export const WHOLE_UNITS: ReadonlySet<Unit> = new Set<Unit>(["EACH", "BUNCH", "DOZEN"]);

export function isWholeUnit(unit: Unit): boolean {
  return WHOLE_UNITS.has(unit);
}

/** Weight of one unit when the unit is itself a weight; the form pre-fills it. */
export const FIXED_GRAMS_PER_UNIT: Partial<Record<Unit, number>> = { KG: 1000, G: 1, LB: 454 };

export function isProductCategory(value: string): value is ProductCategory {
  return (PRODUCT_CATEGORIES as readonly string[]).includes(value);
}
export function isUnit(value: string): value is Unit {
  return (UNITS as readonly string[]).includes(value);
}

/** "per kg", "per bunch", "per 100 g" for G (a price per gram is unreadable). */
export function perUnitLabel(unit: Unit): string {
  return `per ${UNIT_SYMBOLS[unit]}`;
}

/**
 * Price per kilogram in minor units, rounded to the nearest penny, from the unit price and what
 * one unit weighs. Null when the weight is unknown (0), so the UI can hide the figure.
 */
export function pricePerKgMinor(unitPriceMinor: number, gramsPerUnit: number): number | null {
  if (!Number.isFinite(gramsPerUnit) || gramsPerUnit <= 0) return null;
  return Math.round((unitPriceMinor * 1000) / gramsPerUnit);
}

/** Grams for a quantity in thousandths of the unit (for van loads and carbon). */
export function gramsForQuantity(quantityMilli: number, gramsPerUnit: number): number {
  return Math.round((quantityMilli * gramsPerUnit) / 1000);
}

/** Bit set of categories (bit i = PRODUCT_CATEGORIES[i]): a compact form for map JSON. */
export function categoriesToMask(categories: Iterable<ProductCategory>): number {
  let mask = 0;
  for (const category of categories) {
    const index = PRODUCT_CATEGORIES.indexOf(category as (typeof PRODUCT_CATEGORIES)[number]);
    if (index >= 0) mask |= 1 << index;
  }
  return mask;
}

export function maskToCategories(mask: number): ProductCategory[] {
  return PRODUCT_CATEGORIES.filter((_, index) => (mask & (1 << index)) !== 0);
}

/**
 * Whether a product can be bought at `now`: seasonal items disappear outside their window.
 * `availableTo` is inclusive of the whole day it names (stored as midnight UTC of that date).
 */
export function isInSeason(
  product: { availableFrom: Date | string | null; availableTo: Date | string | null },
  now: Date,
): boolean {
  const t = now.getTime();
  if (product.availableFrom && new Date(product.availableFrom).getTime() > t) return false;
  if (product.availableTo && new Date(product.availableTo).getTime() + 86_400_000 <= t) return false;
  return true;
}
