// Guards every request passes before Remix sees it (server.js): same-origin writes (CSRF), body
// size caps read before the body is, form bodies only, and no NUL characters. Plain functions of
// Express's req/res so the rules stay in one place (docs/decisions/020).
export const KB = 1024;
export const MB = 1024 * KB;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/** Paths that take something other than a browser form, with what they accept. */
const WEBHOOK = /^\/webhooks\/stripe\/?$/;

/**
 * The largest body a request may send, by path: photo uploads (farm, product, proof of delivery) and product imports keep their own
 * caps (checked again, per file, by the routes while they stream); the Stripe webhook is small.
 */
export function bodyLimit(path, { uploadMaxBytes }) {
  if (WEBHOOK.test(path)) return 64 * KB;
  if (/^\/farm\/(edit|new|products\/[^/]+)\/?$/.test(path) && !/^\/farm\/products\/(new|import)\/?$/.test(path)) {
    return uploadMaxBytes + 64 * KB;
  }
  if (/^\/farm\/products\/import\/?$/.test(path)) return MB + 64 * KB;
  // A delivery mark may carry its proof photo (docs/decisions/032).
  if (/^\/driver\/routes\/[^/]+\/?$/.test(path)) return uploadMaxBytes + 64 * KB;
  return MB;
}

function page(title, text) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} — Foodshed</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1c2b22}a{color:#1f6b43}</style></head><body><h1>${title}</h1><p>${text}</p><p><a href="/">Back to Foodshed</a></p></body></html>`;
}

/** Answers with a short HTML page (or plain text for data requests) and closes the connection. */
export function refuse(req, res, status, title, text) {
  res.status(status);
  res.set("Connection", "close");
  res.set("Cache-Control", "no-store");
  const wantsHtml = (req.get("accept") ?? "").includes("text/html") && !("_data" in (req.query ?? {}));
  if (wantsHtml) res.type("html").send(page(title, text));
  else res.type("text").send(`${title}: ${text}`);
}

/** Whether a state-changing request comes from one of our own pages. */
export function isSameOrigin(req, appOrigin) {
  const site = req.get("sec-fetch-site");
  if (site) return site === "same-origin" || site === "none";
  const origin = req.get("origin");
  if (!origin || origin === "null") return false;
  return origin === appOrigin || origin === `${req.protocol}://${req.get("host")}`;
}

function mediaType(req) {
  return (req.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
}

/** Reads the whole body (already known to be at most `limit` bytes by its Content-Length). */
function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > limit) {
        reject(Object.assign(new Error("body too large"), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** A NUL character, raw or percent-encoded: PostgreSQL cannot store it in text. */
export function hasNul(text) {
  return text.includes("\u0000") || /%00/i.test(text);
}

/**
 * Express middleware. `appOrigin`: the origin of APP_URL. Sets `req.replayBody` (a Buffer) when
 * it had to read the body; the Remix handler sends that instead of the consumed stream.
 */
export function requestGuards({ appOrigin, uploadMaxBytes }) {
  return async function guards(req, res, next) {
    if (hasNul(req.originalUrl)) {
      return refuse(req, res, 400, "Bad request", "The address contained a NUL character, which no page accepts.");
    }
    if (SAFE_METHODS.has(req.method)) return next();
    const webhook = WEBHOOK.test(req.path);
    if (!webhook && !isSameOrigin(req, appOrigin)) {
      return refuse(
        req,
        res,
        403,
        "This form came from another site",
        "Foodshed only accepts changes sent from its own pages. If you were using Foodshed, go back, reload the page and try again.",
      );
    }
    const type = mediaType(req);
    const length = req.get("content-length");
    const declared = length === undefined ? null : Number(length);
    const chunked = /chunked/i.test(req.get("transfer-encoding") ?? "");
    const empty = !chunked && (declared === null || declared === 0);
    if (webhook ? type !== "application/json" : !empty && !FORM_TYPES.includes(type)) {
      return refuse(
        req,
        res,
        415,
        "Unsupported form",
        webhook
          ? "Send the event as application/json."
          : "Send the form as application/x-www-form-urlencoded or multipart/form-data.",
      );
    }
    if (empty) return next();
    const limit = bodyLimit(req.path, { uploadMaxBytes });
    if (declared !== null && (!Number.isSafeInteger(declared) || declared > limit)) {
      return refuse(
        req,
        res,
        413,
        "Too large",
        `That request is larger than ${Math.round(limit / KB)} KB, the most this page accepts.`,
      );
    }
    if (declared === null && type === "multipart/form-data") {
      return refuse(req, res, 411, "Length required", "Send the upload with a Content-Length.");
    }
    if (type === "multipart/form-data") return next();
    // Small bodies (forms, the webhook) are read here, checked, and replayed to Remix.
    try {
      const body = await readBody(req, limit);
      if (type === "application/x-www-form-urlencoded" && hasNul(body.toString("latin1"))) {
        return refuse(
          req,
          res,
          400,
          "Bad request",
          "A field contained a NUL character. Remove it and send the form again.",
        );
      }
      req.replayBody = body;
      return next();
    } catch (error) {
      if (error?.status === 413) {
        return refuse(
          req,
          res,
          413,
          "Too large",
          `That request is larger than ${Math.round(limit / KB)} KB, the most this page accepts.`,
        );
      }
      return next(error);
    }
  };
}
