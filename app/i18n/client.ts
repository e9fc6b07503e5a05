// i18next in the browser (docs/decisions/025-i18n.md): started by entry.client.tsx before
// hydration with the catalogue of the language the server rendered (`<html lang>`), so the first
// client render says exactly what the server sent. Other languages load when the page switches.
import i18next, { type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { loadCatalogue } from "~/locales/load";
import { DEFAULT_LANGUAGE, isLanguage, NAMESPACES, type Language } from "~/locales/languages";
import { I18N_OPTIONS, setTranslationSource } from "./i18n";

async function addCatalogue(instance: I18n, language: Language): Promise<void> {
  if (instance.hasResourceBundle(language, "common")) return;
  const catalogue = await loadCatalogue(language);
  for (const namespace of NAMESPACES) instance.addResourceBundle(language, namespace, catalogue[namespace], true, true);
}

/** The page's i18next instance, in the language the server rendered it in. */
export async function startClientI18n(): Promise<I18n> {
  const lang = document.documentElement.lang;
  const language = isLanguage(lang) ? lang : DEFAULT_LANGUAGE;
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({ ...I18N_OPTIONS, lng: language, resources: {} });
  await addCatalogue(instance, language);
  setTranslationSource((namespace, wanted) =>
    instance.getFixedT(
      isLanguage(wanted) && instance.hasResourceBundle(wanted, namespace) ? wanted : instance.language,
      namespace,
    ),
  );
  return instance;
}

/** Switches the page to `language` (after a log-in or a saved choice), loading its catalogue first. */
export async function switchClientLanguage(instance: I18n, language: Language): Promise<void> {
  if (instance.language === language) return;
  await addCatalogue(instance, language);
  await instance.changeLanguage(language);
}
