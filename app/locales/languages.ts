// The languages Foodshed speaks, without their catalogues: safe to import from browser code (the
// catalogues are loaded one language at a time, app/locales/load.ts). docs/decisions/025-i18n.md.

/** Every language with a complete catalogue. The first is the fallback. */
export const SUPPORTED_LANGUAGES = ["en", "fr"] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = "en";

/** The catalogue files of each language: app/locales/<language>/<namespace>.json. */
export const NAMESPACES = [
  "common",
  "validation",
  "auth",
  "buyer",
  "farmer",
  "hub",
  "admin",
  "email",
  "discover",
  "messages",
] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** Each language in its own words, for the language choosers. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: "English",
  fr: "Français",
};

/** The locale `Intl` formats numbers, money and dates with for each language. */
export const INTL_LOCALES: Record<Language, string> = {
  en: "en-GB",
  fr: "fr-FR",
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

/** The Intl locale of a language; en-GB for anything unknown. */
export function intlLocale(language: string | null | undefined): string {
  return isLanguage(language) ? INTL_LOCALES[language] : INTL_LOCALES[DEFAULT_LANGUAGE];
}
