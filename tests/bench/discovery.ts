/**
 * Discovery benchmark: latency of the map-data (/api/farms) and product-search
 * (/api/products/search) endpoints under 16 concurrent clients on the embedded database, and the
 * size of the map payload for the whole region at low zoom. Prints figures; asserts nothing.
 * Target (issue 4): p95 under 50 ms. Also: the discovery index's full load (time, memory), and the
 * same reads while a farmer-like writer changes stock ten times a second (each change stamps its
 * farm, and the index refreshes that farm within a second); then, when a build exists, both
 * endpoints over HTTP against the built server (`node server.js`) on the same database.
 *
 *   npm run bench:discovery            uses the large seed (DATABASE_URL, default pglite:./data/large),
 *                                      seeding it first when it has no farms (a few minutes)
 */
import { performance } from "node:perf_hooks";
import { existsSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { freePort, startApp, stopApp } from "./lib/app-server";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

process.env.NODE_ENV ??= "production";
process.env.SESSION_SECRET ??= "bench-session-secret-bench-session-secret";
const { DEFAULT_LARGE_DATABASE_URL, seedLarge } = await import("../../prisma/seed-large");
process.env.DATABASE_URL ??= DEFAULT_LARGE_DATABASE_URL;

const { closeDatabase, ensureDatabaseReady, getDatabase } = await import("../../app/utils/db.server");
const { configureDiscoveryIndex, getDiscoveryIndex } = await import("../../app/services/discovery.server");
const { changeStock } = await import("../../app/services/product.server");
const { loader: farmsLoader } = await import("../../app/routes/api.farms");
const { loader: searchLoader } = await import("../../app/routes/api.products.search");

const CLIENTS = 16;
const REQUESTS_PER_CLIENT = 25;
const BRISTOL = { lat: 51.4545, lng: -2.5879 };
const QUERIES = ["eggs", "carrots", "honey", "lamb", "sourdough", "apples", "milk", "kale", "cheese", "potatoes"];

let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

function mapRequest(): string {
  // A viewport of 0.1°–1.5° (street to county zoom) somewhere in the region, sometimes filtered.
  const span = 0.1 + random() * 1.4;
  const lat = BRISTOL.lat + (random() - 0.5) * 0.8;
  const lng = BRISTOL.lng + (random() - 0.5) * 1.2;
  const params = new URLSearchParams({
    bbox: [lng - span, lat - span / 2, lng + span, lat + span / 2].map((n) => n.toFixed(4)).join(","),
  });
  params.set("lat", lat.toFixed(4));
  params.set("lng", lng.toFixed(4));
  const roll = random();
  if (roll < 0.3) params.set("q", QUERIES[Math.floor(random() * QUERIES.length)]!);
  else if (roll < 0.5) params.set("cat", "VEGETABLES");
  if (random() < 0.3) params.set("stock", "1");
  if (random() < 0.5) params.set("r", String([5, 10, 20, 50, 100][Math.floor(random() * 5)]));
  return `/api/farms?${params}`;
}

function searchRequest(): string {
  const params = new URLSearchParams({
    q: QUERIES[Math.floor(random() * QUERIES.length)]!,
    lat: (BRISTOL.lat + (random() - 0.5) * 0.5).toFixed(4),
    lng: (BRISTOL.lng + (random() - 0.5) * 0.7).toFixed(4),
    r: String([10, 20, 30, 50][Math.floor(random() * 4)]),
  });
  if (random() < 0.3) params.set("stock", "1");
  return `/api/products/search?${params}`;
}

type Loader = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;

type Call = (path: string) => Promise<{ ms: number; bytes: number }>;

/** In process: the route's loader, after waiting for its turn on the event loop (the queue counts). */
const viaLoader =
  (loader: Loader): Call =>
  async (path) => {
    const started = performance.now();
    await new Promise((resolve) => setImmediate(resolve));
    const response = await loader({ request: new Request(`http://localhost${path}`), params: {}, context: {} });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`${path} → ${response.status}: ${body}`);
    return { ms: performance.now() - started, bytes: body.length };
  };

/**
 * Over HTTP: the built server (Express, Remix, gzip), a separate process, on keep-alive
 * connections like a browser's. The client is node:http, lighter than fetch, because it shares
 * the machine's cores with the server.
 */
