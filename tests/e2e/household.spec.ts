// Journey 2: a household fills one basket from two farms, checks out for home delivery paying by
// card, pays on the (local fake) Stripe Checkout page and sees the confirmation with the food-miles
// estimate; the order is in the history as paid. Basket and checkout pass an axe check.
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
  waitForHydration,
} from "./support/ordering";

test("a household orders from two farms for delivery, pays by card and sees the estimate", async ({ page }) => {
  const household = demoLogin("household");
  await logIn(page, household.email, household.password);
  await emptyBasket(page);

  // Two products from two farms, with plenty of stock left for other journeys.
  const first = await pickProduct(page, { units: 2 });
  await addToBasket(page, first, 2);
  const second = await pickProduct(page, { units: 1, exclude: [first.farmName] });
  await addToBasket(page, second, 1);

  await page.goto("/basket");
  await expect(page.getByRole("heading", { level: 1, name: "Your basket" })).toBeVisible();
  await expect(page.getByText(/2 items from 2 farms/)).toBeVisible();
  await expect(page.getByRole("link", { name: first.farmName })).toBeVisible();
  await expect(page.getByRole("link", { name: second.farmName })).toBeVisible();
  await expect(basketLine(page, first.productName)).toBeVisible();
  // Households never get the wholesale price.
  await expect(page.getByText("Wholesale", { exact: true })).toHaveCount(0);
  await reachMinimum(page, first.productName, 2);
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Go to checkout" }).click();
  // With ?cycle= when more than one cycle is open (the request-level suite opens a second one).
  await expect(page).toHaveURL(/\/checkout(\?cycle=[\w-]+)?$/);
  await expect(page.getByRole("heading", { level: 1, name: "Checkout" })).toBeVisible();
  // Home delivery to the address on the account (inside the zone), card first.
  await expect(page.getByLabel("Home delivery")).toBeChecked();
  await expect(page.getByLabel("Address")).not.toHaveValue("");
  await expect(page.getByLabel("Pay by card now")).toBeChecked();
  const summary = page.getByRole("region", { name: "Order summary" });
  await expect(summary.getByText(first.productName, { exact: false })).toBeVisible();
  await expect(summary.getByText(/^Delivery$/)).toBeVisible();
  const total = (await page.getByTestId("checkout-total").textContent()) ?? "";
  expect(minorOf(total)).toBeGreaterThan(0);

  // The estimate before paying: food distance and CO2e, with the method link.
  const carbon = page.getByRole("region", { name: "Food miles and transport carbon" });
  await expect(carbon).toContainText("Food distance");
  await expect(carbon).toContainText(/Transport emissions\s*[\d.,]+\s*k?g CO2e/);
  await expect(carbon.getByRole("link", { name: "How we count food miles and carbon" })).toHaveAttribute(
    "href",
    "/carbon",
  );
  await expectNoAxeViolations(page);

  // Pay on the Checkout page (the local Stripe fake in tests).
  await waitForHydration(page);
  await page.getByRole("button", { name: new RegExp(`Place order · ${total.replace(/[.£]/g, "\\$&")}`) }).click();
  await expect(page).toHaveURL(/\/pay\/cs_/);
  await expect(page.getByText(total).first()).toBeVisible();
  await page.getByRole("button", { name: "Pay" }).click();

  // Back on the order: confirmed and paid, lines by farm, the stored estimate.
  await expect(page).toHaveURL(/\/orders\/[^/?]+\?paid=1/);
  await expect(page.getByText("Payment received. Your order is confirmed.")).toBeVisible();
  const heading = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
  const orderNumber = /#(\d+)/.exec(heading)![1]!;
  await expect(page.getByTestId("order-status")).toHaveText("Confirmed");
  await expect(page.getByText("Paid", { exact: true }).first()).toBeVisible();
  await expect(page.getByText(first.farmName).first()).toBeVisible();
  await expect(page.getByText(second.farmName).first()).toBeVisible();
  const orderCarbon = page.getByRole("region", { name: "Food miles and transport carbon" });
  await expect(orderCarbon).toContainText("Estimate");
  await expect(orderCarbon).toContainText(/Transport emissions\s*[\d.,]+\s*k?g CO2e/);
  await expect(orderCarbon.getByRole("table", { name: "By leg" })).toContainText("Hub");
  await expect(orderCarbon).toContainText(/Method foodshed-carbon-\d+ · factor set /);

  // The history lists it as paid, with the estimate.
  await page.goto("/orders");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: `#${orderNumber}` }) });
  await expect(row).toContainText("Confirmed");
  await expect(row).toContainText("Paid");
  await expect(row).toContainText(total);
  await expect(row).toContainText("(est.)");

  // A paid order empties the basket.
  await page.goto("/basket");
  await expect(page.getByRole("heading", { name: "Your basket is empty" })).toBeVisible();
});

