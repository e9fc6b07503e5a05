// Product rows, always scoped by farm (`where: { id, farmId }`): a product id from another farm
// finds nothing, so the caller answers 404 and nothing changes.
import type { ProductCategory, Unit } from "~generated/prisma/enums.ts";
import type { Prisma } from "~generated/prisma/client.ts";
import type { ProductData } from "~/domain/catalogue-input";
import { prisma } from "~/utils/db.server";
import type { Db } from "./database.server";

export class StockConflictError extends Error {
  override name = "StockConflictError";
  constructor(
    readonly productId: string,
    readonly productName: string,
    readonly unit: Unit,
    readonly availableMilli: number,
    readonly archived: boolean,
  ) {
    super(`Not enough stock of ${productName}`);
  }
}

/**
 * Takes stock of a product in the caller's transaction, only where enough is left
 * (`stockMilli >= quantity`, one conditional UPDATE), so concurrent orders never oversell; else
 * throws StockConflictError with what is left (the transaction rolls back). Callers take several
 * products in product-id order, so two orders never deadlock. `asLine`: the name and unit the
 * buyer saw, for the message when the product is gone.
 */
export async function takeStock({
  db,
  productId,
  quantityMilli,
  asLine,
}: {
  db: Db;
  productId: string;
  quantityMilli: number;
  asLine?: { productName: string; unit: Unit };
}): Promise<void> {
  const { count } = await db.product.updateMany({
    where: { id: productId, archivedAt: null, stockMilli: { gte: quantityMilli } },
    data: { stockMilli: { decrement: quantityMilli } },
  });
  if (count === 1) return;
  const current = await db.product.findUnique({
    where: { id: productId },
    select: { name: true, unit: true, stockMilli: true, archivedAt: true },
  });
  throw new StockConflictError(
    productId,
    current?.name ?? asLine?.productName ?? "",
    current?.unit ?? asLine?.unit ?? "EACH",
    Math.max(0, current?.stockMilli ?? 0),
    Boolean(current?.archivedAt) || !current,
  );
}

/**
 * Takes the stock of several lines in the caller's transaction with one statement: the products'
 * rows are locked in id order (so two orders never deadlock), then each is decremented only where
 * it is sold and enough is left. If any line does not fit, nothing is taken and StockConflictError
 * says what is left of the first such line (in the lines' order); the caller rolls back. Run it
 * last before commit: the product rows stay locked until then, and a popular product's row is the
 * one every concurrent checkout waits for.
 */
export async function takeStockForLines({
  db,
  lines,
  now,
}: {
  db: Db;
  lines: ReadonlyArray<{ productId: string; quantityMilli: number; productName: string; unit: Unit }>;
  now: Date;
}): Promise<void> {
  if (lines.length === 0) return;
  const quantities = new Map<string, number>();
  for (const line of lines) quantities.set(line.productId, (quantities.get(line.productId) ?? 0) + line.quantityMilli);
  const ids = [...quantities.keys()];
  const rows = await db.$queryRaw<Array<{ id: string; stockMilli: number; archived: boolean; taken: boolean }>>`
    WITH wanted AS (
      SELECT * FROM unnest(${ids}::text[], ${ids.map((id) => quantities.get(id)!)}::int[]) AS w("id", "quantityMilli")
    ), locked AS (
      SELECT p."id", p."stockMilli", p."archivedAt" IS NOT NULL AS "archived"
      FROM "Product" p WHERE p."id" = ANY(${ids}::text[]) ORDER BY p."id" FOR NO KEY UPDATE
    ), fits AS (
      SELECT bool_and(NOT l."archived" AND l."stockMilli" >= w."quantityMilli") AND count(l."id") = ${ids.length}
        AS "all"
      FROM wanted w LEFT JOIN locked l ON l."id" = w."id"
    ), taken AS (
      UPDATE "Product" p SET "stockMilli" = p."stockMilli" - w."quantityMilli", "updatedAt" = ${now}
      FROM wanted w WHERE p."id" = w."id" AND (SELECT "all" FROM fits)
      RETURNING p."id"
    )
    SELECT l."id", l."stockMilli", l."archived", EXISTS (SELECT 1 FROM taken t WHERE t."id" = l."id") AS "taken"
    FROM locked l`;
  const byId = new Map(rows.map((r) => [r.id, r]));
  if (ids.every((id) => byId.get(id)?.taken)) return;
  for (const line of lines) {
    const row = byId.get(line.productId);
    const wanted = quantities.get(line.productId)!;
    if (row && !row.archived && Number(row.stockMilli) >= wanted) continue;
    throw new StockConflictError(
      line.productId,
      line.productName,
      line.unit,
      Math.max(0, Number(row?.stockMilli ?? 0)),
      !row || row.archived,
    );
  }
  throw new Error("Stock was not taken, yet every line fits.");
}

