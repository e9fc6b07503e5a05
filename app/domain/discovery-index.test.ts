import { describe, expect, it } from "vitest";
import { PRODUCT_CATEGORIES, type ProductCategory } from "./catalogue";
import {
  buildDiscoveryIndex,
  categoryMask,
  indexFarm,
  liveUntilOf,
  mapCoordinate,
  mapFarmsJson,
  searchProductPage,
  type FarmInput,
  type IndexedProduct,
} from "./discovery-index";
import { haversineMetres } from "./geo";
import { searchKey, searchStems } from "./search";

const NOW = Date.UTC(2026, 5, 15, 12);

/** The oracle's own reading of a season: live from liveFrom, until (not at) liveUntil. */
const isLive = (product: Pick<IndexedProduct, "liveFrom" | "liveUntil">, now: number): boolean =>
  (product.liveFrom === null || product.liveFrom <= now) && (product.liveUntil === null || product.liveUntil > now);
const DAY = 86_400_000;

let nextId = 0;
const product = (name: string, extra: Partial<IndexedProduct> = {}): IndexedProduct => ({
  id: `p${String(nextId++).padStart(5, "0")}`,
  name,
  category: "VEGETABLES",
  unit: "KG",
  gramsPerUnit: 1000,
  retailPriceMinor: 250,
  wholesalePriceMinor: null,
  wholesaleMinMilli: null,
  stockMilli: 1000,
  liveFrom: null,
  liveUntil: null,
  ...extra,
});

function farm(id: string, name: string, lat: number, lng: number, products: IndexedProduct[]): FarmInput {
  return { id, slug: id, name, lat, lng, currency: "GBP", products };
}

/** The farm's counts at NOW, computed here independently of the index (the brute-force oracle). */
function summaryOf({ products }: FarmInput) {
  const counts = Array.from({ length: 24 }, () => 0);
  let live = 0;
  let inStock = 0;
  for (const p of products) {
    if (!isLive(p, NOW)) continue;
    const i = PRODUCT_CATEGORIES.indexOf(p.category);
    counts[i] = counts[i]! + 1;
    live += 1;
    if (p.stockMilli > 0) {
      counts[i + 12] = counts[i + 12]! + 1;
      inStock += 1;
    }
  }
  return { categoryCounts: counts, liveProductCount: live, inStockProductCount: inStock };
}

const index = (...farms: FarmInput[]) => buildDiscoveryIndex(farms.map((input) => indexFarm(input, NOW)));
const WORLD = { minLat: -90, maxLat: 90, lngRanges: [[-180, 180]] as Array<[number, number]> };
/** A box around HERE that holds some of the random farms. */
const SMALL_BOX = { minLat: 51.3, maxLat: 51.6, lngRanges: [[-2.8, -2.3]] as Array<[number, number]> };
const HERE = { lat: 51.45, lng: -2.59 };
const mapNames = (json: string) =>
  (JSON.parse(json) as Array<[string, string, number, number, number, number, number]>).map((t) => [t[1], t[6]]);

describe("indexFarm", () => {
  it("writes the map tuple head with rounded coordinates and the category mask", () => {
    const indexed = indexFarm(
      farm("f1", 'Quote "Farm"', 51.123456789, -2.5, [product("Eggs", { category: "EGGS" }), product("Kale")]),
    );
    expect(indexed.head).toBe(`["f1","Quote \\"Farm\\"",51.12346,-2.5`);
    expect(indexed.categoryMask).toBe((1 << 0) | (1 << 3));
    expect(mapCoordinate(-0.000001)).toBe("0");
    expect(categoryMask([0, 0, 1])).toBe(4);
  });

  it("keeps one line per product even when a name holds a newline", () => {
    const indexed = indexFarm(farm("f1", "Farm", 0, 0, [product("Crème\nfraîche"), product("Kale")]));
    expect(indexed.productKeys).toBe("creme fraiche\nkale\n");
    expect([...indexed.keyStarts]).toEqual([0, 14, 19]);
  });
});

