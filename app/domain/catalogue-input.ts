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
import { lazyMessage, message, renderMessage, type Message } from "./message";
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
  /** Sold by estimated weight (count units only): buyers pay for the actual weight (docs/decisions/036). */
  soldByWeight: boolean;
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
  "soldByWeight",
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

/** A product field's name for parse messages: "Retail price", and "retail price" mid-sentence. */
const field = (name: ProductField) => ({
  label: message(`messages:product.fields.${name}`),
  lower: message(`messages:product.fieldsLower.${name}`),
});

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
    soldByWeight: text,
    availableFrom: text,
    availableTo: text,
  })
  .transform((raw, ctx): ProductData => {
    // Each problem in the current request's language (app/domain/message.ts).
    const failWith = (path: ProductField, text: string) => {
      ctx.addIssue({ code: "custom", path: [path], message: text });
    };
    const fail = (path: ProductField, problem: string, values?: Message["values"]) => {
      ctx.addIssue({
        code: "custom",
        path: [path],
        message: renderMessage(message(`messages:product.${problem}`, values)),
      });
    };
    const code = normaliseProductCode(raw.code ?? "");
    if (code && !/^[A-Z0-9][A-Z0-9._/-]{0,39}$/.test(code)) fail("code", "codeFormat");
    const name = (raw.name ?? "").trim();
    if (!name) fail("name", "nameRequired");
    else if (name.length > 120) fail("name", "nameTooLong");
    const description = (raw.description ?? "").trim();
    if (description.length > 2000) fail("description", "descriptionTooLong");

    const category = normaliseCategory(raw.category ?? "");
    if (!raw.category?.trim()) fail("category", "categoryRequired");
    else if (!category)
      fail("category", "categoryUnknown", {
        category: raw.category.trim(),
        choices: PRODUCT_CATEGORIES.join(", ").toLowerCase(),
      });

    const unit = normaliseUnit(raw.unit ?? "");
    if (!raw.unit?.trim()) fail("unit", "unitRequired");
    else if (!unit) fail("unit", "unitUnknown", { unit: raw.unit.trim(), choices: UNITS.join(", ").toLowerCase() });

    // A weight unit weighs what it says (1 kg = 1000 g): whatever was typed or submitted for it is
    // ignored, so "300 g per kg" cannot be saved. Only counted units (each, bunch, dozen, L) ask.
    let gramsPerUnit = 0;
    const gramsText = (raw.gramsPerUnit ?? "").trim().replace(/,/g, "");
    const fixedGrams = unit ? FIXED_GRAMS_PER_UNIT[unit] : undefined;
    if (fixedGrams) gramsPerUnit = fixedGrams;
    else if (!gramsText) fail("gramsPerUnit", "gramsRequired");
    else if (!/^\d+$/.test(gramsText)) fail("gramsPerUnit", "gramsFormat");
    else {
      gramsPerUnit = Number(gramsText);
      if (gramsPerUnit <= 0) fail("gramsPerUnit", "gramsZero");
      else if (gramsPerUnit > 1_000_000) fail("gramsPerUnit", "gramsTooLarge");
    }

    const retail = parseMoneyToMinor(raw.retailPrice, { label: field("retailPrice") });
    if (!retail.ok) failWith("retailPrice", retail.error);

    let wholesalePriceMinor: number | null = null;
    if (raw.wholesalePrice?.trim()) {
      const wholesale = parseMoneyToMinor(raw.wholesalePrice, { label: field("wholesalePrice") });
      if (!wholesale.ok) failWith("wholesalePrice", wholesale.error);
      else {
        wholesalePriceMinor = wholesale.value;
        if (retail.ok && wholesale.value > retail.value) fail("wholesalePrice", "wholesaleAboveRetail");
      }
    }
    let wholesaleMinMilli: number | null = null;
    if (raw.wholesaleMin?.trim()) {
      const min = parseQuantityToMilli(raw.wholesaleMin, {
        unit: unit ?? undefined,
        allowZero: false,
        label: field("wholesaleMin"),
      });
      if (!min.ok) failWith("wholesaleMin", min.error);
      else wholesaleMinMilli = min.value;
      if (!raw.wholesalePrice?.trim()) fail("wholesaleMin", "wholesaleMinWithoutPrice");
    } else if (wholesalePriceMinor !== null) {
      fail("wholesaleMin", "wholesaleMinRequired");
    }

    const stock = parseQuantityToMilli(raw.stock?.trim() ? raw.stock : "0", {
      unit: unit ?? undefined,
      label: field("stock"),
    });
    if (!stock.ok) failWith("stock", stock.error);
    const lowStock = parseQuantityToMilli(raw.lowStock?.trim() ? raw.lowStock : "0", {
      unit: unit ?? undefined,
      label: field("lowStock"),
    });
    if (!lowStock.ok) failWith("lowStock", lowStock.error);

    const chilledText = (raw.chilled ?? "").trim().toLowerCase();
    if (!TRUE_WORDS.has(chilledText) && !FALSE_WORDS.has(chilledText)) fail("chilled", "chilledFormat");

    // Absent (an older CSV) or empty: not sold by weight.
    const byWeightText = (raw.soldByWeight ?? "").trim().toLowerCase();
    if (byWeightText && !TRUE_WORDS.has(byWeightText) && !FALSE_WORDS.has(byWeightText))
      fail("soldByWeight", "soldByWeightFormat");
    const soldByWeight = TRUE_WORDS.has(byWeightText);
    // Only a counted unit has a weight that varies: a kilogram always weighs a kilogram.
    if (soldByWeight && unit && FIXED_GRAMS_PER_UNIT[unit]) fail("soldByWeight", "soldByWeightUnit");

    const availableFrom = parseDate(raw.availableFrom ?? "");
    const availableTo = parseDate(raw.availableTo ?? "");
    if (availableFrom === "invalid") fail("availableFrom", "availableFromFormat");
    if (availableTo === "invalid") fail("availableTo", "availableToFormat");
    if (availableFrom instanceof Date && availableTo instanceof Date && availableTo < availableFrom) {
      fail("availableTo", "availableOrder");
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
      soldByWeight,
      availableFrom: availableFrom instanceof Date ? availableFrom : null,
      availableTo: availableTo instanceof Date ? availableTo : null,
    };
  });

