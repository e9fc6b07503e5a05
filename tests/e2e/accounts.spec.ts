// Journey: someone who forgot their password asks for a link, opens it from the email and chooses
// a new one; they arrive logged in and the old password no longer works. Plus the start-up rule
// that a built server without NODE_ENV will not sign sessions with the public development secret.
import { spawn } from "node:child_process";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/journey";
import { demoLogin } from "../../prisma/seed-data/logins";
import { expectNoAxeViolations, logIn } from "./support/ordering";

async function signUp(page: Page, email: string, password: string) {
  await page.goto("/signup");
  await page.getByLabel("Household").check();
  await page.getByLabel("Your name").fill("Forgetful Fran");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
}

/** The reset link in the newest email to `email`, as the admin outbox shows it. */
async function resetLinkFromOutbox(page: Page, email: string): Promise<string> {
  const admin = demoLogin("admin");
  await logIn(page, admin.email, admin.password);
  await page.goto("/admin/outbox");
  const row = page.getByRole("row").filter({ hasText: email }).first();
  await row.getByText("Reset your Foodshed password").click();
  const text = (await row.locator(".outbox-text").textContent()) ?? "";
  const link = /https?:\/\/\S+\/reset-password\/[A-Za-z0-9_-]+/.exec(text)?.[0];
  expect(link, "the email holds a reset link").toBeTruthy();
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
  return new URL(link!).pathname;
}

test("a user who forgot their password resets it from the emailed link", async ({ page }) => {
  const email = `forgetful-${Date.now()}@example.test`;
  await signUp(page, email, "first-password-1");
  await page.getByRole("button", { name: "Log out" }).click();
  // The log-out has landed before the log-in page is asked for (else it redirects home).
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();

  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Forgot your password?" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByText(/If an account uses that address, we have emailed it a link/)).toBeVisible();

  const path = await resetLinkFromOutbox(page, email);
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("New password").fill("short");
  await page.getByRole("button", { name: "Save and log in" }).click();
  await expect(page.getByText("Use at least 10 characters")).toBeVisible();
  await page.getByLabel("New password").fill("second-password-2");
  await page.getByRole("button", { name: "Save and log in" }).click();
  await expect(page.getByText(/Your password is changed and you are logged in/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();

  // The link is used up.
  await page.goto(path);
  await expect(page.getByText(/already been used/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Ask for a new link" })).toBeVisible();

  // The old password is gone, the new one works.
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("first-password-1");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByText("That email and password do not match an account.")).toBeVisible();
  await logIn(page, email, "second-password-2");
});

test("a user changes their password and logs out everywhere from the account page", async ({ page }) => {
  const email = `changer-${Date.now()}@example.test`;
  await signUp(page, email, "first-password-1");
  await page.goto("/account");
  await expectNoAxeViolations(page);
  await page.getByLabel("Current password").fill("first-password-1");
  await page.getByLabel("New password").fill("second-password-2");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText(/Your password is changed\. Every other device was logged out\./)).toBeVisible();
  await page.getByRole("button", { name: "Log out everywhere" }).click();
  await expect(page.getByText("You are logged out on every device.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Log in" }).first()).toBeVisible();
});

test("a buyer chooses text messages for deliveries: a landline is refused in words, a mobile is saved", async ({
  page,
}) => {
  const email = `texts-${Date.now()}@example.test`;
  await signUp(page, email, "texts-password-1");
  await page.goto("/account");
  const card = page.locator("#delivery-messages");
  await expect(card.getByRole("radio", { name: "Email", exact: true })).toBeChecked();
  await card.getByRole("radio", { name: "Text message (SMS)" }).check();
  await card.getByLabel("Mobile number").fill("0117 496 0000");
  await card.getByRole("button", { name: "Save delivery messages" }).click();
  await expect(card.getByText("This looks like a landline number: text messages need a mobile number.")).toBeVisible();
  await card.getByLabel("Mobile number").fill("07700 900123");
  await card.getByRole("button", { name: "Save delivery messages" }).click();
  await expect(page.getByText("Delivery messages saved.")).toBeVisible();
  await page.reload();
  await expect(card.getByRole("radio", { name: "Text message (SMS)" })).toBeChecked();
  await expect(card.getByLabel("Mobile number")).toHaveValue("+447700900123");
  await expectNoAxeViolations(page);
});

function startServer(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["server.js"], {
      env: { PATH: process.env.PATH ?? "", DATABASE_URL: "pglite:memory", ...env } as unknown as NodeJS.ProcessEnv,
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("exit", (code: number | null) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

test("a built server started without NODE_ENV or SESSION_SECRET refuses to start", async () => {
  const { code, output } = await startServer({ PORT: "3191" });
  expect(code).toBe(1);
  expect(output).toContain("SESSION_SECRET: is required without NODE_ENV=development");
});

test("TRUST_PROXY=true stops the server with a message saying what to set instead", async () => {
  const { code, output } = await startServer({
    NODE_ENV: "production",
    SESSION_SECRET: "s".repeat(40),
    PORT: "3192",
    TRUST_PROXY: "true",
  });
  expect(code).toBe(1);
  expect(output).toContain("TRUST_PROXY:");
  expect(output).toContain("number of proxies");
});
