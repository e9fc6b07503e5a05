// Under `npm run dev`, a French browser: the pages render and hydrate in French without a console
// error or hydration warning; the forms validate in French in the browser; choosing English in the
// account switches the page without a reload, and the footer's chooser works for visitors.
import { expect, test, type Page } from "@playwright/test";

test.use({ locale: "fr-FR" });

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

/** The page is interactive (the client took over the server's HTML). */
async function hydrated(page: Page) {
  await page.waitForFunction(() => (window as unknown as { __remixRouter?: unknown }).__remixRouter !== undefined);
}

test("a French visitor signs up in French, then switches to English in the account", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("navigation", { name: "Navigation principale" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Carte des producteurs" })).toBeVisible();
  await hydrated(page);

  await page.getByRole("link", { name: "S’inscrire", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Créez votre compte" })).toBeVisible();
  await hydrated(page);
  await page.getByLabel("Votre nom").fill("Camille Dupont");
  await page.getByLabel("E-mail").fill(`camille-${Date.now()}@example.test`);
  // Validated in the browser, in French (the shared messages come from the validation catalogue).
  await page.getByLabel("Mot de passe").fill("court");
  await page.getByLabel("Mot de passe").blur();
  await expect(page.getByText("Utilisez au moins 10 caractères")).toBeVisible();
  await page.getByLabel("Mot de passe").fill("un-mot-de-passe-solide");
  await page.getByRole("button", { name: "Créer le compte" }).click();
  await expect(page.getByText("Bienvenue sur Foodshed, Camille Dupont.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();

  await page.goto("/account");
  await hydrated(page);
  await expect(page.getByRole("link", { name: /Langue\s: Français/ })).toBeVisible();
  await page.getByLabel("Afficher Foodshed en").selectOption("en");
  await page.getByRole("button", { name: "Utiliser cette langue" }).click();
  // The saved choice answers in English and the page follows without a reload.
  await expect(page.getByText("Your language was saved.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Producers map" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("button", { name: "Log out", exact: true })).toBeVisible();

  // The choice holds on the next page, whatever the browser says.
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("button", { name: "Log out", exact: true }).click();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
});

test("the footer's chooser (a plain form post) switches a visitor's pages and back to automatic", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1, name: "Connexion" })).toBeVisible();
  await hydrated(page);
  await page.getByLabel("Langue", { exact: true }).selectOption("en");
  await page.getByRole("button", { name: "Changer" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { level: 1, name: "Log in" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await hydrated(page);
  // "Automatic" follows the browser again.
  await page.getByLabel("Language", { exact: true }).selectOption("auto");
  await page.getByRole("button", { name: "Change", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Connexion" })).toBeVisible();
});
