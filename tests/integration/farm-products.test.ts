// Farmer area: ownership (another farm's id → 404, nothing changes), bad input → 400 per field,
// CSV import all-or-nothing, photo checks.
import { describe, expect, it, vi } from "vitest";

// Uploaded test photos go to a temporary folder, not the developer's data folder.
vi.hoisted(async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  process.env.DATA_DIR = mkdtempSync(join(tmpdir(), "foodshed-uploads-"));
});
import { readFile } from "node:fs/promises";
import path from "node:path";
import { crc32 } from "node:zlib";
import sharp from "sharp";
import { action as editFarmAction } from "~/routes/farm.edit";
import { loader as uploadLoader } from "~/routes/uploads.$name";
import { action as newFarmAction } from "~/routes/farm.new";
import { action as productAction, loader as productLoader } from "~/routes/farm.products.$productId";
import { action as stockAction } from "~/routes/farm.products._index";
import { action as importAction } from "~/routes/farm.products.import";
import { action as newProductAction } from "~/routes/farm.products.new";
import { loader as exportLoader } from "~/routes/farm.products[.csv]";
import { getFarmDashboard } from "~/services/farm.server";
import { prisma } from "~/utils/db.server";
import {
  createTestFarm,
  createTestHub,
  createTestProduct,
  createTestUser,
  makeRequest,
  sessionCookieFor,
} from "../factories";

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

