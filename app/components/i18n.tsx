// Language hooks for components (docs/decisions/025-i18n.md). Text comes from
// `useTranslation(namespace)` (react-i18next); numbers, money, dates and units from `useFormat()`.
import { useEffect, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { switchClientLanguage } from "~/i18n/client";
import { makeFormatter, type Formatter } from "~/i18n/format";
import { DEFAULT_LANGUAGE, isLanguage, type Language } from "~/locales/languages";

/** The language the page is shown in ("en", "fr"). */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

/**
 * Formatters bound to the page's language: `const format = useFormat();`, then
 * `format.money(order.totalMinor, order.currency)`, `format.date(cycle.deliveryDate, hub.timeZone)`,
 * `format.dateTime(...)`, `format.number(...)`, `format.weight(grams)`, `format.distance(metres, unit)`,
 * `format.co2e(grams)`, `format.quantity(milli, unit)`, `format.timeLeft(until)`.
 */
export function useFormat(): Formatter {
  const { t } = useTranslation("common");
  const language = useLanguage();
  return useMemo(() => makeFormatter(language, t), [language, t]);
}

/**
 * Follows the language the server answers with (the root loader's `locale`): after a log-in as a
 * user who chose another language, or a saved choice, the page switches without a reload.
 */
export function useFollowServerLanguage(locale: string | undefined): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (isLanguage(locale) && i18n.language !== locale) void switchClientLanguage(i18n, locale);
  }, [i18n, locale]);
}
