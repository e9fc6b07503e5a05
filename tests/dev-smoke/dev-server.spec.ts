// Under `npm run dev` (development build, React StrictMode): the producers map shows its pins and
// selecting a farm works, and the main pages and forms of each role render without an error boundary, a page
// error, a console error or a hydration warning.
import { expect, test, type Page } from "@playwright/test";
import { demoLogin } from "../../prisma/seed-data/logins";

// Every page error and console.error fails the test that caused it.
let problems: string[] = [];
function watch(page: Page) {
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console.error: ${message.text()}`);
  });
}
test.beforeEach(({ page }) => {
  problems = [];
  watch(page);
});
test.afterEach(() => {
  expect(problems, "page errors and console errors").toEqual([]);
});

async function expectNoErrorPage(page: Page) {
  await expect(page.getByText("The map could not be loaded")).toHaveCount(0);
  await expect(
    page.getByRole("heading", { name: /Something went wrong|Application Error|Unexpected Server Error/i }),
  ).toHaveCount(0);
}

async function logIn(page: Page, key: "farmer" | "coordinator" | "household") {
  const { email, password } = demoLogin(key);
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
}

test("the producers map shows pins, and selecting a farm shows its card and link", async ({ page }) => {
  await page.goto("/map");
  const map = page.getByRole("region", { name: /Map of producers/ });
  await expect(map.locator(".leaflet-container")).toBeVisible();
  // Clusters or single markers: the demo region's farms are on the map.
  await expect(map.locator(".leaflet-marker-icon").first()).toBeVisible();

  // Selecting a farm in the list: its card with its link, and its pin marked on the map.
  const list = page.getByRole("list", { name: "Producers in view" });
  const first = list.getByRole("button").first();
  const name = (await first.locator(".farm-list-name").textContent())!.trim();
  await first.click();
  const card = page.getByRole("region", { name });
  await expect(card.getByRole("link", { name: `See ${name}` })).toBeVisible();
  await expect(map.locator(".map-pin-selected")).toBeVisible();

  // Clicking a single farm's pin selects that farm: one that shows whole inside the map and is
  // not covered (the map may still be zooming to the selected pin, so ask until one is).
  const findPin = () =>
    map.evaluate((element) => {
      const box = element.getBoundingClientRect();
      for (const icon of element.querySelectorAll(".leaflet-marker-icon:not(.marker-cluster):not(.map-pin-selected)")) {
        const r = icon.getBoundingClientRect();
        const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
        const inside = x > box.left + 30 && x < box.right - 30 && y > box.top + 30 && y < box.bottom - 30;
        if (inside && document.elementFromPoint(x, y) === icon) return icon.getAttribute("title");
      }
      return null;
    });
  let pinName: string | null = null;
  for (let attempt = 0; attempt < 8 && !pinName; attempt++) {
    await page.waitForTimeout(750);
    pinName = await findPin();
    // Every other farm in view is in a cluster: a click on it zooms in.
    if (!pinName && attempt % 2 === 1) await map.locator(".marker-cluster").first().click();
  }
  if (!pinName) throw new Error("no single farm pin to click on the map");
  await map.locator(`.leaflet-marker-icon[title="${pinName}"]`).click();
  await expect(page.getByRole("region", { name: pinName }).getByRole("link", { name: `See ${pinName}` })).toBeVisible();
  await expect(map.locator(`.map-pin-selected[title="${pinName}"]`)).toBeVisible();
  await expectNoErrorPage(page);

  // The farm's page, with its own pin map.
  await page.getByRole("link", { name: `See ${pinName}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: pinName })).toBeVisible();
  await expect(page.getByRole("region", { name: /Map showing where/ }).locator(".leaflet-marker-icon")).toHaveCount(1);
  await expectNoErrorPage(page);
});

