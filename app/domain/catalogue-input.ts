// What a farmer types for a product (form fields or one CSV row, all text) → validated values in
// storage units. One schema for the product form, its client-side validation and the CSV import,
// so a rule (e.g. "a wholesale minimum needs a wholesale price") is written once.
import { z } from "zod";
import {
  FIXED_GRAMS_PER_UNIT,
  isProductCategory,
  isUnit,
  PRODUCT_CATEGORIES,
  UNITS,
  type ProductCategory,
  type Unit,
} from "./catalogue";
import { parseMoneyToMinor } from "./money";
import { parseQuantityToMilli } from "./quantity";

export interface ProductData {
  /** The farmer's product code (SKU), upper-cased; null when none. Absent: leave it as it is. */
  code?: string | null;
  name: string;
  description: string;
  category: ProductCategory;
  unit: Unit;
  gramsPerUnit: number;
  retailPriceMinor: number;
  wholesalePriceMinor: number | null;
  wholesaleMinMilli: number | null;
  stockMilli: number;
  lowStockMilli: number;
  chilled: boolean;
  availableFrom: Date | null;
  availableTo: Date | null;
}

/** The text fields of the product form and the CSV columns, in order. */
export const PRODUCT_FIELDS = [
  "code",
  "name",
  "description",
  "category",
  "unit",
  "gramsPerUnit",
  "retailPrice",
  "wholesalePrice",
  "wholesaleMin",
  "stock",
  "lowStock",
  "chilled",
  "availableFrom",
  "availableTo",
] as const;
export type ProductField = (typeof PRODUCT_FIELDS)[number];

const UNIT_ALIASES: Record<string, Unit> = {
  KILOGRAM: "KG",
  KILOGRAMS: "KG",
  GRAM: "G",
  GRAMS: "G",
  POUND: "LB",
  LBS: "LB",
  LITRE: "L",
  LITRES: "L",
  LITER: "L",
  LITERS: "L",
  ITEM: "EACH",
  EA: "EACH",
  BUNCHES: "BUNCH",
};

/** " egg-12 " → "EGG-12": codes are compared and stored trimmed and upper-cased. */
export function normaliseProductCode(text: string): string {
  return text.trim().toUpperCase();
}

/** "Free-range  Eggs" → "free-range eggs": how a name matches an existing product on import. */
export function normaliseProductName(text: string): string {
  return text.trim().replace(/\s+/g, " ").toLowerCase();
}

/** "kg", "Litre", "each" → the stored unit; null when unknown. */
export function normaliseUnit(text: string): Unit | null {
  const upper = text.trim().toUpperCase();
  if (isUnit(upper)) return upper;
  return UNIT_ALIASES[upper] ?? null;
}

/** "Vegetables", "eggs", "VEGETABLES" → the stored category; null when unknown. */
export function normaliseCategory(text: string): ProductCategory | null {
  const upper = text.trim().toUpperCase();
  return isProductCategory(upper) ? upper : null;
}

const TRUE_WORDS = new Set(["on", "true", "yes", "y", "1"]);
const FALSE_WORDS = new Set(["", "off", "false", "no", "n", "0"]);

function parseDate(text: string): Date | null | "invalid" {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (!match) return "invalid";
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === trimmed ? date : "invalid";
}

const text = z.string().optional();

