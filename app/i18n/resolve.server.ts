// Which language a request is answered in (docs/decisions/025-i18n.md): the signed-in user's saved
// choice > the `foodshed_lng` cookie (a visitor's choice in the footer) > the best match of the
// browser's Accept-Language > English.
import { DEFAULT_LANGUAGE, isLanguage, SUPPORTED_LANGUAGES, type Language } from "~/locales/languages";

export const LANGUAGE_COOKIE = "foodshed_lng";
const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

// A header is at most this long, with at most this many entries; the rest is ignored.
const MAX_HEADER_LENGTH = 1024;
const MAX_ENTRIES = 32;

/**
 * The language ranges of an Accept-Language header, most wanted first (q-value, then order).
 * Entries with q=0 or a malformed q are dropped; tags are lower-cased.
 */
export function parseAcceptLanguage(header: string | null | undefined): Array<{ tag: string; q: number }> {
  if (!header) return [];
  const entries: Array<{ tag: string; q: number; index: number }> = [];
  for (const [index, part] of header.slice(0, MAX_HEADER_LENGTH).split(",").slice(0, MAX_ENTRIES).entries()) {
    const [rawTag, ...params] = part.trim().split(";");
    const tag = rawTag?.trim().toLowerCase() ?? "";
    if (!/^(\*|[a-z]{1,8}(-[a-z0-9]{1,8})*)$/.test(tag)) continue;
    let q = 1;
    for (const param of params) {
      const [name, value] = param.split("=").map((s) => s.trim().toLowerCase());
      if (name !== "q") continue;
      q = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value ?? "") ? Number(value) : -1;
    }
    if (q > 0) entries.push({ tag, q, index });
  }
  return entries.sort((a, b) => b.q - a.q || a.index - b.index).map(({ tag, q }) => ({ tag, q }));
}

/**
 * The supported language the browser wants most: an exact tag ("fr"), else a tag's primary
 * language ("fr-CA" → fr). Null when none matches (a "*" alone does not choose one).
 */
export function matchAcceptLanguage(header: string | null | undefined): Language | null {
  for (const { tag } of parseAcceptLanguage(header)) {
    const primary = tag.split("-")[0];
    const match = SUPPORTED_LANGUAGES.find((language) => language === tag || language === primary);
    if (match) return match;
  }
  return null;
}

/** The visitor's choice from the `foodshed_lng` cookie, or null (absent or not a language we have). */
export function languageFromCookie(cookieHeader: string | null | undefined): Language | null {
  if (!cookieHeader) return null;
  for (const pair of cookieHeader.split(";")) {
    const [name, value] = pair.split("=").map((s) => s.trim());
    if (name === LANGUAGE_COOKIE && isLanguage(value)) return value;
  }
  return null;
}

export interface LanguageSources {
  /** The signed-in user's saved choice: null follows the browser, undefined is nobody signed in. */
  saved?: string | null;
  cookie?: string | null;
  acceptLanguage?: string | null;
}

export function resolveLanguage({ saved, cookie, acceptLanguage }: LanguageSources): Language {
  if (isLanguage(saved)) return saved;
  if (isLanguage(cookie)) return cookie;
  return matchAcceptLanguage(acceptLanguage) ?? DEFAULT_LANGUAGE;
}

/** The language of a request, given who is signed in (if anyone). */
export function requestLanguage(request: Request, user?: { locale: string | null } | null): Language {
  return resolveLanguage({
    saved: user?.locale,
    cookie: languageFromCookie(request.headers.get("Cookie")),
    acceptLanguage: request.headers.get("Accept-Language"),
  });
}

/**
 * The Set-Cookie value that remembers a visitor's language for a year, or forgets it (null: follow
 * the browser again). httpOnly: only the server reads it.
 */
export function languageCookie(language: Language | null, { secure = false }: { secure?: boolean } = {}): string {
  const attributes = ["Path=/", "HttpOnly", "SameSite=Lax", ...(secure ? ["Secure"] : [])];
  return language
    ? [`${LANGUAGE_COOKIE}=${language}`, `Max-Age=${ONE_YEAR_SECONDS}`, ...attributes].join("; ")
    : [`${LANGUAGE_COOKIE}=`, "Max-Age=0", ...attributes].join("; ");
}
