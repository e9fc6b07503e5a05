// Journey 4 (issue 7): the coordinator closes the demo open cycle, plans routes, sees them on the
// map, moves a stop, prints a manifest and marks a stop delivered; the buyer then sees "Delivered".
import AxeBuilder from "@axe-core/playwright";
import fs from "node:fs";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./support/journey";
import { demoLogin } from "../../prisma/seed-data/logins";

async function logIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
}

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Replaces the print dialog with a counter (print buttons call window.print()). */
async function countPrints(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { printed: number; print: () => void };
    w.printed = 0;
    w.print = () => void w.printed++;
  });
}
const printed = (page: Page) => page.evaluate(() => (window as unknown as { printed: number }).printed);

/** Clicks a download link: a CSV file arrives, named as expected, with a header row. */
async function expectCsvDownload(page: Page, link: Locator, name: RegExp) {
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(name);
  const file = await download.path();
  const text = fs.readFileSync(file, "utf8");
  expect(text.split(/\r?\n/)[0]!.split(",").length).toBeGreaterThan(1);
}

test("the coordinator plans the demo cycle, drives a route, and the buyer sees the order delivered", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const coordinator = demoLogin("coordinator");
  const restaurant = demoLogin("restaurant");
  await logIn(page, coordinator.email, coordinator.password);

  // Close ordering on the open demo cycle.
  await page.goto("/hub/cycles");
  await page
    .getByRole("row")
    .filter({ hasText: "Open for orders" })
    // The demo's cycle (named "<date> delivery"); the request-level suite may have opened others.
    .filter({ has: page.getByRole("cell", { name: / delivery$/ }) })
    .filter({ hasNot: page.getByRole("cell", { name: "0", exact: true }) })
    .getByRole("link")
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("delivery");
  // Irreversible: the button asks first. Dismissing the question changes nothing; accepting closes.
  page.once("dialog", (dialog) => {
    expect(dialog.message()).toContain("cannot be undone");
    void dialog.dismiss();
  });
  await page.getByRole("button", { name: "Close ordering now" }).click();
  await expect(page.getByRole("button", { name: "Close ordering now" })).toBeVisible();
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Close ordering now" }).click();
  await expect(page.getByText("Ordering closed.")).toBeVisible();
  const cyclePage = page.url();

  // The aggregated orders: every view downloads as a CSV file, and Print opens the print dialog.
  await page.getByRole("link", { name: /^Aggregate/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await countPrints(page);
  for (const view of ["by-farm", "by-product", "by-buyer", "totals"]) {
    await page.goto(`${cyclePage}/aggregate?view=${view}`);
    await expectCsvDownload(page, page.getByRole("link", { name: "Download CSV" }), new RegExp(`-${view}\\.csv$`));
    await countPrints(page);
    await page.getByRole("button", { name: "Print" }).click();
    expect(await printed(page)).toBe(1);
  }
  await page.goto(cyclePage);

  // Plan routes (quick) in the worker; the progress card gives way to the plan.
  await page.getByRole("link", { name: "Plan routes" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Routes");
  await page.getByLabel(/Quick/).check();
  await page.getByRole("button", { name: "Plan routes" }).click();
  await expect(page.getByRole("heading", { name: "Plan again" })).toBeVisible({ timeout: 90_000 });
  const routeCards = page.locator("section.route-card");
  await expect(routeCards.first()).toBeVisible();

  // The map draws every route (a line each) with numbered stop markers and the hub.
  const map = page.locator(".leaflet-container");
  await expect(map).toBeVisible();
  await expect(map.locator(".depot-marker")).toHaveCount(1);
  const routeCount = await routeCards.count();
  await expect(map.locator("path.leaflet-interactive")).toHaveCount(routeCount);
  const stopRows = await page.locator("section.route-card tbody tr").count();
  await expect(map.locator(".stop-marker")).toHaveCount(stopRows);
  await expect(map.locator(".stop-marker").filter({ hasText: /^1$/ }).first()).toBeVisible();
  await expectNoAxeViolations(page);

  // Move one stop: the first stop of a delivery route with two or more stops goes to position 2.
  const delivery = routeCards.filter({ has: page.getByRole("heading", { name: /^Delivery/ }) });
  const busy = delivery.filter({ has: page.locator("tbody tr:nth-child(2)") }).first();
  const stopSelect = busy.getByLabel("Move stop");
  const firstOption = (await stopSelect.locator("option").first().innerText()).trim();
  const movedLabel = firstOption.replace(/^1\.\s*/, "");
  await stopSelect.selectOption({ index: 0 });
  await busy.getByLabel("at position").fill("2");
  await busy.getByRole("button", { name: /^Move/ }).click();
  await expect(page.getByText(/Stop moved/)).toBeVisible();
  await expect(busy.locator("tbody tr").nth(1)).toContainText(movedLabel);
  // The page offers to undo the move, in words; undoing puts the stop back first.
  const undo = page.getByRole("form", { name: "Last move" });
  await expect(undo).toContainText(/You moved #\d+ .+ to Delivery \d+\./);
  await undo.getByRole("button", { name: "Undo the move" }).click();
  await expect(page.getByText(/Move undone: Order #\d+ for .+ is back where it was\./)).toBeVisible();
  await expect(busy.locator("tbody tr").first()).toContainText(movedLabel);
  await expect(page.getByRole("form", { name: "Last move" })).toHaveCount(0);

  // The delivery route that carries the demo restaurant's order: its manifest, printed. An order
  // with chilled and ambient goods is two stops, maybe on two routes: the driver marks each.
  const pearRoutes = delivery.filter({ hasText: restaurant.name });
  const pearRoute = pearRoutes.first();
  await expect(pearRoute).toBeVisible();
  const pearRow = pearRoute.locator("tbody tr").filter({ hasText: restaurant.name }).first();
  const orderNumber = (await pearRow.innerText()).match(/#(\d+)/)?.[1];
  expect(orderNumber).toBeTruthy();
  const driverPaths = (
    await pearRoutes
      .getByRole("link", { name: "Manifest" })
      .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""))
  ).map((href) => href.replace(/^\/hub\/routes\/([^/]+)\/manifest$/, "/driver/routes/$1"));
  await pearRoute.getByRole("link", { name: "Manifest" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Delivery manifest");
  await countPrints(page);
  await page.getByRole("button", { name: "Print manifest" }).click();
  expect(await printed(page)).toBe(1);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Print manifest" })).toBeHidden();
  await expect(page.locator(".manifest-stop").filter({ hasText: restaurant.name }).first()).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  // The cycle's carbon report downloads too.
  const manifestUrl = page.url();
  await page.goto(`${cyclePage}/carbon`);
  await expectCsvDownload(page, page.getByRole("link", { name: "Download CSV" }), /-carbon\.csv$/);
  await page.goto(manifestUrl);

  // The driver marks the restaurant's stop(s) delivered.
  await page.getByRole("link", { name: "Driver view" }).click();
  await expect(page.locator(".driver-stop").first()).toBeVisible();
  await expectNoAxeViolations(page);
  for (const [i, driverPath] of driverPaths.entries()) {
    if (i > 0) await page.goto(driverPath);
    const pearStops = page.locator(".driver-stop").filter({ hasText: restaurant.name });
    const count = await pearStops.count();
    for (let n = 0; n < count; n++) {
      const pearStop = pearStops.nth(n);
      // A delivery needs a proof (docs/decisions/032): here, who took it.
      await pearStop.getByLabel("Name of who took it").fill("Chef Mateo");
      await pearStop.getByRole("button", { name: /^Save: stop \d+ delivered$/ }).click();
      await expect(page.getByText("Marked delivered.").first()).toBeVisible();
      await expect(pearStop.getByRole("status")).toHaveText("Delivered");
      await expect(pearStop.getByText("Handed to Chef Mateo")).toBeVisible();
    }
  }
  await expectNoAxeViolations(page);

  // The buyer sees it.
  await page.getByRole("button", { name: "Log out" }).click();
  // The log-out has landed before the log-in page is asked for (else it redirects home).
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
  await logIn(page, restaurant.email, restaurant.password);
  await page.goto("/orders");
  await page.getByRole("link", { name: `#${orderNumber}`, exact: true }).click();
  await expect(page).toHaveURL(/\/orders\/[^/]+$/);
  await expect(page.getByText("Delivered", { exact: true }).first()).toBeVisible();
});

/** The invitation link in the newest email to `email`, as the admin outbox shows it. */
async function invitationPathFromOutbox(page: Page, email: string): Promise<string> {
  const admin = demoLogin("admin");
  await logIn(page, admin.email, admin.password);
  await page.goto("/admin/outbox");
  const row = page.getByRole("row").filter({ hasText: email }).first();
  await row.getByText(/You are invited to drive for/).click();
  const text = (await row.locator(".outbox-text").textContent()) ?? "";
  const link = /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/.exec(text)?.[0];
  expect(link, "the email holds an invitation link").toBeTruthy();
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
  return new URL(link!).pathname;
}

test("the coordinator invites a driver and assigns a route; the driver joins on a phone and delivers a stop", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const coordinator = demoLogin("coordinator");
  const email = `driver-${Date.now()}@example.test`;
  await logIn(page, coordinator.email, coordinator.password);

  // Invite: the invitation is listed as pending, and a second one to the same address is refused.
  await page.goto("/hub/drivers");
  await expect(page.getByRole("heading", { level: 1, name: "Drivers" })).toBeVisible();
  await page.getByLabel("Name").fill("Dana Wheeler");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${email}.`)).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: email })).toContainText("Works until");
  await page.getByLabel("Name").fill("Dana Again");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText("This address already has an open invitation").first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
  const invitation = await invitationPathFromOutbox(page, email);

  // The driver accepts on a phone-sized screen and lands on their (empty) list.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(invitation);
  await expect(page.getByRole("heading", { level: 1, name: "Create your driver account" })).toBeVisible();
  await page.getByLabel("Choose a password").fill("short");
  await page.getByRole("button", { name: "Create my account and log in" }).click();
  await expect(page.getByLabel("Choose a password")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Choose a password").fill("dana-drives-vans-1");
  await page.getByRole("button", { name: "Create my account and log in" }).click();
  await expect(page).toHaveURL(/\/driver$/);
  await expect(page.getByRole("heading", { level: 1, name: "My routes" })).toBeVisible();
  await expect(page.getByText("No upcoming route assigned to you yet.")).toBeVisible();
  // A driver sees nothing else of the hub.
  for (const path of ["/hub", "/hub/cycles", "/checkout"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBeGreaterThanOrEqual(400);
  }
  // The link worked once. (Wider again: on a phone, Log out and Log in fold into the menu.)
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
  await page.goto(invitation);
  await expect(page.getByText("Ask your hub’s coordinator to send you a new link.")).toBeVisible();

  // The coordinator gives Dana the first delivery route of the cycle the first journey planned.
  await logIn(page, coordinator.email, coordinator.password);
  await page.goto("/hub/cycles");
  await page
    .getByRole("row")
    .filter({ hasText: "Routes planned" })
    .filter({ has: page.getByRole("cell", { name: / delivery$/ }) })
    .getByRole("link")
    .first()
    .click();
  await page.getByRole("link", { name: "Routes and manifests" }).click();
  const delivery = page
    .locator("section.route-card")
    .filter({ has: page.getByRole("heading", { name: /^Delivery/ }) })
    .first();
  await delivery.getByRole("link", { name: "Manifest" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Delivery manifest");
  const routePath = new URL(page.url()).pathname.replace(/^\/hub\/routes\/([^/]+)\/manifest$/, "/driver/routes/$1");
  await expect(page.getByText(/Re-planning the cycle gives each new route the driver its vehicle had/)).toBeVisible();
  await page.getByLabel("Driver", { exact: true }).selectOption({ label: "Dana Wheeler" });
  await page.getByRole("button", { name: "Save driver" }).click();
  await expect(page.getByText("Driver assigned: the route is on their list.")).toBeVisible();
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();

  // Dana, on the phone: the route is listed, and its page fits the screen with what a driver needs.
  await logIn(page, email, "dana-drives-vans-1");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/driver");
  const listed = page.getByRole("link", { name: /^Delivery — / });
  await expect(listed).toHaveCount(1);
  await listed.click();
  await expect(page).toHaveURL(new RegExp(`${routePath}$`));
  const stops = page.locator(".driver-stop");
  await expect(stops.first()).toBeVisible();
  const open = stops.filter({ has: page.getByRole("button", { name: /^Save: stop \d+ delivered$/ }) }).first();
  await expect(open.getByRole("link", { name: "Navigate (map app)" })).toHaveAttribute(
    "href",
    /^geo:-?\d+\.\d+,-?\d+\.\d+$/,
  );
  await expect(open.getByRole("link", { name: "Open in OpenStreetMap" })).toHaveAttribute(
    "href",
    /^https:\/\/www\.openstreetmap\.org\/\?mlat=/,
  );
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "no sideways scrolling at 390 px").toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
  await open.getByLabel("Left in a safe place").check();
  await open.getByLabel("Where it was left").fill("Porch");
  await open.getByRole("button", { name: /^Save: stop \d+ delivered$/ }).click();
  await expect(page.getByText("Marked delivered.").first()).toBeVisible();

  // Another route of the hub is not Dana's: not found.
  await page.setViewportSize({ width: 1280, height: 720 });
  const other = await page.goto("/driver/routes/not-a-route-of-yours");
  expect(other?.status()).toBe(404);
});
