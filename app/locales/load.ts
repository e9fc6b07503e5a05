// Loads one language's catalogue in the browser: each language is its own chunk, fetched once.
import type { Catalogue } from "./index";
import type { Language } from "./languages";

const LOADERS: Record<Language, () => Promise<{ default: Catalogue }>> = {
  en: () => import("./en"),
  fr: () => import("./fr"),
};

export async function loadCatalogue(language: Language): Promise<Catalogue> {
  return (await LOADERS[language]()).default;
}
