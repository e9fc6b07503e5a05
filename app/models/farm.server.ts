// Farm rows: always looked up by owner for the farmer's own pages, by slug (ACTIVE only) for the
// public pages, and by bounding box (the (lat, lng) index) for discovery.
import { COUNTED_ORDER_STATUSES } from "~/domain/order-status";
import type { ProductCategory } from "~generated/prisma/enums.ts";
import { PRODUCT_CATEGORIES } from "~/domain/catalogue";
import { Prisma } from "~generated/prisma/client.ts";
import { getDatabase, prisma } from "~/utils/db.server";

export interface FarmProfile {
  id: string;
  slug: string;
  name: string;
  story: string;
  certifications: string[];
  contactEmail: string | null;
  contactPhone: string | null;
  address: string | null;
  lat: number;
  lng: number;
  pickupInstructions: string;
  photoPath: string | null;
  status: "PENDING" | "ACTIVE" | "SUSPENDED";
  hubId: string | null;
}

const profileSelect = {
  id: true,
  slug: true,
  name: true,
  story: true,
  certifications: true,
  contactEmail: true,
  contactPhone: true,
  address: true,
  lat: true,
  lng: true,
  pickupInstructions: true,
  photoPath: true,
  status: true,
  hubId: true,
} as const;

export interface FarmWrite {
  name: string;
  story: string;
  certifications: string[];
  contactEmail: string | null;
  contactPhone: string | null;
  address: string | null;
  lat: number;
  lng: number;
  pickupInstructions: string;
}

/** The farmer's farm (the first one: the UI supports one farm per farmer for now). */
export function getFarmForOwner({ ownerId }: { ownerId: string }): Promise<FarmProfile | null> {
  return prisma.farm.findFirst({ where: { ownerId }, orderBy: { createdAt: "asc" }, select: profileSelect });
}

export function getFarmByIdForOwner({ id, ownerId }: { id: string; ownerId: string }): Promise<FarmProfile | null> {
  return prisma.farm.findFirst({ where: { id, ownerId }, select: profileSelect });
}

/** A public farm page: ACTIVE farms only, so suspended farms vanish from discovery. */
export function getActiveFarmBySlug({ slug }: { slug: string }): Promise<FarmProfile | null> {
  return prisma.farm.findFirst({ where: { slug, status: "ACTIVE" }, select: profileSelect });
}

export function slugTaken({ slug }: { slug: string }): Promise<boolean> {
  return prisma.farm.count({ where: { slug } }).then((count) => count > 0);
}

export function createFarm({
  ownerId,
  hubId,
  slug,
  data,
}: {
  ownerId: string;
  hubId: string | null;
  slug: string;
  data: FarmWrite;
}) {
  return prisma.farm.create({ data: { ...data, ownerId, hubId, slug }, select: profileSelect });
}

/** Updates only when the farm belongs to the owner; returns false (nothing changed) otherwise. */
export async function updateFarm({
  id,
  ownerId,
  data,
}: {
  id: string;
  ownerId: string;
  data: Partial<FarmWrite> & { photoPath?: string | null };
}) {
  const result = await prisma.farm.updateMany({ where: { id, ownerId }, data });
  return result.count === 1;
}

// --- Discovery summary ------------------------------------------------------------------------
// Per-farm columns (categories, categoryCounts, liveProductCount, inStockProductCount,
// discoveryValidUntil) that let the map query Farm alone: see
// docs/decisions/010-discovery-denormalisation.md. The same computation backfills them in the
// migration 20261129091153_discovery_summary.

/** Anything that can run raw SQL: the client or an interactive transaction (`tx`). */
export type DiscoveryExecutor = Pick<Prisma.TransactionClient, "$executeRaw" | "$queryRaw">;

const sqlQuote = (text: string) => `'${text.replace(/'/g, "''")}'`;

