// The driver's route without signal (issue 16's "Done when", docs/decisions/034), on a phone: a
// driver accepts an invitation, opens today's route (the coordinator gave it on the manifest of the
// cycle the coordinator journey planned: this file runs after coordinator.spec.ts, in the same
// project, and takes the first delivery route — driver-proof.spec.ts, after it, takes the last,
// maybe the same: each marks stops still to deliver), the browser
// goes offline, the page reloads from the phone, two stops are marked delivered (a photo and a
// signature drawn on the pad each) and one not delivered; they wait on the phone; back online they
// are sent, in order, once. The coordinator's manifest shows all three with proof, the buyer's order
// shows it, the outbox holds the messages; a replay of a mark changes nothing.
import type { Locator, Page } from "@playwright/test";
import path from "node:path";
import { expect, test } from "./support/journey";
import { waitForHydration } from "./support/ordering";
import { demoLogin, DEMO_PASSWORD } from "../../prisma/seed-data/logins";

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

/** Draws a signature on a stop's pad with the mouse and waits until the form holds it as a PNG. */
async function sign(stop: Locator) {
  const pad = stop.getByTestId("signature-pad");
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const page = stop.page();
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 24; i++) {
    await page.mouse.move(box.x + 20 + i * 10, box.y + box.height / 2 + (i % 2 ? -35 : 35), { steps: 3 });
  }
  await page.mouse.up();
  await expect
    .poll(() => stop.locator('input[name="signature"]').evaluate((i: HTMLInputElement) => i.files?.[0]?.size ?? 0))
    .toBeGreaterThan(200);
}

