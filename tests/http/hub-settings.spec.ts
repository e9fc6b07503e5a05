// Hub settings over HTTP: the demo hub has orders, so its currency is fixed — the page offers only
// it, and a forged request for another currency is refused with the reason while nothing changes;
// the same form saved twice at once saves once, the same way.
import { expect, test } from "@playwright/test";
import { inputValue, loggedInAs } from "./support/client";

const FIELDS = [
  "name",
  "depotAddress",
  "depotLat",
  "depotLng",
  "zoneRadiusKm",
  "orderMinimum",
  "deliveryFee",
  "deliveryFeePerKm",
  "cutoffDaysBefore",
  "cutoffTime",
] as const;

function selected(html: string, name: string): string | null {
  const select = new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? "";
  return (
    /<option[^>]*value="([^"]*)"[^>]*selected/.exec(select)?.[1] ??
    /<option[^>]*value="([^"]*)"/.exec(select)?.[1] ??
    null
  );
}

test("a hub with orders keeps its currency: only it is offered, and a forged change is refused", async () => {
  const coordinator = await loggedInAs("coordinator@foodshed.test");
  const page = await (await coordinator.get("/hub/settings")).text();
  const currencySelect = /<select[^>]*name="currency"[^>]*>([\s\S]*?)<\/select>/.exec(page)![1]!;
  expect(currencySelect.match(/<option/g)).toHaveLength(1);
  expect(page).toContain("Fixed: the hub has orders in GBP");
  const form: Record<string, string> = { timeZone: selected(page, "timeZone")! };
  for (const field of FIELDS) form[field] = inputValue(page, field) ?? "";

  const forged = await coordinator.post("/hub/settings", { form: { ...form, currency: "EUR" } });
  expect(forged.status()).toBe(409);
  expect(await forged.text()).toContain("Orders are already priced in GBP, so the currency stays GBP");
  const unknown = await coordinator.post("/hub/settings", { form: { ...form, currency: "DOGE" } });
  expect(unknown.status()).toBe(400);
  expect(await unknown.text()).toContain("Choose one of the listed currencies");

  // Saved twice at once with its own currency: both land on the settings page, nothing else moves.
  const both = await Promise.all([
    coordinator.post("/hub/settings", { form: { ...form, currency: "GBP" }, maxRedirects: 0 }),
    coordinator.post("/hub/settings", { form: { ...form, currency: "GBP" }, maxRedirects: 0 }),
  ]);
  expect(both.map((r) => [r.status(), r.headers()["location"]])).toEqual([
    [302, "/hub/settings"],
    [302, "/hub/settings"],
  ]);
  const after = await (await coordinator.get("/hub/settings")).text();
  expect(selected(after, "currency")).toBe("GBP");
  for (const field of FIELDS) expect(inputValue(after, field), field).toBe(form[field]);
});