describe("seasons", () => {
  it("finds a product from availableFrom until the end of availableTo's day", () => {
    const data = index(
      farm("s", "Season Farm", 51.45, -2.59, [
        product("Asparagus", { liveUntil: liveUntilOf(NOW - 1000) }),
        product("Broad beans", { liveFrom: NOW }),
        product("Celeriac", { liveFrom: NOW + 1 }),
      ]),
    );
    const found = (now: number) =>
      searchProductPage(data, {
        centre: HERE,
        radiusM: 1000,
        stems: [],
        now,
        order: "distance",
        limit: 10,
        totalCap: 10,
      }).hits.map((hit) => hit.product.name);
    expect(found(NOW)).toEqual(["Asparagus", "Broad beans"]);
    // Asparagus's last day (availableTo) ends one day after its stored instant.
    expect(found(NOW - 1000 + DAY - 1)).toContain("Asparagus");
    expect(found(NOW - 1000 + DAY)).toEqual(["Broad beans", "Celeriac"]);
    expect(found(NOW - 1)).toEqual(["Asparagus"]);
  });
});

describe("mapFarmsJson", () => {
  const data = index(
    farm("a", "Egg Lane Farm", 51.46, -2.6, [
      product("Carrots", { stockMilli: 0 }),
      product("Duck eggs", { category: "EGGS", stockMilli: 0 }),
    ]),
    farm("b", "Beta Dairy", 51.45, -2.5, [
      product("Whole milk", { category: "DAIRY" }),
      product("Goat's cheese", { category: "DAIRY" }),
    ]),
    farm("c", "Alpha Dairy", 51.45, -2.68, [
      product("Cheddar cheese", { category: "DAIRY" }),
      product("Kale", { liveFrom: NOW + DAY }),
    ]),
    farm("d", "Far Orchard", 52.5, -2.59, [product("Apples", { category: "FRUIT" })]),
  );

  it("lists farms nearest first, ties by name, with summary counts without text", () => {
    const { json, count } = mapFarmsJson(data, { box: WORLD, stems: [], centre: HERE, now: NOW, limit: 10 });
    expect(count).toBe(4);
    // Alpha and Beta Dairy are equally far (same latitude, mirrored longitudes).
    expect(mapNames(json)).toEqual([
      ["Egg Lane Farm", 2],
      ["Alpha Dairy", 1],
      ["Beta Dairy", 2],
      ["Far Orchard", 1],
    ]);
    const tuples = JSON.parse(json) as Array<[string, string, number, number, number, number, number]>;
    expect(tuples[0]![5]).toBe(Math.round(haversineMetres(HERE, { lat: 51.46, lng: -2.6 })));
    expect(mapNames(mapFarmsJson(data, { box: WORLD, stems: [], now: NOW, limit: 10 }).json)).toEqual([
      ["Alpha Dairy", 1],
      ["Beta Dairy", 2],
      ["Egg Lane Farm", 2],
      ["Far Orchard", 1],
    ]);
  });

  it("matches every stem in the product's name or the farm's, per product", () => {
    const names = (q: string, extra: { inStock?: boolean; category?: ProductCategory } = {}) =>
      mapNames(
        mapFarmsJson(data, { box: WORLD, stems: searchStems(q), centre: HERE, now: NOW, limit: 10, ...extra }).json,
      );
    expect(names("cheese")).toEqual([
      ["Alpha Dairy", 1],
      ["Beta Dairy", 1],
    ]);
    expect(names("goat cheese")).toEqual([["Beta Dairy", 1]]);
    // "milk" and "cheese" are in two different products: no single product matches both.
    expect(names("milk cheese")).toEqual([]);
    // The farm's name matches "lane": all its live products count.
    expect(names("lane")).toEqual([["Egg Lane Farm", 2]]);
    expect(names("eggs")).toEqual([["Egg Lane Farm", 2]]);
    expect(names("eggs", { inStock: true })).toEqual([]);
    expect(names("dairy", { category: "DAIRY" })).toEqual([
      ["Alpha Dairy", 1],
      ["Beta Dairy", 2],
    ]);
    // Kale is out of season.
    expect(names("kale")).toEqual([]);
    expect(names("CRÈME")).toEqual([]);
  });

  it("keeps to the box, the radius and the limit (the first farms by id), and crosses the antimeridian", () => {
    const box = { minLat: 51, maxLat: 52, lngRanges: [[-2.6, -2.55]] as Array<[number, number]> };
    expect(mapNames(mapFarmsJson(data, { box, stems: [], centre: HERE, now: NOW, limit: 10 }).json)).toEqual([
      ["Egg Lane Farm", 2],
    ]);
    expect(mapFarmsJson(data, { box: WORLD, stems: [], centre: HERE, radiusM: 7_000, now: NOW, limit: 10 }).count).toBe(
      3,
    );
    const limited = mapFarmsJson(data, { box: WORLD, stems: [], centre: HERE, now: NOW, limit: 2 });
    expect(limited.count).toBe(4);
    expect(mapNames(limited.json).map(([name]) => name)).toEqual(["Egg Lane Farm", "Beta Dairy"]);

    const pacific = index(
      farm("x", "Dateline East", 0, 179.9, [product("Taro")]),
      farm("y", "Dateline West", 0, -179.9, [product("Taro")]),
    );
    const across = {
      minLat: -1,
      maxLat: 1,
      lngRanges: [
        [179.5, 180],
        [-180, -179.5],
      ] as Array<[number, number]>,
    };
    expect(mapFarmsJson(pacific, { box: across, stems: searchStems("taro"), now: NOW, limit: 10 }).count).toBe(2);
  });

  it("agrees with a brute force over random farms for every filter", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const words = ["kale", "eggs", "duck", "leek", "cheese", "apple", "honey", "lane", "green", "crème"];
    const farms: FarmInput[] = [];
    for (let f = 0; f < 60; f++) {
      const products = Array.from({ length: Math.floor(random() * 6) }, () =>
        product(`${words[Math.floor(random() * words.length)]} ${words[Math.floor(random() * words.length)]}`, {
          category: PRODUCT_CATEGORIES[Math.floor(random() * 4)]!,
          stockMilli: random() < 0.3 ? 0 : 500,
          liveFrom: random() < 0.2 ? NOW + DAY : null,
          liveUntil: random() < 0.2 ? NOW - DAY : null,
        }),
      );
      farms.push(
        farm(
          `f${String(f).padStart(3, "0")}`,
          `${words[f % words.length]} farm ${f}`,
          51 + random(),
          -3 + random(),
          products,
        ),
      );
    }
    const data = index(...farms);
    for (const q of ["", "kale", "eggs", "lane", "duck eggs", "green honey", "creme", "zzz"]) {
      for (const category of [undefined, ...PRODUCT_CATEGORIES.slice(0, 4)]) {
        for (const inStock of [false, true]) {
          for (const [box, radiusM] of [
            [WORLD, undefined],
            [WORLD, 20_000],
            [SMALL_BOX, undefined],
            [SMALL_BOX, 5_000],
          ] as const) {
            const stems = searchStems(q);
            const got = mapFarmsJson(data, {
              box,
              stems,
              category,
              inStock,
              centre: HERE,
              radiusM,
              now: NOW,
              limit: 1000,
            });
            const expected = farms
              .map((input) => {
                const matches = input.products.filter(
                  (p) =>
                    isLive(p, NOW) &&
                    (!category || p.category === category) &&
                    (!inStock || p.stockMilli > 0) &&
                    stems.every((s) => searchKey(p.name).includes(s) || searchKey(input.name).includes(s)),
                ).length;
                return { input, matches, distance: Math.round(haversineMetres(HERE, input)) };
              })
              .filter(
                ({ input, matches, distance }) =>
                  input.lat >= box.minLat &&
                  input.lat <= box.maxLat &&
                  box.lngRanges.some(([min, max]) => input.lng >= min && input.lng <= max) &&
                  (radiusM === undefined || distance <= radiusM) &&
                  (stems.length ? matches > 0 : true),
              )
              .filter(({ input }) =>
                stems.length
                  ? true
                  : !category || summaryOf(input).categoryCounts[PRODUCT_CATEGORIES.indexOf(category)]! > 0,
              )
              .filter(({ input }) =>
                stems.length || !inStock
                  ? true
                  : (category
                      ? summaryOf(input).categoryCounts[PRODUCT_CATEGORIES.indexOf(category) + 12]!
                      : summaryOf(input).inStockProductCount) > 0,
              );
            const label = JSON.stringify({ q, category, inStock, box, radiusM });
            expect(got.count, label).toBe(expected.length);
            const sorted = (rows: Array<[unknown, unknown]>) =>
              [...rows].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
            expect(sorted(mapNames(got.json) as Array<[unknown, unknown]>), label).toEqual(
              sorted(expected.map(({ input, matches }) => [input.name, matches])),
            );
          }
        }
      }
    }
  });
});

