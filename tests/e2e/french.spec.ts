// A French-speaking household on a phone (390 × 844, browser in French) orders from the demo's
// euro hub, Nantes Circuits Courts (prisma/seed-data/nantes.ts): every page it passes is in French
// — no sentence of the English catalogue left on it — with prices in euros written the French way,
// and axe passes on each (./support/journey).
import { expect, test } from "./support/journey";
import type { Page } from "@playwright/test";
import fs from "node:fs";
import { NAMESPACES } from "../../app/locales/languages";
import { nantesLogin } from "../../prisma/seed-data/nantes";

test.use({ viewport: { width: 390, height: 844 }, locale: "fr-FR" });

type Tree = { [key: string]: string | Tree };
const read = (language: string): Record<string, Tree> =>
  Object.fromEntries(
    NAMESPACES.map((ns) => [ns, JSON.parse(fs.readFileSync(`app/locales/${language}/${ns}.json`, "utf8")) as Tree]),
  );
const catalogues = { en: read("en"), fr: read("fr") };

/** A French text of the catalogue: "ns:a.b.c". */
function fr_(key: string): string {
  const [ns, path] = key.split(":") as [string, string];
  let node: string | Tree | undefined = catalogues.fr[ns];
  for (const part of path.split(".")) node = typeof node === "object" ? node[part] : undefined;
  if (typeof node !== "string") throw new Error(`no French text "${key}"`);
  return node;
}

/**
 * English sentences of the catalogue that a French page must not show: whole texts without
 * variables or markup, at least two words and 12 characters, whose French differs.
 */
function englishSentences(): string[] {
  const out: string[] = [];
  const walk = (enNode: string | Tree, frNode: string | Tree | undefined) => {
    if (typeof enNode === "string") {
      if (
        typeof frNode === "string" &&
        frNode !== enNode &&
        enNode.length >= 12 &&
        /\s/.test(enNode) &&
        !/[{}<>]/.test(enNode)
      )
        out.push(enNode);
      return;
    }
    for (const [key, child] of Object.entries(enNode))
      walk(child, typeof frNode === "object" ? frNode[key] : undefined);
  };
  for (const [ns, tree] of Object.entries(catalogues.en)) walk(tree, catalogues.fr[ns]);
  return out;
}
const ENGLISH = englishSentences();

/** The page is French: `lang`, no English sentence of the catalogue, no pound sign. */
async function expectFrench(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  const text = await page.locator("body").innerText();
  const leftovers = ENGLISH.filter((sentence) => text.includes(sentence));
  expect(leftovers, `English left on ${new URL(page.url()).pathname}`).toEqual([]);
  expect(text, "no pound prices on a euro hub").not.toContain("£");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${new URL(page.url()).pathname} fits 390 px`).toBeLessThanOrEqual(1);
}

/** "12,50 €" as French writes it (comma decimals, a no-break space before the sign). */
const EUROS = /\d+,\d{2}[\u00a0\u202f]€/;

test("a French-speaking household orders in French, in euros, from the Nantes hub, on a phone", async ({ page }) => {
  test.setTimeout(90_000);
  const login = nantesLogin("nantesHousehold");

  // A visitor whose browser asks for French gets French before logging in.
  await page.goto("/login");
  await expectFrench(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(fr_("auth:login.title"));
  await page.locator('input[name="email"]').fill(login.email);
  await page.locator('input[name="password"]').fill(login.password);
  await page.getByRole("button", { name: fr_("auth:login.submit") }).click();
  await expect(page).not.toHaveURL(/\/login/);

  // The farm page: French product names (data), euro prices in French format.
  await page.goto("/farms/ferme-du-bois-joli");
  await expectFrench(page);
  const card = page.locator("li.product-card").filter({ hasText: "Pommes de terre" });
  await expect(card).toContainText(EUROS);
  await card.getByRole("spinbutton").fill("5");
  await card.locator('button[type="submit"]').click();
  await expect(card.getByRole("status")).toBeVisible();

  // The basket, in euros, above the hub's 10 € minimum (5 kg at 2,20 €).
  await page.goto("/basket");
  await expectFrench(page);
  await expect(page.getByRole("main")).toContainText("Pommes de terre");
  await expect(page.getByRole("main")).toContainText(EUROS);

  // Checkout: home delivery to the saved address, paid on delivery.
  await page.locator('main a[href^="/checkout"]').first().click();
  await expect(page).toHaveURL(/\/checkout/);
  await expectFrench(page);
  await expect(page.getByRole("main")).toContainText("Livraison du");
  await page.locator('input[name="fulfilment"][value="DELIVERY"]').check();
  await page.locator('input[name="paymentMethod"][value="ON_DELIVERY"]').check();
  await expect(page.getByRole("main")).toContainText(EUROS);
  await page.locator('main form[method="post"] button[type="submit"]').last().click();

  // The order page: placed, in French, in euros, for the Nantes cycle.
  await expect(page).toHaveURL(/\/orders\/[^/?]+/);
  await expectFrench(page);
  await expect(page.getByRole("main")).toContainText("Pommes de terre");
  await expect(page.getByRole("main")).toContainText("Livraison du");
  await expect(page.getByRole("main")).toContainText(EUROS);
  await expect(page.getByRole("main")).toContainText("8 rue de Strasbourg");

  // The order history lists it, in French, delivered on the cycle's day in Nantes (midnight in
  // Paris is still the day before in London).
  const deliveryDay = /Livraison du \S+ (\d+)/u.exec((await page.getByRole("main").innerText()) ?? "")![1]!;
  await page.goto("/orders");
  await expectFrench(page);
  await expect(page.getByRole("main")).toContainText(EUROS);
  await expect(page.getByRole("main").locator("tbody tr").first().locator("td").nth(1)).toHaveText(
    new RegExp(`(^|\\s)${deliveryDay}\\s`),
  );

  // The account and the carbon method page (its steps and caveats come from the domain's rules).
  for (const path of ["/account", "/carbon", "/map", "/search?q=pain"]) {
    await page.goto(path);
    await expectFrench(page);
  }
});
