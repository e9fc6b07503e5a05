// Express entry: security headers, compression, static assets, /healthz, then Remix.
// Binds 127.0.0.1 unless HOST says otherwise. Migrations run before the first request is served.
import path from "node:path";
import url from "node:url";
import fs from "node:fs";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, installGlobals } from "@remix-run/node";
import compression from "compression";
import express from "express";

installGlobals({ nativeFetch: true });

const BUILD_PATH = path.resolve("build/index.js");
const VERSION_PATH = path.resolve("build/version.txt");
const isDev = process.env.NODE_ENV === "development";

async function importBuild() {
  const stat = fs.statSync(BUILD_PATH);
  return import(`${url.pathToFileURL(BUILD_PATH).href}?t=${stat.mtimeMs}`);
}

if (!fs.existsSync(BUILD_PATH)) {
  console.error("No build found at build/index.js. Run `npm run build` first (or `npm run dev`).");
  process.exit(1);
}

let build = await importBuild();
try {
  const info = await build.entry.module.ready((line) => console.log(`[db] ${line}`));
  console.log(`[db] ${info.env.DATABASE_URL} ready (${info.migrations.applied.length} migration(s) applied now)`);
} catch (error) {
  console.error(`\nFoodshed could not start.\n${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

const HOST = process.env.HOST || "127.0.0.1";
const PORT = Number(process.env.PORT || 3000);

const app = express();
app.disable("x-powered-by");
// TRUST_PROXY was validated by ready() (a hop count or addresses/CIDR ranges; `true` is refused).
const trustProxy = process.env.TRUST_PROXY?.trim();
if (trustProxy) app.set("trust proxy", /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy.split(",").map((entry) => entry.trim()));

// Card payments leave for Stripe Checkout; a form submitted before hydration is redirected there
// by the browser, so its origin must be allowed (and the local fake's, when tests point at one).
const checkoutOrigins = ["https://checkout.stripe.com"];
if (process.env.STRIPE_API_BASE && !/^https:\/\/([\w-]+\.)*stripe\.com(\/|$)/.test(process.env.STRIPE_API_BASE)) {
  checkoutOrigins.push(new URL(process.env.STRIPE_API_BASE).origin);
}

app.use((req, res, next) => {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("Permissions-Policy", "geolocation=(self), camera=(), microphone=()");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      "script-src 'self' 'unsafe-inline'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob: https:",
      `connect-src 'self'${isDev ? " ws://localhost:* ws://127.0.0.1:*" : ""}`,
      "frame-ancestors 'none'",
      `form-action 'self' ${checkoutOrigins.join(" ")}`,
      "base-uri 'self'",
    ].join("; "),
  );
  if (process.env.NODE_ENV === "production" && req.secure) {
    res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
  // The client address for log-in throttling comes from the socket (or a trusted proxy), never
  // from a header the client chose.
  req.headers["x-client-address"] = req.ip ?? "";
  next();
});

// Stripe webhooks need the raw body for signature checks: keep compression and parsers off it.
// Level 1 (nginx's default for dynamic content): on the map's JSON ~3 % larger than level 6 for
// ~40 % less CPU, which shows under load (bench:discovery over HTTP).
app.use(compression({ level: 1, filter: (req, res) => !req.path.startsWith("/webhooks/") && compression.filter(req, res) }));

app.get("/healthz", async (_req, res) => {
  try {
    await build.entry.module.healthCheck();
    res.status(200).json({ status: "ok" });
  } catch (error) {
    res.status(503).json({ status: "unavailable", error: error instanceof Error ? error.message : String(error) });
  }
});

app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));

if (isDev) {
  const { default: chokidar } = await import("chokidar");
  chokidar.watch(VERSION_PATH, { ignoreInitial: true }).on("all", async () => {
    build = await importBuild();
    await build.entry.module.ready(() => {});
    broadcastDevReady(build);
  });
  app.all("*", (req, res, next) => createRequestHandler({ build, mode: "development" })(req, res, next));
} else {
  app.all("*", createRequestHandler({ build, mode: build.mode }));
}

const server = app.listen(PORT, HOST, () => {
  console.log(`Foodshed is running at http://${HOST}:${PORT}`);
  if (isDev) broadcastDevReady(build);
});

async function shutdown(signal) {
  console.log(`${signal} received: closing`);
  server.close();
  try {
    await build.entry.module.shutdown();
  } finally {
    process.exit(0);
  }
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