test("a household compares delivery slots and collecting, and chooses the lower-carbon slot", async ({ page }) => {
  const household = demoLogin("household");
  await logIn(page, household.email, household.password);
  await emptyBasket(page);
  const product = await pickProduct(page, { units: 2 });
  await addToBasket(page, product, 2);
  await page.goto("/basket");
  await reachMinimum(page, product.productName, 2);
  await page.getByRole("link", { name: "Go to checkout" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Checkout" })).toBeVisible();
  await waitForHydration(page);

  // Each way of getting the food says what it adds; collecting counts the drive there and back.
  await expect(page.getByLabel(/^Home delivery/)).toBeChecked();
  await expect(page.getByText(/adds from [\d.,]+ k?g CO2e to the vans’ driving/)).toBeVisible();
  await expect(page.getByText(/adds [\d.,]+ k?g CO2e if you drive there and back \([\d.,]+ k?m\)/)).toBeVisible();
  const slots = page.getByRole("group", { name: "Delivery slot" });
  await expect(slots.getByText(/What each time adds to the hub’s driving/)).toBeVisible();
  const timed = slots.getByRole("radio", { name: /^\d\d:\d\d–\d\d:\d\d/ });
  await expect(timed).toHaveCount(2);
  await expect(slots.getByRole("radio", { name: /Any time that day/ })).toBeChecked();
  for (const radio of await timed.all()) {
    await expect(radio).toHaveAccessibleName(/adds [\d.,]+ k?g CO2e · [\d.,]+ k?m more van driving/);
  }
  // The demo household's street is on the morning round and far from the afternoon one.
  const lowest = slots.getByRole("radio", { name: /^\d\d:\d\d–\d\d:\d\d.*Lowest CO2e/ });
  await expect(lowest).toHaveCount(1);
  const lowestName = (await lowest.getAttribute("id"))!;
  const label = (await page.locator(`label[for="${lowestName}"]`).textContent())!;
  const time = /^\d\d:\d\d–\d\d:\d\d/.exec(label)![0];
  await expectNoAxeViolations(page);

  // Choosing it updates the estimate (the page reloads its figures for that slot) and keeps it chosen.
  await lowest.check();
  await expect(page).toHaveURL(/slotId=/);
  await expect(slots.getByRole("radio", { name: new RegExp(`^${time}`) })).toBeChecked();
  const carbon = page.getByRole("region", { name: "Food miles and transport carbon" });
  await expect(carbon).toContainText(/Transport emissions\s*[\d.,]+\s*k?g CO2e/);
  const total = (await page.getByTestId("checkout-total").textContent()) ?? "";
  await waitForHydration(page);
  await page.getByLabel("Pay on delivery or pickup").check();
  await page.getByRole("button", { name: new RegExp(`Place order · ${total.replace(/[.£]/g, "\\$&")}`) }).click();

  // The order is for that slot.
  await expect(page).toHaveURL(/\/orders\/[^/?]+/);
  await expect(page.getByText(time).first()).toBeVisible();
  await expect(page.getByTestId("order-status")).toHaveText("Confirmed");
});
