-- Discovery stamps each written Farm row with the id of the transaction that wrote it, instead of
-- the next value of the one-row "DiscoveryVersion" table (docs/decisions/023). That row stayed
-- locked from a transaction's first Farm write until it committed, so every order (which refreshes
-- its farms' summaries) queued on it. Transaction ids need no shared row: a reader takes the
-- oldest transaction still running in its snapshot (pg_snapshot_xmin) as its watermark; every
-- transaction below it has ended, so the next reader finds every later change among the rows
-- stamped at or above that watermark.
-- Hand-written: the column's trigger and the version table are not in schema.prisma.

CREATE OR REPLACE FUNCTION "stamp_farm_discovery_rev"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  NEW."discoveryRev" := pg_current_xact_id()::text::bigint;
  RETURN NEW;
END $$;

-- Deleting farms still moves the epoch (a statement trigger, rare), and readers reload everything.
CREATE OR REPLACE FUNCTION "reset_discovery_epoch"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('UPDATE %I."DiscoveryVersion" SET "epoch" = "epoch" + 1 WHERE "id" = 1', TG_TABLE_SCHEMA);
  RETURN NULL;
END $$;

-- Existing databases: stamps from the old counter are not transaction ids; readers reload
-- everything once.
UPDATE "DiscoveryVersion" SET "epoch" = "epoch" + 1 WHERE "id" = 1;
UPDATE "Farm" SET "discoveryRev" = 0;
