// Express ↔ Remix, as @remix-run/express does it (MIT, Remix Software Inc.), with one change: the
// request body can be bytes the request guards already read (server/http-guards.js) instead of
// the socket stream they consumed.
import { createReadableStreamFromReadable, writeReadableStreamToWritable } from "@remix-run/node";

function remixHeaders(requestHeaders) {
  const headers = new Headers();
  for (const [key, values] of Object.entries(requestHeaders)) {
    if (!values) continue;
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else headers.set(key, values);
  }
  return headers;
}

/** A Fetch Request for an Express request; `body` replaces the socket stream when given. */
export function createRemixRequest(req, res, body = null) {
  // req.hostname honours "trust proxy"; the port comes from X-Forwarded-Host or Host.
  const [, forwardedPort] = req.get("X-Forwarded-Host")?.split(":") ?? [];
  const [, hostPort] = req.get("host")?.split(":") ?? [];
  const port =
    [Number.parseInt(forwardedPort, 10), Number.parseInt(hostPort, 10)].find((p) => Number.isSafeInteger(p)) ?? "";
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  let controller = new AbortController();
  const init = { method: req.method, headers: remixHeaders(req.headers), signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = body ?? createReadableStreamFromReadable(req);
    init.duplex = "half";
  }
  // Abort loaders and actions when the response can no longer be written.
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  return new Request(url.href, init);
}

export async function sendRemixResponse(res, response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.headers.get("Content-Type")?.match(/text\/event-stream/i)) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