test("offline on a phone: the route opens without signal, three marks wait on the phone and are sent once back online", async ({
  page,
  context,
}) => {
  test.setTimeout(240_000);
  const coordinator = demoLogin("coordinator");
  const admin = demoLogin("admin");
  const email = `offline-driver-${Date.now()}@example.test`;
  const password = "olu-drives-offline-1";
  // A name of this run's own (the driver select is by name).
  const name = `Olu Offline ${Date.now() % 100_000}`;

  // The coordinator invites Olu; Olu accepts (on the phone).
  await logIn(page, coordinator.email, coordinator.password);
  await page.goto("/hub/drivers");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${email}.`)).toBeVisible();
  await logOut(page);
  const invitation = await invitationPathFromOutbox(page, email);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(invitation);
  await page.getByLabel("Choose a password").fill(password);
  await page.getByRole("button", { name: "Create my account and log in" }).click();
  await expect(page).toHaveURL(/\/driver$/);
  await logOut(page);

  // The coordinator gives Olu the planned cycle's first delivery route on its manifest.
  await page.setViewportSize({ width: 1280, height: 720 });
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
  const deliveryRoutes = page
    .locator("section.route-card")
    .filter({ has: page.getByRole("heading", { name: /^Delivery/ }) });
  await expect(deliveryRoutes.first()).toBeVisible();
  await deliveryRoutes.first().getByRole("link", { name: "Manifest" }).click();
  await expect(page).toHaveURL(/\/hub\/routes\/[^/]+\/manifest$/);
  // The plan page has a Driver select per route too: wait for the manifest itself.
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Delivery manifest");
  const manifestPath = new URL(page.url()).pathname;
  const routePath = manifestPath.replace(/^\/hub\/routes\/([^/]+)\/manifest$/, "/driver/routes/$1");
  await page.getByLabel("Driver", { exact: true }).selectOption({ label: name });
  await page.getByRole("button", { name: "Save driver" }).click();
  await expect(page.getByText("Driver assigned: the route is on their list.")).toBeVisible();
  await logOut(page);

  // Olu, on the phone, online: the list, then the route (the service worker keeps both).
  await page.setViewportSize({ width: 390, height: 844 });
  await logIn(page, email, password);
  await page.goto("/driver");
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
  const manifest = await (await page.request.get("/manifest.webmanifest")).json();
  expect(manifest).toMatchObject({ start_url: "/driver", display: "standalone", theme_color: "#123524" });
  await page.getByRole("link", { name: /^Delivery — / }).click();
  await expect(page).toHaveURL(new RegExp(`${routePath}$`));
  await waitForHydration(page);
  // The worker controls the page and holds the route sheet.
  await expect
    .poll(
      () =>
        page.evaluate(async (sheet) => {
          if (!navigator.serviceWorker.controller) return "not controlled";
          return (await caches.match(sheet)) ? "stored" : "not stored";
        }, routePath),
      { timeout: 20_000 },
    )
    .toBe("stored");
  // The route's map shows, and the tiles along the route are kept on the phone.
  const routeMap = page.getByRole("region", { name: "Map of the route" });
  await expect(routeMap.locator(".leaflet-tile-loaded").first()).toBeVisible({ timeout: 20_000 });
  await expect
    .poll(
      () =>
        page.evaluate(async () =>
          (await caches.has("foodshed-driver-tiles"))
            ? (await (await caches.open("foodshed-driver-tiles")).keys()).length
            : 0,
        ),
      { timeout: 30_000 },
    )
    .toBeGreaterThan(50);

  // No signal: the page reloads from the phone, its map too.
  await context.setOffline(true);
  await page.reload();
  await waitForHydration(page);
  await expect(routeMap.locator(".stop-marker").first()).toBeVisible({ timeout: 20_000 });
  await expect
    .poll(() =>
      routeMap
        .locator("img.leaflet-tile")
        .evaluateAll((tiles) => tiles.filter((img) => (img as HTMLImageElement).naturalWidth > 0).length),
    )
    .toBeGreaterThan(0);
  const banner = page.getByTestId("offline-banner");
  await expect(banner).toContainText("Offline");
  // Stops to deliver, preferably whole orders (one stop each, so each order's message is sent now),
  // from the end of the route: driver-proof.spec.ts, after this file, marks from its start.
  const toDeliver = () => page.locator('.driver-stop[data-status="PENDING"]');
  await expect(toDeliver().first()).toBeVisible();
  const count = await toDeliver().count();
  expect(count, "three stops to deliver").toBeGreaterThanOrEqual(3);
  const picked: string[] = [];
  for (let i = count - 1; i >= 0 && picked.length < 3; i--) {
    const heading = await toDeliver().nth(i).getByRole("heading").first().innerText();
    if (!heading.includes("—")) picked.push((await toDeliver().nth(i).getAttribute("id"))!);
  }
  for (let i = count - 1; i >= 0 && picked.length < 3; i--) {
    const id = (await toDeliver().nth(i).getAttribute("id"))!;
    if (!picked.includes(id)) picked.push(id);
  }
  const stops = picked.map((id) => page.locator(`#${id}`));
  const orders: { number: string; buyer: string; whole: boolean }[] = [];
  for (const stop of stops) {
    const whole = !(await stop.getByRole("heading").first().innerText()).includes("—");
    orders.push({ ...(await orderOf(stop)), whole });
  }
  const summary = page.locator(".page-description").first();
  const leftBefore = Number((await summary.innerText()).match(/(\d+) to go/)?.[1]);

  // Two delivered, each with a photo and a signature; one not delivered.
  for (const [i, stop] of stops.slice(0, 2).entries()) {
    await stop.getByLabel("Photo of the delivery").setInputFiles(PHOTO);
    await stop.getByLabel("Signed on the screen").check();
    await sign(stop);
    await stop.getByLabel("Name of who signed").fill(i === 0 ? "Ann Signer" : "Bo Signer");
    await stop.getByRole("button", { name: /^Save: stop \d+ delivered$/ }).click();
    await expect(stop.getByTestId("kept-mark")).toContainText("Saved on this phone — will send when back online");
    await expect(banner).toHaveText(`Offline — ${i + 1} mark${i === 0 ? "" : "s"} waiting`);
  }
  const third = stops[2]!;
  await third.getByLabel("Not delivered", { exact: true }).check();
  await third.getByLabel("Reason", { exact: true }).selectOption("NOBODY_HOME");
  await third.getByRole("button", { name: /^Save: stop \d+ not delivered$/ }).click();
  await expect(third.getByTestId("kept-mark")).toContainText("Not delivered");
  await expect(banner).toHaveText("Offline — 3 marks waiting");
  // The route counts them as done on the phone.
  await expect(summary).toContainText(`${leftBefore - 3} to go`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "no sideways scrolling at 390 px").toBeLessThanOrEqual(0);

  // A copy of the first kept mark, to replay it once everything is sent (as after a lost answer).
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open("foodshed-offline");
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const marks = await new Promise<{ queuedAt: number; seq: number; routeId: string; fields: [string, unknown][] }[]>(
      (resolve, reject) => {
        const req = db.transaction("marks").objectStore("marks").getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      },
    );
    marks.sort((a, b) => a.queuedAt - b.queuedAt || a.seq - b.seq);
    (window as unknown as { keptCopy: unknown }).keptCopy = marks[0];
  });

  // Signal again: the marks go, in order, and the page shows the stops as the server has them.
  await context.setOffline(false);
  await expect(banner).toHaveText("All marks sent", { timeout: 30_000 });
  for (const stop of stops.slice(0, 2)) {
    await expect(stop.getByRole("status").first()).toHaveText("Delivered");
    await expect(stop.getByTestId("proof-photo")).toBeVisible();
    await expect(stop.getByTestId("proof-signature")).toBeVisible();
  }
  await expect(third.getByRole("status").first()).toHaveText("Not delivered");
  await expect(third).toContainText("Reason: Nobody home.");

  // The replay is answered as a success and records nothing new (the mark id is the same).
  const replay = await page.evaluate(async () => {
    const copy = (window as unknown as { keptCopy: { routeId: string; fields: [string, string | File][] } }).keptCopy;
    const body = new FormData();
    for (const [name, value] of copy.fields) {
      if (typeof value === "string") body.append(name, value);
      else body.append(name, value, value.name);
    }
    const url = `/driver/routes/${copy.routeId}?_data=${encodeURIComponent("routes/driver.routes.$routeId")}`;
    const response = await fetch(url, { method: "POST", body });
    return { status: response.status, redirect: response.headers.get("X-Remix-Redirect") };
  });
  expect(replay).toEqual({ status: 204, redirect: routePath });
  await page.reload();
  await expect(stops[0]!.getByRole("status").first()).toHaveText("Delivered");
  // Log-out leaves nothing of the account in the worker's caches.
  await logOut(page);
  await expect
    .poll(() => page.evaluate(async () => (await caches.keys()).filter((n) => n.startsWith("foodshed-driver-"))))
    .toEqual([]);
  await page.setViewportSize({ width: 1280, height: 720 });

  // The coordinator's manifest shows all three with their proof.
  await logIn(page, coordinator.email, coordinator.password);
  await page.goto(manifestPath);
  const onManifest = (number: string) =>
    page.locator("li.manifest-stop").filter({ has: page.locator("strong", { hasText: new RegExp(`#${number} `) }) });
  for (const [i, order] of orders.slice(0, 2).entries()) {
    // Once: the replay of the first added nothing.
    const outcome = onManifest(order.number)
      .locator("[data-outcome=DONE]")
      .filter({ hasText: i === 0 ? "Signed by Ann Signer" : "Signed by Bo Signer" });
    await expect(outcome).toHaveCount(1);
    await expect(outcome.getByTestId("proof-signature")).toBeVisible();
    await expect(outcome.getByTestId("proof-photo")).toBeVisible();
  }
  await expect(onManifest(orders[2]!.number).locator("[data-outcome=FAILED]")).toContainText("Reason: Nobody home.");
  await logOut(page);

  // The admin's outbox holds the messages to the buyers: two delivered (once each), one not delivered.
  await logIn(page, admin.email, admin.password);
  await page.goto("/admin/outbox");
  for (const [i, order] of orders.entries()) {
    if (!order.whole) continue; // an order in two parts hears once both are marked
    const subject =
      i < 2
        ? `Your Foodshed order #${order.number} has been delivered`
        : `We could not deliver your Foodshed order #${order.number}`;
    await expect(page.locator("summary").filter({ hasText: subject })).toHaveCount(1);
  }
  // The buyer of the first stop, found by name, sees the proof on their order.
  await page.goto(`/admin/users?q=${encodeURIComponent(orders[0]!.buyer)}`);
  const buyerEmail = (await page.getByRole("row").filter({ hasText: orders[0]!.buyer }).first().innerText()).match(
    /\S+@\S+/,
  )?.[0];
  expect(buyerEmail).toBeTruthy();
  await logOut(page);
  await logIn(page, buyerEmail!, DEMO_PASSWORD);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/orders");
  await page.getByRole("link", { name: `#${orders[0]!.number}`, exact: true }).click();
  const outcome = page.getByTestId("delivery-outcome");
  // One outcome per part (chilled and ambient goods may be two stops): the proof is on the one Olu marked.
  await expect(
    outcome
      .getByRole("status")
      .filter({ hasText: /^Delivered$/ })
      .first(),
  ).toBeVisible();
  await expect(outcome.getByText("Signed by Ann Signer")).toBeVisible();
  await expect(outcome.getByTestId("proof-photo").first()).toBeVisible();
  await expect(outcome.getByTestId("proof-signature").first()).toBeVisible();
});
