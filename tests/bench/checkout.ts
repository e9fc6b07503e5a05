/**
 * Checkout benchmark (issue 5): 200 concurrent order placements against the running app, on the
 * embedded database and (when BENCH_DATABASE_URL is set) on PostgreSQL. Prints orders per second,
 * p50/p95 latency and the stock check (no product sold beyond its stock, no negative stock, every
 * unit accounted for). Asserts no time.
 *
 *   npm run bench:checkout
 *   BENCH_DATABASE_URL=postgres://user:pass@host:5432/db npm run bench:checkout
 *
 * For each database: a fresh demo region (scripts/prepare-db.ts --seed; PGlite in .cache/, on
 * PostgreSQL in its own schema `bench_checkout` unless the URL names one — that schema is dropped
 * and recreated), 200 new household buyers of the demo hub with a filled basket each, then the
 * built app (`node server.js`, run `npx remix build` first) on a free port. Every buyer posts
 * /checkout once, all at the same time, with a signed session cookie (made with the server's
 * SESSION_SECRET, so log-in hashing is not part of the figure). Every basket holds one unit of a
 * "hot" product stocked for only HOT_STOCK of the 200, so some answers must be "only N left".
 */
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { createCookieSessionStorage } from "@remix-run/node";
import pg from "pg";
import { openDatabase } from "../../app/utils/db.server";
import { freePort, startApp, stopApp } from "./lib/app-server";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ORDERS = Number(process.env.BENCH_ORDERS ?? 200);
const HOT_STOCK = Math.floor(ORDERS * 0.75);
const POOL_SIZE = 40;
const LINES_PER_BASKET = 3;
const SESSION_SECRET = "bench-checkout-session-secret-0123456789";
const PGLITE_URL = "pglite:./.cache/bench-checkout-db";
const WHOLE_UNITS = new Set(["EACH", "BUNCH", "DOZEN", "KG", "L"]);

let seed = 7;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

