// The browser the Playwright suites drive: CHROMIUM_PATH, else the system Chromium (Debian's
// `chromium` package), else the Chromium that the @sparticuz/chromium npm package ships (unpacked
// to the temp folder on first use), so `npm test` needs nothing outside npm. Never a browser
// downloaded by Playwright itself (its download host cannot be reached here).
import fs from "node:fs";

const SYSTEM_CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

export async function chromiumExecutable(): Promise<string> {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const system = SYSTEM_CHROMIUM.find((file) => fs.existsSync(file));
  if (system) return system;
  const { default: packaged } = await import("@sparticuz/chromium");
  return packaged.executablePath();
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