/** Puts stock back (a cancelled order or a smaller quantity), in the caller's transaction; returns the product's farm. */
export async function giveBackStock({
  db,
  productId,
  quantityMilli,
}: {
  db: Db;
  productId: string;
  quantityMilli: number;
}): Promise<{ farmId: string }> {
  return db.product.update({
    where: { id: productId },
    data: { stockMilli: { increment: quantityMilli } },
    select: { farmId: true },
  });
}

export interface FarmProduct extends ProductData {
  id: string;
  photoPath: string | null;
  archivedAt: Date | null;
  updatedAt: Date;
}

const productSelect = {
  id: true,
  code: true,
  name: true,
  description: true,
  category: true,
  unit: true,
  gramsPerUnit: true,
  retailPriceMinor: true,
  wholesalePriceMinor: true,
  wholesaleMinMilli: true,
  stockMilli: true,
  lowStockMilli: true,
  chilled: true,
  soldByWeight: true,
  availableFrom: true,
  availableTo: true,
  photoPath: true,
  archivedAt: true,
  updatedAt: true,
} as const;

export function listProductsForFarm({
  farmId,
  archived = false,
}: {
  farmId: string;
  archived?: boolean;
}): Promise<FarmProduct[]> {
  return prisma.product.findMany({
    where: { farmId, archivedAt: archived ? { not: null } : null },
    orderBy: [{ category: "asc" }, { name: "asc" }],
    select: productSelect,
  });
}

export function countArchivedProducts({ farmId }: { farmId: string }) {
  return prisma.product.count({ where: { farmId, archivedAt: { not: null } } });
}

export function getProductForFarm({ id, farmId }: { id: string; farmId: string }): Promise<FarmProduct | null> {
  return prisma.product.findFirst({ where: { id, farmId }, select: productSelect });
}

// Every write to a product row is stamped for the discovery index by a trigger (names,
// categories, archive, season, stock): nothing to call here (docs/decisions/010-discovery.md).

export function createProduct({ farmId, data }: { farmId: string; data: ProductData }) {
  return prisma.product.create({ data: { ...data, farmId }, select: { id: true, name: true } });
}

/** The farm's products, listed and archived, as an import matches them. */
export function listProductsForImport({ farmId }: { farmId: string }) {
  return prisma.product.findMany({
    where: { farmId },
    orderBy: { createdAt: "asc" },
    select: { ...productSelect, archivedAt: true },
  });
}

/**
 * A CSV import, all rows or none: new products created, matched ones updated (and listed again if
 * they were archived). The farm's products are locked first, so two imports of one file queue and
 * the second finds everything unchanged instead of creating it twice.
 */
export async function applyProductImport({
  farmId,
  plan,
}: {
  farmId: string;
  plan: (existing: Awaited<ReturnType<typeof listProductsForImport>>) => {
    create: ProductData[];
    update: Array<{ id: string; data: ProductData; relist: boolean }>;
    unchanged: number;
  };
}) {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Farm" WHERE id = ${farmId} FOR UPDATE`;
    const existing = await tx.product.findMany({
      where: { farmId },
      orderBy: { createdAt: "asc" },
      select: { ...productSelect, archivedAt: true },
    });
    const planned = plan(existing);
    if (planned.create.length > 0)
      await tx.product.createMany({ data: planned.create.map((row) => ({ ...row, farmId })) });
    for (const { id, data, relist } of planned.update) {
      await tx.product.updateMany({
        where: { id, farmId },
        data: { ...data, ...(relist ? { archivedAt: null } : {}) },
      });
    }
    return { created: planned.create.length, updated: planned.update.length, unchanged: planned.unchanged };
  });
}

async function updateScoped(id: string, farmId: string, data: Prisma.ProductUpdateManyMutationInput) {
  return (await prisma.product.updateMany({ where: { id, farmId }, data })).count === 1;
}

/**
 * How an edit treats the stock. "keep": the farmer did not touch it, so the row keeps whatever
 * stock it has now (orders placed since the form was opened stay counted). "compare": the farmer
 * typed a new stock on a form that showed `expectedMilli`; it is written only if the row still has
 * that stock — one UPDATE ... WHERE "stockMilli" = expected, so it holds against concurrent orders.
 * "overwrite": no form involved (scripts, seeds).
 */
export type StockWrite = { kind: "keep" } | { kind: "compare"; expectedMilli: number } | { kind: "overwrite" };
export type UpdateProductResult =
  | { ok: true; stockMilli: number }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "stock-changed"; stockMilli: number };