/** Text in (form or CSV), ProductData out; every problem is reported on its own field. */
export const ProductInputSchema = z
  .object({
    code: text,
    name: text,
    description: text,
    category: text,
    unit: text,
    gramsPerUnit: text,
    retailPrice: text,
    wholesalePrice: text,
    wholesaleMin: text,
    stock: text,
    lowStock: text,
    chilled: text,
    availableFrom: text,
    availableTo: text,
  })
  .transform((raw, ctx): ProductData => {
    const fail = (path: ProductField, message: string) => {
      ctx.addIssue({ code: "custom", path: [path], message });
    };
    const code = normaliseProductCode(raw.code ?? "");
    if (code && !/^[A-Z0-9][A-Z0-9._/-]{0,39}$/.test(code))
      fail("code", "Use up to 40 letters, digits, dots, dashes, slashes or underscores for the code, like EGG-12");
    const name = (raw.name ?? "").trim();
    if (!name) fail("name", "Enter the product name");
    else if (name.length > 120) fail("name", "Use at most 120 characters for the name");
    const description = (raw.description ?? "").trim();
    if (description.length > 2000) fail("description", "Use at most 2,000 characters for the description");

    const category = normaliseCategory(raw.category ?? "");
    if (!raw.category?.trim()) fail("category", "Choose a category");
    else if (!category)
      fail(
        "category",
        `Unknown category "${raw.category.trim()}": use one of ${PRODUCT_CATEGORIES.join(", ").toLowerCase()}`,
      );

    const unit = normaliseUnit(raw.unit ?? "");
    if (!raw.unit?.trim()) fail("unit", "Choose a unit");
    else if (!unit) fail("unit", `Unknown unit "${raw.unit.trim()}": use one of ${UNITS.join(", ").toLowerCase()}`);

    // A weight unit weighs what it says (1 kg = 1000 g): whatever was typed or submitted for it is
    // ignored, so "300 g per kg" cannot be saved. Only counted units (each, bunch, dozen, L) ask.
    let gramsPerUnit = 0;
    const gramsText = (raw.gramsPerUnit ?? "").trim().replace(/,/g, "");
    const fixedGrams = unit ? FIXED_GRAMS_PER_UNIT[unit] : undefined;
    if (fixedGrams) gramsPerUnit = fixedGrams;
    else if (!gramsText) fail("gramsPerUnit", "Enter what one unit weighs, in grams");
    else if (!/^\d+$/.test(gramsText))
      fail("gramsPerUnit", "Weight per unit must be a whole number of grams, like 500");
    else {
      gramsPerUnit = Number(gramsText);
      if (gramsPerUnit <= 0) fail("gramsPerUnit", "Weight per unit must be more than 0 g");
      else if (gramsPerUnit > 1_000_000) fail("gramsPerUnit", "Weight per unit must be at most 1,000,000 g (1 tonne)");
    }

    const retail = parseMoneyToMinor(raw.retailPrice, { label: "Retail price" });
    if (!retail.ok) fail("retailPrice", retail.error);

    let wholesalePriceMinor: number | null = null;
    if (raw.wholesalePrice?.trim()) {
      const wholesale = parseMoneyToMinor(raw.wholesalePrice, { label: "Wholesale price" });
      if (!wholesale.ok) fail("wholesalePrice", wholesale.error);
      else {
        wholesalePriceMinor = wholesale.value;
        if (retail.ok && wholesale.value > retail.value)
          fail("wholesalePrice", "Wholesale price must not be higher than the retail price");
      }
    }
    let wholesaleMinMilli: number | null = null;
    if (raw.wholesaleMin?.trim()) {
      const min = parseQuantityToMilli(raw.wholesaleMin, {
        unit: unit ?? undefined,
        allowZero: false,
        label: "Wholesale minimum",
      });
      if (!min.ok) fail("wholesaleMin", min.error);
      else wholesaleMinMilli = min.value;
      if (!raw.wholesalePrice?.trim())
        fail("wholesaleMin", "A wholesale minimum needs a wholesale price: enter one, or clear the minimum");
    } else if (wholesalePriceMinor !== null) {
      fail("wholesaleMin", "Enter the minimum quantity for the wholesale price");
    }

    const stock = parseQuantityToMilli(raw.stock?.trim() ? raw.stock : "0", {
      unit: unit ?? undefined,
      label: "Stock",
    });
    if (!stock.ok) fail("stock", stock.error);
    const lowStock = parseQuantityToMilli(raw.lowStock?.trim() ? raw.lowStock : "0", {
      unit: unit ?? undefined,
      label: "Low-stock alert",
    });
    if (!lowStock.ok) fail("lowStock", lowStock.error);

    const chilledText = (raw.chilled ?? "").trim().toLowerCase();
    if (!TRUE_WORDS.has(chilledText) && !FALSE_WORDS.has(chilledText)) fail("chilled", 'Chilled must be "yes" or "no"');

    const availableFrom = parseDate(raw.availableFrom ?? "");
    const availableTo = parseDate(raw.availableTo ?? "");
    if (availableFrom === "invalid") fail("availableFrom", "Enter the date as YYYY-MM-DD, like 2026-06-01");
    if (availableTo === "invalid") fail("availableTo", "Enter the date as YYYY-MM-DD, like 2026-09-30");
    if (availableFrom instanceof Date && availableTo instanceof Date && availableTo < availableFrom) {
      fail("availableTo", "Available to must be on or after available from");
    }

    return {
      code: code || null,
      name,
      description,
      category: category ?? "VEGETABLES",
      unit: unit ?? "KG",
      gramsPerUnit,
      retailPriceMinor: retail.ok ? retail.value : 0,
      wholesalePriceMinor,
      wholesaleMinMilli,
      stockMilli: stock.ok ? stock.value : 0,
      lowStockMilli: lowStock.ok ? lowStock.value : 0,
      chilled: TRUE_WORDS.has(chilledText),
      availableFrom: availableFrom instanceof Date ? availableFrom : null,
      availableTo: availableTo instanceof Date ? availableTo : null,
    };
  });

