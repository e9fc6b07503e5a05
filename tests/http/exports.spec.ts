// Accounting exports over real HTTP (docs/decisions/038): the coordinator's page links a download
// that answers 200 with a CSV attachment in each format and document kind; bad dates are a 400 in
// words; a farmer or a visitor never gets the file.
import { expect, test } from "@playwright/test";
import { anonymous, loggedInAs } from "./support/client";

const FORMATS = ["xero", "quickbooks", "plain"] as const;
const HEADERS = { xero: "*ContactName,", quickbooks: "InvoiceNo,", plain: "Type,Number," } as const;

test("the coordinator's page links the download for last month", async () => {
  const coordinator = await loggedInAs("coordinator@foodshed.test");
  const page = await coordinator.get("/hub/exports");
  expect(page.status()).toBe(200);
  const html = await page.text();
  expect(html).toContain("Accounting exports");
  expect(html).toMatch(
    /href="\/hub\/exports\.csv\?from=\d{4}-\d{2}-01&amp;to=\d{4}-\d{2}-\d{2}&amp;format=xero&amp;kind=sales"/,
  );
  expect((await coordinator.get("/hub")).status()).toBe(200);
  expect(await (await coordinator.get("/hub")).text()).toContain('href="/hub/exports"');
});

for (const format of FORMATS) {
  test(`the ${format} download is a CSV attachment`, async () => {
    const coordinator = await loggedInAs("coordinator@foodshed.test");
    for (const kind of ["sales", "refunds"] as const) {
      const response = await coordinator.get(
        `/hub/exports.csv?from=2026-11-01&to=2026-11-30&format=${format}&kind=${kind}`,
      );
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toMatch(/^text\/csv; charset=utf-8/);
      expect(response.headers()["content-disposition"]).toBe(
        `attachment; filename="foodshed-${format}-${kind}-2026-11.csv"`,
      );
      const body = await response.text();
      if (kind === "sales") expect(body.startsWith(HEADERS[format])).toBe(true);
      expect(body.endsWith("\r\n")).toBe(true);
    }
  });
}

test("bad dates are a 400 that says what to fix", async () => {
  const coordinator = await loggedInAs("coordinator@foodshed.test");
  const reversed = await coordinator.get("/hub/exports.csv?from=2026-11-30&to=2026-11-01&format=xero&kind=sales");
  expect(reversed.status()).toBe(400);
  expect(await reversed.text()).toContain("The last day must be on or after the first day.");
  const garbled = await coordinator.get("/hub/exports.csv?from=30%2F11%2F2026&to=2026-11-30&format=xero&kind=sales");
  expect(garbled.status()).toBe(400);
  expect(await garbled.text()).toContain("YYYY-MM-DD");
  const page = await coordinator.get("/hub/exports?from=2026-11-30&to=2026-11-01&format=xero&kind=sales");
  expect(page.status()).toBe(400);
  expect(await page.text()).toContain("The last day must be on or after the first day.");
});

test("a farmer or a visitor never gets the file", async () => {
  const farmer = await loggedInAs("farmer@foodshed.test");
  for (const path of ["/hub/exports", "/hub/exports.csv?format=xero&kind=sales"]) {
    const asFarmer = await farmer.get(path);
    expect([302, 403, 404], `${path} as the farmer`).toContain(asFarmer.status());
    expect(asFarmer.headers()["content-type"] ?? "").not.toMatch(/text\/csv/);
    const asVisitor = await (await anonymous()).get(path);
    expect([302, 403], `${path} signed out`).toContain(asVisitor.status());
  }
});
