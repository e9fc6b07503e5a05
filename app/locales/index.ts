// The languages and their catalogues (docs/decisions/025-i18n.md). Server code and tests import
// this module; browser code imports `~/locales/languages` and loads one catalogue with
// `~/locales/load`, so a page never downloads every language.
import type { Language, Namespace } from "./languages";
import en from "./en";
import fr from "./fr";

export * from "./languages";

export type Catalogue = Record<Namespace, Record<string, unknown>>;

/** Every catalogue, bundled with the server (no HTTP backend: nothing to fetch at run time). */
export const resources: Record<Language, Catalogue> = { en, fr };
