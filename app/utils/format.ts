// Display formatting (client-safe). Storage stays in minor units, grams and metres.
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

export function formatDateTime(value: string | Date, timeZone = "Europe/London"): string {
  return new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
  }).format(new Date(value));
}

export function formatDate(value: string | Date, timeZone = "Europe/London"): string {
  return new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone,
  }).format(new Date(value));
}

export function formatWeight(grams: number): string {
  if (Math.abs(grams) >= 1000) return `${(grams / 1000).toLocaleString("en-GB", { maximumFractionDigits: 1 })} kg`;
  return `${Math.round(grams)} g`;
}

/** "2 days 4 hours", "35 minutes": time left until a moment. */
export function formatTimeLeft(until: string | Date, now: Date = new Date()): string {
  const ms = new Date(until).getTime() - now.getTime();
  if (ms <= 0) return "closed";
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (days > 0) return `${plural(days, "day")} ${plural(hours, "hour")}`;
  if (hours > 0) return `${plural(hours, "hour")} ${plural(mins, "minute")}`;
  return plural(Math.max(1, mins), "minute");
}

export const ORDER_STATUS_LABEL: Record<string, string> = {
  PENDING_PAYMENT: "Awaiting payment",
  CONFIRMED: "Confirmed",
  OUT_FOR_DELIVERY: "Out for delivery",
  DELIVERED: "Delivered",
  FAILED: "Delivery failed",
  CANCELLED: "Cancelled",
};
