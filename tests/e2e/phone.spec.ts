// On a phone (390 × 844): the header is one line with the basket and a Menu button; the menu
// opens and closes from the keyboard, closes when a link is followed, and the basket shows how
// many lines it holds. A farmer prints the pick list and downloads it.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { demoLogin } from "../../prisma/seed-data/logins";
import { addToBasket, expectNoAxeViolations, pickProduct, waitForHydration } from "./support/ordering";

test.use({ viewport: { width: 390, height: 844 } });

test("a new household uses the folded menu and sees its basket count", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Household").check();
  await page.getByLabel("Your name").fill("Pat Phone");
  await page.getByLabel("Email").fill(`pat-${Date.now()}@example.test`);
  await page.getByLabel("Password").fill("a-long-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/map/);
  await waitForHydration(page);

  const header = page.locator(".site-header");
  const headerBox = await header.boundingBox();
  expect(headerBox!.height, "the header is one line on a phone").toBeLessThan(80);
  const menu = page.getByRole("link", { name: "Menu" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();

  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "My orders" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.keyboard.press("Enter");
  await expect(nav).toBeHidden();

  const product = await pickProduct(page, { units: 1 });
  await addToBasket(page, product, 1);
  await expect(page.locator(".header-basket")).toHaveAccessibleName(/^Basket\s?, 1 item$/);

  await menu.click();
  await nav.getByRole("link", { name: /My orders/ }).click();
  await expect(page).toHaveURL(/\/orders$/);
  await expect(nav).toBeHidden();
  await page.locator(".header-basket").click();
  await expect(page).toHaveURL(/\/basket$/);
  await expect(page.getByText(product.productName).first()).toBeVisible();
});

test("a farmer prints the pick list and downloads it as CSV, on a phone", async ({ page }) => {
  const farmer = demoLogin("farmer");
  // On a phone "Log out" is inside the folded menu: log in by hand.
  await page.goto("/login");
  await page.getByLabel("Email").fill(farmer.email);
  await page.getByLabel("Password").fill(farmer.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto("/farm/orders");
  await waitForHydration(page);
  await expect(page.getByRole("heading", { name: "To pick" })).toBeVisible();
  // Phone-first: the table fits the screen or scrolls inside its own box, never the page.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "no sideways scrolling of the page").toBeLessThanOrEqual(1);
  // Chilled products are marked in words, and every line has a tick box.
  const pick = page.getByRole("table", { name: "Products to pick" });
  await expect(pick.getByRole("checkbox").first()).toBeVisible();
  await pick.getByRole("checkbox").first().check();
  await expect(pick.getByRole("checkbox").first()).toBeChecked();
  await expect(page.getByRole("table", { name: "Order lines" }).getByText("Chilled").first()).toBeVisible();
  await expectNoAxeViolations(page);

  await page.evaluate(() => {
    const w = window as unknown as { printed: number; print: () => void };
    w.printed = 0;
    w.print = () => void w.printed++;
  });
  await page.getByRole("button", { name: "Print pick list" }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/-pick-list\.csv$/);
  const csv = fs.readFileSync(await download.path(), "utf8");
  const lines = csv.split(/\r?\n/);
  expect(lines[0]).toMatch(/^Pick list,/);
  expect(lines).toContain("Product,Quantity,Unit,Weight (kg),Chilled,Orders,Value,Picked");
  expect(csv).toMatch(/,yes,\d+,[\d.]+,\r?\n/);
});
