// On a phone (390 × 844): the header is one line with the basket and a Menu button; the menu
// opens and closes from the keyboard, closes when a link is followed, and the basket shows how
// many lines it holds.
import { expect, test } from "@playwright/test";
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