test("search, the farmer's and the coordinator's pages and the delivered cycle's route map render", async ({
  page,
}) => {
  await page.goto("/search?q=apple");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoErrorPage(page);

  await logIn(page, "farmer");
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/farm");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/farm/edit");
  await expect(page.getByRole("region", { name: /Farm location map/ }).locator(".leaflet-marker-icon")).toHaveCount(1);
  await expectNoErrorPage(page);
  await page.getByRole("button", { name: "Log out" }).click();
  // The log-out has landed before the log-in page is asked for (else it redirects home).
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();

  await logIn(page, "coordinator");
  await page.goto("/hub");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/hub/cycles");
  const cycleLinks = page.locator('a[href^="/hub/cycles/"]:not([href$="/new"])');
  const hrefs = await cycleLinks.evaluateAll((links) => links.map((link) => link.getAttribute("href")!));
  // The delivered cycle's plan page (server-rendered notice) shows its routes on the map.
  let found = false;
  for (const href of [...new Set(hrefs.map((h) => h.match(/^\/hub\/cycles\/[^/]+/)![0]))]) {
    await page.goto(`${href}/plan`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    if ((await page.getByText("This cycle has been delivered").count()) > 0) {
      const routeMap = page.getByRole("region", { name: /Map of the planned routes/ });
      await expect(routeMap.locator(".stop-marker").first()).toBeVisible();
      // A route's manifest (with its driver choice) and its driver view.
      await page.getByRole("link", { name: "Manifest" }).first().click();
      // The plan page has a Driver select per route too: wait for the manifest itself.
      await expect(page.getByRole("heading", { level: 1 })).toContainText("manifest");
      await expect(page.getByLabel("Driver", { exact: true })).toBeVisible();
      await page.getByRole("link", { name: "Driver view" }).click();
      await expect(page.locator(".driver-stop").first()).toBeVisible();
      // The route's own map renders in development too.
      const driverMap = page.getByRole("region", { name: "Map of the route" });
      await expect(driverMap.locator(".stop-marker").first()).toBeVisible();
      found = true;
      break;
    }
  }
  expect(found, "the delivered cycle's plan page").toBe(true);
  await expectNoErrorPage(page);
});

test("a buyer finds an address with the geocoder, the pin follows, and the buyer's pages render", async ({ page }) => {
  await logIn(page, "household");
  await page.goto("/account");
  const map = page.getByRole("region", { name: /Your location map/ });
  await expect(map.locator(".leaflet-marker-icon")).toHaveCount(1);
  await page.getByLabel("Find address").fill("Windmill Hill");
  await page.getByRole("button", { name: "Find", exact: true }).click();
  await expect(page.getByText("2 places found: choose one.")).toBeVisible();
  await page.getByRole("button", { name: /^Windmill Hill City Farm/ }).click();
  await expect(page.getByText(/Moved to Windmill Hill City Farm/)).toBeVisible();
  await expect(page.getByLabel("Latitude")).toHaveValue("51.439300");
  await expect(page.getByLabel("Longitude")).toHaveValue("-2.593000");
  await expect(map.locator(".leaflet-marker-icon")).toHaveCount(1);
  // An unknown place says so and keeps the pin.
  await page.getByLabel("Find address").fill("Nowhere at all");
  await page.getByRole("button", { name: "Find", exact: true }).click();
  await expect(page.getByText(/No place found/)).toBeVisible();
  await expect(page.getByLabel("Latitude")).toHaveValue("51.439300");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Your details were saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Latitude")).toHaveValue("51.4393");

  for (const path of ["/basket", "/orders", "/search?q=eggs"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoErrorPage(page);
  }

  // Checkout's form (with the delivery pin) hydrates without a warning too.
  await page.goto("/search?q=eggs");
  await page.getByRole("button", { name: "Add to basket" }).first().click();
  await expect(page.getByRole("link", { name: /View basket/ }).first()).toBeVisible();
  await page.goto("/checkout");
  await expect(page.getByRole("heading", { level: 1, name: "Checkout" })).toBeVisible();
  await expect(page.getByRole("region", { name: /Delivery point map/ }).locator(".leaflet-marker-icon")).toHaveCount(1);
  await expectNoErrorPage(page);
});

test("the farmer's and the coordinator's forms render under npm run dev without a console error", async ({ page }) => {
  await logIn(page, "farmer");
  for (const path of ["/farm/products/new", "/farm/products", "/farm/orders", "/farm/products/import"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoErrorPage(page);
  }
  await page.goto("/farm/products");
  await page.getByRole("table").locator('a[href^="/farm/products/"]').first().click();
  await expect(page.getByLabel(/Retail price per .* \(£\)/)).toBeVisible();
  await page.getByRole("button", { name: "Log out" }).click();
  // The log-out has landed before the log-in page is asked for (else it redirects home).
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();

  await logIn(page, "coordinator");
  for (const path of ["/hub/cycles/new", "/hub/settings", "/hub/vehicles/new", "/hub/orders", "/hub/drivers"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoErrorPage(page);
  }
});
