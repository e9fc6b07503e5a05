// Farm payouts over real HTTP (issue 15, docs/decisions/035): a fresh farmer connects through the
// local Stripe fake — the app's 303 to the hosted onboarding page, its "Complete onboarding" form,
// the signed account.updated webhook and the redirect back to the return URL — and the payouts page
// then says Enabled. Another farmer cannot start this farm's onboarding (404) and sees only their
// own farm. Broken bodies are refused with words (400): the payouts form, and hub money settings
// with a mistyped IBAN (nothing stored). Fresh farmers and farms, so the demo stays as the journeys expect.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { BASE_URL, inputValue, location, loggedInAs, signedUp } from "./support/client";

test.describe.configure({ mode: "serial" });

async function farmerWithFarm(name: string): Promise<{ client: APIRequestContext; farmId: string }> {
  const { client } = await signedUp("FARMER", name);
  const created = await client.post("/farm/new", {
    form: {
      name: `${name} ${Date.now()}`,
      story: "",
      address: "1 Lane, Bristol",
      lat: "51.45",
      lng: "-2.58",
      pickupInstructions: "",
    },
  });
  expect(created.status(), await created.text()).toBe(302);
  const page = await client.get("/farm/payouts");
  expect(page.status()).toBe(200);
  const html = await page.text();
  expect(html).toContain("Not connected");
  expect(html).toContain("Connect with Stripe");
  const farmId = inputValue(html, "farmId");
  expect(farmId).toBeTruthy();
  return { client, farmId: farmId! };
}

let first: { client: APIRequestContext; farmId: string };

test("a farmer connects through Stripe's (fake) onboarding and comes back with payouts enabled", async () => {
  first = await farmerWithFarm("HTTP Payouts Farm");
  const { client, farmId } = first;
  // Connect: a 303 to Stripe's hosted onboarding, followed to the page itself.
  const start = await client.post("/farm/payouts", { form: { intent: "connect", farmId } });
  expect(start.status()).toBe(303);
  const onboardingUrl = start.headers()["location"]!;
  expect(onboardingUrl).toMatch(/\/connect\/onboarding\//);
  expect(new URL(onboardingUrl).origin).not.toBe(BASE_URL);
  const followed = await client.post("/farm/payouts", { form: { intent: "connect", farmId }, maxRedirects: 5 });
  expect(followed.status()).toBe(200);
  const onboarding = await followed.text();
  expect(onboarding).toContain("Complete onboarding");
  expect(onboarding).toContain("Leave with details missing");
  // Pressing again opened no second account: the page names the same account as the first link's.
  const account = /<code>(acct_[\w]+)<\/code>/.exec(onboarding)?.[1];
  expect(account).toBeTruthy();
  expect(await (await client.get(onboardingUrl)).text()).toContain(account!);

  // "Complete onboarding": the fake sends account.updated to the app, then back to the return URL.
  const complete = /action="([^"]*\/complete)"/.exec(onboarding)![1]!;
  const back = await client.post(new URL(complete, followed.url()).href, { maxRedirects: 0 });
  expect(back.status()).toBe(303);
  const returnUrl = back.headers()["location"]!;
  expect(returnUrl).toBe(`${BASE_URL}/farm/payouts/return`);
  const returned = await client.get(returnUrl);
  expect(returned.status()).toBe(302);
  expect(location(returned)).toBe("/farm/payouts");
  const after = await (await client.get("/farm/payouts")).text();
  expect(after).toContain("Enabled");
  expect(after).toContain("Payouts are on");
  expect(after).not.toContain("Connect with Stripe");
  // The used link cannot be used again: it goes to the refresh URL, which makes a new one.
  const usedUrl = followed.url();
  const reused = await client.get(usedUrl);
  expect(reused.status()).toBe(303);
  expect(reused.headers()["location"]).toBe(`${BASE_URL}/farm/payouts/refresh`);
  const refreshed = await client.get(`${BASE_URL}/farm/payouts/refresh`);
  expect(refreshed.status()).toBe(303);
  expect(refreshed.headers()["location"]).toMatch(/\/connect\/onboarding\//);
  expect(refreshed.headers()["location"]).not.toBe(usedUrl);
});

test("another farmer cannot start this farm's onboarding, and sees only their own farm", async () => {
  const other = await farmerWithFarm("HTTP Other Farm");
  const forged = await other.client.post("/farm/payouts", { form: { intent: "connect", farmId: first.farmId } });
  expect(forged.status()).toBe(404);
  const page = await (await other.client.get("/farm/payouts")).text();
  expect(page).not.toContain(first.farmId);
  expect(page).toContain("Not connected");
  // Their return link reads their own (unconnected) farm: back to their page, nothing else.
  expect(location(await other.client.get("/farm/payouts/return"))).toBe("/farm/payouts");
  // A buyer is not a farmer.
  const { client: buyer } = await signedUp("HOUSEHOLD");
  expect([403, 404]).toContain((await buyer.get("/farm/payouts")).status());
  expect([403, 404]).toContain(
    (await buyer.post("/farm/payouts", { form: { intent: "connect", farmId: first.farmId } })).status(),
  );
});

test("broken bodies are refused with words: the payouts form, and a mistyped IBAN in hub settings (nothing stored)", async () => {
  const bad = await first.client.post("/farm/payouts", { form: { intent: "disconnect" } });
  expect(bad.status()).toBe(400);
  expect(await bad.text()).toContain("This form could not be read");

  const coordinator = await loggedInAs("coordinator@foodshed.test");
  const before = await (await coordinator.get("/hub/settings")).text();
  expect(before).toContain("Payments and commission");
  expect(before).toContain("Farms and commission");
  const response = await coordinator.post("/hub/settings", {
    form: {
      intent: "money",
      payeeName: "Changed By A Bad Form",
      bankIban: "GB82 WEST 1234 5698 7654 33",
      commissionPercent: "10",
      hubFeePercent: "0",
    },
  });
  expect(response.status()).toBe(400);
  const html = await response.text();
  expect(html).toContain("This IBAN does not check out");
  const after = await (await coordinator.get("/hub/settings")).text();
  expect(inputValue(after, "payeeName")).toBe(inputValue(before, "payeeName"));
  expect(inputValue(after, "bankIban")).toBe(inputValue(before, "bankIban"));
  const tooMuch = await coordinator.post("/hub/settings", { form: { intent: "money", commissionPercent: "75" } });
  expect(tooMuch.status()).toBe(400);
  expect(await tooMuch.text()).toContain("Enter a percentage from 0 to 50");
});
