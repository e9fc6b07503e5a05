// The development-server smoke: the README's first command, `npm run dev`, in the same Chromium as the journeys.
// Development mode differs from the built app the journeys test (React StrictMode runs every
// effect twice, the dev build, live reload), so a few pages are walked there too. A fresh data
// folder each run; `npm run test:dev-smoke`.
import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumExecutable } from "./tests/support/browser";
import { DEV_GEOCODER_PORT, DEV_SMOKE_PORT as PORT, DEV_SMOKE_URL as BASE_URL } from "./tests/support/ports";

const CHROMIUM = await chromiumExecutable();
const DATA = `.cache/dev-smoke-${PORT}`;

export default defineConfig({
  testDir: "tests/dev-smoke",
  outputDir: "test-results/dev-smoke",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [["list"]],
  use: {
    ...devices["Desktop Chrome"],
    channel: undefined,
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    },
  },
  webServer: [
    {
      // A Nominatim-compatible geocoder cannot be reached here: a local fake at the HTTP boundary,
      // so the development server runs with address search on.
      command: `npx tsx tests/support/geocoder-fake.ts --port ${DEV_GEOCODER_PORT}`,
      port: DEV_GEOCODER_PORT,
      timeout: 60_000,
      reuseExistingServer: false,
    },
    {
      // Exactly `npm run dev` (Prisma client, migrations and demo seed, the dev build, the server),
      // on an empty data folder.
      command: `node -e "require('node:fs').rmSync('${DATA}', { recursive: true, force: true })" && npm run dev`,
      url: `${BASE_URL}/healthz`,
      // The first dev build and the demo seed take a while on a busy machine.
      timeout: 480_000,
      reuseExistingServer: false,
      // SIGTERM, so the server closes the database and releases the data folder's lock.
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
      stdout: "pipe",
      env: {
        NODE_ENV: "development",
        HOST: "127.0.0.1",
        PORT: String(PORT),
        APP_URL: BASE_URL,
        DATABASE_URL: `pglite:./${DATA}/db`,
        DATA_DIR: `./${DATA}/data`,
        TILE_URL: "/tiles/{z}/{x}/{y}.svg",
        TILE_ATTRIBUTION: "Test tiles",
        GEOCODER_URL: `http://127.0.0.1:${DEV_GEOCODER_PORT}`,
      },
    },
  ],
});
