// Foodshed's service worker: the driver's pages open without signal (docs/decisions/034).
//
// Registered only by the driver's pages (/driver, /driver/routes/$id), at the root scope so that it
// also sees the log-out form wherever it is posted from. It precaches nothing: each online visit of
// a driver page stores what that visit used — the document, Remix's `?_data` answers, the build's
// assets, the icons — network first, cache as the fallback. Every other request passes through
// untouched, but for the map tiles a driver page shows or names (along its route), kept in their own
// cache. Log-out (a POST to /logout, from any page) empties the caches; a "not yours" answer
// (a redirect to log in, a 404) drops that page's copy.
// Versioned by the build: the page registers `/sw.js?v=<the build's version>`, so a new build is a
// new script URL, which replaces this worker; the caches of older versions are then deleted.
"use strict";

const VERSION = new URL(self.location.href).searchParams.get("v") || "unversioned";
const PREFIX = "foodshed-driver-";
const CACHE = `${PREFIX}${VERSION}`;
/** The route maps' tiles: kept across builds (a tile does not change with the app), at most MAX_TILES. */
const TILES = `${PREFIX}tiles`;
const MAX_TILES = 1500;
/** How long a page or its data may take before the stored copy is shown instead (a weak signal). */
const NETWORK_TIMEOUT_MS = 6000;

/** A driver page, or its loader data (`?_data=…`). */
const isDriverPage = (url) => url.pathname === "/driver" || url.pathname.startsWith("/driver/");
/** What a driver page loads besides itself: the build's files, Remix's route manifest, icons. */
const isPageAsset = (url) =>
  url.pathname.startsWith("/build/") ||
  url.pathname === "/__manifest" ||
  url.pathname.startsWith("/icons/") ||
  url.pathname === "/favicon.svg" ||
  url.pathname === "/manifest.webmanifest";

self.addEventListener("install", () => {
  // A new build's worker takes over at once: its pages must not run against the old one's cache.
  void self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE && name !== TILES);
      const current = await caches.open(CACHE);
      for (const name of names) {
        // The driver's pages and data carry over (the route sheet stays readable offline); the old
        // build's files are of no use to the new build's pages.
        const old = await caches.open(name);
        for (const request of await old.keys()) {
          if (!isDriverPage(new URL(request.url))) continue;
          const response = await old.match(request);
          if (response) await current.put(request, response);
        }
        await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

/** Bumped by log-out: an answer to a request made before it is not stored after it. */
let generation = 0;
/**
 * Set by log-out: the page that logged out still loads files (the next page's) on its way out;
 * nothing is stored until a driver page is answered again (someone logged in).
 */
let loggedOut = false;

async function clearAll() {
  generation++;
  loggedOut = true;
  for (const name of await caches.keys()) if (name.startsWith(PREFIX)) await caches.delete(name);
}

/** Stores an answer unless a log-out came in between (opening the cache creates it). */
async function keep(request, response, since) {
  if (since !== generation) return;
  if (isDriverPage(new URL(typeof request === "string" ? request : request.url, self.location.origin)))
    loggedOut = false;
  if (loggedOut) return;
  await (await caches.open(CACHE)).put(request, response);
}

/** The stored copy, without creating an empty cache. */
const storedCopy = (request) => caches.match(request, { cacheName: CACHE, ignoreVary: true });

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "clear") event.waitUntil(clearAll());
  // A page loaded before this worker controlled it: store what it used now.
  if (data.type === "store" && Array.isArray(data.urls)) event.waitUntil(storeUrls(data.urls, data.onlyMissing));
  // A route page names the map tiles along its route: keep those not kept yet.
  if (data.type === "tiles" && Array.isArray(data.urls)) event.waitUntil(storeTiles(data.urls));
});

/**
 * A map tile: an image from the tile server (another site) or the app's own offline grid
 * (`/tiles/…`). Never a delivery photo or any other image of the app.
 */
const isTile = (url) =>
  url.origin !== self.location.origin
    ? url.protocol === "https:" || url.protocol === "http:"
    : url.pathname.startsWith("/tiles/");

/** A tile answer worth keeping: a complete image, or another site's image (opaque: it cannot be read). */
const storableTile = (response) => response.type === "opaque" || (response.status === 200 && response.type !== "error");

async function keepTile(request, response, since) {
  if (since !== generation || loggedOut) return;
  const cache = await caches.open(TILES);
  await cache.put(request, response);
  const keys = await cache.keys();
  // The oldest go first when the phone holds more than MAX_TILES.
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_TILES))) await cache.delete(old);
}

