// Every download a person can reach works: as each demo role, crawl the pages their links lead to
// (same origin, bounded), collect every download link (an <a download> or a .csv address) and
// request it the way the browser would: 200, a CSV content type and an attachment file name.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { BASE_URL, loggedInAs } from "./support/client";

const ROLES = ["farmer", "coordinator", "household", "restaurant", "admin"] as const;
const MAX_PAGES = 60;
const MAX_DEPTH = 3;
// Addresses that are not pages a person reads (assets, map tiles, photos, data endpoints).
const SKIP = /^\/(build|tiles|uploads|api|webhooks|healthz)\b|^\/logout\b/;

function links(html: string): Array<{ href: string; download: boolean }> {
  const found: Array<{ href: string; download: boolean }> = [];
  for (const match of html.matchAll(/<a\b[^>]*>/gi)) {
    const tag = match[0];
    const href = /\bhref="([^"]*)"/i.exec(tag)?.[1]?.replace(/&amp;/g, "&");
    if (!href || !href.startsWith("/") || href.startsWith("//")) continue;
    found.push({ href, download: /\sdownload(\s|=|>|$)/i.test(tag) || /\.csv(\?|$)/.test(href) });
  }
  return found;
}

async function crawl(client: APIRequestContext) {
  const seen = new Set<string>();
  const downloads = new Map<string, string>();
  let frontier = ["/"];
  for (let depth = 0; depth <= MAX_DEPTH && frontier.length > 0 && seen.size < MAX_PAGES; depth++) {
    const next: string[] = [];
    for (const path of frontier) {
      if (seen.has(path) || seen.size >= MAX_PAGES) continue;
      seen.add(path);
      const response = await client.get(path);
      expect(response.status(), `GET ${path}`).toBeLessThan(500);
      if (!(response.headers()["content-type"] ?? "").includes("text/html")) continue;
      for (const link of links(await response.text())) {
        if (link.download) downloads.set(link.href, path);
        else if (!SKIP.test(link.href) && !seen.has(link.href)) next.push(link.href.split("#")[0]!);
      }
    }
    frontier = [...new Set(next)];
  }
  return { pages: seen.size, downloads };
}

for (const role of ROLES) {
  test(`every download the ${role} can reach answers with the file`, async () => {
    const client = await loggedInAs(`${role}@foodshed.test`);
    const { pages, downloads } = await crawl(client);
    expect(pages).toBeGreaterThan(1);
    for (const [href, from] of downloads) {
      const response = await client.get(href);
      const what = `${href} (linked from ${from})`;
      expect(response.status(), what).toBe(200);
      expect(response.headers()["content-type"], what).toMatch(/^text\/csv; charset=utf-8/);
      expect(response.headers()["content-disposition"], what).toMatch(/^attachment; filename="[\w.-]+\.csv"$/);
      const body = await response.text();
      expect(body.split(/\r?\n/)[0]!.length, `${what}: a header row`).toBeGreaterThan(0);
    }
    console.log(
      `[downloads] ${role}: ${pages} pages crawled, ${downloads.size} downloads: ${[...downloads.keys()].join(" ")}`,
    );
    if (role === "farmer" || role === "coordinator") expect(downloads.size, `${role} has downloads`).toBeGreaterThan(0);
  });
}

test("a download is refused to someone else: the coordinator's files are 404 or a log-in for other roles", async () => {
  const coordinator = await loggedInAs("coordinator@foodshed.test");
  const { downloads } = await crawl(coordinator);
  const farmer = await loggedInAs("farmer@foodshed.test");
  for (const href of downloads.keys()) {
    const response = await farmer.get(href);
    expect([302, 403, 404], `${href} as the farmer`).toContain(response.status());
  }
  expect(BASE_URL).toMatch(/^http/);
});