function categoryCountsSql() {
  const live = PRODUCT_CATEGORIES.map((c) => `count(*) FILTER (WHERE p.live AND p.category = ${sqlQuote(c)})`);
  const inStock = PRODUCT_CATEGORIES.map(
    (c) => `count(*) FILTER (WHERE p.live AND p.in_stock AND p.category = ${sqlQuote(c)})`,
  );
  return Prisma.raw(`ARRAY[${[...live, ...inStock].join(", ")}]::INTEGER[]`);
}

function refreshSql(where: Prisma.Sql, now: Date, schema?: string) {
  // A PostgreSQL `?schema=` seed qualifies names itself (raw SQL does not get Prisma's schema).
  const q = (name: string) => Prisma.raw(schema ? `"${schema.replace(/"/g, "")}"."${name}"` : `"${name}"`);
  return Prisma.sql`
    UPDATE ${q("Farm")} AS f SET
      "categories" = s.categories,
      "categoryCounts" = s.counts,
      "liveProductCount" = s.live,
      "inStockProductCount" = s.in_stock,
      "discoveryValidUntil" = s.valid_until
    FROM (
      SELECT fa.id,
        COALESCE(array_agg(DISTINCT p.category ORDER BY p.category) FILTER (WHERE p.live), ARRAY[]::${q("ProductCategory")}[]) AS categories,
        ${categoryCountsSql()} AS counts,
        (count(*) FILTER (WHERE p.live))::INTEGER AS live,
        (count(*) FILTER (WHERE p.live AND p.in_stock))::INTEGER AS in_stock,
        LEAST(
          min(p."availableFrom") FILTER (WHERE p."availableFrom" > ${now}),
          min(p."availableTo" + interval '1 day') FILTER (WHERE p."availableTo" + interval '1 day' > ${now})
        ) AS valid_until
      FROM ${q("Farm")} fa
      LEFT JOIN LATERAL (
        SELECT pr.name, pr.category, pr."availableFrom", pr."availableTo", pr."stockMilli" > 0 AS in_stock,
          (pr."availableFrom" IS NULL OR pr."availableFrom" <= ${now})
            AND (pr."availableTo" IS NULL OR pr."availableTo" + interval '1 day' > ${now}) AS live
        FROM ${q("Product")} pr
        WHERE pr."farmId" = fa.id AND pr."archivedAt" IS NULL
      ) p ON TRUE
      WHERE ${where}
      GROUP BY fa.id
    ) s
    WHERE f.id = s.id`;
}

/**
 * Recomputes the discovery summary of these farms from their products. Call it inside the
 * transaction that changed the products (create, edit, archive, stock, import, and orders
 * reserving or releasing stock), after the product writes: it locks the farms' rows in id order,
 * so two transactions never deadlock on them. Returns the number of farms refreshed.
 */
export async function refreshFarmDiscovery(
  tx: DiscoveryExecutor,
  farmIds: Iterable<string>,
  now: Date = new Date(),
): Promise<number> {
  const ids = [...new Set(farmIds)].sort();
  if (ids.length === 0) return 0;
  if (ids.length > 1) await tx.$queryRaw`SELECT id FROM "Farm" WHERE id = ANY(${ids}::text[]) ORDER BY id FOR UPDATE`;
  return tx.$executeRaw(refreshSql(Prisma.sql`fa.id = ANY(${ids}::text[])`, now));
}

/** Every farm (seeds' bulk inserts, repairs). `schema` qualifies the tables for a `?schema=` URL. */
export function refreshAllFarmDiscovery(
  tx: DiscoveryExecutor,
  { now = new Date(), schema }: { now?: Date; schema?: string } = {},
): Promise<number> {
  return tx.$executeRaw(refreshSql(Prisma.sql`TRUE`, now, schema));
}

/**
 * Farms whose summary went stale because a product entered or left its season since the last
 * refresh (discoveryValidUntil passed; index). Skips rows another transaction is refreshing.
 */
export function refreshSeasonStaleFarms({ now, limit = 500 }: { now: Date; limit?: number }): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const stale = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM "Farm" WHERE "discoveryValidUntil" <= ${now}
      ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
    if (stale.length === 0) return 0;
    return tx.$executeRaw(refreshSql(Prisma.sql`fa.id = ANY(${stale.map((row) => row.id)}::text[])`, now));
  });
}

