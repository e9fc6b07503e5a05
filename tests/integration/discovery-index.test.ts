// Discovery's in-process index against the real database: the same answer as a brute force over
// the stored rows, refreshed farm by farm when the discovery version moves — checked at most once
// per interval (a fake clock here, never sleeping), one refresh for concurrent requests — and
// reloaded whole when farms are deleted. Also the capped product search.
import { beforeAll, describe, expect, it } from "vitest";
import { PRODUCT_CATEGORIES } from "~/domain/catalogue";
import { searchProductPage } from "~/domain/discovery-index";
import { haversineMetres } from "~/domain/geo";
import { searchKey, searchStems } from "~/domain/search";
import { loadDiscoveryFarms, readDiscoveryChanges, readDiscoveryVersion } from "~/models/farm.server";
import {
  configureDiscoveryIndex,
  getDiscoveryIndex,
  getMapFarms,
  searchProducts,
  type Viewport,
} from "~/services/discovery.server";
import { addProduct, changeStock } from "~/services/product.server";
import { prisma } from "~/utils/db.server";
import { createTestFarm, createTestProduct, productInput as product } from "../factories";

// A private patch of the world: around 30°N 30°E.
const HERE = { lat: 30, lng: 30 };
const VIEW: Viewport = { minLat: 29, maxLat: 31, minLng: 29, maxLng: 31 };
let now = 1_000_000;
const clock = () => now;
const CHECK_MS = 1000;

const farmNames = async (filter: Record<string, unknown> = {}, at?: Date) =>
  (await getMapFarms({ view: VIEW, filter: { centre: HERE, ...filter }, now: at })).farms.map((farm) => [
    farm.name,
    farm.matches,
  ]);

let farms: Array<{ id: string; name: string }> = [];

beforeAll(async () => {
  configureDiscoveryIndex({ checkMs: CHECK_MS, clock, reset: true });
  // Same distance from HERE for the first two (ties ordered by name), others spread out.
  const specs = [
    { name: "Beta Dairy", lat: 30.05, lng: 30 },
    { name: "Alpha Dairy", lat: 29.95, lng: 30 },
    { name: "Gamma Greens", lat: 30.2, lng: 30.1 },
    { name: "Delta Orchard", lat: 30.6, lng: 29.6 },
    { name: "Epsilon Empty", lat: 30.01, lng: 30.3 },
    { name: "Zeta Seasons", lat: 29.4, lng: 30.4 },
  ];
  farms = [];
  for (const spec of specs) farms.push({ ...(await createTestFarm(spec)), name: spec.name });
  await createTestProduct(farms[0]!.id, { name: "Whole milk", category: "DAIRY", stockMilli: 0 });
  await createTestProduct(farms[0]!.id, { name: "Cheddar", category: "DAIRY" });
  await createTestProduct(farms[1]!.id, { name: "Butter", category: "DAIRY" });
  await createTestProduct(farms[2]!.id, { name: "Kale", category: "VEGETABLES" });
  await createTestProduct(farms[2]!.id, { name: "Chard", category: "VEGETABLES", stockMilli: 0 });
  await createTestProduct(farms[3]!.id, { name: "Apples", category: "FRUIT" });
  const winter = await createTestProduct(farms[5]!.id, { name: "Winter squash", category: "VEGETABLES" });
  await prisma.product.update({
    where: { id: winter.id },
    data: { availableFrom: new Date(Date.now() + 30 * 86_400_000) },
  });
});

/** What the map should show, computed the slow way from the stored rows. */
async function bruteForceMap(
  view: Viewport,
  filter: { q?: string; category?: (typeof PRODUCT_CATEGORIES)[number]; inStock?: boolean; radiusKm?: number },
) {
  const stems = filter.q ? searchStems(filter.q) : [];
  const now = new Date();
  const stored = await prisma.farm.findMany({
    where: {
      status: "ACTIVE",
      lat: { gte: view.minLat, lte: view.maxLat },
      lng: { gte: view.minLng, lte: view.maxLng },
    },
    include: { products: { where: { archivedAt: null } } },
  });
  return (
    stored
      .map((farm) => {
        const matches = farm.products.filter(
          (p) =>
            (!p.availableFrom || p.availableFrom <= now) &&
            (!p.availableTo || p.availableTo.getTime() + 86_400_000 > now.getTime()) &&
            (!filter.category || p.category === filter.category) &&
            (!filter.inStock || p.stockMilli > 0) &&
            stems.every((stem) => searchKey(p.name).includes(stem) || searchKey(farm.name).includes(stem)),
        ).length;
        return { name: farm.name, matches, distance: Math.round(haversineMetres(HERE, farm)) };
      })
      // Without any filter every farm shows, even one with nothing to sell yet.
      .filter(({ matches }) => matches > 0 || (!stems.length && !filter.category && !filter.inStock))
      .filter(({ distance }) => !filter.radiusKm || distance <= filter.radiusKm * 1000)
      .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
      .map(({ name, matches }) => [name, matches])
  );
}

