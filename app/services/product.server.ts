// Product use cases for the farmer, every one scoped to the farmer's own farm: a product id that
// is not theirs is "not found" and changes nothing.
import { isWholeUnit } from "~/domain/catalogue";
import type { ProductData } from "~/domain/catalogue-input";
import { getFarmForOwner, type FarmProfile } from "~/models/farm.server";
import {
  adjustStock,
  createProduct,
  getProductForFarm,
  setProductArchived,
  setProductPhoto,
  updateProduct,
} from "~/models/product.server";
import { deleteImage, saveImage } from "./upload.server";

/** The farmer's farm, or a 404 Response thrown for the route when they have none yet. */
export async function requireOwnFarm(ownerId: string): Promise<FarmProfile> {
  const farm = await getFarmForOwner({ ownerId });
  if (!farm) throw new Response("Create your farm first.", { status: 404 });
  return farm;
}

export async function addProduct({ farmId, data }: { farmId: string; data: ProductData }) {
  return createProduct({ farmId, data });
}

export async function editProduct({ farmId, productId, data }: { farmId: string; productId: string; data: ProductData }) {
  return updateProduct({ id: productId, farmId, data });
}

export async function archiveProduct({ farmId, productId, archived }: { farmId: string; productId: string; archived: boolean }) {
  return setProductArchived({ id: productId, farmId, archived });
}

export type StockChange = { setMilli: number } | { deltaMilli: number };
export type StockResult = { ok: true; stockMilli: number } | { ok: false; status: 400 | 404; message: string };

export async function changeStock({ farmId, productId, change }: { farmId: string; productId: string; change: StockChange }): Promise<StockResult> {
  const product = await getProductForFarm({ id: productId, farmId });
  if (!product) return { ok: false, status: 404, message: "That product was not found." };
  const amount = "setMilli" in change ? change.setMilli : change.deltaMilli;
  if (isWholeUnit(product.unit) && amount % 1000 !== 0) {
    return { ok: false, status: 400, message: "Stock of this product is counted in whole units." };
  }
  const stockMilli = await adjustStock({ id: productId, farmId, ...change });
  if (stockMilli === null) return { ok: false, status: 404, message: "That product was not found." };
  return { ok: true, stockMilli };
}

export async function replaceProductPhoto({ farmId, productId, file }: { farmId: string; productId: string; file: File | null }) {
  const product = await getProductForFarm({ id: productId, farmId });
  if (!product) return { ok: false as const, status: 404 as const, message: "That product was not found." };
  const saved = await saveImage(file);
  if (!saved.ok) return { ok: false as const, status: 400 as const, message: saved.message };
  await setProductPhoto({ id: productId, farmId, photoPath: saved.name });
  await deleteImage(product.photoPath);
  return { ok: true as const };
}
