// The transport emissions statement over HTTP, the way a browser or a script asks for it: the
// demo restaurant reads it and downloads its CSV (the totals are the sums of the lines); a
// household, an anonymous visitor and bad dates are refused — as a page, as data and as a file.
import { expect, test } from "@playwright/test";
import { parseCsv } from "../../app/domain/csv";
import { anonymous, loggedInAs } from "./support/client";

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
// Everything the demo seeded, within the longest period a statement allows (731 days).
const PERIOD = `from=${day(-700)}&to=${day(30)}`;

test("a restaurant reads its statement and downloads the same figures as CSV", async () => {
  const restaurant = await loggedInAs("restaurant@foodshed.test");
  const orders = await (await restaurant.get("/orders")).text();
  expect(orders).toContain('href="/orders/transport-statement"');

  const page = await restaurant.get(`/orders/transport-statement?${PERIOD}`);
  expect(page.status()).toBe(200);
  const html = await page.text();
  expect(html).toContain("Transport emissions statement");
  expect(html).toContain("GHG Protocol Scope 3, category 4");
  expect(html).toContain(`href="/orders/transport-statement.csv?${PERIOD.replace("&", "&amp;")}"`);

  // The default period (the last full quarter) answers too.
  expect((await restaurant.get("/orders/transport-statement")).status()).toBe(200);

  const file = await restaurant.get(`/orders/transport-statement.csv?${PERIOD}`);
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(file.headers()["content-disposition"]).toMatch(/^attachment; filename="transport-emissions-[\d-]+\.csv"$/);
  const rows = parseCsv(await file.text());
  const header = rows.findIndex((r) => r[0] === "Order");
  expect(header).toBeGreaterThan(0);
  const co2e = rows[header]!.indexOf("CO2e (kg)");
  const totalAt = rows.findIndex((r, i) => i > header && r[0] === "Total");
  const lines = rows.slice(header + 1, totalAt);
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(["Allocated", "Estimate", "No figure"]).toContain(line[4]);
  const grams = (text: string | undefined) => Math.round(Number(text || 0) * 1000);
  expect(grams(rows[totalAt]![co2e])).toBe(lines.reduce((s, r) => s + grams(r[co2e]), 0));
});

test("households, other roles and visitors are refused; bad dates answer 400 with the reason", async () => {
  const household = await loggedInAs("household@foodshed.test");
  expect(await (await household.get("/orders")).text()).not.toContain("/orders/transport-statement");
  for (const url of [
    `/orders/transport-statement?${PERIOD}`,
    `/orders/transport-statement.csv?${PERIOD}`,
    `/orders/transport-statement?${PERIOD}&_data=${encodeURIComponent("routes/orders.transport-statement")}`,
  ]) {
    expect((await household.get(url)).status(), url).toBe(403);
  }
  const farmer = await loggedInAs("farmer@foodshed.test");
  expect((await farmer.get("/orders/transport-statement.csv")).status()).toBe(403);
  const visitor = await anonymous();
  const redirected = await visitor.get("/orders/transport-statement.csv");
  expect(redirected.status()).toBe(302);
  expect(redirected.headers()["location"]).toMatch(/^\/login/);

  const restaurant = await loggedInAs("restaurant@foodshed.test");
  const reversed = await restaurant.get("/orders/transport-statement?from=2026-11-30&to=2026-10-01");
  expect(reversed.status()).toBe(400);
  expect(await reversed.text()).toContain("The end date must be on or after the start date.");
  const tooLong = await restaurant.get("/orders/transport-statement.csv?from=2020-01-01&to=2026-01-01");
  expect(tooLong.status()).toBe(400);
  expect(await tooLong.text()).toContain("at most 731 days");
  const half = await restaurant.get("/orders/transport-statement.csv?from=2026-10-01");
  expect(half.status()).toBe(400);
  const nonsense = await restaurant.get("/orders/transport-statement.csv?from=%3DSUM(A1)&to=2026-10-01");
  expect(nonsense.status()).toBe(400);
  expect(await nonsense.text()).toContain("Enter a date as YYYY-MM-DD");
});
