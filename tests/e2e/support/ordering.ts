// Helpers for the ordering journeys (household.spec.ts, restaurant.spec.ts). They read prices,
// stock and minimums from the pages, never from the seed, so the journeys survive other specs
// buying from the same seeded server and the demo prices changing.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";
import { DEMO_FARM_NAME, FARMS } from "../../../prisma/seed-data/farms";
import { slugify } from "../../../prisma/seed-data/build";

export async function logIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
}

/** Signs up a new household through the form; it lands on the map. */
export async function signUpHousehold(page: Page, name: string) {
  await page.goto("/signup");
  await page.getByLabel("Household").check();
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email").fill(`${name.toLowerCase().replace(/\W+/g, "-")}-${Date.now()}@example.test`);
  await page.getByLabel("Password").fill("a-long-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/map/);
}

/** Removes whatever another journey may have left in this buyer's basket. */
export async function emptyBasket(page: Page) {
  await page.goto("/basket");
  const remove = page.getByRole("button", { name: /^Remove / });
  for (let left = await remove.count(); left > 0; left = await remove.count()) {
    await remove.first().click();
    await expect(remove).toHaveCount(left - 1);
  }
  await expect(page.getByRole("heading", { name: "Your basket is empty" })).toBeVisible();
}

/** Parses "£12.34" (or "12.34") into minor units. */
export function minorOf(text: string): number {
  const match = /(-?)£?\s*([\d,]+)(?:\.(\d{1,2}))?/.exec(text);
  if (!match) throw new Error(`no amount in "${text}"`);
  const pounds = Number(match[2]!.replace(/,/g, ""));
  const pence = Number((match[3] ?? "0").padEnd(2, "0"));
  return (match[1] ? -1 : 1) * (pounds * 100 + pence);
}

export interface PickedProduct {
  farmName: string;
  farmSlug: string;
  productName: string;
  card: Locator;
  /** Stock on the card, in the unit (from the quantity input's max). */
  stock: number;
  /** Quantity step of the input (1 for whole units). */
  step: number;
  /** The card's wholesale minimum, when it sells wholesale. */
  wholesaleMinimum: number | null;
}

/** The seeded farms other than the demo farmer's (whose farm other journeys edit). */
const CANDIDATE_FARMS = FARMS.filter((f) => f.name !== DEMO_FARM_NAME && !f.demo);

/**
 * Finds, on a farm page, a product a buyer can add with at least `minStockFactor` × the quantity
 * needed in stock, skipping the farms in `exclude`. `wholesale`: only products with a wholesale
 * price and enough stock for `minStockFactor` × the wholesale minimum.
 */
export async function pickProduct(
  page: Page,
  {
    exclude = [],
    wholesale = false,
    units = 2,
    minStockFactor = 5,
  }: { exclude?: string[]; wholesale?: boolean; units?: number; minStockFactor?: number } = {},
): Promise<PickedProduct> {
  for (const farm of CANDIDATE_FARMS) {
    if (exclude.includes(farm.name)) continue;
    const slug = slugify(farm.name);
    const response = await page.goto(`/farms/${slug}`);
    if (!response?.ok()) continue;
    const cards = page.locator("li.product-card");
    const count = await cards.count();
    for (let i = 0; i < count; i++) {
      const card = cards.nth(i);
      const button = card.getByRole("button", { name: "Add to basket" });
      if ((await button.count()) === 0 || !(await button.isEnabled())) continue;
      const input = card.locator('input[name="quantity"]');
      const max = Number(await input.getAttribute("max"));
      const step = Number(await input.getAttribute("step"));
      // Whole units only: the journeys type whole numbers.
      if (!Number.isFinite(max) || step !== 1) continue;
      const text = (await card.textContent()) ?? "";
      const wholesaleMatch = /Wholesale £[\d.,]+ .*? from (\d+(?:\.\d+)?)/.exec(text);
      const wholesaleMinimum = wholesaleMatch ? Number(wholesaleMatch[1]) : null;
      if (
        wholesale &&
        (wholesaleMinimum === null || !Number.isInteger(wholesaleMinimum) || max < wholesaleMinimum * minStockFactor)
      )
        continue;
      if (!wholesale && max < units * minStockFactor) continue;
      const productName = ((await card.getByRole("heading", { level: 4 }).textContent()) ?? "").trim();
      return { farmName: farm.name, farmSlug: slug, productName, card, stock: max, step, wholesaleMinimum };
    }
  }
  throw new Error(`no ${wholesale ? "wholesale " : ""}product with enough stock on the demo farms`);
}

/** Adds `quantity` of the picked product from its card (the page must still be its farm page). */
export async function addToBasket(page: Page, product: PickedProduct, quantity: number) {
  await expect(page).toHaveURL(new RegExp(`/farms/${product.farmSlug}$`));
  const form = page.getByRole("form", { name: `Add ${product.productName} to basket` });
  await form.getByRole("spinbutton").fill(String(quantity));
  await form.getByRole("button", { name: "Add to basket" }).click();
  await expect(form.getByRole("status")).toContainText("View basket");
}

/** The basket line of a product. */
export function basketLine(page: Page, productName: string): Locator {
  return page.getByTestId("basket-line").filter({ has: page.locator(".basket-line-name", { hasText: productName }) });
}

/** Sets a basket line's quantity and waits for the saved value to come back. */
export async function setLineQuantity(page: Page, productName: string, quantity: number) {
  const line = basketLine(page, productName);
  await line.getByRole("spinbutton").fill(String(quantity));
  await line.getByRole("button", { name: "Update" }).click();
  await expect(line.getByRole("button", { name: "Update" })).toBeEnabled();
  await expect(line.getByRole("spinbutton")).toHaveValue(String(quantity));
}

/**
 * When the basket is below the hub's minimum, raises `productName`'s quantity by what the page
 * says is missing (read from the warning and the line's unit price).
 */
export async function reachMinimum(page: Page, productName: string, current: number) {
  const warning = page.getByRole("status").filter({ hasText: "The minimum order is" });
  if ((await warning.count()) === 0) return current;
  const missing = minorOf(/Add (£[\d.,]+) more/.exec((await warning.textContent()) ?? "")![1]!);
  const meta = (await basketLine(page, productName).locator(".basket-line-meta").textContent()) ?? "";
  const unitPrice = minorOf(meta);
  const quantity = current + Math.ceil(missing / unitPrice);
  await setLineQuantity(page, productName, quantity);
  await expect(warning).toHaveCount(0);
  return quantity;
}

/** axe (WCAG 2 A and AA) on the current page: no violations. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `axe on ${page.url()}`).toEqual([]);
}

/**
 * Waits until Remix has hydrated the page. The card checkout needs it: Remix follows the redirect
 * to the Checkout page with `window.location`, while a native form post (before hydration) is
 * held to the CSP's form-action, which allows https://checkout.stripe.com but not the local fake.
 */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(
    () =>
      (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state
        .initialized === true,
  );
}
