// A farmer removes the farm's or a product's photo: the placeholder shows again and both stored
// copies are deleted; another farmer's request cannot touch it.
import { vi } from "vitest";

vi.hoisted(async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  process.env.DATA_DIR = mkdtempSync(join(tmpdir(), "foodshed-photo-"));
});

import { readFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { action as editFarmAction } from "~/routes/farm.edit";
import { action as productAction } from "~/routes/farm.products.$productId";
import { prisma } from "~/utils/db.server";
import { createTestFarm, createTestProduct, createTestUser, makeRequest, sessionCookieFor } from "../factories";
import { args, catchResponse } from "../support/ordering";

const stored = (name: string) => path.join(process.env.DATA_DIR!, "uploads", name);
const photoOf = async (farmId: string) => (await prisma.farm.findUniqueOrThrow({ where: { id: farmId } })).photoPath;

async function uploadPhoto(userId: string) {
  const form = new FormData();
  const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 40, g: 120, b: 60 } } })
    .png()
    .toBuffer();
  form.append("photo", new File([new Uint8Array(png)], "farm.png", { type: "image/png" }));
  const request = new Request("http://localhost/farm/edit", {
    method: "POST",
    body: form,
    headers: { Cookie: await sessionCookieFor(userId) },
  });
  return catchResponse(editFarmAction(args(request)));
}

describe("removing the farm photo", () => {
  it("clears the photo and deletes its files; removing again is harmless", async () => {
    const farmer = await createTestUser({ role: "FARMER" });
    const farm = await createTestFarm({ ownerId: farmer.id });
    expect((await uploadPhoto(farmer.id)).status).toBe(302);
    const name = (await photoOf(farm.id))!;
    expect(name).toMatch(/\.webp$/);
    await expect(readFile(stored(name))).resolves.toBeDefined();

    const remove = async (userId: string) =>
      catchResponse(
        editFarmAction(args(await makeRequest("/farm/edit", { userId, form: { intent: "remove-photo" } }))),
      );

    // Another farmer's request removes their own (absent) photo, never this one.
    const other = await createTestUser({ role: "FARMER" });
    await createTestFarm({ ownerId: other.id });
    expect((await remove(other.id)).status).toBe(302);
    expect(await photoOf(farm.id)).toBe(name);

    const response = await remove(farmer.id);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/farm/edit");
    expect(await photoOf(farm.id)).toBeNull();
    await expect(readFile(stored(name))).rejects.toThrow();
    await expect(readFile(stored(name.replace(".webp", "-small.webp")))).rejects.toThrow();
    expect((await remove(farmer.id)).status).toBe(302);
  });
});

describe("removing a product photo", () => {
  it("clears it and deletes its files; another farm's product is not found and keeps its photo", async () => {
    const farmer = await createTestUser({ role: "FARMER" });
    const farm = await createTestFarm({ ownerId: farmer.id });
    const product = await createTestProduct(farm.id, { name: "Radishes" });
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 40, b: 60 } } })
      .png()
      .toBuffer();
    const form = new FormData();
    form.append("photo", new File([new Uint8Array(png)], "radish.png", { type: "image/png" }));
    const upload = await catchResponse(
      productAction(
        args(
          new Request(`http://localhost/farm/products/${product.id}`, {
            method: "POST",
            body: form,
            headers: { Cookie: await sessionCookieFor(farmer.id) },
          }),
          { productId: product.id },
        ),
      ),
    );
    expect(upload.status).toBe(302);
    const name = (await prisma.product.findUniqueOrThrow({ where: { id: product.id } })).photoPath!;
    await expect(readFile(stored(name))).resolves.toBeDefined();

    const remove = async (userId: string) =>
      catchResponse(
        productAction(
          args(await makeRequest(`/farm/products/${product.id}`, { userId, form: { intent: "remove-photo" } }), {
            productId: product.id,
          }),
        ),
      );
    const other = await createTestUser({ role: "FARMER" });
    await createTestFarm({ ownerId: other.id });
    expect((await remove(other.id)).status).toBe(404);
    expect((await prisma.product.findUniqueOrThrow({ where: { id: product.id } })).photoPath).toBe(name);

    expect((await remove(farmer.id)).status).toBe(302);
    expect((await prisma.product.findUniqueOrThrow({ where: { id: product.id } })).photoPath).toBeNull();
    await expect(readFile(stored(name))).rejects.toThrow();
  });
});
