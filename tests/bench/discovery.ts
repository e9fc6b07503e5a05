/**
 * Discovery benchmark: latency of the map-data (/api/farms) and product-search
 * (/api/products/search) endpoints under 16 concurrent clients on the embedded database, and the
 * size of the map payload for the whole region at low zoom. Prints figures; asserts nothing.
 * Target (issue 4): p95 under 50 ms.
 *
 *   npm run bench:discovery            uses the large seed (DATABASE_URL, default pglite:./data/large),
 *                                      seeding it first when it has no farms (a few minutes)
 */
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";

process.env.NODE_ENV ??= "production";
process.env.SESSION_SECRET ??= "bench-session-secret-bench-session-secret";
const { DEFAULT_LARGE_DATABASE_URL, seedLarge } = await import("../../prisma/seed-large");
process.env.DATABASE_URL ??= DEFAULT_LARGE_DATABASE_URL;

const { closeDatabase, ensureDatabaseReady, getDatabase } = await import("../../app/utils/db.server");
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
  const params = new URLSearchParams({ bbox: [lng - span, lat - span / 2, lng + span, lat + span / 2].map((n) => n.toFixed(4)).join(",") });
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

async function call(loader: Loader, path: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const response = await loader({ request: new Request(`http://localhost${path}`), params: {}, context: {} });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${path} → ${response.status}: ${body}`);
  return { ms: performance.now() - started, bytes: body.length };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function run(name: string, loader: Loader, makePath: () => string) {
  // Warm up (query plans, JIT).
  for (let i = 0; i < 5; i++) await call(loader, makePath());
  const timings: number[] = [];
  let bytes = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let i = 0; i < REQUESTS_PER_CLIENT; i++) {
        const result = await call(loader, makePath());
        timings.push(result.ms);
        bytes += result.bytes;
      }
    }),
  );
  const wall = performance.now() - started;
  timings.sort((a, b) => a - b);
  const single: number[] = [];
  for (let i = 0; i < 40; i++) single.push((await call(loader, makePath())).ms);
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
console.log(`Discovery benchmark on ${process.env.DATABASE_URL}: ${farms} farms, ${products} products (embedded PGlite unless a postgres:// URL)`);

// The whole region at low zoom, unfiltered: the largest map payload a client can ask for.
const whole = await farmsLoader({ request: new Request("http://localhost/api/farms?bbox=-4.5,50.5,-0.5,52.5"), params: {}, context: {} });
const wholeBody = await whole.text();
const wholeFarms = (JSON.parse(wholeBody) as { farms: unknown[] }).farms.length;
console.log(
  `Whole-region map payload: ${wholeFarms} farms, ${(wholeBody.length / 1024).toFixed(1)} KB JSON, ${(gzipSync(wholeBody).length / 1024).toFixed(1)} KB gzipped (${(wholeBody.length / Math.max(1, wholeFarms)).toFixed(0)} B/farm)`,
);

await run("map data /api/farms", farmsLoader as Loader, mapRequest);
await run("product search", searchLoader as Loader, searchRequest);
console.log("Target: p95 < 50 ms with 16 concurrent clients.");
await closeDatabase();
