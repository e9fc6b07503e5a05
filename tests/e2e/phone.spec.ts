// On a phone (390 × 844): the header is one line with the basket and a Menu button; the menu
// opens and closes from the keyboard, closes when a link is followed, and the basket shows how
// many lines it holds. A farmer prints the pick list and downloads it.
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/journey";
import { demoLogin } from "../../prisma/seed-data/logins";
import {
  addToBasket,
  expectNoAxeViolations,
  pickProduct,
  reachMinimum,
  signUpHousehold,
  waitForHydration,
} from "./support/ordering";

test.use({ viewport: { width: 390, height: 844 } });

test("a new household uses the folded menu and sees its basket count", async ({ page }) => {
  await signUpHousehold(page, "Pat Phone");
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
  await logInOnPhone(page, farmer.email, farmer.password);
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

/** Logs in through the form (on a phone "Log out" sits in the folded menu). */
async function logInOnPhone(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

test("a new household without a geocoder places its address with the pin and orders for the second open cycle, on a phone", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  // The coordinator opens a second cycle (its own delivery day, unique per run).
  const coordinator = demoLogin("coordinator");
  const hubPage = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await logInOnPhone(hubPage, coordinator.email, coordinator.password);
  const offset = 270 + (Math.floor(Date.now() / 60_000) % 60);
  const cycleName = `Phone cycle ${offset}`;
  await hubPage.goto("/hub/cycles/new");
  await hubPage.getByLabel("Name").fill(cycleName);
  await hubPage.getByLabel("Delivery date").fill(isoDay(offset));
  await hubPage.getByLabel("Ordering opens").fill(`${isoDay(-1)}T09:00`);
  await hubPage.getByLabel("Cut-off").fill(`${isoDay(offset - 2)}T18:00`);
  await hubPage.getByLabel("Delivery slots").fill("09:00-12:00");
  await hubPage.getByRole("button", { name: "Create cycle" }).click();
  await expect(hubPage.getByRole("heading", { level: 1 })).toHaveText(cycleName);
  await hubPage.close();

  // A new household: no address, no geocoder — the account page has the pin picker.
  await signUpHousehold(page, "Pia Pin");
  await page.goto("/account");
  await waitForHydration(page);
  await expect(page.getByLabel("Find address"), "no address search without a geocoder").toHaveCount(0);
  const accountMap = page.getByRole("region", { name: /Your location map/ });
  await expect(accountMap.locator(".leaflet-container")).toBeVisible();
  await expect(page.getByLabel("Latitude")).toHaveValue("");
  // The map opens on the hub: a tap in its middle is inside the delivery zone.
  await accountMap.locator(".leaflet-container").click();
  await expect(accountMap.locator(".leaflet-marker-icon")).toHaveCount(1);
  await expect(page.getByLabel("Latitude")).toHaveValue(/^-?\d+\.\d{6}$/);
  await expect(page.getByLabel("Longitude")).toHaveValue(/^-?\d+\.\d{6}$/);
  const placed = {
    lat: await page.getByLabel("Latitude").inputValue(),
    lng: await page.getByLabel("Longitude").inputValue(),
  };
  await page.getByLabel("Delivery address (optional)").fill("12 Pin Street, Bristol");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Your details were saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Latitude")).toHaveValue(String(Number(placed.lat)));

  // Basket for the second cycle.
  const product = await pickProduct(page, { units: 1 });
  await addToBasket(page, product, 1);
  await page.goto("/basket");
  await waitForHydration(page);
  const choice = page.getByLabel("This basket is for");
  const optionValue = await choice.locator("option", { hasText: cycleName }).getAttribute("value");
  await choice.selectOption(optionValue!);
  await page.getByRole("button", { name: "Choose this delivery" }).click();
  await expect(page).toHaveURL(/\/basket\?cycle=/);
  await expect(choice.locator("option:checked")).toHaveText(new RegExp(`^${cycleName}`));
  await reachMinimum(page, product.productName, 1);
  await expectNoAxeViolations(page);
  let overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "the basket fits 390 px").toBeLessThanOrEqual(1);

  // Checkout keeps the cycle; the delivery point comes from the account, shown as the pin.
  await page.getByRole("link", { name: "Go to checkout" }).click();
  await expect(page).toHaveURL(/\/checkout\?cycle=/);
  await waitForHydration(page);
  await expect(page.getByLabel("This basket is for").locator("option:checked")).toHaveText(new RegExp(`^${cycleName}`));
  // A saved point makes home delivery the default.
  await expect(page.getByLabel("Home delivery")).toBeChecked();
  await expect(page.getByLabel("Latitude")).toHaveValue(String(Number(placed.lat)));
  const checkoutMap = page.getByRole("region", { name: /Delivery point map/ });
  await expect(checkoutMap.locator(".leaflet-marker-icon")).toHaveCount(1);
  // Moving the pin updates the zone check and the total by itself.
  const mapBox = checkoutMap.locator(".leaflet-container");
  await mapBox.scrollIntoViewIfNeeded();
  const box = (await mapBox.boundingBox())!;
  await mapBox.click({ position: { x: box.width / 2 + 30, y: box.height / 2 + 20 } });
  await expect(page).toHaveURL(/lat=/);
  await expect(page.getByLabel("Latitude")).not.toHaveValue(String(Number(placed.lat)));
  await expect(page.getByText(/outside .* delivery zone/)).toHaveCount(0);
  await page.getByLabel("Pay on delivery or pickup").check();
  await expectNoAxeViolations(page);
  overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "checkout fits 390 px").toBeLessThanOrEqual(1);
  await page.getByRole("button", { name: /^Place order/ }).click();

  // The order is for the chosen cycle, delivered to the pin.
  await expect(page).toHaveURL(/\/orders\/[^/?]+/);
  await expect(page.getByText(/Order #\d+ placed/)).toBeVisible();
  await expect(page.getByRole("main")).toContainText(cycleName);
  await expect(page.getByRole("main")).toContainText("12 Pin Street, Bristol");
  await expectNoAxeViolations(page);
  overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "the order page fits 390 px").toBeLessThanOrEqual(1);
});