export function updateProduct({
  id,
  farmId,
  data,
  stock = { kind: "overwrite" },
}: {
  id: string;
  farmId: string;
  data: ProductData;
  stock?: StockWrite;
}): Promise<UpdateProductResult> {
  const { stockMilli, ...rest } = data;
  return prisma.$transaction(async (tx) => {
    const result = await tx.product.updateMany({
      where: { id, farmId, ...(stock.kind === "compare" ? { stockMilli: stock.expectedMilli } : {}) },
      data: stock.kind === "keep" ? rest : { ...rest, stockMilli },
    });
    const now = await tx.product.findFirst({ where: { id, farmId }, select: { stockMilli: true } });
    if (!now) return { ok: false as const, reason: "not-found" as const };
    if (result.count !== 1) return { ok: false as const, reason: "stock-changed" as const, stockMilli: now.stockMilli };
    return { ok: true as const, stockMilli: now.stockMilli };
  });
}

export function setProductArchived({ id, farmId, archived }: { id: string; farmId: string; archived: boolean }) {
  return updateScoped(id, farmId, { archivedAt: archived ? new Date() : null });
}

export function setProductPhoto({ id, farmId, photoPath }: { id: string; farmId: string; photoPath: string | null }) {
  return updateScoped(id, farmId, { photoPath });
}

/**
 * Sets the stock to an absolute value, or adds a delta without going below zero, in one statement
 * (no read-modify-write race with orders). With `expectedMilli`, the absolute value is written only
 * if the stock is still what the farmer's page showed (compare-and-set in the same statement).
 * Returns the new stock; null when not this farm's; { changed } with the current stock when the
 * comparison failed.
 */
export async function adjustStock({
  id,
  farmId,
  setMilli,
  deltaMilli,
  expectedMilli,
}: {
  id: string;
  farmId: string;
  setMilli?: number;
  deltaMilli?: number;
  expectedMilli?: number;
}): Promise<number | null | { changed: number }> {
  return prisma.$transaction(async (tx) => {
    const rows =
      setMilli !== undefined && expectedMilli !== undefined
        ? await tx.$queryRaw<Array<{ stockMilli: number }>>`
            UPDATE "Product" SET "stockMilli" = ${setMilli}, "updatedAt" = now()
            WHERE id = ${id} AND "farmId" = ${farmId} AND "stockMilli" = ${expectedMilli} RETURNING "stockMilli"`
        : setMilli !== undefined
          ? await tx.$queryRaw<Array<{ stockMilli: number }>>`
            UPDATE "Product" SET "stockMilli" = ${setMilli}, "updatedAt" = now()
            WHERE id = ${id} AND "farmId" = ${farmId} RETURNING "stockMilli"`
          : await tx.$queryRaw<Array<{ stockMilli: number }>>`
            UPDATE "Product" SET "stockMilli" = GREATEST(0, "stockMilli" + ${deltaMilli ?? 0}), "updatedAt" = now()
            WHERE id = ${id} AND "farmId" = ${farmId} RETURNING "stockMilli"`;
    if (!rows[0]) {
      if (expectedMilli === undefined) return null;
      const now = await tx.product.findFirst({ where: { id, farmId }, select: { stockMilli: true } });
      return now ? { changed: now.stockMilli } : null;
    }
    return rows[0].stockMilli;
  });
}

/** Live products at or below their low-stock level (dashboard). */
export async function listLowStockProducts({ farmId }: { farmId: string }) {
  const rows = await prisma.$queryRaw<
    Array<{ id: string; name: string; unit: Unit; stockMilli: number; lowStockMilli: number }>
  >`
    SELECT id, name, unit, "stockMilli", "lowStockMilli" FROM "Product"
    WHERE "farmId" = ${farmId} AND "archivedAt" IS NULL AND "stockMilli" <= "lowStockMilli"
    ORDER BY "stockMilli" ASC, name ASC LIMIT 50`;
  return rows;
}

export interface PublicProduct {
  id: string;
  name: string;
  description: string;
  category: ProductCategory;
  unit: Unit;
  gramsPerUnit: number;
  retailPriceMinor: number;
  wholesalePriceMinor: number | null;
  wholesaleMinMilli: number | null;
  stockMilli: number;
  chilled: boolean;
  soldByWeight: boolean;
  photoPath: string | null;
}

/** What a farm page lists: live products (not archived, in season), in stock first. */
export function listLiveProductsForFarm({ farmId, now }: { farmId: string; now: Date }): Promise<PublicProduct[]> {
  return prisma.product.findMany({
    where: {
      farmId,
      archivedAt: null,
      AND: [
        { OR: [{ availableFrom: null }, { availableFrom: { lte: now } }] },
        { OR: [{ availableTo: null }, { availableTo: { gt: new Date(now.getTime() - 86_400_000) } }] },
      ],
    },
    orderBy: [{ category: "asc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      description: true,
      category: true,
      unit: true,
      gramsPerUnit: true,
      retailPriceMinor: true,
      wholesalePriceMinor: true,
      wholesaleMinMilli: true,
      stockMilli: true,
      chilled: true,
      soldByWeight: true,
      photoPath: true,
    },
  });
}
