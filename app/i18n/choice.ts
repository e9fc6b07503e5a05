// A language choice as the forms send it: a language code, or "auto" to follow the browser.
// Shared by the account page and the footer's chooser (routes/language.tsx). Client-safe.
import { z } from "zod";
import { SUPPORTED_LANGUAGES, type Language } from "~/locales/languages";
import { lazyT } from "./i18n";

export const LANGUAGE_CHOICES = ["auto", ...SUPPORTED_LANGUAGES] as const;
export type LanguageChoice = (typeof LANGUAGE_CHOICES)[number];

export const LanguageChoiceSchema = z.enum(LANGUAGE_CHOICES, { error: lazyT("validation:language.choose") });

/** What is saved on the user: the language, or null to follow the browser. */
export function localeFromChoice(choice: LanguageChoice): Language | null {
  return choice === "auto" ? null : choice;
}
