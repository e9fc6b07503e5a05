// Product use cases for the farmer, every one scoped to the farmer's own farm: a product id that
// is not theirs is "not found" and changes nothing.
import { isWholeUnit } from "~/domain/catalogue";
import type { ProductData } from "~/domain/catalogue-input";
import {
  adjustStock,
  createProduct,
  getProductForFarm,
  setProductArchived,
  setProductPhoto,
  updateProduct,
  type StockWrite,
  type UpdateProductResult,
} from "~/models/product.server";
import { deleteImage, saveImage } from "./upload.server";
import { serverFormat, serverT } from "~/i18n/i18n.server";

export async function addProduct({ farmId, data }: { farmId: string; data: ProductData }) {
  return createProduct({ farmId, data });
}

/**
 * Saves the product form. `loadedStockMilli` is the stock the form showed when it was opened: if
 * the farmer left the stock as it was, the row keeps its current stock (orders placed meanwhile
 * stay counted); if they typed a new stock, it is written only if nobody sold any meanwhile —
 * otherwise nothing is saved and the caller re-shows the form with the current stock.
 */
export async function editProduct({
  farmId,
  productId,
  data,
  loadedStockMilli,
}: {
  farmId: string;
  productId: string;
  data: ProductData;
  loadedStockMilli?: number;
}): Promise<UpdateProductResult> {
  const stock: StockWrite =
    loadedStockMilli === undefined
      ? { kind: "overwrite" }
      : data.stockMilli === loadedStockMilli
        ? { kind: "keep" }
        : { kind: "compare", expectedMilli: loadedStockMilli };
  return updateProduct({ id: productId, farmId, data, stock });
}

/** The message a farmer sees when the stock moved under their form. */
export function stockChangedMessage(stockText: string, where: "form" | "page" = "form") {
  return serverT("messages")(`products.stockChanged.${where}`, { stock: stockText });
}

export async function archiveProduct({
  farmId,
  productId,
  archived,
}: {
  farmId: string;
  productId: string;
  archived: boolean;
}) {
  return setProductArchived({ id: productId, farmId, archived });
}

/** An absolute stock (with the stock the page showed, when known) or a relative change. */
export type StockChange = { setMilli: number; expectedMilli?: number } | { deltaMilli: number };
export type StockResult =
  { ok: true; stockMilli: number } | { ok: false; status: 400 | 404 | 409; message: string; stockMilli?: number };

export async function changeStock({
  farmId,
  productId,
  change,
}: {
  farmId: string;
  productId: string;
  change: StockChange;
}): Promise<StockResult> {
  const product = await getProductForFarm({ id: productId, farmId });
  if (!product) return { ok: false, status: 404, message: serverT("messages")("products.notFound") };
  const amount = "setMilli" in change ? change.setMilli : change.deltaMilli;
  if (isWholeUnit(product.unit) && amount % 1000 !== 0) {
    return { ok: false, status: 400, message: serverT("messages")("products.wholeUnits") };
  }
  // Setting the stock to what the page showed changes nothing, even if orders came in since.
  if ("setMilli" in change && change.expectedMilli === change.setMilli) {
    return { ok: true, stockMilli: product.stockMilli };
  }
  const stockMilli = await adjustStock({ id: productId, farmId, ...change });
  if (stockMilli === null) return { ok: false, status: 404, message: serverT("messages")("products.notFound") };
  if (typeof stockMilli === "object") {
    return {
      ok: false,
      status: 409,
      stockMilli: stockMilli.changed,
      message: stockChangedMessage(serverFormat().quantity(stockMilli.changed, product.unit), "page"),
    };
  }
  return { ok: true, stockMilli };
}

export async function replaceProductPhoto({
  farmId,
  productId,
  file,
}: {
  farmId: string;
  productId: string;
  file: File | null;
}) {
  const product = await getProductForFarm({ id: productId, farmId });
  if (!product) return { ok: false as const, status: 404 as const, message: serverT("messages")("products.notFound") };
  const saved = await saveImage(file);
  if (!saved.ok) return { ok: false as const, status: 400 as const, message: saved.message };
  await setProductPhoto({ id: productId, farmId, photoPath: saved.name });
  await deleteImage(product.photoPath);
  return { ok: true as const };
}

/** Removes the product's photo (the row first, then the files): 404 when the product is not the farm's. */
export async function removeProductPhoto({ farmId, productId }: { farmId: string; productId: string }) {
  const product = await getProductForFarm({ id: productId, farmId });
  if (!product) return { ok: false as const, status: 404 as const, message: serverT("messages")("products.notFound") };
  if (!product.photoPath) return { ok: true as const };
  await setProductPhoto({ id: productId, farmId, photoPath: null });
  await deleteImage(product.photoPath);
  return { ok: true as const };
}
