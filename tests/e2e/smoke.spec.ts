import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/journey";
import { DEMO_LOGINS } from "../../prisma/seed-data/logins";
import { signUpHousehold } from "./support/ordering";

async function logIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
}

test("a household signs up and lands on the map", async ({ page }) => {
  await signUpHousehold(page, "Sam Smoke");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My orders" })).toBeVisible();
  await expect(page.locator(".role-badge")).toHaveText("household");
});

test("sign-up with a short password shows the error on the field", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Short");
  await page.getByLabel("Email").fill("short@example.test");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  const password = page.getByLabel("Password");
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Use at least 10 characters")).toBeVisible();
});

const HOME_HEADINGS: Record<string, RegExp> = {
  admin: /Administration/,
  coordinator: /Hello, Kofi/,
  farmer: /Hello, Rosie/,
  household: /Hello, Sam/,
  restaurant: /Hello, The Pickled Pear/,
  // Home sends a driver to their routes (docs/decisions/030).
  driver: /My routes/,
};

for (const login of DEMO_LOGINS) {
  test(`the demo ${login.key} logs in and sees their home`, async ({ page }) => {
    await logIn(page, login.email, login.password);
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(HOME_HEADINGS[login.key]!);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(results.violations.map((violation) => violation.id)).toEqual([]);
  });
}

test("a household gets 403 on the admin pages and 404 on an unknown URL", async ({ page }) => {
  const household = DEMO_LOGINS.find((login) => login.key === "household")!;
  await logIn(page, household.email, household.password);
  const forbidden = await page.goto("/admin/users");
  expect(forbidden?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  const missing = await page.goto("/no-such-page");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
});
