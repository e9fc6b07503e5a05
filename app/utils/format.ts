// Display formatting (client-safe). Storage stays in minor units, grams and metres.
// Every formatter takes the Intl locale last; the en-GB default is for pages not yet translated.
// Translated UI uses `useFormat()` (app/components/i18n.tsx) or `serverFormat()`
// (app/i18n/i18n.server.ts), which pass the page's locale (docs/decisions/025-i18n.md).
export function formatMoney(minor: number, currency: string, locale = "en-GB"): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(minor / 100);
}

/** "GBP" → "£", "EUR" → "€", "CHF" → "CHF": the sign a money field's label shows. */
export function currencySymbol(currency: string, locale = "en-GB"): string {
  const part = new Intl.NumberFormat(locale, { style: "currency", currency })
    .formatToParts(0)
    .find((p) => p.type === "currency");
  return part?.value ?? currency;
}

/** 1234.5 → "1,234.5" (en-GB), "1 234,5" (fr-FR). */
export function formatNumber(value: number, locale = "en-GB", options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale, options).format(value);
}

/** "Fri 5 Dec, 14:30" (en-GB), "ven. 5 déc., 14:30" (fr-FR), in the hub's time zone. */
export function formatDateTime(value: string | Date, timeZone = "Europe/London", locale = "en-GB"): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
  }).format(new Date(value));
}

/** "Fri 5 December 2026" (en-GB), "ven. 5 décembre 2026" (fr-FR), in the hub's time zone. */
export function formatDate(value: string | Date, timeZone = "Europe/London", locale = "en-GB"): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: "short",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone,
  }).format(new Date(value));
}

/** 1500 → "1.5 kg", 250 → "250 g" (the unit symbols are the same in every language we have). */
export function formatWeight(grams: number, locale = "en-GB"): string {
  if (Math.abs(grams) >= 1000) return `${(grams / 1000).toLocaleString(locale, { maximumFractionDigits: 1 })} kg`;
  return `${Math.round(grams).toLocaleString(locale)} g`;
}

/**
 * "2 days 4 hours", "35 minutes": time left until a moment, in the locale's words (Intl unit
 * formatting); `closed` once it has passed.
 */
export function formatTimeLeft(
  until: string | Date,
  now: Date = new Date(),
  locale = "en-GB",
  closed = "closed",
): string {
  const ms = new Date(until).getTime() - now.getTime();
  if (ms <= 0) return closed;
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const amount = (n: number, unit: "day" | "hour" | "minute") =>
    new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "long" }).format(n);
  if (days > 0) return `${amount(days, "day")} ${amount(hours, "hour")}`;
  if (hours > 0) return `${amount(hours, "hour")} ${amount(mins, "minute")}`;
  return amount(Math.max(1, mins), "minute");
}

/** English order statuses, for pages not yet translated: translated pages use `common:orderStatus.*`. */
export const ORDER_STATUS_LABEL: Record<string, string> = {
  PENDING_PAYMENT: "Awaiting payment",
  CONFIRMED: "Confirmed",
  OUT_FOR_DELIVERY: "Out for delivery",
  DELIVERED: "Delivered",
  PARTLY_DELIVERED: "Partly delivered",
  FAILED: "Delivery failed",
  CANCELLED: "Cancelled",
};