/** Runs a hot discovery read on the database's plain SQL runner. */
async function readRows<T>(query: Prisma.Sql): Promise<T[]> {
  // Discovery reads bypass Prisma's query interpreter, which costs more than these small
  // indexed queries themselves on the embedded database (docs/decisions/010).
  return getDatabase().sql.query<T>(query.text, query.values);
}

// --- Discovery index -----------------------------------------------------------------------------
// Discovery answers from an in-process index of the ACTIVE farms and their products
// (services/discovery.server, docs/decisions/012 and 023). Every write to a Farm row stamps it
// with the id of the writing transaction (row trigger); product writes, orders and cancellations
// refresh their farms' summaries, so they stamp them too. A reader's watermark is the oldest
// transaction still running in its snapshot: every transaction below it has ended, so the next
// reader finds every later change among the farms stamped at or above it. No shared row is
// locked by writers. Deleting farms moves the epoch.

export interface DiscoveryVersion {
  /** The watermark of the snapshot that read the index: pg_snapshot_xmin. */
  version: number;
  /** Moves when farms are deleted: an index from another epoch must be reloaded whole. */
  epoch: number;
}

/** Whether a farm was written at or after watermark `since`, and the epoch (two index lookups). */
export async function readDiscoveryChanges({ since }: { since: number }): Promise<{ epoch: number; changed: boolean }> {
  const rows = await readRows<{ epoch: number; changed: boolean }>(
    Prisma.sql`SELECT "epoch"::float8 AS epoch, EXISTS (SELECT 1 FROM "Farm" WHERE "discoveryRev" >= ${since}) AS changed FROM "DiscoveryVersion" WHERE id = 1`,
  );
  return rows[0] ?? { epoch: 0, changed: true };
}

/** The watermark and epoch a load would start from now (for tests and diagnostics). */
export async function readDiscoveryVersion(): Promise<DiscoveryVersion> {
  const rows = await readRows<DiscoveryVersion>(
    Prisma.sql`SELECT pg_snapshot_xmin(pg_current_snapshot())::text::float8 AS version, "epoch"::float8 AS epoch FROM "DiscoveryVersion" WHERE id = 1`,
  );
  return rows[0] ?? { version: 0, epoch: 0 };
}

export interface DiscoveryFarmRow {
  id: string;
  active: boolean;
  slug: string;
  name: string;
  lat: number;
  lng: number;
  categoryCounts: number[];
  liveProductCount: number;
  inStockProductCount: number;
  /** ACTIVE farms only: the non-archived products in name order, as [id, name, category, unit,
   * gramsPerUnit, retailPriceMinor, wholesalePriceMinor, wholesaleMinMilli, stockMilli,
   * availableFrom (epoch ms), availableTo (epoch ms)]. */
  products: DiscoveryProductTuple[] | null;
}

export type DiscoveryProductTuple = [
  string,
  string,
  ProductCategory,
  "KG" | "G" | "LB" | "EACH" | "BUNCH" | "DOZEN" | "L",
  number,
  number,
  number | null,
  number | null,
  number,
  number | null,
  number | null,
];

/**
 * Farms written at or after watermark `since` (every ACTIVE farm when `since` is null), with
 * their products, and the watermark and epoch of the same statement's snapshot: every change by a
 * transaction below the returned watermark is in these rows or in an earlier load. A farm that is
 * no longer ACTIVE comes with `active: false` and no products.
 */
