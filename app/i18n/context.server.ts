// The language of the request being answered, without passing it down every call
// (docs/decisions/025-i18n.md). server.js runs each request inside `runWithRequestLanguage`
// (exported by entry.server.tsx), so the loaders, actions, services and the render it leads to
// share one context; AsyncLocalStorage keeps concurrent requests apart. Outside a request (a
// scheduled job, a test calling a loader directly) the language is English.
import { AsyncLocalStorage } from "node:async_hooks";
import { DEFAULT_LANGUAGE, isLanguage, type Language } from "~/locales/languages";
import { requestLanguage } from "./resolve.server";

interface RequestLanguage {
  /** From the cookie, else the browser's Accept-Language, else English. */
  fromRequest: Language;
  /** The signed-in user's saved choice once the session was read: undefined until then. */
  saved?: string | null;
}

const storage = new AsyncLocalStorage<RequestLanguage>();

/** Runs `fn` (the whole handling of `request`) with the request's language as the current one. */
export function runWithRequestLanguage<T>(request: Request, fn: () => T): T {
  return storage.run({ fromRequest: requestLanguage(request) }, fn);
}

/**
 * Called by the session reader (utils/session.server.ts) when it finds who is signed in: from then
 * on the user's saved language (if any) wins over the cookie and the browser. The root loader and
 * every guard read the session first, so a page's text and its messages agree.
 */
export function noteSignedInUserLanguage(saved: string | null): void {
  const context = storage.getStore();
  if (context) context.saved = saved;
}

/** The language of the current request; English outside one. */
export function currentLanguage(): Language {
  const context = storage.getStore();
  if (!context) return DEFAULT_LANGUAGE;
  return isLanguage(context.saved) ? context.saved : context.fromRequest;
}