const viaHttp = (port: number): Call => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  return (path) =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      http
        .get({ host: "127.0.0.1", port, path, agent, headers: { "Accept-Encoding": "gzip" } }, (response) => {
          let bytes = 0;
          response.on("data", (chunk: Buffer) => (bytes += chunk.length));
          response.on("end", () =>
            response.statusCode === 200
              ? resolve({ ms: performance.now() - started, bytes })
              : reject(new Error(`${path} → ${response.statusCode}`)),
          );
        })
        .on("error", reject);
    });
};

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** 16 clients, each sending REQUESTS_PER_CLIENT requests one after the other (or for `durationMs`). */
async function run(name: string, call: Call, makePath: () => string, durationMs?: number) {
  // Warm up (query plans, JIT).
  for (let i = 0; i < 5; i++) await call(makePath());
  const timings: number[] = [];
  let bytes = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const end = started + (durationMs ?? Infinity);
      for (let i = 0; durationMs === undefined ? i < REQUESTS_PER_CLIENT : performance.now() < end; i++) {
        const result = await call(makePath());
        timings.push(result.ms);
        bytes += result.bytes;
      }
    }),
  );
  const wall = performance.now() - started;
  timings.sort((a, b) => a - b);
  const single: number[] = [];
  for (let i = 0; i < 40; i++) single.push((await call(makePath())).ms);
  single.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(22)} ${String(timings.length).padStart(4)} req  ${CLIENTS} clients  p50 ${percentile(timings, 50).toFixed(1)} ms  p95 ${percentile(timings, 95).toFixed(1)} ms  max ${timings.at(-1)!.toFixed(1)} ms  ` +
      `throughput ${((timings.length / wall) * 1000).toFixed(0)} req/s  avg body ${(bytes / timings.length / 1024).toFixed(1)} KB  | 1 client: p50 ${percentile(single, 50).toFixed(1)} ms, p95 ${percentile(single, 95).toFixed(1)} ms`,
  );
}

const database = getDatabase();
await ensureDatabaseReady();
let farms = await database.prisma.farm.count();
if (farms < 1000) {
  console.log(`${process.env.DATABASE_URL} has ${farms} farms: seeding the large region first…`);
  const seeded = performance.now();
  await seedLarge(database.prisma, {});
  farms = await database.prisma.farm.count();
  console.log(`seeded in ${((performance.now() - seeded) / 1000).toFixed(0)} s`);
}
const products = await database.prisma.product.count();
console.log(
  `Discovery benchmark on ${process.env.DATABASE_URL}: ${farms} farms, ${products} products (embedded PGlite unless a postgres:// URL)`,
);

// The whole region at low zoom, unfiltered: the largest map payload a client can ask for.
const whole = await farmsLoader({
  request: new Request("http://localhost/api/farms?bbox=-4.5,50.5,-0.5,52.5"),
  params: {},
  context: {},
});
const wholeBody = await whole.text();
const wholeFarms = (JSON.parse(wholeBody) as { farms: unknown[] }).farms.length;
console.log(
  `Whole-region map payload: ${wholeFarms} farms, ${(wholeBody.length / 1024).toFixed(1)} KB JSON, ${(gzipSync(wholeBody).length / 1024).toFixed(1)} KB gzipped (${(wholeBody.length / Math.max(1, wholeFarms)).toFixed(0)} B/farm)`,
);

// The in-process index: a full load (server start, or after farms were deleted).
configureDiscoveryIndex({ reset: true });
global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const loadStarted = performance.now();
const index = await getDiscoveryIndex();
const loadMs = performance.now() - loadStarted;
global.gc?.();
const indexed = index.data.farms.reduce((sum, farm) => sum + farm.products.length, 0);
console.log(
  `Discovery index full load: ${index.data.farms.length} farms, ${indexed} products in ${loadMs.toFixed(0)} ms, ` +
    `heap +${((process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024).toFixed(0)} MB${global.gc ? "" : " (approx.; run node with --expose-gc for exact)"}`,
);

await run("map data /api/farms", viaLoader(farmsLoader as Loader), mapRequest);
await run("product search", viaLoader(searchLoader as Loader), searchRequest);

// The same reads for 5 s each while stock changes 10 times a second (each write is a transaction on the same
// embedded database, and each stamps its farm for the index's next refresh).
const writable = await database.prisma.product.findMany({
  where: { archivedAt: null },
  select: { id: true, farmId: true },
  take: 500,
});
let writing = true;
let writes = 0;
const writer = (async () => {
  while (writing) {
    const target = writable[Math.floor(random() * writable.length)]!;
    await changeStock({
      farmId: target.farmId,
      productId: target.id,
      change: { setMilli: Math.floor(random() * 50) * 1000 },
    });
    writes += 1;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
})();
const before = configureDiscoveryIndex();
await run("map, 10 writes/s", viaLoader(farmsLoader as Loader), mapRequest, 5000);
await run("search, 10 writes/s", viaLoader(searchLoader as Loader), searchRequest, 5000);
writing = false;
await writer;
const after = configureDiscoveryIndex();
console.log(
  `  ${writes} stock changes meanwhile; the index refreshed ${after.farmLoads - before.farmLoads} farm(s) incrementally, ${after.fullLoads - before.fullLoads} full load(s)`,
);
await closeDatabase();

// Over HTTP against the built server on the same database (the embedded one allows one process
// at a time, so this process has closed it).
if (existsSync(path.join(ROOT, "build", "index.js"))) {
  const port = await freePort();
  const app = await startApp({
    databaseUrl: process.env.DATABASE_URL!,
    port,
    sessionSecret: process.env.SESSION_SECRET!,
  });
  try {
    await run("HTTP map data (gzip)", viaHttp(port), mapRequest);
    await run("HTTP product search", viaHttp(port), searchRequest);
  } finally {
    await stopApp(app);
  }
} else {
  console.log("(No build: run `npm run build` first to measure the endpoints over HTTP too.)");
}
console.log("Target: p95 < 50 ms with 16 concurrent clients.");
