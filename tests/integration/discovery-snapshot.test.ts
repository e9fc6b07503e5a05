// The map's in-process snapshot (requests without text): the same answer as the SQL query, and
// reloaded when the discovery version changes — checked at most once per interval (a fake clock
// here, never sleeping), with one reload for concurrent requests. Also the capped product search.
import { beforeAll, describe, expect, it } from "vitest";
import { PRODUCT_CATEGORIES } from "~/domain/catalogue";
import { bboxLngRanges, boundingBox } from "~/domain/geo";
import { findMapFarmsJson, findProductPage, readDiscoveryVersion, refreshFarmDiscovery, refreshSeasonStaleFarms } from "~/models/farm.server";
import { configureMapSnapshot, getMapFarms, getMapFarmsJson, type Viewport } from "~/services/discovery.server";
import { addProduct, changeStock } from "~/services/product.server";
import { prisma } from "~/utils/db.server";
import { createTestFarm, createTestProduct } from "../factories";

// A private patch of the world: around 30°N 30°E.
const HERE = { lat: 30, lng: 30 };
const VIEW: Viewport = { minLat: 29, maxLat: 31, minLng: 29, maxLng: 31 };
let now = 1_000_000;
const clock = () => now;
const CHECK_MS = 1000;

const product = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  description: "",
  category: "VEGETABLES" as const,
  unit: "KG" as const,
  gramsPerUnit: 1000,
  retailPriceMinor: 200,
  wholesalePriceMinor: null,
  wholesaleMinMilli: null,
  stockMilli: 5000,
  lowStockMilli: 0,
  chilled: false,
  availableFrom: null,
  availableTo: null,
  ...extra,
});

const farmNames = async (filter: Record<string, unknown> = {}) =>
  (await getMapFarms({ view: VIEW, filter: { centre: HERE, ...filter } })).farms.map((farm) => [farm[1], farm[6]]);

let farms: Array<{ id: string; name: string }> = [];

beforeAll(async () => {
  configureMapSnapshot({ checkMs: CHECK_MS, clock, reset: true });
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
  await prisma.product.update({ where: { id: winter.id }, data: { availableFrom: new Date(Date.now() + 30 * 86_400_000) } });
  await refreshFarmDiscovery(prisma, farms.map((farm) => farm.id));
});

