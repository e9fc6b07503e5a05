// Farm rows: always looked up by owner for the farmer's own pages, by slug (ACTIVE only) for the
// public pages, and by bounding box (the (lat, lng) index) for discovery.
import type { ProductCategory } from "~generated/prisma/enums.ts";
import { Prisma } from "~generated/prisma/client.ts";
import { prisma } from "~/utils/db.server";

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

export function createFarm({ ownerId, hubId, slug, data }: { ownerId: string; hubId: string | null; slug: string; data: FarmWrite }) {
  return prisma.farm.create({ data: { ...data, ownerId, hubId, slug }, select: profileSelect });
}

/** Updates only when the farm belongs to the owner; returns false (nothing changed) otherwise. */
export async function updateFarm({ id, ownerId, data }: { id: string; ownerId: string; data: Partial<FarmWrite> & { photoPath?: string | null } }) {
  const result = await prisma.farm.updateMany({ where: { id, ownerId }, data });
  return result.count === 1;
}

export interface BoxQuery {
  minLat: number;
  maxLat: number;
  /** One or two longitude ranges (two when the box crosses the antimeridian). */
  lngRanges: Array<[number, number]>;
}

export interface FarmFilter {
  category?: ProductCategory;
  /** Every stem must appear in the product name or the farm name. */
  stems?: string[];
  inStock?: boolean;
  now: Date;
}

export interface FarmPoint {
  slug: string;
  name: string;
  lat: number;
  lng: number;
  categories: ProductCategory[];
  /** Products that match the filter (all live products when there is none). */
  matches: number;
}

const likePattern = (stem: string) => `%${stem.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** SQL for "this product is live": not archived and inside its season. */
function liveProductSql(now: Date) {
  return Prisma.sql`p."archivedAt" IS NULL
    AND (p."availableFrom" IS NULL OR p."availableFrom" <= ${now})
    AND (p."availableTo" IS NULL OR p."availableTo" + interval '1 day' > ${now})`;
}

function productFilterSql(filter: FarmFilter) {
  const parts: Prisma.Sql[] = [];
  if (filter.category) parts.push(Prisma.sql`p.category::text = ${filter.category}`);
  if (filter.inStock) parts.push(Prisma.sql`p."stockMilli" > 0`);
  for (const stem of filter.stems ?? []) {
    const like = likePattern(stem);
    parts.push(Prisma.sql`(p.name ILIKE ${like} OR f.name ILIKE ${like})`);
  }
  return parts.length ? Prisma.join(parts, " AND ") : null;
}

function boxSql(box: BoxQuery) {
  const lng = Prisma.join(
    box.lngRanges.map(([min, max]) => Prisma.sql`(f.lng BETWEEN ${min} AND ${max})`),
    " OR ",
  );
  return Prisma.sql`f.lat BETWEEN ${box.minLat} AND ${box.maxLat} AND (${lng})`;
}

/**
 * ACTIVE farms inside the box (index on (lat, lng)) with the categories of their live products;
 * with a filter, only farms having at least one matching live product. At most `limit` farms.
 */
export async function findFarmsInBox({ box, filter, limit }: { box: BoxQuery; filter: FarmFilter; limit: number }): Promise<FarmPoint[]> {
  const match = productFilterSql(filter);
  const rows = await prisma.$queryRaw<Array<{ slug: string; name: string; lat: number; lng: number; categories: string[] | null; matches: bigint | number }>>`
    SELECT f.slug, f.name, f.lat, f.lng,
      array_remove(array_agg(DISTINCT p.category::text), NULL) AS categories,
      count(p.id) FILTER (WHERE ${match ?? Prisma.sql`TRUE`}) AS matches
    FROM "Farm" f
    LEFT JOIN "Product" p ON p."farmId" = f.id AND ${liveProductSql(filter.now)}
    WHERE f.status = 'ACTIVE' AND ${boxSql(box)}
    GROUP BY f.id
    ${match ? Prisma.sql`HAVING bool_or(${match})` : Prisma.empty}
    ORDER BY f.id
    LIMIT ${limit}`;
  return rows.map((row) => ({
    slug: row.slug,
    name: row.name,
    lat: row.lat,
    lng: row.lng,
    categories: (row.categories ?? []) as ProductCategory[],
    matches: Number(row.matches),
  }));
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
    where: { farmId, order: { cycleId: cycle.id, status: { notIn: ["CANCELLED", "FAILED"] } } },
    select: { productId: true, productName: true, unit: true, quantityMilli: true, lineTotalMinor: true, orderId: true },
  });
  const byProduct = new Map<string, OpenCycleLine & { orderIds: Set<string> }>();
  for (const line of lines) {
    const entry =
      byProduct.get(line.productId) ??
      { productId: line.productId, productName: line.productName, unit: line.unit, quantityMilli: 0, totalMinor: 0, orders: 0, orderIds: new Set<string>() };
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