/** Latitude/longitude text → number within range, with a message naming the field. */
export function coordinateSchema(label: "Latitude" | "Longitude") {
  const limit = label === "Latitude" ? 90 : 180;
  return z
    .string({ error: `Enter the ${label.toLowerCase()}, or place the pin on the map` })
    .trim()
    .min(1, { error: `Enter the ${label.toLowerCase()}, or place the pin on the map` })
    .transform((value, ctx) => {
      const number = Number(value);
      if (!/^-?\d+(\.\d+)?$/.test(value) || !Number.isFinite(number)) {
        ctx.addIssue({
          code: "custom",
          message: `${label} must be a number, like ${label === "Latitude" ? "51.45" : "-2.59"}`,
        });
        return z.NEVER;
      }
      if (number < -limit || number > limit) {
        ctx.addIssue({ code: "custom", message: `${label} must be between -${limit} and ${limit}` });
        return z.NEVER;
      }
      return number;
    });
}

/** The farm profile form. */
export const FarmInputSchema = z.object({
  name: z
    .string({ error: "Enter the farm's name" })
    .trim()
    .min(2, { error: "Use at least 2 characters for the name" })
    .max(120, { error: "Use at most 120 characters for the name" }),
  story: z.string().trim().max(4000, { error: "Use at most 4,000 characters for the story" }).optional(),
  certifications: z
    .string()
    .trim()
    .max(400, { error: "Use at most 400 characters for certifications" })
    .optional()
    .transform((value) =>
      [
        ...new Set(
          (value ?? "")
            .split(",")
            .map((item) => item.trim())
            .filter(Boolean),
        ),
      ].slice(0, 12),
    ),
  contactEmail: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "Enter a valid email address, like farm@example.com" }))
    .optional(),
  contactPhone: z.string().trim().max(40, { error: "Use at most 40 characters for the phone number" }).optional(),
  address: z.string().trim().max(300, { error: "Use at most 300 characters for the address" }).optional(),
  lat: coordinateSchema("Latitude"),
  lng: coordinateSchema("Longitude"),
  pickupInstructions: z
    .string()
    .trim()
    .max(2000, { error: "Use at most 2,000 characters for the instructions" })
    .optional(),
});
export type FarmInput = z.output<typeof FarmInputSchema>;
