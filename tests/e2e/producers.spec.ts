// Journey 1 and the first half of 2: a farmer signs up, creates a farm by placing the pin on the
// map, adds two products and a photo; a household then finds that farm on the map by searching the product
// within 20 km. The map page passes an axe check.
import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/journey";
import sharp from "sharp";
import { demoLogin } from "../../prisma/seed-data/logins";

const stamp = Date.now().toString(36);
const FARM = `Kohl Lane Farm ${stamp}`;
const PRODUCT = `Purple kohlrabi ${stamp}`;

async function logIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
}

async function addProduct(
  page: Page,
  product: { name: string; category: string; unit: string; grams?: string; price: string; stock: string },
) {
  await page.goto("/farm/products/new");
  await page.getByLabel("Product name").fill(product.name);
  await page.getByLabel("Category").selectOption({ label: product.category });
  await page.getByLabel("Sold by", { exact: true }).selectOption({ label: product.unit });
  if (product.grams) await page.getByLabel(/Weight of one/).fill(product.grams);
  await page.getByLabel(/Retail price per/).fill(product.price);
  await page.getByLabel(/^Stock/).fill(product.stock);
  await page.getByRole("button", { name: "Add product" }).click();
  await expect(page).toHaveURL(/\/farm\/products$/);
  await expect(page.getByRole("link", { name: product.name })).toBeVisible();
}

test("a farmer lists a farm and two products, and a household finds it on the map", async ({ page, browser }) => {
  // Farmer signs up.
  await page.goto("/signup");
  await page.getByLabel("Farmer or producer").check();
  await page.getByLabel("Your name").fill("Kit Farmer");
  await page.getByLabel("Email").fill(`kit-${stamp}@example.test`);
  await page.getByLabel("Password").fill("a-long-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/farm\/new/);

  // Creates the farm by placing the pin on the map (the hub's depot is in the middle).
  await page.getByLabel("Farm name").fill(FARM);
  await page.getByLabel("Your story").fill("Brassicas and roots on heavy clay, no sprays.");
  const map = page.getByRole("region", { name: /Farm location map/ });
  await expect(map.locator(".leaflet-container")).toBeVisible();
  await expect(page.getByLabel("Latitude")).toHaveValue("");
  await map.scrollIntoViewIfNeeded();
  const box = (await map.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByLabel("Latitude")).not.toHaveValue("");
  await expect(map.locator(".leaflet-marker-icon")).toHaveCount(1);
  await page.getByRole("button", { name: "Create farm" }).click();
  await expect(page).toHaveURL(/\/farm\/products\/new/);

  // Adds two products.
  await addProduct(page, {
    name: PRODUCT,
    category: "Vegetables",
    unit: "Each (single item)",
    grams: "400",
    price: "1.20",
    stock: "30",
  });
  await addProduct(page, {
    name: `Celeriac ${stamp}`,
    category: "Vegetables",
    unit: "Kilogram (kg)",
    price: "2.40",
    stock: "12.5",
  });

  // Exports the catalogue, then checks it back in: the file holds both products, and importing it
  // again would change nothing. The import template downloads too.
  const [exported] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export CSV" }).click(),
  ]);
  expect(exported.suggestedFilename()).toMatch(/-products\.csv$/);
  const csv = fs.readFileSync(await exported.path(), "utf8");
  expect(csv.split(/\r?\n/)[0]).toMatch(/^code,name,/);
  expect(csv).toContain(PRODUCT);
  await page.getByRole("link", { name: "Import CSV" }).click();
  const [template] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download the template" }).click(),
  ]);
  expect(template.suggestedFilename()).toBe("foodshed-products-template.csv");
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "products.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByText(/0\s*new,\s*0\s*updated,\s*2\s*unchanged/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Nothing to import" })).toBeDisabled();

  // Adds a photo: a large PNG comes back scaled, as WebP, and the form is ready for another.
  await page.goto("/farm/edit");
  const photo = await sharp({
    create: { width: 2400, height: 1600, channels: 3, background: { r: 70, g: 130, b: 60 } },
  })
    .png()
    .toBuffer();
  await page.getByLabel("Add a photo").setInputFiles({ name: "field.png", mimeType: "image/png", buffer: photo });
  await page.getByRole("button", { name: "Upload photo" }).click();
  await expect(page.getByText("Photo updated.")).toBeVisible();
  await expect(page.getByLabel("Replace the photo")).toHaveValue("");

  // A household searches the product within 20 km on the map.
  const household = demoLogin("household");
  const context = await browser.newContext();
  const buyer = await context.newPage();
  await logIn(buyer, household.email, household.password);
  await buyer.goto("/map");
  await buyer.getByLabel("Product or farm").fill(PRODUCT);
  await buyer.getByLabel("Within").selectOption("20");
  await buyer.getByRole("button", { name: "Show producers" }).click();
  const list = buyer.getByRole("list", { name: "Producers in view" });
  await expect(list.getByRole("button", { name: new RegExp(FARM) })).toBeVisible();
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(buyer.locator(".leaflet-marker-icon")).toHaveCount(1);
  await list.getByRole("button", { name: new RegExp(FARM) }).click();
  const card = buyer.getByRole("region", { name: FARM });
  await expect(card).toContainText("straight line");
  await card.getByRole("link", { name: `See ${FARM}` }).click();
  await expect(buyer.getByRole("heading", { level: 1, name: FARM })).toBeVisible();
  await expect(buyer.getByRole("heading", { name: PRODUCT })).toBeVisible();
  await expect(buyer.getByText("£1.20")).toBeVisible();
  const src = await buyer.getByRole("img", { name: FARM }).getAttribute("src");
  expect(src).toMatch(/^\/uploads\/[a-f0-9]{32}\.webp$/);
  const served = await buyer.request.get(src!);
  expect(served.headers()["content-type"]).toBe("image/webp");
  expect(await sharp(await served.body()).metadata()).toMatchObject({ format: "webp", width: 1600, height: 1067 });
  await context.close();
});

test("the map page passes an axe accessibility check", async ({ page }) => {
  await page.goto("/map?q=eggs&r=20");
  await expect(page.locator(".leaflet-container")).toBeVisible();
  await expect(page.getByRole("list", { name: "Producers in view" })).toBeVisible();
  const results = await new AxeBuilder({ page }).exclude(".leaflet-control-attribution").analyze();
  expect(
    results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length})`),
  ).toEqual([]);
});

test("product search lists prices per unit and per kg, nearest first", async ({ page }) => {
  await page.goto("/search?q=eggs&r=30");
  const results = page.getByRole("list", { name: "Products" }).getByRole("listitem");
  await expect(results.first()).toBeVisible();
  await expect(results.first()).toContainText("per kg");
  await expect(results.first()).toContainText("straight line");
});
