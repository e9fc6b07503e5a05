// Issue 15's first journey, in the browser: a farmer lists a brisket sold by estimated weight (the
// product form's checkbox), a household orders it with carrots into a cycle of this file's own,
// the cycle closes, and on the pick list the farmer records the brisket's actual weight and a
// shortage of carrots. The buyer's order then shows both changes with their numbered notes and the
// new total; the farm page shows the brisket as "about 1 kg at £12.00/kg". The set-up that is not
// the journey (farm approval, the cycle, the order) is made over HTTP.
import type { Page } from "@playwright/test";
import { inputValue, location, loggedInAs, signedUp } from "../http/support/client";
import { logIn } from "./support/ordering";
import { expect, test } from "./support/journey";

const stamp = Date.now().toString(36);
const BRISKET = `Rolled brisket ${stamp}`;
const CARROTS = `Chantenay carrots ${stamp}`;
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function addProduct(
  page: Page,
  product: { name: string; category: string; unit: string; grams?: string; price: string; byWeight?: boolean },
) {
  await page.goto("/farm/products/new");
  await page.getByLabel("Product name").fill(product.name);
  await page.getByLabel("Category").selectOption({ label: product.category });
  await page.getByLabel("Sold by", { exact: true }).selectOption({ label: product.unit });
  if (product.grams) await page.getByLabel(/Weight of one/).fill(product.grams);
  await page.getByLabel(/Retail price per/).fill(product.price);
  await page.getByLabel(/^Stock/).fill("30");
  if (product.byWeight) await page.getByLabel("Sold by estimated weight").check();
  await page.getByRole("button", { name: "Add product" }).click();
  await expect(page).toHaveURL(/\/farm\/products$/);
  await expect(page.getByRole("link", { name: product.name })).toBeVisible();
}

