// Express entry: security headers, request guards (same-origin writes, body caps, form bodies,
// no NUL), compression, static assets, /healthz, then Remix. Binds 127.0.0.1 unless HOST says
// otherwise. Migrations run before the first request is served.
import crypto from "node:crypto";
import path from "node:path";
import url from "node:url";
import fs from "node:fs";
import { broadcastDevReady, createRequestHandler, installGlobals } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { requestGuards } from "./server/http-guards.js";
import { createRemixRequest, sendRemixResponse } from "./server/remix-adapter.js";

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
// `npm run dev` writes its development build to the same folder: served in production it answers
// 500 to everything, so say what to do instead.
if (!isDev && build.mode === "development") {
  console.error(
    "\nFoodshed could not start.\nbuild/ holds a development build (from `npm run dev`). Run `npm run build` first.\n",
  );
  process.exit(1);
}
try {
  const info = await build.entry.module.ready((line) => console.log(`[db] ${line}`));
  console.log(`[db] ${info.env.DATABASE_URL} ready (${info.migrations.applied.length} migration(s) applied now)`);
} catch (error) {
  console.error(`\nFoodshed could not start.\n${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

const HOST = process.env.HOST || "127.0.0.1";
const PORT = Number(process.env.PORT || 3000);
const APP_URL = process.env.APP_URL || `http://${HOST}:${PORT}`;
const APP_ORIGIN = new URL(APP_URL).origin;
const HTTPS = APP_URL.startsWith("https://");
const UPLOAD_MAX_BYTES = Number(process.env.UPLOAD_MAX_BYTES) || 2 * 1024 * 1024;

const app = express();
app.disable("x-powered-by");
// TRUST_PROXY was validated by ready() (a hop count or addresses/CIDR ranges; `true` is refused).
const trustProxy = process.env.TRUST_PROXY?.trim();
if (trustProxy)
  app.set(
    "trust proxy",
    /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy.split(",").map((entry) => entry.trim()),
  );

// Card payments leave for Stripe Checkout; a form submitted before hydration is redirected there
// by the browser, so its origin must be allowed (and the local fake's, when tests point at one).
const checkoutOrigins = ["https://checkout.stripe.com"];
if (process.env.STRIPE_API_BASE && !/^https:\/\/([\w-]+\.)*stripe\.com(\/|$)/.test(process.env.STRIPE_API_BASE)) {
  checkoutOrigins.push(new URL(process.env.STRIPE_API_BASE).origin);
}

app.use((req, res, next) => {
  // A fresh nonce per response: Remix's inline scripts carry it, and nothing else inline runs.
  const nonce = crypto.randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("Permissions-Policy", "geolocation=(self), camera=(), microphone=()");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob: https:",
      `connect-src 'self'${isDev ? " ws://localhost:* ws://127.0.0.1:*" : ""}`,
      "frame-ancestors 'none'",
      `form-action 'self' ${checkoutOrigins.join(" ")}`,
      "base-uri 'self'",
      "object-src 'none'",
    ].join("; "),
  );
  // HSTS whenever the public address is https (behind a TLS proxy req.secure may be false).
  if (HTTPS || (process.env.NODE_ENV === "production" && req.secure)) {
    res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
  // The client address for log-in throttling comes from the socket (or a trusted proxy), never
  // from a header the client chose.
  req.headers["x-client-address"] = req.ip ?? "";
  next();
});

app.use(requestGuards({ appOrigin: APP_ORIGIN, uploadMaxBytes: UPLOAD_MAX_BYTES }));

// Stripe webhooks need the raw body for signature checks: keep compression and parsers off it.
// Level 1 (nginx's default for dynamic content): on the map's JSON ~3 % larger than level 6 for
// ~40 % less CPU, which shows under load (bench:discovery over HTTP).
app.use(
  compression({ level: 1, filter: (req, res) => !req.path.startsWith("/webhooks/") && compression.filter(req, res) }),
);

app.get("/healthz", async (_req, res) => {
  res.set("Cache-Control", "no-store");
  try {
    await build.entry.module.healthCheck();
    res.status(200).json({ status: "ok" });
  } catch (error) {
    // The reason goes to the log, never to the caller (it can name the database host).
    console.error(`[healthz] database check failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(503).json({ status: "unavailable" });
  }
});

app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));

/**
 * Remix behind the guards: the body the guards read (forms, the webhook) is replayed from memory;
 * pages and data get `Cache-Control: private, no-store` unless the route chose otherwise; the CSP
 * nonce reaches entry.server through the load context; each request runs in its language's context.
 */
function remixHandler(getBuild, mode) {
  let handlerBuild = null;
  let handle = null;
  return async (req, res, next) => {
    try {
      const current = getBuild();
      if (current !== handlerBuild) {
        handlerBuild = current;
        handle = createRequestHandler(current, mode);
      }
      const request = createRemixRequest(req, res, req.replayBody ?? null);
      // The request's language is the current one for everything it leads to (docs/decisions/025).
      const response = await current.entry.module.runWithRequestLanguage(request, () =>
        handle(request, { cspNonce: res.locals.cspNonce }),
      );
      if (!response.headers.has("Cache-Control")) {
        try {
          response.headers.set("Cache-Control", "private, no-store");
        } catch {
          // A response with immutable headers keeps what it has.
        }
      }
      await sendRemixResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

if (isDev) {
  const { default: chokidar } = await import("chokidar");
  chokidar.watch(VERSION_PATH, { ignoreInitial: true }).on("all", async () => {
    build = await importBuild();
    await build.entry.module.ready(() => {});
    broadcastDevReady(build);
  });
  app.all(
    "*",
    remixHandler(() => build, "development"),
  );
} else {
  app.all(
    "*",
    remixHandler(() => build, build.mode),
  );
}

const server = app.listen(PORT, HOST, () => {
  console.log(`Foodshed is running at http://${HOST}:${PORT}`);
  if (isDev) broadcastDevReady(build);
});
// Idle keep-alive connections stay open longer than the proxies and clients in front usually keep
// theirs (60 s is common): with Node's 5 s default, a client reusing a connection the moment the
// server closes it gets a reset instead of an answer.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

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