describe("searchProductPage", () => {
  const near = farm("n", "Leek Lane", 51.451, -2.591, [
    product("Baby leeks", { retailPriceMinor: 300 }),
    product("Leeks", { retailPriceMinor: 200 }),
    product("Parsnips"),
  ]);
  const mid = farm("m", "Middle Farm", 51.5, -2.59, [
    product("Leek seedlings", { retailPriceMinor: 100, stockMilli: 0 }),
    product("Honey", { category: "PANTRY" }),
  ]);
  const far = farm("z", "Distant Farm", 52.4, -2.59, [product("Leeks")]);
  const data = index(near, mid, far);
  const query = { centre: HERE, radiusM: 20_000, now: NOW, order: "distance" as const, limit: 60, totalCap: 200 };

  it("finds products by their own name within the radius, nearest first", () => {
    const result = searchProductPage(data, { ...query, stems: searchStems("leeks") });
    expect(result).toMatchObject({ total: 3, totalCapped: false });
    expect(result.hits.map((hit) => [hit.product.name, hit.farm.name, hit.nameMatch])).toEqual([
      ["Baby leeks", "Leek Lane", true],
      ["Leeks", "Leek Lane", true],
      ["Leek seedlings", "Middle Farm", true],
    ]);
    expect(searchProductPage(data, { ...query, stems: searchStems("leeks"), inStock: true }).total).toBe(2);
    expect(searchProductPage(data, { ...query, radiusM: 200_000, stems: searchStems("leeks") }).total).toBe(4);
  });

  it("falls back to the farm's name only when no product's own name matches", () => {
    const result = searchProductPage(data, { ...query, stems: searchStems("lane") });
    expect(result.hits.map((hit) => [hit.product.name, hit.nameMatch])).toEqual([
      ["Baby leeks", false],
      ["Leeks", false],
      ["Parsnips", false],
    ]);
    expect(searchProductPage(data, { ...query, stems: searchStems("zebra") })).toEqual({
      hits: [],
      total: 0,
      totalCapped: false,
    });
  });

  it("counts up to the cap and keeps ties with the last hit", () => {
    const capped = searchProductPage(data, { ...query, stems: searchStems("leek"), limit: 1, totalCap: 2 });
    expect(capped).toMatchObject({ total: 2, totalCapped: true });
    // Both of Leek Lane's leeks are at the same distance: both are kept for the final ranking.
    expect(capped.hits.map((hit) => hit.product.name)).toEqual(["Baby leeks", "Leeks"]);
  });

  it("orders by price, then distance, over every match", () => {
    const byPrice = searchProductPage(data, { ...query, order: "price", stems: searchStems("leek"), limit: 2 });
    expect(byPrice.hits.map((hit) => hit.product.retailPriceMinor)).toEqual([100, 200]);
    expect(byPrice.total).toBe(3);
  });

  it("lists everything in the radius without text, by category", () => {
    expect(
      searchProductPage(data, { ...query, stems: [], category: "PANTRY" }).hits.map((hit) => hit.product.name),
    ).toEqual(["Honey"]);
    expect(searchProductPage(data, { ...query, stems: [] }).total).toBe(5);
  });
});