async function respond(promise: Promise<unknown>): Promise<Response> {
  try {
    const value = await promise;
    if (value instanceof Response) return value;
    throw new Error("expected a Response");
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

async function farmerWithFarm() {
  const farmer = await createTestUser({ role: "FARMER" });
  const farm = await createTestFarm({ ownerId: farmer.id });
  return { farmer, farm };
}

const productForm = {
  name: "Carrots",
  category: "VEGETABLES",
  unit: "KG",
  gramsPerUnit: "1000",
  retailPrice: "1.50",
  stock: "12.5",
};

describe("creating a farm", () => {
  it("creates the farm at the pinned point, joins the first hub, and gives it a unique slug", async () => {
    await createTestHub();
    const farmer = await createTestUser({ role: "FARMER" });
    const response = await respond(
      newFarmAction(
        args(
          await makeRequest("/farm/new", {
            userId: farmer.id,
            form: { name: "Hill Farm", lat: "51.4", lng: "-2.6", certifications: "Organic" },
          }),
        ),
      ),
    );
    expect(response.status).toBe(302);
    const farm = await prisma.farm.findFirstOrThrow({ where: { ownerId: farmer.id } });
    expect(farm).toMatchObject({ lat: 51.4, lng: -2.6, status: "ACTIVE", certifications: ["Organic"] });
    expect(farm.hubId).not.toBeNull();
    expect(farm.slug).toMatch(/^hill-farm/);
  });

  it.each([
    [{ name: "Hill", lat: "91", lng: "0" }, "lat", "between -90 and 90"],
    [{ name: "Hill", lat: "0", lng: "181" }, "lng", "between -180 and 180"],
    [{ name: "Hill", lat: "", lng: "" }, "lat", "place the pin"],
    [{ name: "", lat: "1", lng: "1" }, "name", "farm's name"],
  ])("refuses %j with 400 on %s and stores nothing", async (form, field, message) => {
    const farmer = await createTestUser({ role: "FARMER" });
    const response = await respond(newFarmAction(args(await makeRequest("/farm/new", { userId: farmer.id, form }))));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: Record<string, string[]> };
    expect(body.error[field]?.join(" ")).toContain(message);
    expect(await prisma.farm.count({ where: { ownerId: farmer.id } })).toBe(0);
  });

  it("answers 404 when the form names another farmer's farm, and changes nothing", async () => {
    const { farmer } = await farmerWithFarm();
    const other = await farmerWithFarm();
    const response = await respond(
      editFarmAction(
        args(
          await makeRequest("/farm/edit", {
            userId: farmer.id,
            form: { farmId: other.farm.id, name: "Taken over", lat: "1", lng: "1" },
          }),
        ),
      ),
    );
    expect(response.status).toBe(404);
    expect((await prisma.farm.findUniqueOrThrow({ where: { id: other.farm.id } })).name).toBe(other.farm.name);
  });
});

describe("products", () => {
  it("creates a product in storage units", async () => {
    const { farmer, farm } = await farmerWithFarm();
    const response = await respond(
      newProductAction(args(await makeRequest("/farm/products/new", { userId: farmer.id, form: productForm }))),
    );
    expect(response.status).toBe(302);
    const product = await prisma.product.findFirstOrThrow({ where: { farmId: farm.id } });
    expect(product).toMatchObject({ retailPriceMinor: 150, stockMilli: 12_500, gramsPerUnit: 1000, unit: "KG" });
  });

  it.each([
    [{ retailPrice: "-1" }, "retailPrice", "cannot be negative"],
    [{ retailPrice: "0" }, "retailPrice", "more than 0.00"],
    [{ unit: "BUNCH", gramsPerUnit: "0", stock: "12" }, "gramsPerUnit", "more than 0 g"],
    [{ unit: "STONE" }, "unit", "Unknown unit"],
    [{ category: "GADGETS" }, "category", "Unknown category"],
    [{ wholesaleMin: "10" }, "wholesaleMin", "needs a wholesale price"],
  ])("refuses %j with 400 on the field and stores nothing", async (change, field, message) => {
    const { farmer, farm } = await farmerWithFarm();
    const response = await respond(
      newProductAction(
        args(await makeRequest("/farm/products/new", { userId: farmer.id, form: { ...productForm, ...change } })),
      ),
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: Record<string, string[]> };
    expect(body.error[field]?.join(" ")).toContain(message);
    expect(await prisma.product.count({ where: { farmId: farm.id } })).toBe(0);
  });

  it("answers 404 for another farm's product on read, edit, archive and stock, changing nothing", async () => {
    const { farmer } = await farmerWithFarm();
    const other = await farmerWithFarm();
    const theirs = await createTestProduct(other.farm.id, { name: "Theirs", stockMilli: 5000 });
    const path = `/farm/products/${theirs.id}`;
    expect(
      (await respond(productLoader(args(await makeRequest(path, { userId: farmer.id }), { productId: theirs.id }))))
        .status,
    ).toBe(404);
    const forms: Array<Record<string, string>> = [{ ...productForm, name: "Mine now" }, { intent: "archive" }];
    for (const form of forms) {
      const response = await respond(
        productAction(args(await makeRequest(path, { userId: farmer.id, form }), { productId: theirs.id })),
      );
      expect(response.status).toBe(404);
    }
    const stock = await respond(
      stockAction(
        args(
          await makeRequest("/farm/products?index", {
            userId: farmer.id,
            form: { intent: "stock", productId: theirs.id, stock: "0", loadedStockMilli: "5000" },
          }),
        ),
      ),
    );
    expect(stock.status).toBe(404);
    const after = await prisma.product.findUniqueOrThrow({ where: { id: theirs.id } });
    expect(after).toMatchObject({ name: "Theirs", stockMilli: 5000, archivedAt: null });
  });

  it("archives and restores, and sets stock quickly (whole units only for each/bunch/dozen)", async () => {
    const { farmer, farm } = await farmerWithFarm();
    const product = await createTestProduct(farm.id, { unit: "DOZEN", gramsPerUnit: 720 });
    const path = `/farm/products/${product.id}`;
    await productAction(
      args(await makeRequest(path, { userId: farmer.id, form: { intent: "archive" } }), { productId: product.id }),
    );
    expect((await prisma.product.findUniqueOrThrow({ where: { id: product.id } })).archivedAt).not.toBeNull();
    await productAction(
      args(await makeRequest(path, { userId: farmer.id, form: { intent: "restore" } }), { productId: product.id }),
    );
    expect((await prisma.product.findUniqueOrThrow({ where: { id: product.id } })).archivedAt).toBeNull();
    const ok = await respond(
      stockAction(
        args(
          await makeRequest("/farm/products?index", {
            userId: farmer.id,
            form: { intent: "stock", productId: product.id, stock: "7", loadedStockMilli: "100000" },
          }),
        ),
      ),
    );
    expect(await ok.json()).toMatchObject({ ok: true, stockMilli: 7000 });
    const half = await respond(
      stockAction(
        args(
          await makeRequest("/farm/products?index", {
            userId: farmer.id,
            form: { intent: "stock", productId: product.id, stock: "1.5", loadedStockMilli: "100000" },
          }),
        ),
      ),
    );
    expect(half.status).toBe(400);
    const negative = await respond(
      stockAction(
        args(
          await makeRequest("/farm/products?index", {
            userId: farmer.id,
            form: { intent: "stock", productId: product.id, stock: "-1", loadedStockMilli: "100000" },
          }),
        ),
      ),
    );
    expect(negative.status).toBe(400);
    expect((await prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stockMilli).toBe(7000);
  });
});

describe("CSV import and export", () => {
  const csvRequest = async (userId: string, csv: string, intent = "import") =>
    makeRequest("/farm/products/import", { userId, form: { csv, intent } });

  it("imports every row, or none with per-row errors", async () => {
    const { farmer, farm } = await farmerWithFarm();
    const bad = "name,category,unit,grams_per_unit,retail_price\nKale,vegetables,kg,,2.00\nEggs,eggs,dozen,720,-1\n";
    const refused = await respond(importAction(args(await csvRequest(farmer.id, bad))));
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { errors: Array<{ row: number; field: string }> };
    expect(body.errors).toEqual([expect.objectContaining({ row: 3, field: "retail_price" })]);
    expect(await prisma.product.count({ where: { farmId: farm.id } })).toBe(0);

    const good =
      "name,category,unit,grams_per_unit,retail_price,stock\nKale,vegetables,kg,,2.00,4\nEggs,eggs,dozen,720,3.10,10\n";
    const accepted = await respond(importAction(args(await csvRequest(farmer.id, good))));
    expect(accepted.status).toBe(302);
    expect(await prisma.product.count({ where: { farmId: farm.id } })).toBe(2);

    const exported = await respond(exportLoader(args(await makeRequest("/farm/products.csv", { userId: farmer.id }))));
    expect(exported.headers.get("Content-Type")).toContain("text/csv");
    const text = await exported.text();
    expect(text.split("\r\n")[0]).toContain("code,name,description,category,unit,grams_per_unit,retail_price");
    expect(text).toContain("Eggs,,eggs,dozen,720,3.10");
  });

  it("re-importing matches products by code, else by name and unit: the preview counts new, updated and unchanged, and nothing is duplicated", async () => {
    const { farmer, farm } = await farmerWithFarm();
    const first =
      "code,name,category,unit,grams_per_unit,retail_price,stock\nKALE-1,Kale,vegetables,kg,,2.00,4\n,Eggs,eggs,dozen,720,3.10,10\n";
    expect((await respond(importAction(args(await csvRequest(farmer.id, first))))).status).toBe(302);
    const exported = await (
      await respond(exportLoader(args(await makeRequest("/farm/products.csv", { userId: farmer.id }))))
    ).text();

    // The export, checked and imported again: everything unchanged, nothing created.
    const preview = await respond(importAction(args(await csvRequest(farmer.id, exported, "preview"))));
    expect(preview.status).toBe(200);
    expect(((await preview.json()) as { preview: object }).preview).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 2,
    });
    const again = await respond(importAction(args(await csvRequest(farmer.id, exported))));
    expect(again.status).toBe(302);
    expect(await prisma.product.count({ where: { farmId: farm.id } })).toBe(2);

    // Renamed by its code, a new price matched by name and unit ("  EGGS " is Eggs), and a new row.
    const changed =
      "code,name,category,unit,grams_per_unit,retail_price,stock\nkale-1,Curly kale,vegetables,kg,,2.00,4\n,  EGGS ,eggs,dozen,720,3.30,10\n,Leeks,vegetables,kg,,1.80,6\n";
    const check = await respond(importAction(args(await csvRequest(farmer.id, changed, "preview"))));
    expect(((await check.json()) as { preview: object }).preview).toMatchObject({
      created: 1,
      updated: 2,
      unchanged: 0,
    });
    expect(await prisma.product.count({ where: { farmId: farm.id } })).toBe(2);
    const applied = await respond(importAction(args(await csvRequest(farmer.id, changed))));
    expect(applied.status).toBe(302);
    const rows = await prisma.product.findMany({ where: { farmId: farm.id }, orderBy: { name: "asc" } });
    expect(rows.map((r) => [r.code, r.name, r.retailPriceMinor])).toEqual([
      ["KALE-1", "Curly kale", 200],
      // Matched ignoring case and spacing; the file's spelling is what the product is called now.
      [null, "EGGS", 330],
      [null, "Leeks", 180],
    ]);

    // The same new file submitted twice at once creates its products once.
    const fresh = "code,name,category,unit,grams_per_unit,retail_price,stock\nBEET-1,Beetroot,vegetables,kg,,1.50,5\n";
    const both = await Promise.all([
      respond(importAction(args(await csvRequest(farmer.id, fresh)))),
      respond(importAction(args(await csvRequest(farmer.id, fresh)))),
    ]);
    expect(both.map((r) => r.status)).toEqual([302, 302]);
    expect(await prisma.product.count({ where: { farmId: farm.id, code: "BEET-1" } })).toBe(1);
  });
});