/** Latitude/longitude text → number within range, with a message naming the field. */
export function coordinateSchema(label: "Latitude" | "Longitude") {
  const limit = label === "Latitude" ? 90 : 180;
  const key = label === "Latitude" ? "latitude" : "longitude";
  return z
    .string({ error: lazyMessage(`messages:coordinates.${key}.required`) })
    .trim()
    .min(1, { error: lazyMessage(`messages:coordinates.${key}.required`) })
    .transform((value, ctx) => {
      const number = Number(value);
      if (!/^-?\d+(\.\d+)?$/.test(value) || !Number.isFinite(number)) {
        ctx.addIssue({
          code: "custom",
          message: renderMessage(message(`messages:coordinates.${key}.number`)),
        });
        return z.NEVER;
      }
      if (number < -limit || number > limit) {
        ctx.addIssue({
          code: "custom",
          message: renderMessage(message(`messages:coordinates.${key}.range`, { limit })),
        });
        return z.NEVER;
      }
      return number;
    });
}

/** The farm profile form. */
export const FarmInputSchema = z.object({
  name: z
    .string({ error: lazyMessage("messages:farmInput.nameRequired") })
    .trim()
    .min(2, { error: lazyMessage("messages:farmInput.nameTooShort") })
    .max(120, { error: lazyMessage("messages:farmInput.nameTooLong") }),
  story: z
    .string()
    .trim()
    .max(4000, { error: lazyMessage("messages:farmInput.storyTooLong") })
    .optional(),
  certifications: z
    .string()
    .trim()
    .max(400, { error: lazyMessage("messages:farmInput.certificationsTooLong") })
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
    .pipe(z.email({ error: lazyMessage("messages:farmInput.email") }))
    .optional(),
  contactPhone: z
    .string()
    .trim()
    .max(40, { error: lazyMessage("messages:farmInput.phoneTooLong") })
    .optional(),
  address: z
    .string()
    .trim()
    .max(300, { error: lazyMessage("messages:farmInput.addressTooLong") })
    .optional(),
  lat: coordinateSchema("Latitude"),
  lng: coordinateSchema("Longitude"),
  pickupInstructions: z
    .string()
    .trim()
    .max(2000, { error: lazyMessage("messages:farmInput.instructionsTooLong") })
    .optional(),
});
export type FarmInput = z.output<typeof FarmInputSchema>;