describe("counts follow the season without a reload", () => {
  it("a product entering and leaving its season changes the farm's counts on the same index", () => {
    const DAY = 86_400_000;
    const asparagus = product("Asparagus", { liveFrom: NOW + DAY, liveUntil: NOW + 3 * DAY });
    const built = index(farm("s1", "Season Farm", 51.45, -2.59, [asparagus]));
    const query = (now: number) =>
      mapNames(mapFarmsJson(built, { box: WORLD, category: "VEGETABLES", stems: [], now, limit: 10 }).json);
    expect(query(NOW)).toEqual([]);
    expect(query(NOW + 2 * DAY)).toEqual([["Season Farm", 1]]);
    expect(query(NOW + 4 * DAY)).toEqual([]);
    // And back: a request with an earlier clock recomputes too.
    expect(query(NOW + 2 * DAY)).toEqual([["Season Farm", 1]]);
  });

  it("writes the category mask of the moment into the map tuple", () => {
    const DAY = 86_400_000;
    const built = index(
      farm("s2", "Mask Farm", 51.45, -2.59, [
        product("Kale"),
        product("Cheddar", { category: "DAIRY", liveFrom: NOW + DAY }),
      ]),
    );
    const mask = (now: number) =>
      (JSON.parse(mapFarmsJson(built, { box: WORLD, stems: [], now, limit: 10 }).json) as number[][])[0]![4];
    const vegetables = 1 << PRODUCT_CATEGORIES.indexOf("VEGETABLES");
    const dairy = 1 << PRODUCT_CATEGORIES.indexOf("DAIRY");
    expect(mask(NOW)).toBe(vegetables);
    expect(mask(NOW + 2 * DAY)).toBe(vegetables | dairy);
  });
});
