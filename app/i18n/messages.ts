// Translates a domain Message (app/domain/message.ts) at the edge: a service or route turns
// `{ key, values }` into text in the request's or page's language, or in the language of the `t`
// it is given (an email: `translateMessage(m, tFor(recipient.locale, "messages"))`). Quantities,
// money, distances, weights and CO2e in the values are written that language's way. Client-safe.
import type { TFunction } from "i18next";
import type { Message, MessageValue } from "~/domain/message";
import { DEFAULT_LANGUAGE, isLanguage } from "~/locales/languages";
import { makeFormatter, type Formatter } from "./format";
import { currentT } from "./i18n";

function languageOf(t: TFunction): string {
  const lng = (t as unknown as { lng?: unknown }).lng;
  return typeof lng === "string" && isLanguage(lng) ? lng : DEFAULT_LANGUAGE;
}

function render(value: MessageValue, t: TFunction, format: Formatter): string | number {
  if (typeof value === "string" || typeof value === "number") return value;
  if ("key" in value) return translateMessage(value, t);
  if ("quantityMilli" in value) return format.quantity(value.quantityMilli, value.unit);
  if ("metres" in value) return format.distance(value.metres, value.unit);
  if ("grams" in value) return format.weight(value.grams);
  if ("co2eGrams" in value) return format.co2e(value.co2eGrams);
  return format.money(value.minor, value.currency);
}

/**
 * The text of `message`: by default in the current request's (server) or page's (browser)
 * language; pass a `t` of another language to write to someone else.
 */
export function translateMessage(message: Message, t: TFunction = currentT("messages")): string {
  const language = languageOf(t);
  const format = makeFormatter(language as Parameters<typeof makeFormatter>[0], currentT("common", language));
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(message.values ?? {})) values[name] = render(value, t, format);
  return String(t(message.key, values));
}

/** A Message as text, or a string unchanged (for results that may hold either). */
export function messageText(value: Message | string, t?: TFunction): string {
  return typeof value === "string" ? value : translateMessage(value, t);
}