describe("photo upload", () => {
  async function upload(userId: string, bytes: Uint8Array, name = "photo.png") {
    const form = new FormData();
    form.append("photo", new File([new Uint8Array(bytes)], name, { type: "image/png" }));
    return new Request("http://localhost/farm/edit", {
      method: "POST",
      body: form,
      headers: { Cookie: await sessionCookieFor(userId) },
    });
  }
  const image = (width: number, height: number) =>
    sharp({ create: { width, height, channels: 3, background: { r: 40, g: 120, b: 60 } } });
  const storedPhoto = async (farmId: string) =>
    (await prisma.farm.findUniqueOrThrow({ where: { id: farmId } })).photoPath;
  const stored = (name: string) => path.join(process.env.DATA_DIR!, "uploads", name);

  it("refuses a fake image, a damaged one, a too-large file and too many pixels with 400, storing nothing", async () => {
    const { farmer, farm } = await farmerWithFarm();
    const refused = async (bytes: Uint8Array, message: string) => {
      const response = await respond(editFarmAction(args(await upload(farmer.id, bytes))));
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toContain(message);
    };
    await refused(new TextEncoder().encode("<svg>not an image</svg>"), "not a JPEG, PNG or WebP");
    // The right first bytes, then garbage.
    await refused(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]), "could not be read");
    const truncated = await image(64, 64).jpeg().toBuffer();
    await refused(truncated.subarray(0, truncated.length / 2), "could not be read");
    const big = new Uint8Array(3 * 1024 * 1024);
    big.set(await image(8, 8).png().toBuffer());
    await refused(big, "too large");
    // A small file whose header claims 10,000 × 6,000 pixels (IHDR rewritten, its CRC too).
    const png = Buffer.from(await image(8, 8).png().toBuffer());
    png.writeUInt32BE(10_000, 16);
    png.writeUInt32BE(6_000, 20);
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
    await refused(png, "the limit is 50 megapixels");
    expect(await storedPhoto(farm.id)).toBeNull();
  });

  it("stores the photo upright, scaled to 1,600 px with a 480 px copy, as WebP without its metadata", async () => {
    const { farmer, farm } = await farmerWithFarm();
    // A landscape camera JPEG stored sideways (EXIF orientation 6: rotate 90° to view) with a GPS position.
    const camera = await image(3200, 2000)
      .jpeg()
      .withExif({ IFD0: { Make: "PhoneCam" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 27/1 16/1" } })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect((await sharp(camera).metadata()).exif).toBeDefined();
    const response = await respond(editFarmAction(args(await upload(farmer.id, camera, "IMG_0001.jpg"))));
    expect(response.status).toBe(302);
    const name = await storedPhoto(farm.id);
    expect(name).toMatch(/^[a-f0-9]{32}\.webp$/);
    const full = await sharp(await readFile(stored(name!))).metadata();
    expect(full).toMatchObject({ format: "webp", width: 1000, height: 1600 });
    expect(full.exif).toBeUndefined();
    expect(full.orientation).toBeUndefined();
    const small = await sharp(await readFile(stored(name!.replace(".webp", "-small.webp")))).metadata();
    expect(small).toMatchObject({ format: "webp", width: 300, height: 480 });

    // Served back with its type; replacing the photo deletes both copies of the old one.
    const served = await uploadLoader({
      request: new Request(`http://localhost/uploads/${name}`),
      params: { name: name! },
      context: {},
    });
    expect(served.headers.get("Content-Type")).toBe("image/webp");
    expect(
      await respond(editFarmAction(args(await upload(farmer.id, await image(200, 100).png().toBuffer())))),
    ).toMatchObject({ status: 302 });
    const replaced = await storedPhoto(farm.id);
    expect(replaced).not.toBe(name);
    // Never enlarged.
    expect(await sharp(await readFile(stored(replaced!))).metadata()).toMatchObject({ width: 200, height: 100 });
    await expect(readFile(stored(name!))).rejects.toThrow();
    await expect(readFile(stored(name!.replace(".webp", "-small.webp")))).rejects.toThrow();
  });
});

describe("dashboard", () => {
  it("lists low-stock products and the open cycle's orders", async () => {
    const hub = await createTestHub();
    const farmer = await createTestUser({ role: "FARMER" });
    const farm = await createTestFarm({ ownerId: farmer.id, hubId: hub.id });
    await createTestProduct(farm.id, { name: "Low", stockMilli: 0 });
    await createTestProduct(farm.id, { name: "Plenty", stockMilli: 50_000 });
    const dashboard = await getFarmDashboard({ ownerId: farmer.id });
    expect(dashboard?.lowStock.map((p) => p.name)).toEqual(["Low"]);
    expect(dashboard?.openCycle).toBeNull();
  });
});