describe("discovery index", () => {
  it("answers what a brute force over the stored rows answers, for every filter", async () => {
    now += CHECK_MS;
    const views: Viewport[] = [
      VIEW,
      { minLat: 29.9, maxLat: 30.1, minLng: 29.9, maxLng: 30.1 },
      { minLat: 30.5, maxLat: 31, minLng: 29, maxLng: 30 },
    ];
    const filters = [
      {},
      { inStock: true },
      { q: "cheddar" },
      { q: "dairy", inStock: true },
      { q: "kale chard" },
      { q: "winter squash" },
      ...PRODUCT_CATEGORIES.flatMap((category) => [{ category }, { category, inStock: true }, { category, q: "e" }]),
    ];
    for (const view of views) {
      for (const filter of filters) {
        for (const radiusKm of [undefined, 5, 20, 100]) {
          const got = (await getMapFarms({ view, filter: { ...filter, centre: HERE, radiusKm } })).farms.map((farm) => [
            farm.name,
            farm.matches,
          ]);
          expect(got, JSON.stringify({ view, filter, radiusKm })).toEqual(
            await bruteForceMap(view, { ...filter, radiusKm }),
          );
        }
      }
    }
    // Equal distances are ordered by name.
    expect((await farmNames({ category: "DAIRY" })).map(([name]) => name)).toEqual(["Alpha Dairy", "Beta Dairy"]);
  });

  it("shows a product change on the first request after the check interval, reloading that farm once for concurrent requests", async () => {
    now += CHECK_MS;
    expect(await farmNames({ category: "EGGS" })).toEqual([]);
    const before = configureDiscoveryIndex();

    await addProduct({ farmId: farms[4]!.id, data: product("Duck eggs", { category: "EGGS" }) });
    // Within the interval the index may be stale (the documented bound)…
    expect(await farmNames({ category: "EGGS" })).toEqual([]);
    // …and the first request after it sees the change; 16 concurrent requests share one reload.
    now += CHECK_MS;
    const answers = await Promise.all(Array.from({ length: 16 }, () => farmNames({ category: "EGGS" })));
    for (const answer of answers) expect(answer).toEqual([["Epsilon Empty", 1]]);
    expect(configureDiscoveryIndex()).toEqual({ fullLoads: before.fullLoads, farmLoads: before.farmLoads + 1 });
    expect(
      (await searchProducts({ centre: HERE, radiusKm: 100, q: "duck eggs" })).results.map((r) => r.farmName),
    ).toEqual(["Epsilon Empty"]);

    // Nothing changed: the next check reads the version only.
    now += CHECK_MS;
    expect(await farmNames({ category: "EGGS" })).toEqual([["Epsilon Empty", 1]]);
    expect(configureDiscoveryIndex()).toEqual({ fullLoads: before.fullLoads, farmLoads: before.farmLoads + 1 });
  });

  it("follows stock changes (in stock only) and farm edits that bypass the product services", async () => {
    now += CHECK_MS;
    expect(await farmNames({ category: "VEGETABLES", inStock: true })).toEqual([["Gamma Greens", 1]]);
    const kale = await prisma.product.findFirstOrThrow({ where: { farmId: farms[2]!.id, name: "Kale" } });
    expect(await changeStock({ farmId: farms[2]!.id, productId: kale.id, change: { setMilli: 0 } })).toMatchObject({
      ok: true,
    });
    now += CHECK_MS;
    expect(await farmNames({ category: "VEGETABLES", inStock: true })).toEqual([]);

    // A status change (admin) and a rename write Farm directly: the trigger bumps the version.
    await prisma.farm.updateMany({ where: { id: farms[3]!.id }, data: { status: "SUSPENDED" } });
    await prisma.farm.update({ where: { id: farms[1]!.id }, data: { name: "Aardvark Dairy" } });
    now += CHECK_MS;
    const all = (await farmNames()).map(([name]) => name);
    expect(all).not.toContain("Delta Orchard");
    expect(all).toContain("Aardvark Dairy");
  });

  it("stamps a product with the transaction that writes it, not when it rolls back", async () => {
    const before = await readDiscoveryVersion();
    const cheddar = await prisma.product.findFirstOrThrow({ where: { farmId: farms[0]!.id, name: "Cheddar" } });
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.product.update({ where: { id: cheddar.id }, data: { stockMilli: { decrement: 1000 } } });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await readDiscoveryChanges({ since: before.version })).toEqual({ epoch: before.epoch, changed: false });
    await prisma.product.update({ where: { id: cheddar.id }, data: { stockMilli: { increment: 0 } } });
    expect(await readDiscoveryChanges({ since: before.version })).toEqual({ epoch: before.epoch, changed: true });
    // Its farm is what the next load fetches; no farm row was written.
    const loaded = await loadDiscoveryFarms({ since: before.version });
    expect(loaded.farms.map((farm) => farm.id)).toEqual([farms[0]!.id]);
    const stamped = await prisma.$queryRaw<
      Array<{ rev: number }>
    >`SELECT "discoveryRev"::float8 AS rev FROM "Product" WHERE id = ${cheddar.id}`;
    expect(stamped[0]!.rev).toBeGreaterThanOrEqual(before.version);
    // Once that transaction has ended, the watermark passes it.
    const after = await readDiscoveryVersion();
    expect(after.version).toBeGreaterThan(stamped[0]!.rev);
    expect(await readDiscoveryChanges({ since: after.version })).toEqual({ epoch: before.epoch, changed: false });
  });

  // Two connections at once: only on PostgreSQL (the embedded database has one connection).
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    "writers of different farms do not wait for each other, and a change committed after a refresh is found by the next one",
    async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let wrote!: () => void;
      const written = new Promise<void>((resolve) => (wrote = resolve));
      // A long transaction renames farm 2 and stays open.
      const slow = prisma.$transaction(
        async (tx) => {
          await tx.farm.update({ where: { id: farms[2]!.id }, data: { name: "Gamma Late Greens" } });
          wrote();
          await held;
        },
        { timeout: 20_000 },
      );
      await written;
      // Meanwhile another transaction writes another farm: it must not queue behind the first.
      const started = Date.now();
      await prisma.farm.update({ where: { id: farms[1]!.id }, data: { name: "Alpha Early Dairy" } });
      expect(Date.now() - started).toBeLessThan(5_000);
      // A refresh while the rename is uncommitted sees the other change, not the rename...
      now += CHECK_MS;
      let names = (await farmNames()).map(([name]) => name);
      expect(names).toContain("Alpha Early Dairy");
      expect(names).toContain("Gamma Greens");
      release();
      await slow;
      // ...and the next refresh finds the rename, although it was stamped before that refresh.
      now += CHECK_MS;
      names = (await farmNames()).map(([name]) => name);
      expect(names).toContain("Gamma Late Greens");
      await prisma.farm.update({ where: { id: farms[2]!.id }, data: { name: "Gamma Greens" } });
      await prisma.farm.update({ where: { id: farms[1]!.id }, data: { name: "Alpha Dairy" } });
    },
  );

  it("reloads everything when a farm is deleted", async () => {
    const doomed = await createTestFarm({ name: "Omega Gone", lat: 30.02, lng: 30.02 });
    await createTestProduct(doomed.id, { name: "Last turnips" });
    now += CHECK_MS;
    expect((await farmNames({ q: "turnip" })).map(([name]) => name)).toEqual(["Omega Gone"]);
    const before = configureDiscoveryIndex();
    const { epoch } = await readDiscoveryVersion();
    await prisma.product.deleteMany({ where: { farmId: doomed.id } });
    await prisma.farm.delete({ where: { id: doomed.id } });
    expect((await readDiscoveryVersion()).epoch).toBeGreaterThan(epoch);
    now += CHECK_MS;
    expect(await farmNames({ q: "turnip" })).toEqual([]);
    expect(configureDiscoveryIndex().fullLoads).toBe(before.fullLoads + 1);
  });

  it("shows a product entering its season when the clock passes the date, with no write and no reload", async () => {
    now += CHECK_MS;
    expect((await farmNames({ category: "VEGETABLES" })).map(([name]) => name)).not.toContain("Zeta Seasons");
    const loads = configureDiscoveryIndex().farmLoads;
    const winter = await prisma.product.findFirstOrThrow({ where: { farmId: farms[5]!.id } });
    const later = new Date(winter.availableFrom!.getTime() + 60_000);
    expect(await farmNames({ category: "VEGETABLES" }, later)).toContainEqual(["Zeta Seasons", 1]);
    expect(configureDiscoveryIndex().farmLoads).toBe(loads);
  });
});

