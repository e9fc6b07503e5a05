// Proof of delivery (issue 16, docs/decisions/032), on a phone: the coordinator invites a driver
// and gives them a delivery route of the cycle the coordinator journey planned (this file runs
// after coordinator.spec.ts, in the same project); the driver, 390 px wide, marks one stop
// delivered with a photo, one partly delivered and one not delivered; the coordinator's manifest
// shows all three; the buyer of the first sees the photo on their order, and nobody else can load it.
import AxeBuilder from "@axe-core/playwright";
import { randomBytes } from "node:crypto";
import path from "node:path";
import sharp from "sharp";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./support/journey";
import { waitForHydration } from "./support/ordering";
import { demoLogin } from "../../prisma/seed-data/logins";

const PHOTO = path.join(import.meta.dirname, "fixtures", "doorstep.png");

async function logIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

async function logOut(page: Page) {
  // On a phone, Log out folds into the menu: log out wide.
  const size = page.viewportSize();
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
  if (size) await page.setViewportSize(size);
}

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function invitationPathFromOutbox(page: Page, email: string): Promise<string> {
  const admin = demoLogin("admin");
  await logIn(page, admin.email, admin.password);
  await page.goto("/admin/outbox");
  const row = page.getByRole("row").filter({ hasText: email }).first();
  await row.getByText(/You are invited to drive for/).click();
  const text = (await row.locator(".outbox-text").textContent()) ?? "";
  const link = /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/.exec(text)?.[0];
  expect(link, "the email holds an invitation link").toBeTruthy();
  await logOut(page);
  return new URL(link!).pathname;
}

/** "3. #1042 Ann Smith" → the stop's order number and buyer. */
async function orderOf(stop: Locator) {
  const heading = (await stop.getByRole("heading").first().innerText()).trim();
  const match = /#(\d+)\s+(.+?)(\s+—.*)?$/.exec(heading);
  expect(match, heading).toBeTruthy();
  return { number: match![1]!, buyer: match![2]!.trim() };
}

