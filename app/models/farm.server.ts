// Farm rows: always looked up by owner for the farmer's own pages, by slug (ACTIVE only) for the
// public pages, and by bounding box (the (lat, lng) index) for discovery.
import type { ProductCategory } from "~generated/prisma/enums.ts";
import { PRODUCT_CATEGORIES } from "~/domain/catalogue";
import { Prisma } from "~generated/prisma/client.ts";
import { EARTH_RADIUS_METRES } from "~/domain/geo";
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

// --- Discovery summary ------------------------------------------------------------------------
// Per-farm columns (categories, categoryCounts, liveProductCount, inStockProductCount,
// productNamesText, discoveryValidUntil) that let the map query Farm alone: see
// docs/decisions/010-discovery-denormalisation.md. The same computation backfills them in the
// migration 20261129091153_discovery_summary.

/** Anything that can run raw SQL: the client or an interactive transaction (`tx`). */
export type DiscoveryExecutor = Pick<Prisma.TransactionClient, "$executeRaw" | "$queryRaw">;

const sqlQuote = (text: string) => `'${text.replace(/'/g, "''")}'`;

function categoryCountsSql() {
  const live = PRODUCT_CATEGORIES.map((c) => `count(*) FILTER (WHERE p.live AND p.category = ${sqlQuote(c)})`);
  const inStock = PRODUCT_CATEGORIES.map((c) => `count(*) FILTER (WHERE p.live AND p.in_stock AND p.category = ${sqlQuote(c)})`);
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
      "productNamesText" = s.names,
      "discoveryValidUntil" = s.valid_until
    FROM (
      SELECT fa.id,
        COALESCE(array_agg(DISTINCT p.category ORDER BY p.category) FILTER (WHERE p.live), ARRAY[]::${q("ProductCategory")}[]) AS categories,
        ${categoryCountsSql()} AS counts,
        (count(*) FILTER (WHERE p.live))::INTEGER AS live,
        (count(*) FILTER (WHERE p.live AND p.in_stock))::INTEGER AS in_stock,
        COALESCE(string_agg(DISTINCT lower(p.name), E'\n'), '') AS names,
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
export async function refreshFarmDiscovery(tx: DiscoveryExecutor, farmIds: Iterable<string>, now: Date = new Date()): Promise<number> {
  const ids = [...new Set(farmIds)].sort();
  if (ids.length === 0) return 0;
  if (ids.length > 1) await tx.$queryRaw`SELECT id FROM "Farm" WHERE id = ANY(${ids}::text[]) ORDER BY id FOR UPDATE`;
  return tx.$executeRaw(refreshSql(Prisma.sql`fa.id = ANY(${ids}::text[])`, now));
}

/** Every farm (seeds' bulk inserts, repairs). `schema` qualifies the tables for a `?schema=` URL. */
export function refreshAllFarmDiscovery(tx: DiscoveryExecutor, { now = new Date(), schema }: { now?: Date; schema?: string } = {}): Promise<number> {
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

export interface FarmFilter {
  category?: ProductCategory;
  /** Every stem must appear in the product name or the farm name (of one live product). */
  stems?: string[];
  inStock?: boolean;
  now: Date;
}

const likePattern = (stem: string) => `%${stem.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** `f` (Farm) inside the box: the (lat, lng) index. */
function discoveryBoxSql(box: BoxQuery) {
  const lng = Prisma.join(
    box.lngRanges.map(([min, max]) => Prisma.sql`(f.lng BETWEEN ${min} AND ${max})`),
    " OR ",
  );
  return Prisma.sql`f.lat BETWEEN ${box.minLat} AND ${box.maxLat} AND (${lng})`;
}

/** SQL for "this product is live": not archived and inside its season. */
function liveProductSql(now: Date) {
  return Prisma.sql`p."archivedAt" IS NULL
    AND (p."availableFrom" IS NULL OR p."availableFrom" <= ${now.toISOString()}::TIMESTAMP(3))
    AND (p."availableTo" IS NULL OR p."availableTo" + interval '1 day' > ${now.toISOString()}::TIMESTAMP(3))`;
}

/** The categories as a 12-bit mask (domain/catalogue order), from the stored live counts. */
const MASK_SQL = Prisma.raw(
  `(${PRODUCT_CATEGORIES.map((_, i) => `(CASE WHEN f."categoryCounts"[${i + 1}] > 0 THEN ${1 << i} ELSE 0 END)`).join(" + ")})`,
);

/**
 * Farm-level conditions from the summary columns: exact for category and stock alone, and a
 * necessary condition for text (each stem in some product name or in the farm name; with
 * `ownNameOnly`, in some product name).
 */
function discoveryFarmFilterSql(filter: { category?: ProductCategory; inStock?: boolean; stems?: string[]; ownNameOnly?: boolean }) {
  const parts: Prisma.Sql[] = [];
  const stems = filter.stems ?? [];
  const index = filter.category ? PRODUCT_CATEGORIES.indexOf(filter.category) : -1;
  if (filter.category) parts.push(Prisma.sql`f.categories @> ARRAY[${filter.category}]::"ProductCategory"[]`);
  if (filter.inStock) {
    parts.push(index >= 0 ? Prisma.sql`f."categoryCounts"[${index + 13}] > 0` : Prisma.sql`f."inStockProductCount" > 0`);
  }
  for (const stem of stems) {
    // Both sides have trigram indexes (migration *_trigram_search); stems are lower-case [a-z0-9].
    const like = likePattern(stem);
    parts.push(filter.ownNameOnly ? Prisma.sql`f."productNamesText" LIKE ${like}` : Prisma.sql`(f."productNamesText" LIKE ${like} OR lower(f.name) LIKE ${like})`);
  }
  return parts;
}

/** Matches without text, straight from the summary. */
function summaryMatchesSql(filter: FarmFilter) {
  const index = filter.category ? PRODUCT_CATEGORIES.indexOf(filter.category) : -1;
  if (index >= 0) return Prisma.sql`f."categoryCounts"[${index + 1 + (filter.inStock ? 12 : 0)}]`;
  return filter.inStock ? Prisma.sql`f."inStockProductCount"` : Prisma.sql`f."liveProductCount"`;
}

/** Runs a hot discovery read on the database's plain SQL runner (see readRows). */
async function readRows<T>(query: Prisma.Sql): Promise<T[]> {
  // Discovery reads bypass Prisma's query interpreter, which costs more than these small
  // indexed queries themselves on the embedded database (docs/decisions/010).
  return getDatabase().sql.query<T>(query.text, query.values);
}

/** Great-circle distance in metres from a point, rounded half up: the SQL twin of domain/geo haversineMetres + Math.round. */
function distanceSql(centre: { lat: number; lng: number }) {
  return Prisma.sql`floor(2 * ${EARTH_RADIUS_METRES}::float8 * asin(least(1::float8, sqrt(
      power(sin(radians(f.lat - ${centre.lat}::float8) / 2), 2)
      + cos(radians(${centre.lat}::float8)) * cos(radians(f.lat)) * power(sin(radians(f.lng - ${centre.lng}::float8) / 2), 2)))) + 0.5)::INTEGER`;
}

/**
 * ACTIVE farms inside the box (index on (lat, lng)) — within `radiusM` of the centre when given —
 * that pass the filter, as the compact map JSON array built by the database:
 * [[slug, name, lat, lng, categoryMask, distanceMetres | -1, matches], …] nearest first (then by
 * name), coordinates rounded to 5 decimals. At most `limit` farms (`count` says how many matched,
 * up to limit + 1, so the caller can tell it was truncated).
 *
 * Without text this reads Farm alone (the summary columns). With text, the summary narrows the
 * farms first and only their products are checked exactly (Product (farmId, …) index), so "free
 * range" + in stock needs one free-range product that is itself in stock.
 */
export async function findMapFarmsJson({
  box,
  filter,
  centre,
  radiusM,
  limit,
}: {
  box: BoxQuery;
  filter: FarmFilter;
  centre?: { lat: number; lng: number };
  radiusM?: number;
  limit: number;
}): Promise<{ json: string; count: number }> {
  const stems = filter.stems ?? [];
  const where = [Prisma.sql`f.status = 'ACTIVE'`, discoveryBoxSql(box), ...discoveryFarmFilterSql({ ...filter, stems })];
  const distance = centre ? distanceSql(centre) : Prisma.sql`-1`;
  if (centre && radiusM !== undefined) where.push(Prisma.sql`${distance} <= ${radiusM}`);
  const rowsSql = (from: Prisma.Sql, matches: Prisma.Sql) => Prisma.sql`
    SELECT '[' || COALESCE(string_agg(
             '[' || to_json(t.slug)::text || ',' || to_json(t.name)::text || ',' || t.lat || ',' || t.lng || ',' || t.mask || ','
               || t.distance || ',' || t.matches || ']', ',' ORDER BY t.distance, t.name) FILTER (WHERE t.rank <= ${limit}), '') || ']' AS json,
           count(*)::INTEGER AS count
    FROM (
      SELECT f.slug, f.name, trim_scale(round(f.lat::numeric, 5)) AS lat, trim_scale(round(f.lng::numeric, 5)) AS lng, ${MASK_SQL} AS mask,
        f.distance, ${matches} AS matches, row_number() OVER (ORDER BY f.id) AS rank
      ${from}
      ORDER BY f.id
      LIMIT ${limit + 1}
    ) t`;
  if (!stems.length) {
    const rows = await readRows<{ json: string; count: number }>(
      rowsSql(Prisma.sql`FROM (SELECT f.*, ${distance} AS distance FROM "Farm" f WHERE ${Prisma.join(where, " AND ")}) f`, summaryMatchesSql(filter)),
    );
    return rows[0] ?? { json: "[]", count: 0 };
  }
  // With text, a product matches when each stem is in its own name or in its farm's name. Farms
  // whose name holds none of the stems need every stem in the product's name: one pass over the
  // trigram index of Product names (or the farm's products, whichever the planner prefers).
  // The few farms whose name holds a stem are checked product by product.
  const product: Prisma.Sql[] = [liveProductSql(filter.now)];
  if (filter.category) product.push(Prisma.sql`p.category = ${filter.category}::"ProductCategory"`);
  if (filter.inStock) product.push(Prisma.sql`p."stockMilli" > 0`);
  const own = stems.map((stem) => Prisma.sql`lower(p.name) LIKE ${likePattern(stem)}`);
  const either = stems.map((stem) => Prisma.sql`(lower(p.name) LIKE ${likePattern(stem)} OR lower(c.name) LIKE ${likePattern(stem)})`);
  const farmNameHit = Prisma.join(stems.map((stem) => Prisma.sql`lower(f.name) LIKE ${likePattern(stem)}`), " OR ");
  const rows = await readRows<{ json: string; count: number }>(Prisma.sql`
    WITH c AS MATERIALIZED (
      SELECT f.*, ${distance} AS distance, (${farmNameHit}) AS "farmNameHit"
      FROM "Farm" f WHERE ${Prisma.join(where, " AND ")}
    ), m AS (
      SELECT p."farmId" AS id, count(*)::INTEGER AS matches
      FROM c JOIN "Product" p ON p."farmId" = c.id
      WHERE NOT c."farmNameHit" AND ${Prisma.join([...product, ...own], " AND ")}
      GROUP BY p."farmId"
      UNION ALL
      SELECT c.id, (SELECT count(*)::INTEGER FROM "Product" p WHERE p."farmId" = c.id AND ${Prisma.join([...product, ...either], " AND ")})
      FROM c WHERE c."farmNameHit"
    )
    ${rowsSql(Prisma.sql`FROM c f JOIN m ON m.id = f.id WHERE m.matches > 0`, Prisma.sql`m.matches`)}`);
  return rows[0] ?? { json: "[]", count: 0 };
}

// --- Map snapshot ------------------------------------------------------------------------------
// Map requests without text are answered from an in-process copy of these rows (services/
// discovery.server.ts), reloaded when the discovery version changes: every statement that writes
// "Farm" bumps it in its own transaction (trigger, migration *_trigram_search).

/** The discovery version: a number that changes whenever any Farm row changes (one-row table). */
export async function readDiscoveryVersion(): Promise<string> {
  const rows = await readRows<{ version: string }>(Prisma.sql`SELECT "version"::text AS version FROM "DiscoveryVersion" WHERE id = 1`);
  return rows[0]?.version ?? "0";
}

export interface MapSnapshotFarm {
  id: string;
  lat: number;
  lng: number;
  /** The start of the farm's map tuple as JSON text: `["slug","name",lat,lng,mask` (as findMapFarmsJson writes it). */
  head: string;
  /** Position in the database's order of farm names (its collation), for ties in distance. */
  nameRank: number;
  /** Live products per category (PRODUCT_CATEGORIES order), then live in-stock ones. */
  categoryCounts: number[];
  liveProductCount: number;
  inStockProductCount: number;
}

/**
 * The ACTIVE farms' summary columns in id order, with the discovery version read by the same
 * statement (so the rows are at least as new as the version).
 */
export async function loadMapSnapshotFarms(): Promise<{ version: string; farms: MapSnapshotFarm[] }> {
  const rows = await readRows<MapSnapshotFarm & { version: string | null }>(Prisma.sql`
    SELECT v."version"::text AS version, f.id, f.lat, f.lng, f.head, f."nameRank", f."categoryCounts", f."liveProductCount", f."inStockProductCount"
    FROM (SELECT "version" FROM "DiscoveryVersion" WHERE id = 1) v
    LEFT JOIN LATERAL (
      SELECT f.id, f.lat, f.lng,
        '[' || to_json(f.slug)::text || ',' || to_json(f.name)::text || ',' || trim_scale(round(f.lat::numeric, 5)) || ','
          || trim_scale(round(f.lng::numeric, 5)) || ',' || ${MASK_SQL} AS head,
        (row_number() OVER (ORDER BY f.name, f.id))::INTEGER AS "nameRank",
        COALESCE(f."categoryCounts", ARRAY[]::INTEGER[]) AS "categoryCounts", f."liveProductCount", f."inStockProductCount"
      FROM "Farm" f WHERE f.status = 'ACTIVE'
    ) f ON TRUE
    ORDER BY f.id`);
  const version = rows[0]?.version ?? "0";
  return { version, farms: rows.filter((row) => row.id !== null).map(({ version: _version, ...farm }) => farm) };
}

// --- Product search ----------------------------------------------------------------------------

/**
 * One page of live products of ACTIVE farms within `radiusM` matching every stem, for the
 * product search. Products whose own name holds every stem (`nameMatch`) are searched first, on
 * the trigram indexes; only when there are none within the radius are products matched through
 * their farm's name returned (as before: "eggs" lists eggs, not all of Egg Lane Farm).
 *
 * By distance: farms nearest first and, per farm, its matching products (Product farmId index),
 * stopping after `max(limit, totalCap) + 1` products (with ties), so the work is bounded by the
 * page and the cap, not by the number of matches. `total` counts up to `totalCap`; `totalCapped`
 * says there are more. By price: every match is ordered (the first `limit` with ties).
 */
export async function findProductPage({
  centre,
  radiusM,
  box,
  stems,
  category,
  inStock,
  now,
  order,
  limit,
  totalCap,
}: {
  centre: { lat: number; lng: number };
  radiusM: number;
  box: BoxQuery;
  stems: string[];
  category?: ProductCategory;
  inStock?: boolean;
  now: Date;
  order: "distance" | "price";
  limit: number;
  totalCap: number;
}): Promise<{ hits: ProductPageHit[]; total: number; totalCapped: boolean }> {
  const run = async (ownName: boolean) => {
    const farm = discoveryFarmFilterSql({ category, inStock, stems, ownNameOnly: ownName });
    const product: Prisma.Sql[] = [liveProductSql(now)];
    if (category) product.push(Prisma.sql`p.category = ${category}::"ProductCategory"`);
    if (inStock) product.push(Prisma.sql`p."stockMilli" > 0`);
    for (const stem of stems) {
      const like = likePattern(stem);
      product.push(ownName ? Prisma.sql`lower(p.name) LIKE ${like}` : Prisma.sql`(lower(p.name) LIKE ${like} OR lower(f.name) LIKE ${like})`);
    }
    const columns = Prisma.sql`p.id, p.name, p.category::text AS category, p.unit::text AS unit, p."gramsPerUnit", p."retailPriceMinor",
      p."wholesalePriceMinor", p."wholesaleMinMilli", p."stockMilli"`;
    const near = Prisma.sql`
      SELECT f.id, f.slug, f.name, f.lat, f.lng, ${distanceSql(centre)} AS metres
      FROM "Farm" f
      WHERE ${Prisma.join([Prisma.sql`f.status = 'ACTIVE'`, discoveryBoxSql(box), ...farm], " AND ")}`;
    const hitColumns = Prisma.sql`p.*, f.slug AS "farmSlug", f.name AS "farmName", f.lat, f.lng, f.metres AS "distanceMetres", ${Prisma.raw(ownName ? "TRUE" : "FALSE")} AS "nameMatch"`;
    const rows =
      order === "distance"
        ? await readRows<ProductPageHit & { total: number }>(Prisma.sql`
          WITH near AS MATERIALIZED (${near}), hits AS MATERIALIZED (
            SELECT ${hitColumns}
            FROM (SELECT * FROM near WHERE metres <= ${radiusM} ORDER BY metres) f
            CROSS JOIN LATERAL (SELECT ${columns} FROM "Product" p WHERE p."farmId" = f.id AND ${Prisma.join(product, " AND ")} OFFSET 0) p
            ORDER BY f.metres
            FETCH FIRST ${Math.max(limit, totalCap) + 1} ROWS WITH TIES
          )
          SELECT *, (SELECT count(*) FROM hits)::INTEGER AS total FROM hits ORDER BY "distanceMetres" FETCH FIRST ${limit} ROWS WITH TIES`)
        : await readRows<ProductPageHit & { total: number }>(Prisma.sql`
          WITH near AS MATERIALIZED (${near})
          SELECT ${hitColumns}, (count(*) OVER ())::INTEGER AS total
          FROM near f JOIN LATERAL (SELECT ${columns} FROM "Product" p WHERE p."farmId" = f.id AND ${Prisma.join(product, " AND ")}) p ON TRUE
          WHERE f.metres <= ${radiusM}
          ORDER BY "retailPriceMinor", "distanceMetres"
          FETCH FIRST ${limit} ROWS WITH TIES`);
    const total = rows[0] ? Number(rows[0].total) : 0;
    return { hits: rows.map(({ total: _total, ...hit }) => hit), total: Math.min(total, totalCap), totalCapped: total > totalCap };
  };
  const own = await run(true);
  return own.total > 0 || stems.length === 0 ? own : run(false);
}

export interface ProductPageHit {
  id: string;
  name: string;
  category: ProductCategory;
  unit: "KG" | "G" | "LB" | "EACH" | "BUNCH" | "DOZEN" | "L";
  gramsPerUnit: number;
  retailPriceMinor: number;
  wholesalePriceMinor: number | null;
  wholesaleMinMilli: number | null;
  stockMilli: number;
  farmSlug: string;
  farmName: string;
  lat: number;
  lng: number;
  /** Straight-line distance from the centre, rounded to whole metres (as Math.round). */
  distanceMetres: number;
  /** Every stem is in the product's own name (not only in the farm's). */
  nameMatch: boolean;
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
