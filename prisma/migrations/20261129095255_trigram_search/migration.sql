-- Discovery text search and the map snapshot's version (docs/decisions/011-discovery-snapshot-trigram.md).
-- Hand-written: trigram indexes, a one-row table and a trigger are not in schema.prisma, and
-- `npm run db:new` diffs schema files (git HEAD against the working copy), so it never drops them.

-- pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it. It is
-- database-wide, so it goes into "public" (never into a per-test or per-app `?schema=`, whose
-- DROP SCHEMA … CASCADE would take the extension and every trigram index with it); the operator
-- class is looked up in whichever schema holds the extension.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

DO $$
DECLARE
  ops TEXT;
BEGIN
  SELECT quote_ident(n.nspname) || '.gin_trgm_ops' INTO ops
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
  WHERE e.extname = 'pg_trgm';
  -- Product search and the map's text filter: lower(name) LIKE '%stem%' (stems ≥ 3 characters).
  EXECUTE format('CREATE INDEX "Product_name_trgm_idx" ON "Product" USING gin (lower("name") %s)', ops);
  -- The farm-level prefilter: productNamesText is already lower-cased; farm names match too.
  EXECUTE format('CREATE INDEX "Farm_productNamesText_trgm_idx" ON "Farm" USING gin ("productNamesText" %s)', ops);
  EXECUTE format('CREATE INDEX "Farm_name_trgm_idx" ON "Farm" USING gin (lower("name") %s)', ops);
END $$;

-- The map serves requests without text from an in-process snapshot of the ACTIVE farms' summary
-- columns and reloads it when this number changes. Every statement that writes "Farm" (the
-- discovery refresh after product and stock changes, season refreshes, farm edits, status
-- changes, seeds) bumps it in its own transaction, so the number is read together with the rows
-- it describes.
CREATE TABLE "DiscoveryVersion" (
  "id" INTEGER NOT NULL PRIMARY KEY CHECK ("id" = 1),
  "version" BIGINT NOT NULL
);
INSERT INTO "DiscoveryVersion" ("id", "version") VALUES (1, 1);

CREATE FUNCTION "bump_discovery_version"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  -- Qualified by the Farm table's schema: Prisma's `?schema=` connections do not set search_path.
  EXECUTE format('UPDATE %I."DiscoveryVersion" SET "version" = "version" + 1 WHERE "id" = 1', TG_TABLE_SCHEMA);
  RETURN NULL;
END $$;

CREATE TRIGGER "Farm_bump_discovery_version"
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Farm"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_discovery_version"();

-- Fresh planner statistics: the embedded database has no autovacuum, and a database whose
-- discovery summary was backfilled by 20261129091153 still has the statistics of empty
-- productNamesText columns (text queries then get nested-loop plans that take seconds).
ANALYZE "Farm";
ANALYZE "Product";
