// The reader's language over real HTTP (docs/decisions/025-i18n.md): Accept-Language, the footer's
// chooser (a plain form post that sets a cookie), the account's saved choice, data requests.
import { expect, test } from "@playwright/test";
import { anonymous, location, signedUp } from "./support/client";

const FRENCH = { "Accept-Language": "fr-FR,fr;q=0.9" };

test("a French browser gets the page in French: <html lang>, title and menu", async () => {
  const client = await anonymous();
  const response = await client.get("/", { headers: FRENCH });
  expect(response.status()).toBe(200);
  const html = await response.text();
  expect(html).toMatch(/<html lang="fr"/);
  expect(html).toContain("<title>Foodshed — des produits locaux, livrés par tournée</title>");
  expect(html).toContain(">Carte des producteurs</a>");
  expect(html).toContain(">Se connecter</a>");
  expect(html).toContain('aria-label="Navigation principale"');
  // The language the browser will hydrate with: its catalogue is a script of its own.
  expect(html).not.toContain("Producers map");
});

test("an English or unknown browser gets English", async () => {
  const client = await anonymous();
  for (const language of ["en-GB,en;q=0.9", "de-DE,de;q=0.9", ""]) {
    const html = await (await client.get("/login", { headers: { "Accept-Language": language } })).text();
    expect(html, language).toMatch(/<html lang="en"/);
    expect(html, language).toContain(">Producers map</a>");
  }
});

test("the footer's chooser sets the cookie and goes back to the page, which is then in French", async () => {
  const client = await anonymous();
  const page = await (await client.get("/search?q=eggs")).text();
  expect(page).toMatch(/<form method="post" action="\/language"/);
  expect(page).toContain('<input type="hidden" name="redirectTo" value="/search?q=eggs"/>');
  expect(page).toMatch(/<label for="footer-language">Language<\/label>/);

  const response = await client.post("/language", { form: { language: "fr", redirectTo: "/search?q=eggs" } });
  expect(response.status()).toBe(302);
  expect(location(response)).toBe("/search?q=eggs");
  expect(response.headers()["set-cookie"]).toMatch(
    /^foodshed_lng=fr; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax/,
  );

  // The cookie beats the browser's own language.
  const after = await client.get("/search?q=eggs", { headers: { "Accept-Language": "en" } });
  expect(await after.text()).toMatch(/<html lang="fr"/);

  // A data request (client-side navigation) says which language the page is in.
  const data = await client.get("/?_data=root", { headers: { "Accept-Language": "en" } });
  expect(data.status()).toBe(200);
  expect(await data.json()).toMatchObject({ locale: "fr", languageChoice: "fr", user: null });

  // "Automatic" forgets it.
  const auto = await client.post("/language", { form: { language: "auto", redirectTo: "/" } });
  expect(auto.headers()["set-cookie"]).toMatch(/^foodshed_lng=; Max-Age=0/);
  expect(await (await client.get("/?_data=root")).json()).toMatchObject({ locale: "en", languageChoice: "auto" });
});

test("the chooser sends nobody to another site", async () => {
  const client = await anonymous();
  for (const redirectTo of ["https://evil.example/", "//evil.example", "/\\evil.example"]) {
    const response = await client.post("/language", { form: { language: "fr", redirectTo } });
    expect(response.status(), redirectTo).toBe(302);
    expect(location(response), redirectTo).toBe("/");
  }
});

test("a language we do not have is refused with 400 and the list of choices", async () => {
  const client = await anonymous();
  const response = await client.post("/language", { form: { language: "klingon", redirectTo: "/" } });
  expect(response.status()).toBe(400);
  expect(response.headers()["set-cookie"]).toBeUndefined();
  expect(await response.text()).toBe("Choose a language from the list: Automatic (browser), English or Français.");
  const french = await client.post("/language", { form: { language: "" }, headers: FRENCH });
  expect(french.status()).toBe(400);
  expect(await french.text()).toContain("Choisissez une langue dans la liste");
  // GET has nothing to show.
  expect((await client.get("/language")).status()).toBe(302);
});

test("a signed-in user's saved language wins over the browser, and a bad value is a 400 next to the field", async () => {
  const { client } = await signedUp("HOUSEHOLD");
  const saved = await client.post("/account", { form: { intent: "language", locale: "fr" } });
  expect(saved.status()).toBe(302);
  expect(location(saved)).toBe("/account");
  const html = await (await client.get("/account", { headers: { "Accept-Language": "en" } })).text();
  expect(html).toMatch(/<html lang="fr"/);
  expect(html).toContain("Votre langue a été enregistrée.");
  expect(html).toMatch(/<option value="fr" lang="fr" selected="">Français<\/option>/);

  const bad = await client.post("/account", { form: { intent: "language", locale: "de" } });
  expect(bad.status()).toBe(400);
  expect(await bad.text()).toContain("Choisissez une langue dans la liste");
});

test("a cross-site post to the chooser is refused like every write", async () => {
  const client = await anonymous();
  const response = await client.post("/language", {
    form: { language: "fr" },
    headers: { Origin: "https://evil.example" },
  });
  expect(response.status()).toBe(403);
});
