// Money text ↔ integer minor units (pence, cents). Forms show "2.50" in the hub's currency; storage
// keeps 250. Pure: used by farm product forms, CSV import, the basket and hub settings.
import { message, renderMessage, type Message } from "./message";

/** The currencies a hub can trade in: all with two decimal places, which minor units assume. */
export const HUB_CURRENCIES = [
  "GBP",
  "EUR",
  "USD",
  "CHF",
  "CAD",
  "AUD",
  "NZD",
  "SEK",
  "NOK",
  "DKK",
  "PLN",
  "CZK",
] as const;
export type HubCurrency = (typeof HUB_CURRENCIES)[number];
export const DEFAULT_CURRENCY: HubCurrency = "GBP";

// A currency sign or code typed before or after the amount ("£2.50", "2,50 €", "CHF 3", "12 kr").
const CURRENCY_AFFIX = /^(?:[£€$]|[A-Z]{3}|kr|zł|Kč)\s*|\s*(?:[£€$]|[A-Z]{3}|kr|zł|Kč)$/gi;

/**
 * A parsed form value, or why not: `message` to translate where it is shown, and `error`, the same
 * message already in the current request's or page's language (app/domain/message.ts).
 */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string; message: Message };

/** A field's name in messages: English text, or catalogue messages ("Retail price", "retail price" mid-sentence). */
export type FieldLabel = string | { label: Message; lower: Message };

/** A refused value: "Enter the price", "Price cannot be negative"… with the field's label. */
export function parseFailure<T>(key: string, field: FieldLabel, values: Message["values"] = {}): ParseResult<T> {
  const [label, lower] = typeof field === "string" ? [field, field.toLowerCase()] : [field.label, field.lower];
  const m = message(`messages:parse.${key}`, { ...values, label, labelLower: lower });
  return { ok: false, error: renderMessage(m), message: m };
}

const MONEY_PATTERN = /^(\d{1,9})(?:\.(\d{1,2}))?$|^\.(\d{1,2})$/;

/** Largest price a form accepts (1,000,000.00): keeps every total inside a 32-bit column. */
export const MAX_PRICE_MINOR = 100_000_000;

/**
 * Parses "2.50", "£2.50", "2 €", "2", "£1,234.5", " 0.99 " into minor units (250, 250, 200, 200,
 * 123450, 99). Refuses negative amounts, more than two decimals, and anything that is not a plain
 * number. `allowZero` is off by default: a price of 0 is almost always a typing mistake.
 */
export function parseMoneyToMinor(
  text: string | null | undefined,
  { allowZero = false, label = "Price" }: { allowZero?: boolean; label?: FieldLabel } = {},
): ParseResult<number> {
  const raw = (text ?? "").trim();
  if (raw === "") return parseFailure("empty", label);
  const bare = raw.replace(CURRENCY_AFFIX, "").trim();
  // "2,40" (a decimal comma: one or two digits after it) is 2.40; "1,234" groups thousands.
  const cleaned = /^-?\d+,\d{1,2}$/.test(bare) ? bare.replace(",", ".") : bare.replace(/,(?=\d{3}(\D|$))/g, "");
  if (/^-/.test(cleaned)) return parseFailure("negative", label);
  const match = MONEY_PATTERN.exec(cleaned);
  if (!match) {
    if (/^\d+\.\d{3,}$/.test(cleaned)) return parseFailure("moneyDecimals", label);
    return parseFailure("moneyFormat", label);
  }
  const pounds = match[1] ?? "0";
  const pence = (match[2] ?? match[3] ?? "").padEnd(2, "0");
  const minor = Number(pounds) * 100 + Number(pence || "0");
  if (minor === 0 && !allowZero) return parseFailure("moneyZero", label);
  if (minor > MAX_PRICE_MINOR) return parseFailure("moneyTooLarge", label);
  return { ok: true, value: minor };
}

/** 250 → "2.50": the value a form field shows when editing (no currency sign, no grouping). */
export function minorToInput(minor: number | null | undefined): string {
  if (minor === null || minor === undefined) return "";
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(Math.round(minor));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** Line total in minor units for a quantity in thousandths of the unit, rounded half up. */
export function lineTotalMinor(unitPriceMinor: number, quantityMilli: number): number {
  return Math.round((unitPriceMinor * quantityMilli) / 1000);
}
