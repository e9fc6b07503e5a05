// Ports for the test servers: derived from the checkout's folder, so two checkouts on one machine
// run their suites side by side without colliding, and identical in every Playwright process
// (the config is evaluated again in each worker). E2E_PORT overrides.
import { createHash } from "node:crypto";

const base =
  Number(process.env.E2E_PORT) ||
  20_000 + (createHash("sha256").update(process.cwd()).digest().readUInt16BE(0) % 20_000) * 2;

export const APP_PORT = base;
export const STRIPE_FAKE_PORT = base + 1;
export const APP_URL = `http://127.0.0.1:${APP_PORT}`;

// The development-server smoke (playwright.dev.config.ts) runs `npm run dev` on its own port, next
// to the main suite's, so both can run at once.
export const DEV_SMOKE_PORT = base + 2;
export const DEV_SMOKE_URL = `http://127.0.0.1:${DEV_SMOKE_PORT}`;
// Its fake geocoder (address search is on under the development smoke).
export const DEV_GEOCODER_PORT = base + 3;
