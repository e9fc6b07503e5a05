// Journey 3: a restaurant orders at the wholesale minimum and gets the wholesale price
// automatically, checks out by invoice (net 14), adds one more before the cut-off and opens the
// printable invoice. Basket, checkout and the order page pass an axe check.
import { expect, test } from "./support/journey";
import { demoLogin } from "../../prisma/seed-data/logins";
import {
  addToBasket,
  basketLine,
  emptyBasket,
  expectNoAxeViolations,
  logIn,
  minorOf,
  pickProduct,
  reachMinimum,
} from "./support/ordering";

test("a restaurant gets the wholesale price at the minimum and pays by invoice", async ({ page }) => {
  const restaurant = demoLogin("restaurant");
  await logIn(page, restaurant.email, restaurant.password);
  await emptyBasket(page);

  const product = await pickProduct(page, { wholesale: true });
  const minimum = product.wholesaleMinimum!;
  // One below the minimum: the retail price.
  if (minimum > 1) {
    await addToBasket(page, product, minimum - 1);
    await page.goto("/basket");
    await expect(basketLine(page, product.productName).getByText("Wholesale", { exact: true })).toHaveCount(0);
    await emptyBasket(page);
    await page.goto(`/farms/${product.farmSlug}`);
  }
  await addToBasket(page, product, minimum);

  await page.goto("/basket");
  const line = basketLine(page, product.productName);
  await expect(line.getByText("Wholesale", { exact: true })).toBeVisible();
  const meta = (await line.locator(".basket-line-meta").textContent()) ?? "";
  const unitPrice = minorOf(meta);
  const retail = minorOf((await line.getByLabel("retail price").textContent()) ?? "");
  expect(unitPrice).toBeLessThan(retail);
  await expect(page.getByText("Wholesale saving")).toBeVisible();
  await reachMinimum(page, product.productName, minimum);
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Go to checkout" }).click();
  // With ?cycle= when more than one cycle is open (the request-level suite opens a second one).
  await expect(page).toHaveURL(/\/checkout(\?cycle=[\w-]+)?$/);
  // Collect at the hub (the page recalculates), pay by invoice on 14 days' terms.
  await page.getByLabel(/^Pickup at /).check();
  await expect(page).toHaveURL(/fulfilment=PICKUP/);
  await expect(page.getByLabel(/^Pickup at /)).toBeChecked();
  const summary = page.getByRole("region", { name: "Order summary" });
  await expect(summary.getByText("Wholesale", { exact: true })).toBeVisible();
  await expect(summary.getByText("Wholesale saving")).toBeVisible();
  await expect(page.getByRole("region", { name: "Food miles and transport carbon" })).toContainText("CO2e");
  await page.getByLabel("Invoice (restaurants)").check();
  await page.getByLabel("Invoice terms").selectOption("14");
  await expectNoAxeViolations(page);
  const total = (await page.getByTestId("checkout-total").textContent()) ?? "";
  await page.getByRole("button", { name: /^Place order/ }).click();

  await expect(page).toHaveURL(/\/orders\/[^/?]+\?placed=1/);
  await expect(page.getByTestId("order-status")).toHaveText("Confirmed");
  await expect(page.getByText(/Payment: Invoice, due /)).toBeVisible();
  await expect(page.getByRole("region", { name: "Food miles and transport carbon" })).toContainText("CO2e");

  // Before the cut-off the order can still change: one more of the wholesale product.
  const quantity = page.getByLabel(product.productName, { exact: true });
  const ordered = Number(await quantity.inputValue());
  await quantity.fill(String(ordered + 1));
  await page.getByRole("button", { name: "Save changes" }).click();
  const updated = page.getByText(/^Order updated\. New total £[\d,.]+ \(was £[\d,.]+\)\.$/);
  await expect(updated).toBeVisible();
  await expect(page.getByLabel(product.productName, { exact: true })).toHaveValue(String(ordered + 1));
  const newTotal = /New total (£[\d,.]+)/.exec((await updated.textContent()) ?? "")![1]!;
  expect(minorOf(newTotal)).toBeGreaterThan(minorOf(total));
  await expectNoAxeViolations(page);

  // The printable invoice: terms, due date, the wholesale line, the amount due.
  await page.getByRole("link", { name: "Invoice" }).click();
  await expect(page).toHaveURL(/\/orders\/[^/]+\/invoice$/);
  await expect(page.getByRole("heading", { level: 1, name: /^Invoice FS-\d{6}$/ })).toBeVisible();
  await expect(page.getByText("Net 14 days")).toBeVisible();
  await expect(page.getByTestId("invoice-due")).not.toHaveText("—");
  await expect(page.getByText(product.productName).first()).toBeVisible();
  await expect(page.getByText(/Amount due:/)).toContainText(newTotal);
  await expect(page.getByRole("button", { name: "Print invoice" })).toBeVisible();
  // The button opens the browser's print dialog (counted here instead of shown).
  await page.evaluate(() => {
    const w = window as unknown as { printed: number; print: () => void };
    w.printed = 0;
    w.print = () => void w.printed++;
  });
  await page.getByRole("button", { name: "Print invoice" }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  // Printed, the page drops the site chrome and the print button.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Print invoice" })).toBeHidden();
  await page.emulateMedia({ media: "screen" });
});

test("a restaurant reads its transport emissions statement, prints it and downloads it as CSV", async ({ page }) => {
  const restaurant = demoLogin("restaurant");
  await logIn(page, restaurant.email, restaurant.password);
  await page.goto("/orders");
  await page.getByRole("link", { name: "Transport emissions statement" }).click();
  await expect(page).toHaveURL(/\/orders\/transport-statement$/);
  await expect(page.getByRole("heading", { level: 1, name: "Transport emissions statement" })).toBeVisible();

  // A period covering the demo's delivered cycle, in delivery days.
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("From").fill(day(-60));
  await page.getByLabel("To").fill(day(14));
  await page.getByRole("button", { name: "Show statement" }).click();
  await expect(page).toHaveURL(/from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d/);
  const table = page.getByRole("table", { name: "Transport emissions statement" });
  // The delivered cycle's order carries its allocated figure; the total row sums the lines.
  await expect(table.getByRole("cell", { name: "Allocated" }).first()).toBeVisible();
  await expect(table.getByRole("rowheader", { name: "Total" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Dates the wrong way round: a message next to the field, nothing else changes.
  await page.getByLabel("From").fill(day(10));
  await page.getByLabel("To").fill(day(-10));
  await page.getByRole("button", { name: "Show statement" }).click();
  await expect(page.getByText("The end date must be on or after the start date.")).toBeVisible();
  await page.getByLabel("From").fill(day(-60));
  await page.getByLabel("To").fill(day(14));
  await page.getByRole("button", { name: "Show statement" }).click();
  await expect(table.getByRole("cell", { name: "Allocated" }).first()).toBeVisible();

  // The CSV: the same lines and the total, in a file named for the period.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^transport-emissions-[\d-]+\.csv$/);
  const { readFile } = await import("node:fs/promises");
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv).toContain("Allocated");
  expect(csv).toMatch(/^Total,/m);

  // Print: the browser's dialog, and the printed page without the site chrome and the form.
  await page.evaluate(() => {
    const w = window as unknown as { printed: number; print: () => void };
    w.printed = 0;
    w.print = () => void w.printed++;
  });
  await page.getByRole("button", { name: "Print statement" }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Show statement" })).toBeHidden();
  await page.emulateMedia({ media: "screen" });
});