function run(command: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(" ")} failed (${code}):\n${output.slice(-2000)}`)),
    );
  });
}

const sessions = createCookieSessionStorage<{ userId: string; issuedAt: number; sid: string; v: number }>({
  cookie: {
    name: "__foodshed",
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: false,
    secrets: [SESSION_SECRET],
    maxAge: 60 * 60 * 24 * 30,
  },
});
/** A real session for a new user (version 1), recorded as log-in records it (docs/decisions/019). */
async function cookieFor(prisma: ReturnType<typeof openDatabase>["prisma"], userId: string): Promise<string> {
  const sid = randomBytes(32).toString("base64url");
  await prisma.session.create({
    data: {
      userId,
      tokenHash: createHash("sha256").update(sid).digest("hex"),
      expiresAt: new Date(Date.now() + 30 * 24 * 3600_000),
    },
  });
  const session = await sessions.getSession();
  session.set("userId", userId);
  session.set("issuedAt", Date.now());
  session.set("sid", sid);
  session.set("v", 1);
  return (await sessions.commitSession(session)).split(";")[0]!;
}

interface Setup {
  cycleId: string;
  buyers: Array<{ id: string; cookie: string; lat: number; lng: number }>;
  /** Stock of every product in a basket before the run, in milli. */
  initialStock: Map<string, { name: string; stockMilli: number }>;
  hotName: string;
}

/** Creates the buyers and their baskets directly in the database (the app is not running yet). */
async function prepareBuyers(databaseUrl: string): Promise<Setup> {
  const db = openDatabase(databaseUrl);
  try {
    const prisma = db.prisma;
    const hub = await prisma.hub.findFirstOrThrow({ select: { id: true, depotLat: true, depotLng: true } });
    const now = new Date();
    const cycle = await prisma.deliveryCycle.findFirstOrThrow({
      where: { hubId: hub.id, status: "OPEN", opensAt: { lte: now }, cutoffAt: { gt: now } },
      orderBy: { cutoffAt: "asc" },
      select: { id: true },
    });
    const products = await prisma.product.findMany({
      where: {
        archivedAt: null,
        stockMilli: { gt: 0 },
        farm: { hubId: hub.id, status: "ACTIVE" },
        AND: [
          { OR: [{ availableFrom: null }, { availableFrom: { lte: now } }] },
          { OR: [{ availableTo: null }, { availableTo: { gte: now } }] },
        ],
      },
      orderBy: [{ stockMilli: "desc" }, { id: "asc" }],
      select: { id: true, name: true, unit: true, stockMilli: true, retailPriceMinor: true, gramsPerUnit: true },
    });
    const whole = products.filter((p) => WHOLE_UNITS.has(p.unit) && p.gramsPerUnit > 0 && p.stockMilli >= 1000);
    const hot = whole[0]!;
    const pool = whole.slice(1, POOL_SIZE + 1);
    await prisma.product.update({ where: { id: hot.id }, data: { stockMilli: HOT_STOCK * 1000 } });

    const passwordHash = (
      await prisma.user.findFirstOrThrow({ where: { role: "BUYER" }, select: { passwordHash: true } })
    ).passwordHash;
    const stamp = Date.now().toString(36);
    const buyers: Setup["buyers"] = [];
    const basketRows: Array<{ userId: string; productId: string; quantityMilli: number }> = [];
    for (let i = 0; i < ORDERS; i++) {
      const lat = hub.depotLat + (random() - 0.5) * 0.08;
      const lng = hub.depotLng + (random() - 0.5) * 0.12;
      const user = await prisma.user.create({
        data: {
          email: `bench-${stamp}-${i}@bench.test`,
          passwordHash,
          name: `Bench buyer ${i}`,
          role: "BUYER",
          buyerKind: "HOUSEHOLD",
          hubId: hub.id,
          lat,
          lng,
          address: `${i} Bench Street, Bristol`,
        },
        select: { id: true },
      });
      buyers.push({ id: user.id, cookie: await cookieFor(prisma, user.id), lat, lng });
      // One hot unit, then pool products until the basket passes the hub minimum comfortably.
      const picks = new Map<string, number>([[hot.id, 1000]]);
      let subtotal = hot.retailPriceMinor;
      while (picks.size < LINES_PER_BASKET + 1 || subtotal < 2000) {
        const p = pool[Math.floor(random() * pool.length)]!;
        picks.set(p.id, (picks.get(p.id) ?? 0) + 1000);
        subtotal += p.retailPriceMinor;
      }
      for (const [productId, quantityMilli] of picks) basketRows.push({ userId: user.id, productId, quantityMilli });
    }
    await prisma.basketItem.createMany({ data: basketRows });
    const initialStock = new Map<string, { name: string; stockMilli: number }>();
    for (const p of [hot, ...pool])
      initialStock.set(p.id, { name: p.name, stockMilli: p.id === hot.id ? HOT_STOCK * 1000 : p.stockMilli });
    return { cycleId: cycle.id, buyers, initialStock, hotName: hot.name };
  } finally {
    await db.close();
  }
}

interface Outcome {
  status: number;
  ms: number;
  message: string;
}

async function placeAll(base: string, setup: Setup): Promise<{ outcomes: Outcome[]; wallMs: number }> {
  const start = performance.now();
  const outcomes = await Promise.all(
    setup.buyers.map(async (buyer): Promise<Outcome> => {
      const body = new URLSearchParams({
        cycleId: setup.cycleId,
        fulfilment: "DELIVERY",
        address: "Bench Street, Bristol",
        lat: String(buyer.lat),
        lng: String(buyer.lng),
        paymentMethod: "ON_DELIVERY",
      });
      const t0 = performance.now();
      try {
        const response = await fetch(`${base}/checkout?_data=routes%2Fcheckout`, {
          method: "POST",
          // A browser on our own checkout page sends its origin; the server refuses writes without it.
          headers: { Cookie: buyer.cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: base },
          body,
          redirect: "manual",
        });
        const text = await response.text();
        const ms = performance.now() - t0;
        let message = "";
        if (response.status >= 400) {
          try {
            const json = JSON.parse(text) as { error?: Record<string, string[]> };
            message = Object.values(json.error ?? {})
              .flat()
              .join(" ");
          } catch {
            message = text.slice(0, 120);
          }
        }
        // Remix answers a data request's redirect with 204 + X-Remix-Redirect.
        const placed =
          response.status === 204 && (response.headers.get("x-remix-redirect") ?? "").startsWith("/orders/");
        return { status: placed ? 201 : response.status, ms, message };
      } catch (error) {
        return { status: 0, ms: performance.now() - t0, message: String(error) };
      }
    }),
  );
  return { outcomes, wallMs: performance.now() - start };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function checkStock(databaseUrl: string, setup: Setup) {
  const db = openDatabase(databaseUrl);
  try {
    const ids = [...setup.initialStock.keys()];
    const products = await db.prisma.product.findMany({
      where: { id: { in: ids } },
      select: { id: true, stockMilli: true },
    });
    const sold = await db.prisma.orderLine.groupBy({
      by: ["productId"],
      where: {
        productId: { in: ids },
        order: { buyerId: { in: setup.buyers.map((b) => b.id) }, status: { not: "CANCELLED" } },
      },
      _sum: { quantityMilli: true },
    });
    const soldBy = new Map(sold.map((s) => [s.productId, s._sum.quantityMilli ?? 0]));
    const negative = await db.prisma.product.count({ where: { stockMilli: { lt: 0 } } });
    const problems: string[] = [];
    for (const p of products) {
      const initial = setup.initialStock.get(p.id)!;
      const s = soldBy.get(p.id) ?? 0;
      if (s > initial.stockMilli) problems.push(`${initial.name}: sold ${s / 1000} of ${initial.stockMilli / 1000}`);
      if (s + p.stockMilli !== initial.stockMilli)
        problems.push(`${initial.name}: ${s / 1000} sold + ${p.stockMilli / 1000} left ≠ ${initial.stockMilli / 1000}`);
    }
    const hotId = [...setup.initialStock.entries()].find(([, v]) => v.name === setup.hotName)![0];
    const orders = await db.prisma.order.count({ where: { buyerId: { in: setup.buyers.map((b) => b.id) } } });
    return { problems, negative, hotSold: (soldBy.get(hotId) ?? 0) / 1000, orders, productsChecked: products.length };
  } finally {
    await db.close();
  }
}

async function benchOne(label: string, databaseUrl: string, prepare: () => Promise<void>) {
  console.log(`\n== ${label} ==`);
  let t = performance.now();
  await prepare();
  console.log(`  fresh demo region ready in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  const setup = await prepareBuyers(databaseUrl);
  console.log(
    `  ${setup.buyers.length} buyers with baskets in ${((performance.now() - t) / 1000).toFixed(1)} s (hot product "${setup.hotName}": ${HOT_STOCK} in stock for ${ORDERS} baskets)`,
  );
  const port = await freePort();
  const app = await startApp({ databaseUrl, port, sessionSecret: SESSION_SECRET });
  let result;
  try {
    // One warm-up request (route modules, Prisma engine) that places nothing.
    await fetch(`http://127.0.0.1:${port}/checkout`, { headers: { Cookie: setup.buyers[0]!.cookie } }).then((r) =>
      r.text(),
    );
    result = await placeAll(`http://127.0.0.1:${port}`, setup);
  } finally {
    await stopApp(app);
  }
  const { outcomes, wallMs } = result;
  const placed = outcomes.filter((o) => o.status === 201);
  const refusedStock = outcomes.filter((o) => o.status === 409 && /left|sold out|no longer/i.test(o.message));
  const other = outcomes.filter((o) => o.status !== 201 && !refusedStock.includes(o));
  const all = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const placedMs = placed.map((o) => o.ms).sort((a, b) => a - b);
  const stock = await checkStock(databaseUrl, setup);
  console.log(`  ${ORDERS} concurrent POST /checkout in ${(wallMs / 1000).toFixed(2)} s`);
  console.log(
    `  placed ${placed.length}, refused for stock (409 "only N left") ${refusedStock.length}, other ${other.length}`,
  );
  if (other.length) {
    const kinds = new Map<string, number>();
    for (const o of other)
      kinds.set(
        `${o.status} ${o.message.slice(0, 100)}`,
        (kinds.get(`${o.status} ${o.message.slice(0, 100)}`) ?? 0) + 1,
      );
    for (const [k, n] of kinds) console.log(`    ${n} × ${k}`);
  }
  console.log(
    `  throughput: ${(placed.length / (wallMs / 1000)).toFixed(1)} orders/s placed, ${(ORDERS / (wallMs / 1000)).toFixed(1)} requests/s answered (target on PostgreSQL: ≥ 100 orders/s)`,
  );
  console.log(
    `  latency, all answers: p50 ${percentile(all, 50).toFixed(0)} ms, p95 ${percentile(all, 95).toFixed(0)} ms, max ${all[all.length - 1]!.toFixed(0)} ms`,
  );
  if (placedMs.length)
    console.log(
      `  latency, placed orders: p50 ${percentile(placedMs, 50).toFixed(0)} ms, p95 ${percentile(placedMs, 95).toFixed(0)} ms`,
    );
  console.log(
    `  stock: ${stock.productsChecked} products checked, hot product sold ${stock.hotSold} of ${HOT_STOCK}, orders in the database ${stock.orders}, negative stock rows ${stock.negative}, ${
      stock.problems.length === 0 && stock.negative === 0
        ? "no oversell (sold + left = initial for every product)"
        : `PROBLEMS:\n    ${stock.problems.join("\n    ")}`
    }`,
  );
  if (stock.problems.length || stock.negative || stock.orders !== placed.length) process.exitCode = 1;
}

