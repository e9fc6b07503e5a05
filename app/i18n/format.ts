// Formatters bound to one language: what `useFormat()` (app/components/i18n.tsx) gives a component
// and `serverFormat()` (app/i18n/i18n.server.ts) gives an email, a CSV or a print view. Money stays
// in the currency it belongs to (docs/decisions/024); only the way it is written follows the reader.
import type { TFunction } from "i18next";
import type { Unit } from "~/domain/catalogue";
import { formatCo2e } from "~/domain/carbon/format";
import { formatDistance, type DistanceUnit } from "~/domain/geo/format";
import { intlLocale, type Language } from "~/locales/languages";
import {
  currencySymbol,
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatTimeLeft,
  formatWeight,
} from "~/utils/format";

export interface Formatter {
  language: Language;
  /** The Intl locale ("en-GB", "fr-FR"). */
  locale: string;
  /** 250, "EUR" → "€2.50" / "2,50 €". */
  money(minor: number, currency: string): string;
  currencySymbol(currency: string): string;
  number(value: number, options?: Intl.NumberFormatOptions): string;
  /** A day, in the hub's time zone (Europe/London when not given). */
  date(value: string | Date, timeZone?: string): string;
  dateTime(value: string | Date, timeZone?: string): string;
  /** Grams → "1.5 kg" / "1,5 kg". */
  weight(grams: number): string;
  /** Metres in the reader's unit → "12 km", "7.5 mi". */
  distance(metres: number, unit: DistanceUnit): string;
  /** Grams CO2e → "14.5 kg". */
  co2e(grams: number): string;
  /** Thousandths of a product unit → "12.5 kg", "3 bunches" / "3 bottes". */
  quantity(milli: number, unit: Unit): string;
  /** "2 days 4 hours" / "2 jours 4 heures"; "closed" once passed. */
  timeLeft(until: string | Date, now?: Date): string;
}

/** `t` is the `common` namespace of the same language (unit names, "closed"). */
export function makeFormatter(language: Language, t: TFunction): Formatter {
  const locale = intlLocale(language);
  return {
    language,
    locale,
    money: (minor, currency) => formatMoney(minor, currency, locale),
    currencySymbol: (currency) => currencySymbol(currency, locale),
    number: (value, options) => formatNumber(value, locale, options),
    date: (value, timeZone) => formatDate(value, timeZone, locale),
    dateTime: (value, timeZone) => formatDateTime(value, timeZone, locale),
    weight: (grams) => formatWeight(grams, locale),
    distance: (metres, unit) => formatDistance(metres, unit, { locale }),
    co2e: (grams) => formatCo2e(grams, locale),
    quantity: (milli, unit) => {
      const count = milli / 1000;
      return t(`units.quantity.${unit}`, { count, value: formatNumber(count, locale, { maximumFractionDigits: 3 }) });
    },
    timeLeft: (until, now) => formatTimeLeft(until, now, locale, t("time.closed")),
  };
}