describe("product search page", () => {
  it("returns the nearest page and counts matches up to the cap", async () => {
    const farm = await createTestFarm({ name: "Leek Lane", lat: 30.001, lng: 30.001 });
    for (const name of ["Leeks", "Baby leeks", "Leek seedlings"]) await createTestProduct(farm.id, { name });
    now += CHECK_MS;
    const { data } = await getDiscoveryIndex();
    const query = { centre: HERE, radiusM: 10_000, stems: ["leek"], now: Date.now(), order: "distance" as const };
    expect(searchProductPage(data, { ...query, limit: 60, totalCap: 200 })).toMatchObject({
      total: 3,
      totalCapped: false,
    });
    const capped = searchProductPage(data, { ...query, limit: 1, totalCap: 2 });
    expect(capped).toMatchObject({ total: 2, totalCapped: true });
    // Ties in distance (one farm) are all kept for the exact ranking.
    expect(capped.hits).toHaveLength(3);
    expect(capped.hits.every((hit) => hit.nameMatch)).toBe(true);
    // Only the farm's name matches "lane": its products, marked as not matching by their own name.
    const byFarm = searchProductPage(data, { ...query, stems: ["lane"], limit: 60, totalCap: 200 });
    expect(byFarm.total).toBe(3);
    expect(byFarm.hits.every((hit) => !hit.nameMatch)).toBe(true);
  });
});
