// Where to send the user after log-in, sign-up or a password reset: a path on this site only.

// Any origin works for resolving: the check is that the target stays on it.
const ORIGIN = "http://foodshed.invalid";

/**
 * A redirect target from user input. Resolves it against the site's origin exactly as a browser
 * would and accepts it only when it stays on that origin; answers the re-serialised path, query and
 * fragment (so what the browser follows is what was checked). Control characters (tab, CR, LF —
 * which browsers strip or which break the header) and backslashes (which browsers read as
 * slashes) are refused outright.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to === "" || to.length > 2048) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  if (!to.startsWith("/") || to.startsWith("//")) return fallback;
  let url: URL;
  try {
    url = new URL(to, ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== ORIGIN) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path that re-serialises to a protocol-relative one ("/.//evil" → "//evil") is refused too.
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  return path;
}
