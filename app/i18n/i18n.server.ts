// Translation on the server (docs/decisions/025-i18n.md): one i18next instance holding every
// catalogue, never switched to another language. `serverT` answers in the current request's
// language, `tFor` in a language of your choice (an email to someone else: their saved locale),
// and each page render gets its own clone fixed to the page's language, so concurrent requests in
// different languages never share a mutable language.
import i18next, { type i18n as I18n, type TFunction } from "i18next";
import { initReactI18next } from "react-i18next";
import { DEFAULT_LANGUAGE, isLanguage, resources, type Language, type Namespace } from "~/locales";
import { makeFormatter, type Formatter } from "./format";
import { getEnv } from "~/utils/env.server";
import { I18N_OPTIONS, setTranslationSource } from "./i18n";
import { currentLanguage } from "./context.server";
import { languageCookie } from "./resolve.server";

export { currentLanguage, noteSignedInUserLanguage, runWithRequestLanguage } from "./context.server";
export { LANGUAGE_COOKIE, languageFromCookie, requestLanguage, resolveLanguage } from "./resolve.server";

const base: I18n = i18next.createInstance();
// initReactI18next lets react-i18next read the instance's `react` options; the render passes its
// own clone through <I18nextProvider>.
void base.use(initReactI18next).init({ ...I18N_OPTIONS, lng: DEFAULT_LANGUAGE, resources });

const languageOrDefault = (language: string | null | undefined): Language =>
  isLanguage(language) ? language : DEFAULT_LANGUAGE;

/** The t function of the current request's language (English outside a request). */
export function serverT(namespace: Namespace = "common"): TFunction {
  return base.getFixedT(currentLanguage(), namespace);
}

/** The t function of `language` (English when null or unknown): for a message to someone else. */
export function tFor(language: string | null | undefined, namespace: Namespace = "common"): TFunction {
  return base.getFixedT(languageOrDefault(language), namespace);
}

/** Numbers, money, dates and units in the current request's language, or in `language`. */
export function serverFormat(language?: string | null): Formatter {
  const chosen = language === undefined ? currentLanguage() : languageOrDefault(language);
  return makeFormatter(chosen, base.getFixedT(chosen, "common"));
}

/**
 * The Set-Cookie header that remembers a visitor's language (null forgets it: follow the browser).
 * Secure in production over https, like the session cookie.
 */
/** A span of time in words, to the minute (at least one): "45 min", "2 h", "4 h 3 min". */
export function serverDuration(seconds: number): string {
  const t = serverT("messages");
  const total = Math.max(1, Math.round(seconds / 60));
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  if (hours === 0) return t("duration.minutes", { minutes });
  if (minutes === 0) return t("duration.hours", { hours });
  return t("duration.hoursMinutes", { hours, minutes });
}

export function languageCookieHeader(language: Language | null): string {
  const env = getEnv();
  return languageCookie(language, { secure: env.NODE_ENV === "production" && !env.APP_URL?.startsWith("http://") });
}

/** A fresh instance for one page render, fixed to the page's language. */
export function i18nForRender(language: Language): I18n {
  return base.cloneInstance({ lng: language });
}

/**
 * Makes `currentT`, `lazyT` and `metaT` (app/i18n/i18n.ts) answer from the server's catalogues in
 * the current request's language. Called once by entry.server.tsx and by the test setup.
 */
export function installServerTranslations(): void {
  setTranslationSource((namespace, language) =>
    base.getFixedT(language === undefined ? currentLanguage() : languageOrDefault(language), namespace),
  );
}