const tileRequest = (url) =>
  new Request(url.href, {
    mode: url.origin === self.location.origin ? "same-origin" : "no-cors",
    credentials: "omit",
  });

async function storeTiles(urls) {
  const since = generation;
  for (const href of [...new Set(urls)].slice(0, MAX_TILES)) {
    const url = new URL(href, self.location.origin);
    if (!isTile(url)) continue;
    if (await caches.match(url.href, { cacheName: TILES })) continue;
    try {
      const response = await fetch(tileRequest(url));
      if (storableTile(response)) await keepTile(url.href, response, since);
    } catch {
      return; // Offline again: the next visit of the route page asks for the rest.
    }
  }
}

/** A tile for a driver page: the kept copy at once (refreshed in the background), else the network. */
async function tileFirst(event) {
  const request = event.request;
  const since = generation;
  const refresh = fetch(request).then(async (response) => {
    if (storableTile(response)) await keepTile(request.url, response.clone(), since);
    return response;
  });
  const kept = await caches.match(request.url, { cacheName: TILES });
  if (kept) {
    event.waitUntil(refresh.catch(() => undefined));
    return kept;
  }
  return refresh;
}

async function storeUrls(urls, onlyMissing) {
  const since = generation;
  for (const href of new Set(urls)) {
    const url = new URL(href, self.location.origin);
    if (url.origin !== self.location.origin || !(isDriverPage(url) || isPageAsset(url))) continue;
    if (onlyMissing && (await storedCopy(url.href))) continue;
    try {
      const response = await fetch(url.href, { credentials: "same-origin", redirect: "manual" });
      if (storable(response)) await keep(url.href, response, since);
      else if (isDriverPage(url) && notYours(response)) await forget(url.href);
    } catch {
      // Offline again: the next visit stores it.
    }
  }
}

/** Only complete, successful answers are kept (never a redirect to the log-in page, an error, a 404). */
const storable = (response) => response.status === 200 && response.type === "basic";

/** An answer that says the page is not (or no longer) this person's: a redirect to log in, 401/403/404/410. */
const notYours = (response) =>
  response.type === "opaqueredirect" ||
  [401, 403, 404, 410].includes(response.status) ||
  (response.status === 204 && response.headers.has("X-Remix-Redirect"));

/** Whether the request comes from a driver page (an asset loaded by the hub's pages is not kept). */
async function fromDriverPage(event) {
  if (!event.clientId) return false;
  const client = await self.clients.get(event.clientId);
  return Boolean(client && isDriverPage(new URL(client.url)));
}

async function forget(request) {
  if (await caches.has(CACHE)) await (await caches.open(CACHE)).delete(request);
}

async function networkFirst(event, { timeout }) {
  const request = event.request;
  const since = generation;
  const network = fetch(request).then(async (response) => {
    if (storable(response)) await keep(request, response.clone(), since);
    // Not (or no longer) this person's page — logged out, another driver's route: forget it.
    else if (isDriverPage(new URL(request.url)) && notYours(response)) await forget(request);
    return response;
  });
  const stored = () => storedCopy(request);
  try {
    if (!timeout) return await network;
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(async () => {
        const copy = await stored();
        if (copy) resolve(copy);
      }, timeout);
      network.then(
        (response) => {
          clearTimeout(timer);
          resolve(response);
        },
        (error) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  } catch (error) {
    const copy = await stored();
    if (copy) return copy;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method === "GET" && request.destination === "image" && isTile(url)) {
    event.respondWith(
      (async () => {
        // Only a driver page's map: the hub's and the buyers' maps load tiles as they always have.
        if (await fromDriverPage(event)) return tileFirst(event);
        return fetch(request);
      })(),
    );
    return;
  }
  if (url.origin !== self.location.origin) return;
  if (request.method !== "GET") {
    // Log-out, from whichever page: nothing of this account stays on the device.
    if (request.method === "POST" && url.pathname === "/logout") event.waitUntil(clearAll());
    return;
  }
  if (isDriverPage(url)) {
    // Tiles, photos and other pages are not the driver page's to keep.
    event.respondWith(networkFirst(event, { timeout: NETWORK_TIMEOUT_MS }));
    return;
  }
  if (isPageAsset(url)) {
    event.respondWith(
      (async () => {
        if (await fromDriverPage(event)) return networkFirst(event, { timeout: 0 });
        return fetch(request);
      })(),
    );
  }
});