test("a farmer records an actual weight and a shortage after the cut-off; the buyer sees the adjusted order with its notes", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  // A fresh farm of the demo hub, approved by the admin.
  const farmer = await signedUp("FARMER", `Packing Farmer ${stamp}`);
  const created = await farmer.client.post("/farm/new", {
    form: {
      name: `Tithe Barn Farm ${stamp}`,
      story: "",
      address: "3 Lane, Bristol",
      lat: "51.452",
      lng: "-2.59",
      pickupInstructions: "",
    },
  });
  expect(created.status()).toBe(302);
  const { farm } = (await (await farmer.client.get("/farm?_data=routes%2Ffarm._index")).json()) as {
    farm: { id: string; slug: string };
  };
  const admin = await loggedInAs("admin@foodshed.test");
  expect((await admin.post("/admin/farms", { form: { farmId: farm.id, status: "ACTIVE" } })).status()).toBe(302);

  // The farmer lists the products in the browser.
  await logIn(page, farmer.email, farmer.password);
  await addProduct(page, {
    name: BRISKET,
    category: "Meat",
    unit: "Each (single item)",
    grams: "1000",
    price: "12.00",
    byWeight: true,
  });
  await addProduct(page, { name: CARROTS, category: "Vegetables", unit: "Kilogram (kg)", price: "2.50" });
  await page.goto(`/farms/${farm.slug}`);
  await expect(page.getByText("About 1 kg each at £12.00/kg: you pay the actual weight")).toBeVisible();

  // A cycle of this file's own; a household orders both, allowing substitutes; the cycle closes.
  const coordinator = await loggedInAs("coordinator@foodshed.test");
  let cycleId = "";
  for (let attempt = 0; attempt < 20 && !cycleId; attempt++) {
    const offset = 1100 + ((Math.floor(Date.now() / 60_000) + attempt * 13) % 300);
    const cycle = await coordinator.post("/hub/cycles/new", {
      form: {
        name: `Packing journey ${offset}`,
        opensAt: `${day(-1)}T09:00`,
        cutoffAt: `${day(offset - 2)}T18:00`,
        deliveryDate: day(offset),
        slots: "09:00-12:00",
      },
    });
    if (cycle.status() === 302) cycleId = /^\/hub\/cycles\/([\w-]+)/.exec(location(cycle) ?? "")?.[1] ?? "";
  }
  expect(cycleId).toBeTruthy();
  const listed = (await (await farmer.client.get(`/farms/${farm.slug}?_data=routes%2Ffarms.%24slug`)).json()) as {
    farm?: { products?: Array<{ id: string; name: string }> };
    products?: Array<{ id: string; name: string }>;
  };
  const productId = (name: string) => (listed.farm?.products ?? listed.products ?? []).find((p) => p.name === name)!.id;
  const buyer = await signedUp("HOUSEHOLD", `Packing Household ${stamp}`);
  for (const [name, quantity] of [
    [BRISKET, "2"],
    [CARROTS, "2"],
  ] as const) {
    expect(
      (await buyer.client.post("/basket", { form: { intent: "add", productId: productId(name), quantity } })).status(),
    ).toBeLessThan(400);
  }
  const checkout = await (await buyer.client.get(`/checkout?cycle=${cycleId}&fulfilment=PICKUP`)).text();
  const placed = await buyer.client.post("/checkout", {
    form: {
      cycleId,
      expectedTotalMinor: inputValue(checkout, "expectedTotalMinor")!,
      idempotencyKey: inputValue(checkout, "idempotencyKey")!,
      fulfilment: "PICKUP",
      paymentMethod: "ON_DELIVERY",
      allowSubstitutions: "on",
    },
  });
  expect(placed.status()).toBe(302);
  const orderPath = location(placed)!.split("?")[0]!;
  expect((await coordinator.post(`/hub/cycles/${cycleId}`, { form: { intent: "close" } })).status()).toBe(302);

  // The pick list after the cut-off: the brisket's actual weight.
  await page.goto(`/farm/orders?cycle=${cycleId}`);
  const lines = page.getByRole("table", { name: "Order lines" });
  const brisketRow = lines.getByRole("row").filter({ hasText: BRISKET });
  await expect(brisketRow).toContainText("about 2 kg");
  await brisketRow.getByText("Record packed").click();
  const brisketForm = brisketRow.getByRole("form", { name: new RegExp(`What was packed for order #\\d+: ${BRISKET}`) });
  await expect(brisketForm.getByLabel("The actual weight")).toBeChecked();
  await brisketForm.getByLabel("Actual weight in kg").fill("2.26");
  await brisketForm.getByRole("button", { name: "Save" }).click();
  await expect(brisketForm.getByRole("status")).toContainText("Saved.");
  await expect(brisketRow).toContainText("£27.12");
  await expect(brisketRow).toContainText("was 2 · £24.00");

  // A shortage of carrots: 1 kg of the 2 kg ordered.
  const carrotRow = lines.getByRole("row").filter({ hasText: CARROTS });
  await carrotRow.getByText("Record packed").click();
  const carrotForm = carrotRow.getByRole("form");
  await carrotForm.getByLabel("Fewer than ordered").check();
  await carrotForm.getByLabel(/Quantity packed/).fill("1");
  await carrotForm.getByRole("button", { name: "Save" }).click();
  await expect(carrotForm.getByRole("status")).toContainText("Saved.");
  await expect(carrotRow).toContainText("£2.50");
  await page.screenshot({ path: "test-results/packing-pick-list.png", fullPage: true });

  // The buyer's order: both changes with their notes, the total as it now stands.
  const buyerContext = await browser.newContext();
  const buyerPage = await buyerContext.newPage();
  await logIn(buyerPage, buyer.email, "http-suite-password");
  await buyerPage.goto(orderPath);
  const changes = buyerPage.getByRole("region", { name: "Changes after packing" });
  await expect(changes).toBeVisible();
  await expect(changes.getByRole("row").filter({ hasText: BRISKET })).toContainText(
    /Debit note DN-\d{4}: \+\u2060£3\.12/,
  );
  await expect(changes.getByRole("row").filter({ hasText: CARROTS })).toContainText(
    /Credit note CN-\d{4}: −\u2060£2\.50/,
  );
  await expect(changes).toContainText(
    "Invoiced £29.00 when ordering closed; after the changes below the order comes to £29.62.",
  );
  await expect(buyerPage.getByTestId("order-total")).toHaveText("£29.62");
  await expect(buyerPage.getByText("Packed 2.26 kg (estimate 2 kg). Was £24.00.")).toBeVisible();
  await buyerPage.screenshot({ path: "test-results/packing-buyer-order.png", fullPage: true });
  await buyerContext.close();

  // The hub's packing page shows the same lines as packed, from the cycle's page.
  await page.getByRole("button", { name: "Log out" }).click();
  await logIn(page, "coordinator@foodshed.test", "foodshed-demo");
  await page.goto(`/hub/cycles/${cycleId}`);
  await page.getByRole("link", { name: "Packing", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Packing", level: 1 })).toBeVisible();
  const packing = page.getByRole("table", { name: "Order lines of the cycle, by order" });
  await expect(packing.getByRole("row").filter({ hasText: BRISKET })).toContainText("was 2 · £24.00");
  await expect(packing.getByRole("row").filter({ hasText: CARROTS })).toContainText("£2.50");
  await page.screenshot({ path: "test-results/packing-hub.png", fullPage: true });
});
