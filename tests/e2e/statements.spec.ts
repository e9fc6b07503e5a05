// Issue 15's second journey, in the browser: after the demo's delivered cycle the coordinator
// approves the demo farm's statement and marks it paid by bank transfer (the demo farm has no Stripe
// account); the farmer sees the statement and its payout; the coordinator downloads last month's
// sales for Xero. Paying through Stripe Connect is covered over HTTP (tests/http/statements.spec.ts).
import { demoLogin } from "../../prisma/seed-data/logins";
import { DEMO_FARM_NAME } from "../../prisma/seed-data/farms";
import { loggedInAs } from "../http/support/client";
import { logIn } from "./support/ordering";
import { expect, test } from "./support/journey";

test("the coordinator approves a farm's statement and pays it by hand; the farmer sees it; the Xero export downloads", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const coordinator = await loggedInAs("coordinator@foodshed.test");
  const list = (await (await coordinator.get("/hub/cycles?_data=routes%2Fhub.cycles._index")).json()) as {
    cycles: Array<{ id: string; name: string; status: string; deliveryDate: string }>;
  };
  // The demo's own delivered cycle: its name ends in "delivery" and its day has passed (the
  // request-level specs make and deliver cycles of their own, far in the future).
  const delivered = list.cycles
    .filter((c) => c.status === "DELIVERED" && / delivery$/.test(c.name) && new Date(c.deliveryDate) <= new Date())
    .sort((a, b) => b.deliveryDate.localeCompare(a.deliveryDate))[0];
  expect(delivered, "the demo has a delivered cycle").toBeTruthy();

  const hub = demoLogin("coordinator");
  await logIn(page, hub.email, hub.password);
  await page.goto(`/hub/cycles/${delivered!.id}`);
  await page.getByRole("link", { name: "Statements and payouts" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Farm statements");
  const card = page
    .locator("section.card")
    .filter({ has: page.getByRole("heading", { name: DEMO_FARM_NAME, level: 2 }) });
  await expect(card).toBeVisible();
  const net = (await card.getByRole("row", { name: /Net payable/ }).textContent())!.replace("Net payable", "").trim();
  if (await card.getByRole("button", { name: "Approve statement" }).isVisible()) {
    await card.getByRole("button", { name: "Approve statement" }).click();
    await expect(page.getByText("Statement approved.")).toBeVisible();
  }
  const reference = `BACS-${Date.now().toString(36).toUpperCase()}`;
  await card.getByLabel("Bank transfer reference").fill(reference);
  await card.getByRole("button", { name: "Mark paid" }).click();
  await expect(page.getByText("Statement marked paid.")).toBeVisible();
  await expect(card).toContainText(`Paid by bank transfer, reference ${reference}.`);
  await expect(card).toContainText("Paid");

  // The farmer's statements: this cycle's, paid by bank transfer, with the same net.
  await page.getByRole("button", { name: "Log out" }).click();
  const farmer = demoLogin("farmer");
  await logIn(page, farmer.email, farmer.password);
  await page.goto("/farm/statements");
  const row = page.getByRole("row").filter({ hasText: delivered!.name });
  await expect(row).toContainText("Paid by bank transfer");
  await expect(row).toContainText(net);
  await row.getByRole("link", { name: delivered!.name }).click();
  await expect(page.getByText(net).first()).toBeVisible();

  // The coordinator's accounting export: last month's sales for Xero, as a file.
  await page.getByRole("button", { name: "Log out" }).click();
  await logIn(page, hub.email, hub.password);
  await page.goto("/hub/exports");
  await page.getByLabel("Format").selectOption({ label: "Xero" });
  await page.getByRole("button", { name: "Show the period" }).click();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page
      .getByRole("link", { name: /Download/ })
      .first()
      .click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^foodshed-xero-sales-\d{4}-\d{2}\.csv$/);
  const text = await (await download.createReadStream()).toArray();
  const csv = Buffer.concat(text as Buffer[]).toString("utf8");
  expect(csv.split("\n")[0]).toContain("*InvoiceNumber");
});
