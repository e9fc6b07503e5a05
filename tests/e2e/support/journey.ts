// The journeys' `test`: after each journey, every page of the app it visited is opened again (in
// the same browser context, so with the same log-in and viewport) and checked with axe (WCAG 2 A
// and AA). A page is checked once per run, keyed by its path with ids replaced and its query's
// parameter names, so the suite stays fast while no visited page goes unchecked.
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect } from "@playwright/test";

const checked = new Set<string>();

/** "/orders/cmx1…?placed=1" → "/orders/:id?placed": one key per page of the app. */
export function pageKey(url: URL): string {
  const path = url.pathname
    .split("/")
    .map((part) => (/^[a-z0-9]{20,}$/i.test(part) || /^\d+$/.test(part) || /^cs_/.test(part) ? ":id" : part))
    .join("/");
  const names = [...new Set(url.searchParams.keys())].sort().join("&");
  return names ? `${path}?${names}` : path;
}

export const test = base.extend<{ axeEveryPage: void }>({
  axeEveryPage: [
    async ({ page, context, baseURL }, use) => {
      const visited = new Map<string, string>();
      const origin = new URL(baseURL!).origin;
      page.on("framenavigated", (frame) => {
        if (frame !== page.mainFrame()) return;
        const url = new URL(frame.url());
        if (url.origin !== origin) return;
        const key = pageKey(url);
        if (!checked.has(key) && !visited.has(key)) visited.set(key, url.href);
      });
      await use();
      const problems: string[] = [];
      for (const [key, href] of visited) {
        if (checked.has(key)) continue;
        checked.add(key);
        const again = await context.newPage();
        try {
          const response = await again.goto(href, { waitUntil: "load" });
          // A file download or a redirect to another site is not a page to check.
          if (!response || !new URL(again.url()).href.startsWith(origin)) continue;
          if (!(response.headers()["content-type"] ?? "").includes("text/html")) continue;
          await again.waitForLoadState("networkidle").catch(() => undefined);
          const results = await new AxeBuilder({ page: again }).withTags(["wcag2a", "wcag2aa"]).analyze();
          for (const violation of results.violations) {
            problems.push(
              `${key}: ${violation.id} (${violation.help}) at ${violation.nodes.map((n) => n.target.join(" ")).join(", ")}`,
            );
          }
        } catch (error) {
          // A page that starts a download instead of rendering ("Download is starting").
          if (!String(error).includes("Download is starting")) throw error;
        } finally {
          await again.close();
        }
      }
      expect(problems, "axe on every page this journey visited").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
