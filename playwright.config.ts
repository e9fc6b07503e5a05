// Browser journeys against the built app, in Debian's Chromium (never a downloaded browser).
// The web server starts from a fresh embedded demo database each run.
import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumExecutable } from "./tests/support/browser";
import { APP_PORT as PORT, APP_URL as BASE_URL, STRIPE_FAKE_PORT } from "./tests/support/ports";

const CHROMIUM = await chromiumExecutable();

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    },
  },
  // The coordinator journey closes the demo's open cycle, which the buyers' journeys order into:
  // it runs after them, against the same server.
  // "http" is the request-level suite (tests/http): real HTTP requests, as a browser or an attacker
  // makes them, against the same server.
  projects: [
    { name: "http", testDir: "tests/http" },
    {
      name: "journeys",
      testIgnore: /(coordinator|driver-proof|driver-offline)\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], channel: undefined },
    },
    {
      name: "coordinator",
      // driver-proof.spec.ts and driver-offline.spec.ts drive routes of the cycle the coordinator
      // journey planned: after it.
      testMatch: /(coordinator|driver-proof|driver-offline)\.spec\.ts/,
      dependencies: ["journeys", "http"],
      use: { ...devices["Desktop Chrome"], channel: undefined },
    },
  ],
  webServer: [
    {
      // Stripe's API cannot be reached here: a local fake of the endpoints the app uses, which also
      // serves the Checkout page and sends signed webhooks back to the app.
      command: `npx tsx tests/support/stripe-fake.ts --port ${STRIPE_FAKE_PORT} --webhook ${BASE_URL}/webhooks/stripe --secret whsec_test`,
      port: STRIPE_FAKE_PORT,
      timeout: 60_000,
      reuseExistingServer: false,
    },
    {
      command: "npx tsx scripts/prepare-db.ts --fresh --seed && node server.js",
      url: `${BASE_URL}/healthz`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        NODE_ENV: "production",
        HOST: "127.0.0.1",
        PORT: String(PORT),
        APP_URL: BASE_URL,
        DATABASE_URL: "pglite:./.cache/e2e-db",
        DATA_DIR: "./.cache/e2e-data",
        SESSION_SECRET: "e2e-session-secret-e2e-session-secret-0123",
        TILE_URL: "/tiles/{z}/{x}/{y}.svg",
        TILE_ATTRIBUTION: "Test tiles",
        STRIPE_SECRET_KEY: "sk_test_fake",
        STRIPE_WEBHOOK_SECRET: "whsec_test",
        STRIPE_API_BASE: `http://127.0.0.1:${STRIPE_FAKE_PORT}`,
      },
    },
  ],
});