export async function loadDiscoveryFarms({
  since,
}: {
  since: number | null;
}): Promise<DiscoveryVersion & { farms: DiscoveryFarmRow[] }> {
  const which = since === null ? Prisma.sql`f.status = 'ACTIVE'` : Prisma.sql`f."discoveryRev" >= ${since}`;
  const rows = await readRows<DiscoveryVersion & DiscoveryFarmRow>(Prisma.sql`
    SELECT v.version, v.epoch, f.id, f.status = 'ACTIVE' AS active, f.slug, f.name, f.lat, f.lng,
      COALESCE(f."categoryCounts", ARRAY[]::INTEGER[]) AS "categoryCounts", f."liveProductCount", f."inStockProductCount",
      CASE WHEN f.status = 'ACTIVE' THEN COALESCE((
        SELECT json_agg(json_build_array(p.id, p.name, p.category, p.unit, p."gramsPerUnit", p."retailPriceMinor",
            p."wholesalePriceMinor", p."wholesaleMinMilli", p."stockMilli",
            floor(extract(epoch FROM p."availableFrom") * 1000), floor(extract(epoch FROM p."availableTo") * 1000))
          ORDER BY p.name, p.id)
        FROM "Product" p WHERE p."farmId" = f.id AND p."archivedAt" IS NULL), '[]'::json) END AS products
    FROM (SELECT pg_snapshot_xmin(pg_current_snapshot())::text::float8 AS version, "epoch"::float8 AS epoch FROM "DiscoveryVersion" WHERE id = 1) v
    LEFT JOIN "Farm" f ON ${which}
    ORDER BY f.id`);
  const head = rows[0] ?? { version: 0, epoch: 0 };
  return {
    version: head.version,
    epoch: head.epoch,
    farms: rows.filter((row) => row.id !== null).map(({ version: _version, epoch: _epoch, ...farm }) => farm),
  };
}

export interface OpenCycleLine {
  productId: string;
  productName: string;
  unit: "KG" | "G" | "LB" | "EACH" | "BUNCH" | "DOZEN" | "L";
  quantityMilli: number;
  totalMinor: number;
  orders: number;
}

/**
 * What buyers have ordered from this farm in the hub's current OPEN cycle (read-only), by product.
 * Cancelled and failed orders are left out.
 */
export async function getOpenCycleOrdersForFarm({ farmId, hubId }: { farmId: string; hubId: string | null }) {
  if (!hubId) return null;
  const cycle = await prisma.deliveryCycle.findFirst({
    where: { hubId, status: "OPEN" },
    orderBy: { deliveryDate: "asc" },
    select: { id: true, name: true, cutoffAt: true, deliveryDate: true },
  });
  if (!cycle) return null;
  const lines = await prisma.orderLine.findMany({
    where: { farmId, order: { cycleId: cycle.id, status: { in: [...COUNTED_ORDER_STATUSES] } } },
    select: {
      productId: true,
      productName: true,
      unit: true,
      quantityMilli: true,
      lineTotalMinor: true,
      orderId: true,
    },
  });
  const byProduct = new Map<string, OpenCycleLine & { orderIds: Set<string> }>();
  for (const line of lines) {
    const entry = byProduct.get(line.productId) ?? {
      productId: line.productId,
      productName: line.productName,
      unit: line.unit,
      quantityMilli: 0,
      totalMinor: 0,
      orders: 0,
      orderIds: new Set<string>(),
    };
    entry.quantityMilli += line.quantityMilli;
    entry.totalMinor += line.lineTotalMinor;
    entry.orderIds.add(line.orderId);
    byProduct.set(line.productId, entry);
  }
  const products = [...byProduct.values()]
    .map(({ orderIds, ...rest }) => ({ ...rest, orders: orderIds.size }))
    .sort((a, b) => a.productName.localeCompare(b.productName));
  const orderCount = new Set(lines.map((line) => line.orderId)).size;
  return { cycle, products, orderCount, totalMinor: products.reduce((sum, p) => sum + p.totalMinor, 0) };
}

/** The first hub's depot: where maps open for guests and farmers without a saved point. */
export function getFirstHubDepot(): Promise<{ lat: number; lng: number; name: string } | null> {
  return prisma.hub
    .findFirst({ orderBy: { createdAt: "asc" }, select: { depotLat: true, depotLng: true, name: true } })
    .then((hub) => (hub ? { lat: hub.depotLat, lng: hub.depotLng, name: hub.name } : null));
}