test("a driver proves deliveries on a phone: a photo, a partial delivery, a failure; the buyer sees the photo", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const coordinator = demoLogin("coordinator");
  const email = `proof-driver-${Date.now()}@example.test`;
  const password = "pat-proves-parcels-1";

  // The coordinator invites Pat; Pat accepts.
  await logIn(page, coordinator.email, coordinator.password);
  await page.goto("/hub/drivers");
  await page.getByLabel("Name").fill("Pat Proof");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${email}.`)).toBeVisible();
  await logOut(page);
  const invitation = await invitationPathFromOutbox(page, email);
  await page.goto(invitation);
  await page.getByLabel("Choose a password").fill(password);
  await page.getByRole("button", { name: "Create my account and log in" }).click();
  await expect(page).toHaveURL(/\/driver$/);
  await logOut(page);

  // The coordinator gives Pat the planned cycle's last delivery route (it may be Dana's, from the
  // coordinator journey: a route has one driver, so Pat takes it over).
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
  await expect(page).toHaveURL(/\/hub\/cycles\/[^/]+\/plan$/);
  const planPath = new URL(page.url()).pathname;
  const deliveryRoutes = page
    .locator("section.route-card")
    .filter({ has: page.getByRole("heading", { name: /^Delivery/ }) });
  await expect(deliveryRoutes.first()).toBeVisible();
  await deliveryRoutes.last().getByRole("link", { name: "Manifest" }).click();
  await expect(page).toHaveURL(/\/hub\/routes\/[^/]+\/manifest$/);
  // The plan page has a Driver select per route too: wait for the manifest itself.
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Delivery manifest");
  const manifestPath = new URL(page.url()).pathname;
  await page.getByLabel("Driver", { exact: true }).selectOption({ label: "Pat Proof" });
  await page.getByRole("button", { name: "Save driver" }).click();
  await expect(page.getByText("Driver assigned: the route is on their list.")).toBeVisible();
  await logOut(page);

  // Pat, on the phone, somewhere in Bristol, lets the page read the device's position.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.context().grantPermissions(["geolocation"]);
  await page.context().setGeolocation({ latitude: 51.4545, longitude: -2.5879, accuracy: 12 });
  await logIn(page, email, password);
  await page.goto("/driver");
  await page.getByRole("link", { name: /^Delivery — / }).click();
  // Stops still to deliver (the coordinator journey may have marked one of this route's).
  const toDeliver = () => page.locator('.driver-stop[data-status="PENDING"]');
  await expect(toDeliver().first()).toBeVisible();
  expect(await toDeliver().count(), "three stops to deliver").toBeGreaterThanOrEqual(3);
  // The page's script is running (the forms' choices react, mark ids are the browser's) first.
  await waitForHydration(page);

  // 1. Delivered, with a photo.
  const first = toDeliver().nth(0);
  const firstOrder = await orderOf(first);
  const firstId = await first.getAttribute("id");
  await first.getByLabel("Photo", { exact: true }).check();
  // Touching the form reads the position into it (the mark never waits for it; here it is quick).
  await expect(first.locator('input[name="latitude"]')).toHaveValue("51.454500");
  await expect(first.locator('input[name="accuracy"]')).toHaveValue("12");
  await first.getByLabel("Photo of the delivery").setInputFiles(PHOTO);
  await first.getByRole("button", { name: /^Save: stop \d+ delivered$/ }).click();
  await expect(page.getByText("Marked delivered.").first()).toBeVisible({ timeout: 20_000 });
  const delivered = page.locator(`#${firstId}`);
  await expect(delivered.getByRole("status")).toHaveText("Delivered");
  await expect(delivered.getByTestId("proof-photo")).toBeVisible();

  // 2. Partly delivered: one line (of a stop with two or more) short, damaged; handed to Sam.
  let index = 0;
  while ((await toDeliver().nth(index).locator(".manifest-items > li").count()) < 2) index++;
  const second = toDeliver().nth(index);
  const secondId = await second.getAttribute("id");
  await second.getByLabel("Partly delivered", { exact: true }).check();
  await second.getByLabel("Name of who took it").fill("Sam");
  await second.getByRole("checkbox").first().check();
  await second.getByLabel("Why", { exact: true }).selectOption("DAMAGED");
  await second.getByRole("button", { name: /^Save: stop \d+ partly delivered$/ }).click();
  await expect(page.getByText("Marked partly delivered.").first()).toBeVisible({ timeout: 20_000 });
  const partly = page.locator(`#${secondId}`);
  await expect(partly.getByRole("status")).toHaveText("Partly delivered");
  await expect(partly.getByText("Handed to Sam")).toBeVisible();
  await expect(partly.getByTestId("short-lines")).toContainText("damaged");

  // 3. Not delivered: nobody home. First, a phone camera's big photo chosen there is scaled down
  // in the browser before anything is sent (then the driver changes their mind).
  const third = toDeliver().nth(0);
  const thirdId = await third.getAttribute("id");
  const camera = await sharp(randomBytes(2400 * 1800 * 3), { raw: { width: 2400, height: 1800, channels: 3 } })
    .blur(1.5)
    .jpeg({ quality: 95 })
    .toBuffer();
  expect(camera.length).toBeGreaterThan(1024 * 1024);
  const photoInput = third.getByLabel("Photo of the delivery");
  await photoInput.setInputFiles({ name: "IMG_0001.JPG", mimeType: "image/jpeg", buffer: camera });
  await expect
    .poll(() =>
      photoInput.evaluate((input: HTMLInputElement) => {
        const file = input.files?.[0];
        return file ? { type: file.type, small: file.size < 1024 * 1024 } : null;
      }),
    )
    .toEqual({ type: "image/jpeg", small: true });
  await third.getByLabel("Not delivered", { exact: true }).check();
  await third.getByLabel("Reason", { exact: true }).selectOption("NOBODY_HOME");
  await third.getByRole("button", { name: /^Save: stop \d+ not delivered$/ }).click();
  await expect(page.getByText("Marked not delivered.").first()).toBeVisible({ timeout: 20_000 });
  await expect(page.locator(`#${thirdId}`).getByRole("status")).toHaveText("Not delivered");
  await expect(page.locator(`#${thirdId}`)).toContainText("Reason: Nobody home.");

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "no sideways scrolling at 390 px").toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
  const photoUrl = await delivered.getByTestId("proof-photo").locator("xpath=..").getAttribute("href");
  expect(photoUrl).toMatch(/^\/delivery-proofs\/[a-f0-9]{32}\.webp$/);
  expect((await page.request.get(photoUrl!)).status()).toBe(200);
  await logOut(page);
  await page.setViewportSize({ width: 1280, height: 720 });

  // The coordinator's manifest shows all three with their proof.
  await logIn(page, coordinator.email, coordinator.password);
  await page.goto(manifestPath);
  await expect(page.locator("[data-outcome=DONE]").getByTestId("proof-photo").first()).toBeVisible();
  await expect(page.locator("[data-outcome=PARTIAL]").getByText("Handed to Sam").first()).toBeVisible();
  await expect(page.locator("[data-outcome=FAILED]").getByText("Reason: Nobody home.").first()).toBeVisible();
  // The plan page's progress says where the route was last seen: near the stops Pat marked.
  await page.goto(planPath);
  await expect(page.getByText(/Near stop \d+, \d{2}:\d{2}/).first()).toBeVisible();
  // …and the map shows it as the route's diamond, named in words.
  const lastSeen = page.locator(".leaflet-marker-icon").filter({ has: page.locator(".last-seen-marker") });
  await expect(lastSeen.first()).toBeVisible();
  await expect(lastSeen.first()).toHaveAttribute("title", /last seen \d{2}:\d{2}, near stop \d+/i);
  await logOut(page);
  // Signed out, the photo is not found.
  expect((await page.request.get(photoUrl!)).status()).toBe(404);

  // The buyer of the first stop (found by name in the admin's user list) sees the photo on the order.
  const admin = demoLogin("admin");
  await logIn(page, admin.email, admin.password);
  await page.goto(`/admin/users?q=${encodeURIComponent(firstOrder.buyer)}`);
  const buyerEmail = (await page.getByRole("row").filter({ hasText: firstOrder.buyer }).first().innerText()).match(
    /\S+@\S+/,
  )?.[0];
  expect(buyerEmail).toBeTruthy();
  await logOut(page);
  await logIn(page, buyerEmail!, admin.password);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/orders");
  await page.getByRole("link", { name: `#${firstOrder.number}`, exact: true }).click();
  const outcome = page.getByTestId("delivery-outcome");
  // One outcome per part (chilled and ambient goods may be two stops): the photo is on the one Pat marked.
  await expect(outcome.getByRole("status").first()).toHaveText("Delivered");
  const thumbnail = outcome.getByTestId("proof-photo");
  await expect(thumbnail).toBeVisible();
  await expect
    .poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
    .toBe(true);
  await expect(outcome.getByRole("link", { name: /Open the photo full size/ })).toHaveAttribute("href", photoUrl!);
  expect((await page.request.get(photoUrl!)).status()).toBe(200);
});
