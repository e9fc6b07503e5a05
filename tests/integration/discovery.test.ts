// Discovery: bbox + filter queries, radius, ACTIVE farms only, search order, JSON endpoints' 400s,
// farm page, local tiles.
import { beforeAll, describe, expect, it } from "vitest";
import { loader as farmsApi } from "~/routes/api.farms";
import { loader as searchApi } from "~/routes/api.products.search";
import { loader as farmPage } from "~/routes/farms.$slug";
import { loader as tileLoader } from "~/routes/tiles.$z.$x.$y[.svg]";
import { decodeMapPayload } from "~/domain/map-payload";
import { configureDiscoveryIndex, getMapFarms, searchProducts } from "~/services/discovery.server";
import { addProduct, archiveProduct, changeStock, editProduct } from "~/services/product.server";
import { importProductsCsv } from "~/services/product-import.server";
import { prisma } from "~/utils/db.server";
import { createTestFarm, createTestProduct, createTestUser, makeRequest, productInput as product } from "../factories";

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });
async function respond(promise: Promise<unknown>): Promise<Response> {
  try {
    return (await promise) as Response;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

// A private patch of the world so other rows never interfere: around 10°N 10°E.
const CENTRE = { lat: 10, lng: 10 };
const VIEW = { minLat: 9, maxLat: 11, minLng: 9, maxLng: 11 };
let near: { slug: string; id: string };
let far: { slug: string; id: string };
let suspended: { slug: string };

beforeAll(async () => {
  // Discovery reads the in-process index; here every request checks the
  // discovery version, so each change shows at once (the interval: discovery-index.test.ts).
  configureDiscoveryIndex({ checkMs: 0 });
  near = await createTestFarm({ name: "Near Egg Farm", lat: 10.02, lng: 10 }); // ~2.2 km
  far = await createTestFarm({ name: "Far Orchard", lat: 10.3, lng: 10 }); // ~33 km
  const s = await createTestFarm({ name: "Suspended Farm", lat: 10.01, lng: 10 });
  await prisma.farm.update({ where: { id: s.id }, data: { status: "SUSPENDED" } });
  suspended = s;
  await createTestProduct(near.id, {
    name: "Free-range eggs",
    category: "EGGS",
    unit: "DOZEN",
    gramsPerUnit: 720,
    retailPriceMinor: 320,
    stockMilli: 0,
  });
  await createTestProduct(near.id, { name: "Carrots", category: "VEGETABLES", retailPriceMinor: 150 });
  await createTestProduct(far.id, {
    name: "Duck eggs",
    category: "EGGS",
    unit: "EACH",
    gramsPerUnit: 80,
    retailPriceMinor: 60,
  });
  await createTestProduct(far.id, { name: "Apples", category: "FRUIT" });
  const archived = await createTestProduct(far.id, { name: "Archived eggs", category: "EGGS" });
  await prisma.product.update({ where: { id: archived.id }, data: { archivedAt: new Date() } });
  const outOfSeason = await createTestProduct(far.id, { name: "Winter eggs", category: "EGGS" });
  await prisma.product.update({
    where: { id: outOfSeason.id },
    data: { availableFrom: new Date(Date.now() + 30 * 86_400_000) },
  });
  await createTestProduct(s.id, { name: "Hidden eggs", category: "EGGS" });
});

describe("getMapFarms", () => {
  it("returns ACTIVE farms in the view, nearest first", async () => {
    const data = await getMapFarms({ view: VIEW, filter: { centre: CENTRE } });
    expect(data.farms.map((farm) => farm.name)).toEqual(["Near Egg Farm", "Far Orchard"]);
    const { slug, lat, lng, categoryMask, distanceMetres, matches } = data.farms[0]!;
    expect(slug).toBe(near.slug);
    expect([lat, lng]).toEqual([10.02, 10]);
    expect(categoryMask).toBeGreaterThan(0);
    expect(distanceMetres).toBeGreaterThan(2000);
    expect(distanceMetres).toBeLessThan(2500);
    expect(matches).toBe(2);
  });

  it("filters by radius, category, text and stock", async () => {
    const within = (radiusKm: number, extra = {}) =>
      getMapFarms({ view: VIEW, filter: { centre: CENTRE, radiusKm, ...extra } });
    expect((await within(20)).farms.map((f) => f.name)).toEqual(["Near Egg Farm"]);
    expect((await within(50, { q: "eggs" })).farms.map((f) => f.name)).toEqual(["Near Egg Farm", "Far Orchard"]);
    // Near Egg Farm's eggs are sold out, but its name matches "eggs" and its carrots are in stock.
    expect((await within(50, { q: "eggs", inStock: true })).farms.map((f) => f.name)).toEqual([
      "Near Egg Farm",
      "Far Orchard",
    ]);
    expect((await within(50, { q: "free range", inStock: true })).farms).toEqual([]);
    expect((await within(50, { category: "FRUIT" })).farms.map((f) => f.name)).toEqual(["Far Orchard"]);
    expect((await within(50, { q: "orchard" })).farms.map((f) => f.name)).toEqual(["Far Orchard"]);
    expect((await within(50, { q: "winter" })).farms).toEqual([]);
    expect((await within(50, { q: "hidden" })).farms).toEqual([]);
  });

  it("answers nothing for a view outside the radius", async () => {
    expect(
      (
        await getMapFarms({
          view: { minLat: 20, maxLat: 21, minLng: 20, maxLng: 21 },
          filter: { centre: CENTRE, radiusKm: 5 },
        })
      ).farms,
    ).toEqual([]);
  });
});

describe("discovery summary", () => {
  // Another private patch: around 20°N 20°E.
  const AREA = { minLat: 19, maxLat: 21, minLng: 19, maxLng: 21 };
  const HERE = { lat: 20, lng: 20 };
  const names = async (filter: Record<string, unknown> = {}, now?: Date) =>
    (await getMapFarms({ view: AREA, filter: { centre: HERE, ...filter }, now })).farms.map((farm) => [
      farm.name,
      farm.matches,
    ]);

  it("follows the farmer's product changes made through the services, in the same transaction", async () => {
    const farm = await createTestFarm({ name: "Summary Farm", lat: 20.01, lng: 20 });
    expect(await names()).toEqual([["Summary Farm", 0]]);
    expect(await names({ q: "kohlrabi" })).toEqual([]);

    const { id } = await addProduct({ farmId: farm.id, data: product("Purple kohlrabi") });
    expect(await names({ q: "kohlrabi" })).toEqual([["Summary Farm", 1]]);
    expect(await names({ category: "VEGETABLES", inStock: true })).toEqual([["Summary Farm", 1]]);
    expect((await searchProducts({ centre: HERE, radiusKm: 10, q: "kohlrabi" })).results.map((r) => r.name)).toEqual([
      "Purple kohlrabi",
    ]);

    await editProduct({ farmId: farm.id, productId: id, data: product("Purple kohlrabi", { category: "FRUIT" }) });
    expect(await names({ category: "VEGETABLES" })).toEqual([]);
    expect(await names({ category: "FRUIT" })).toEqual([["Summary Farm", 1]]);

    expect(await changeStock({ farmId: farm.id, productId: id, change: { setMilli: 0 } })).toMatchObject({ ok: true });
    expect(await names({ inStock: true })).toEqual([]);
    expect(await names({ category: "FRUIT", inStock: true })).toEqual([]);
    expect(await changeStock({ farmId: farm.id, productId: id, change: { deltaMilli: 2000 } })).toMatchObject({
      ok: true,
    });
    expect(await names({ category: "FRUIT", inStock: true })).toEqual([["Summary Farm", 1]]);

    await archiveProduct({ farmId: farm.id, productId: id, archived: true });
    expect(await names({ q: "kohlrabi" })).toEqual([]);
    expect(await names()).toEqual([["Summary Farm", 0]]);
    expect((await searchProducts({ centre: HERE, radiusKm: 10, q: "kohlrabi" })).results).toEqual([]);

    const imported = await importProductsCsv({
      farmId: farm.id,
      text: "name,category,unit,grams_per_unit,retail_price,stock\nSalsify,vegetables,kg,,2.00,4\nDuck eggs,eggs,each,80,0.60,0\n",
    });
    expect(imported).toMatchObject({ ok: true, created: 2, updated: 0 });
    expect(await names({ q: "salsify" })).toEqual([["Summary Farm", 1]]);
    expect(await names({ category: "EGGS" })).toEqual([["Summary Farm", 1]]);
    expect(await names({ category: "EGGS", inStock: true })).toEqual([]);
  });

  it("shows a product once it enters its season, with no write", async () => {
    const farm = await createTestFarm({ name: "Seasonal Farm", lat: 20.02, lng: 20 });
    const from = new Date(Date.now() + 10 * 86_400_000);
    await addProduct({ farmId: farm.id, data: product("Wild garlic", { category: "HERBS", availableFrom: from }) });
    expect(await names({ category: "HERBS" })).toEqual([]);
    expect(await names({ q: "garlic" })).toEqual([]);
    const later = new Date(from.getTime() + 60_000);
    expect(await names({ category: "HERBS" }, later)).toEqual([["Seasonal Farm", 1]]);
    expect(await names({ q: "garlic" }, later)).toEqual([["Seasonal Farm", 1]]);
  });
});

describe("searchProducts", () => {
  it("sorts by distance with price per kg, hiding archived, out-of-season and suspended", async () => {
    const { results } = await searchProducts({ centre: CENTRE, radiusKm: 50, q: "eggs" });
    expect(results.map((r) => r.name)).toEqual(["Free-range eggs", "Duck eggs"]);
    expect(results[0]).toMatchObject({
      priceMinor: 320,
      pricePerKgMinor: 444,
      farmSlug: near.slug,
      wholesalePriceMinor: null,
    });
    expect(results[1]!.pricePerKgMinor).toBe(750);
  });
  it("lists a farm's products by the farm's name when no product name matches", async () => {
    const { results } = await searchProducts({ centre: CENTRE, radiusKm: 50, q: "orchard" });
    expect(results.map((r) => r.name).sort()).toEqual(["Apples", "Duck eggs"]);
  });
  it("sorts by price when asked", async () => {
    const { results } = await searchProducts({ centre: CENTRE, radiusKm: 50, q: "eggs", sort: "price" });
    expect(results.map((r) => r.name)).toEqual(["Duck eggs", "Free-range eggs"]);
  });
});

describe("JSON endpoints", () => {
  it("/api/farms answers the map payload for a bbox", async () => {
    const response = await respond(farmsApi(args(await makeRequest("/api/farms?bbox=9,9,11,11&lat=10&lng=10&r=20"))));
    expect(response.status).toBe(200);
    const body = decodeMapPayload(await response.json());
    expect(body.farms).toHaveLength(1);
    expect(body.farms[0]!.slug).toBe(near.slug);
  });

  it.each([
    ["/api/farms", "bbox"],
    ["/api/farms?bbox=1,2,3", "bbox"],
    ["/api/farms?bbox=9,9,11,11&r=500", "r"],
    ["/api/farms?bbox=9,9,11,11&cat=GADGETS", "cat"],
    ["/api/farms?bbox=9,9,11,11&lat=95&lng=0", "lat"],
    ["/api/products/search?r=1", "r"],
    ["/api/products/search?lat=10&lng=200", "lng"],
  ])("%s → 400 naming %s", async (path, field) => {
    const loader = path.startsWith("/api/farms") ? farmsApi : searchApi;
    const response = await respond(loader(args(await makeRequest(path))));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Record<string, string> };
    expect(Object.keys(body.errors)).toContain(field);
  });

  it("/api/products/search shows wholesale prices to restaurants only", async () => {
    const wholesaleFarm = await createTestFarm({ name: "Wholesale Farm", lat: 10.001, lng: 10.001 });
    await createTestProduct(wholesaleFarm.id, {
      name: "Bulk leeks",
      wholesalePriceMinor: 200,
      wholesaleMinMilli: 10_000,
      retailPriceMinor: 250,
    });
    const restaurant = await createTestUser({ buyerKind: "RESTAURANT" });
    const household = await createTestUser({ buyerKind: "HOUSEHOLD" });
    const read = async (userId: string) => {
      const response = await respond(
        searchApi(args(await makeRequest("/api/products/search?q=leeks&lat=10&lng=10&r=5", { userId }))),
      );
      return ((await response.json()) as { results: Array<{ wholesalePriceMinor: number | null }> }).results[0];
    };
    expect((await read(restaurant.id))?.wholesalePriceMinor).toBe(200);
    expect((await read(household.id))?.wholesalePriceMinor).toBeNull();
  });
});

describe("farm page and tiles", () => {
  it("shows an ACTIVE farm with distance, and 404s a suspended one", async () => {
    const ok = await respond(
      farmPage(args(await makeRequest(`/farms/${near.slug}?lat=10&lng=10`), { slug: near.slug })),
    );
    const body = (await ok.json()) as {
      farm: { name: string };
      distanceMetres: number;
      products: Array<{ name: string }>;
    };
    expect(body.farm.name).toBe("Near Egg Farm");
    expect(body.distanceMetres).toBeGreaterThan(2000);
    expect(body.products.map((p) => p.name).sort()).toEqual(["Carrots", "Free-range eggs"]);
    const hidden = await respond(
      farmPage(args(await makeRequest(`/farms/${suspended.slug}`), { slug: suspended.slug })),
    );
    expect(hidden.status).toBe(404);
  });

  it("serves SVG tiles and 404s impossible ones", async () => {
    const tile = await respond(
      Promise.resolve(tileLoader(args(await makeRequest("/tiles/3/4/2.svg"), { z: "3", x: "4", y: "2" }))),
    );
    expect(tile.headers.get("Content-Type")).toContain("image/svg+xml");
    expect(tile.headers.get("Cache-Control")).toContain("max-age");
    expect(await tile.text()).toContain("3/4/2");
    const bad = await respond(
      Promise.resolve(tileLoader(args(await makeRequest("/tiles/3/9/2.svg"), { z: "3", x: "9", y: "2" }))),
    );
    expect(bad.status).toBe(404);
  });
});
