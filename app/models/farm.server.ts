// Farm rows: always looked up by owner for the farmer's own pages, by slug (ACTIVE only) for the
// public pages, and by bounding box (the (lat, lng) index) for discovery.
import { COUNTED_ORDER_STATUSES } from "~/domain/order-status";
import type { ProductCategory } from "~generated/prisma/enums.ts";
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
  /** The hub the farm sells through: its currency prices the farm's products. */
  hub: { currency: string } | null;
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
  hub: { select: { currency: true } },
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

/** Runs a hot discovery read on the database's plain SQL runner. */
async function readRows<T>(query: Prisma.Sql): Promise<T[]> {
  // Discovery reads bypass Prisma's query interpreter, which costs more than these small
  // indexed queries themselves on the embedded database (docs/decisions/010-discovery.md).
  return getDatabase().sql.query<T>(query.text, query.values);
}

// --- Discovery index -----------------------------------------------------------------------------
// Discovery answers from an in-process index of the ACTIVE farms and their products
// (services/discovery.server, docs/decisions/010-discovery.md). Every write to a Farm or Product
// row stamps it with the id of the writing transaction (row triggers; orders write their products'
// stock, so they stamp them too). A reader's watermark is the oldest transaction still running in
// its snapshot: every transaction below it has ended, so the next reader finds every later change
// among the rows stamped at or above it. No shared row is locked by writers. Deleting farms or
// products moves the epoch.

/** Farms written, or with a product written, at or after watermark `since` (SQL). */
const changedFarmIds = (since: number) =>
  Prisma.sql`(SELECT id FROM "Farm" WHERE "discoveryRev" >= ${since} UNION SELECT "farmId" FROM "Product" WHERE "discoveryRev" >= ${since})`;

export interface DiscoveryVersion {
  /** The watermark of the snapshot that read the index: pg_snapshot_xmin. */
  version: number;
  /** Moves when farms are deleted: an index from another epoch must be reloaded whole. */
  epoch: number;
}

/** Whether a farm was written at or after watermark `since`, and the epoch (two index lookups). */
export async function readDiscoveryChanges({ since }: { since: number }): Promise<{ epoch: number; changed: boolean }> {
  const rows = await readRows<{ epoch: number; changed: boolean }>(
    Prisma.sql`SELECT "epoch"::float8 AS epoch,
      EXISTS (SELECT 1 FROM "Farm" WHERE "discoveryRev" >= ${since}) OR EXISTS (SELECT 1 FROM "Product" WHERE "discoveryRev" >= ${since}) AS changed
      FROM "DiscoveryVersion" WHERE id = 1`,
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
  /** The currency of the farm's hub (null without a hub). */
  currency: string | null;
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
 * Farms written, or with a product written, at or after watermark `since` (every ACTIVE farm when
 * `since` is null), with
 * their products, and the watermark and epoch of the same statement's snapshot: every change by a
 * transaction below the returned watermark is in these rows or in an earlier load. A farm that is
 * no longer ACTIVE comes with `active: false` and no products.
 */
export async function loadDiscoveryFarms({
  since,
}: {
  since: number | null;
}): Promise<DiscoveryVersion & { farms: DiscoveryFarmRow[] }> {
  const which = since === null ? Prisma.sql`f.status = 'ACTIVE'` : Prisma.sql`f.id IN ${changedFarmIds(since)}`;
  const rows = await readRows<DiscoveryVersion & DiscoveryFarmRow>(Prisma.sql`
    SELECT v.version, v.epoch, f.id, f.status = 'ACTIVE' AS active, f.slug, f.name, f.lat, f.lng,
      (SELECT h.currency FROM "Hub" h WHERE h.id = f."hubId") AS currency,
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
    select: { id: true, name: true, cutoffAt: true, deliveryDate: true, hub: { select: { timeZone: true } } },
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
