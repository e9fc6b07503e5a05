// i18next set-up shared by the server and the browser (docs/decisions/025-i18n.md), and the one
// place code outside React finds the translation of the current request or page: zod messages
// (app/utils/zod-messages.ts, `lazyT` in schemas) and route `meta` functions (`metaT`).
// Client-safe: no catalogue is imported here.
import type { InitOptions, TFunction } from "i18next";
import { setMessageRenderer } from "~/domain/message";
import { DEFAULT_LANGUAGE, isLanguage, NAMESPACES, SUPPORTED_LANGUAGES, type Namespace } from "~/locales/languages";
import { translateMessage } from "./messages";

export type { TFunction };

/** The options every i18next instance of the app starts from. */
export const I18N_OPTIONS = {
  supportedLngs: [...SUPPORTED_LANGUAGES],
  fallbackLng: DEFAULT_LANGUAGE,
  ns: [...NAMESPACES],
  defaultNS: "common",
  // React escapes what it renders; email and CSV code escapes for its own format.
  interpolation: { escapeValue: false },
  returnNull: false,
  returnEmptyString: false,
  // Catalogues are in memory before init: no backend, no waiting.
  initAsync: false,
  react: { useSuspense: false },
} satisfies InitOptions;

/**
 * The t function of a namespace, for the current request (server) or page (browser); `language`
 * asks for another language. Registered by entry.server.tsx, entry.client.tsx and the test setup.
 */
export type TranslationSource = (namespace: Namespace, language?: string) => TFunction;

let source: TranslationSource | null = null;

export function setTranslationSource(next: TranslationSource): void {
  source = next;
  // Domain messages (zod messages, parse errors) are rendered in the same language.
  setMessageRenderer((message) => translateMessage(message));
}

// Before anything registered (a script that never starts the app): the key itself.
const untranslated = ((key: string | string[]) => (Array.isArray(key) ? key[0] : key)) as unknown as TFunction;

/** The t function for the current request (on the server) or the page's language (in the browser). */
export function currentT(namespace: Namespace = "common", language?: string): TFunction {
  return source ? source(namespace, language) : untranslated;
}

/**
 * A message translated when it is shown, not when the module loads: for zod schemas defined once
 * at module level, `z.string({ error: lazyT("validation:fields.email.required") })`. The key carries its
 * namespace ("auth:login.passwordRequired").
 */
export function lazyT(key: string, values?: Record<string, unknown>): () => string {
  return () => String(currentT("common")(key, values ?? {}));
}

/**
 * The t function for a route's `meta`: the language of the page (the root loader's `locale`),
 * e.g. `export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "auth")("login.title") }]`.
 */
export function metaT(matches: ReadonlyArray<{ id: string; data?: unknown }>, namespace: Namespace): TFunction {
  const data = matches.find((match) => match.id === "root")?.data as { locale?: unknown } | undefined;
  return currentT(namespace, isLanguage(data?.locale) ? data.locale : undefined);
}
