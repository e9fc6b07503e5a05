-- Discovery answers map and text-search requests from an in-process index of the ACTIVE farms and
-- their products, refreshed farm by farm (docs/decisions/012-discovery-in-memory-index.md).
-- Partly hand-written: the column "discoveryRev", the triggers and the dropped trigram indexes are
-- not in schema.prisma (`npm run db:new` diffs schema files, so it never touches them).

-- Text search no longer runs in SQL: the trigram indexes only slowed product and farm writes.
DROP INDEX IF EXISTS "Product_name_trgm_idx";
DROP INDEX IF EXISTS "Farm_productNamesText_trgm_idx";
DROP INDEX IF EXISTS "Farm_name_trgm_idx";

-- AlterTable (generated): the per-farm product names were the trigram prefilter.
ALTER TABLE "Farm" DROP COLUMN "productNamesText";

-- Every Farm row carries the discovery version of its last write. The row trigger takes the next
-- version from the one-row "DiscoveryVersion" table, whose row stays locked until the writing
-- transaction ends: writers of Farm commit in version order, so a reader that has seen version V
-- finds every later change among the farms with "discoveryRev" > V.
ALTER TABLE "Farm" ADD COLUMN "discoveryRev" BIGINT NOT NULL DEFAULT 0;
CREATE INDEX "Farm_discoveryRev_idx" ON "Farm" ("discoveryRev");

-- Deleting farms cannot be seen that way: it moves "epoch", and readers reload everything.
ALTER TABLE "DiscoveryVersion" ADD COLUMN "epoch" BIGINT NOT NULL DEFAULT 1;

DROP TRIGGER "Farm_bump_discovery_version" ON "Farm";
DROP FUNCTION "bump_discovery_version"();

CREATE FUNCTION "stamp_farm_discovery_rev"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  -- Qualified by the Farm table's schema: Prisma's `?schema=` connections may not set search_path.
  EXECUTE format('UPDATE %I."DiscoveryVersion" SET "version" = "version" + 1 WHERE "id" = 1 RETURNING "version"', TG_TABLE_SCHEMA)
    INTO NEW."discoveryRev";
  RETURN NEW;
END $$;

CREATE TRIGGER "Farm_stamp_discovery_rev"
  BEFORE INSERT OR UPDATE ON "Farm"
  FOR EACH ROW EXECUTE FUNCTION "stamp_farm_discovery_rev"();

CREATE FUNCTION "reset_discovery_epoch"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('UPDATE %I."DiscoveryVersion" SET "version" = "version" + 1, "epoch" = "epoch" + 1 WHERE "id" = 1', TG_TABLE_SCHEMA);
  RETURN NULL;
END $$;

CREATE TRIGGER "Farm_reset_discovery_epoch"
  AFTER DELETE OR TRUNCATE ON "Farm"
  FOR EACH STATEMENT EXECUTE FUNCTION "reset_discovery_epoch"();

-- Existing databases: readers holding an index from before this migration reload everything.
UPDATE "DiscoveryVersion" SET "version" = "version" + 1, "epoch" = "epoch" + 1 WHERE "id" = 1;