describe("map snapshot", () => {
  it("answers exactly what the SQL query answers, for every filter without text", async () => {
    now += CHECK_MS;
    const views: Viewport[] = [VIEW, { minLat: 29.9, maxLat: 30.1, minLng: 29.9, maxLng: 30.1 }, { minLat: 30.5, maxLat: 31, minLng: 29, maxLng: 30 }];
    const filters = [
      {},
      { inStock: true },
      ...PRODUCT_CATEGORIES.flatMap((category) => [{ category }, { category, inStock: true }]),
    ];
    for (const view of views) {
      for (const filter of filters) {
        for (const radiusKm of [undefined, 5, 20, 100]) {
          for (const centre of [HERE, undefined]) {
            const fromSnapshot = await getMapFarmsJson({ view, filter: { ...filter, centre, radiusKm } });
            const box = { minLat: view.minLat, maxLat: view.maxLat, lngRanges: [[view.minLng, view.maxLng]] as Array<[number, number]> };
            if (centre && radiusKm) {
              const circle = boundingBox(centre, radiusKm * 1000);
              box.minLat = Math.max(box.minLat, circle.minLat);
              box.maxLat = Math.min(box.maxLat, circle.maxLat);
              const [[a, b]] = bboxLngRanges(circle) as [[number, number]];
              box.lngRanges = [[Math.max(view.minLng, a), Math.min(view.maxLng, b)]];
              if (box.minLat > box.maxLat || box.lngRanges[0]![0] > box.lngRanges[0]![1]) continue;
            }
            const fromSql = await findMapFarmsJson({
              box,
              filter: { ...filter, now: new Date() },
              centre,
              radiusM: centre && radiusKm ? radiusKm * 1000 : undefined,
              limit: 5000,
            });
            expect(fromSnapshot, JSON.stringify({ view, filter, radiusKm, centre })).toBe(`{"v":1,"farms":${fromSql.json},"truncated":false}`);
          }
        }
      }
    }
    // Equal distances are ordered by name.
    expect((await farmNames({ category: "DAIRY" })).map(([name]) => name)).toEqual(["Alpha Dairy", "Beta Dairy"]);
  });

  it("shows a product change on the first request after the check interval, reloading once for concurrent requests", async () => {
    now += CHECK_MS;
    expect(await farmNames({ category: "EGGS" })).toEqual([]);
    const loadsBefore = configureMapSnapshot().loads;

    await addProduct({ farmId: farms[4]!.id, data: product("Duck eggs", { category: "EGGS" }) });
    // Within the interval the snapshot may be stale (the documented bound)…
    expect(await farmNames({ category: "EGGS" })).toEqual([]);
    // …and the first request after it sees the change; 16 concurrent requests share one reload.
    now += CHECK_MS;
    const answers = await Promise.all(Array.from({ length: 16 }, () => farmNames({ category: "EGGS" })));
    for (const answer of answers) expect(answer).toEqual([["Epsilon Empty", 1]]);
    expect(configureMapSnapshot().loads).toBe(loadsBefore + 1);

    // Nothing changed: the next check reads the version only.
    now += CHECK_MS;
    expect(await farmNames({ category: "EGGS" })).toEqual([["Epsilon Empty", 1]]);
    expect(configureMapSnapshot().loads).toBe(loadsBefore + 1);
  });

  it("follows stock changes (in stock only) and farm edits that bypass the product services", async () => {
    now += CHECK_MS;
    expect(await farmNames({ category: "VEGETABLES", inStock: true })).toEqual([["Gamma Greens", 1]]);
    const kale = await prisma.product.findFirstOrThrow({ where: { farmId: farms[2]!.id, name: "Kale" } });
    expect(await changeStock({ farmId: farms[2]!.id, productId: kale.id, change: { setMilli: 0 } })).toMatchObject({ ok: true });
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

  it("bumps the version with the transaction that writes Farm, not when it rolls back", async () => {
    const before = await readDiscoveryVersion();
    await expect(
      prisma.$transaction(async (tx) => {
        await refreshFarmDiscovery(tx, [farms[0]!.id]);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await readDiscoveryVersion()).toBe(before);
    await refreshFarmDiscovery(prisma, [farms[0]!.id]);
    expect(BigInt(await readDiscoveryVersion())).toBeGreaterThan(BigInt(before));
  });

  it("keeps season validity: a product entering its season shows once the season refresh ran", async () => {
    now += CHECK_MS;
    expect((await farmNames({ category: "VEGETABLES" })).map(([name]) => name)).not.toContain("Zeta Seasons");
    const winter = await prisma.product.findFirstOrThrow({ where: { farmId: farms[5]!.id } });
    const later = new Date(winter.availableFrom!.getTime() + 60_000);
    expect(await refreshSeasonStaleFarms({ now: later })).toBeGreaterThanOrEqual(1);
    now += CHECK_MS;
    expect(await farmNames({ category: "VEGETABLES" })).toContainEqual(["Zeta Seasons", 1]);
  });
});

describe("product search page", () => {
  it("returns the nearest page and counts matches up to the cap", async () => {
    const farm = await createTestFarm({ name: "Leek Lane", lat: 30.001, lng: 30.001 });
    for (const name of ["Leeks", "Baby leeks", "Leek seedlings"]) await createTestProduct(farm.id, { name });
    await refreshFarmDiscovery(prisma, [farm.id]);
    const circle = boundingBox(HERE, 10_000);
    const query = { centre: HERE, radiusM: 10_000, box: { minLat: circle.minLat, maxLat: circle.maxLat, lngRanges: bboxLngRanges(circle) }, stems: ["leek"], now: new Date(), order: "distance" as const };
    expect(await findProductPage({ ...query, limit: 60, totalCap: 200 })).toMatchObject({ total: 3, totalCapped: false });
    const capped = await findProductPage({ ...query, limit: 1, totalCap: 2 });
    expect(capped).toMatchObject({ total: 2, totalCapped: true });
    // Ties in distance (one farm) are all kept for the exact ranking.
    expect(capped.hits).toHaveLength(3);
    expect(capped.hits.every((hit) => hit.nameMatch)).toBe(true);
    // Only the farm's name matches "lane": its products, marked as not matching by their own name.
    const byFarm = await findProductPage({ ...query, stems: ["lane"], limit: 60, totalCap: 200 });
    expect(byFarm.total).toBe(3);
    expect(byFarm.hits.every((hit) => !hit.nameMatch)).toBe(true);
  });
});