if (!existsSync(path.join(ROOT, "build", "index.js"))) {
  console.error("No build found: run `npx remix build` first.");
  process.exit(1);
}
console.log(
  `bench:checkout — ${ORDERS} concurrent order placements against node server.js (${process.platform}, node ${process.version})`,
);

await benchOne("embedded PGlite", PGLITE_URL, () =>
  run("npx", ["tsx", "scripts/prepare-db.ts", "--fresh", "--seed"], { DATABASE_URL: PGLITE_URL }),
);

const pgUrl = process.env.BENCH_DATABASE_URL;
if (pgUrl) {
  const url = new URL(pgUrl);
  if (!url.searchParams.get("schema")) url.searchParams.set("schema", "bench_checkout");
  const schema = url.searchParams.get("schema")!;
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`schema "${schema}": use lower-case letters, digits and _`);
  const withSchema = url.toString();
  const plain = new URL(pgUrl);
  plain.searchParams.delete("schema");
  await benchOne(`PostgreSQL (schema ${schema})`, withSchema, async () => {
    const client = new pg.Client({ connectionString: plain.toString() });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.query(`CREATE SCHEMA "${schema}"`);
    } finally {
      await client.end();
    }
    await run("npx", ["tsx", "scripts/prepare-db.ts", "--seed"], { DATABASE_URL: withSchema });
  });
} else {
  console.log("\n(PostgreSQL skipped: set BENCH_DATABASE_URL=postgres://… to run it too.)");
}
