-- Discovery, one generation (docs/decisions/010-discovery.md): the in-memory index alone computes
-- what is live, in stock and in which category, from the products it loads. The per-farm summary
-- columns, their refresh in every product and order transaction and the season sweep go; what
-- remains is the row stamp: every write to a Farm or a Product row stamps it with the id of the
-- writing transaction, and the index reloads the farms stamped, or with a product stamped, at or
-- above its last load's watermark. Stock changes by orders write the Product rows, so they are
-- seen too, and no order writes (or locks) a Farm row any more.
-- Partly generated (the dropped columns, the Product column and index); the triggers are
-- hand-written. Farm."discoveryRev" and its index exist since 20261129105412.

-- DropIndex
DROP INDEX "Farm_categories_idx";

-- DropIndex
DROP INDEX "Farm_discoveryValidUntil_idx";

-- AlterTable
ALTER TABLE "Farm" DROP COLUMN "categories",
DROP COLUMN "categoryCounts",
DROP COLUMN "discoveryValidUntil",
DROP COLUMN "inStockProductCount",
DROP COLUMN "liveProductCount";

-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "discoveryRev" BIGINT NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Product_discoveryRev_idx" ON "Product"("discoveryRev");

-- One stamping function for both tables (it only sets NEW."discoveryRev").
CREATE FUNCTION "stamp_discovery_rev"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  NEW."discoveryRev" := pg_current_xact_id()::text::bigint;
  RETURN NEW;
END $$;

DROP TRIGGER "Farm_stamp_discovery_rev" ON "Farm";
DROP FUNCTION "stamp_farm_discovery_rev"();
CREATE TRIGGER "Farm_stamp_discovery_rev"
  BEFORE INSERT OR UPDATE ON "Farm"
  FOR EACH ROW EXECUTE FUNCTION "stamp_discovery_rev"();

CREATE TRIGGER "Product_stamp_discovery_rev"
  BEFORE INSERT OR UPDATE ON "Product"
  FOR EACH ROW EXECUTE FUNCTION "stamp_discovery_rev"();

-- A deleted product cannot be found by its stamp: like deleted farms, it moves the epoch and
-- readers reload everything (products are archived, not deleted, except with their farm).
CREATE TRIGGER "Product_reset_discovery_epoch"
  AFTER DELETE OR TRUNCATE ON "Product"
  FOR EACH STATEMENT EXECUTE FUNCTION "reset_discovery_epoch"();

-- Readers holding an index from before this migration reload everything.
UPDATE "DiscoveryVersion" SET "epoch" = "epoch" + 1 WHERE "id" = 1;
