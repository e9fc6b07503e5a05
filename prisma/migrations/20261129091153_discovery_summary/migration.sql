-- AlterTable
ALTER TABLE "Farm" ADD COLUMN     "categories" "ProductCategory"[] DEFAULT ARRAY[]::"ProductCategory"[],
ADD COLUMN     "categoryCounts" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "discoveryValidUntil" TIMESTAMP(3),
ADD COLUMN     "inStockProductCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "liveProductCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "productNamesText" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "Farm_categories_idx" ON "Farm" USING GIN ("categories");

-- CreateIndex
CREATE INDEX "Farm_discoveryValidUntil_idx" ON "Farm"("discoveryValidUntil");

-- Backfill the discovery summary of every farm (the same computation as refreshFarmDiscovery in
-- app/models/farm.server.ts, at the time of the migration). Timestamps are UTC (timestamp(3)).
UPDATE "Farm" AS f SET
  "categories" = s.categories,
  "categoryCounts" = s.counts,
  "liveProductCount" = s.live,
  "inStockProductCount" = s.in_stock,
  "productNamesText" = s.names,
  "discoveryValidUntil" = s.valid_until
FROM (
  SELECT fa.id,
    COALESCE(array_agg(DISTINCT p.category ORDER BY p.category) FILTER (WHERE p.live), ARRAY[]::"ProductCategory"[]) AS categories,
    ARRAY[
      count(*) FILTER (WHERE p.live AND p.category = 'VEGETABLES'),
      count(*) FILTER (WHERE p.live AND p.category = 'FRUIT'),
      count(*) FILTER (WHERE p.live AND p.category = 'HERBS'),
      count(*) FILTER (WHERE p.live AND p.category = 'EGGS'),
      count(*) FILTER (WHERE p.live AND p.category = 'DAIRY'),
      count(*) FILTER (WHERE p.live AND p.category = 'MEAT'),
      count(*) FILTER (WHERE p.live AND p.category = 'FISH'),
      count(*) FILTER (WHERE p.live AND p.category = 'BAKERY'),
      count(*) FILTER (WHERE p.live AND p.category = 'PANTRY'),
      count(*) FILTER (WHERE p.live AND p.category = 'DRINKS'),
      count(*) FILTER (WHERE p.live AND p.category = 'FLOWERS'),
      count(*) FILTER (WHERE p.live AND p.category = 'PLANTS'),
      count(*) FILTER (WHERE p.live AND p.in_stock AND p.category = 'VEGETABLES'),
      count(*) FILTER (WHERE p.live AND p.in_stock AND p.category = 'FRUIT'),
      count(*) FILTER (WHERE p.live AND p.in_stock AND p.category = 'HERBS'),
      count(*) FILTER (WHERE p.live AND p.in_stock AND p.category = 'EGGS'),
      count(*) FILTER (WHERE p.live AND p.in_stock AND p.category = 'DAIRY'),
      count(*) FILTER (WHERE p.live AND p.in_stock AND p.category = 'MEAT'),
      count(*) FILTER (WHERE p.live AND p.in_stock AND p.category = 'FISH'),
      count(*) FILTER (WHERE p.live AND p.in_stock AND p.category = 'BAKERY'),
      count(*) FILTER (WHERE p.live AND p.in_stock AND p.category = 'PANTRY'),
      count(*) FILTER (WHERE p.live AND p.in_stock AND p.category = 'DRINKS'),
      count(*) FILTER (WHERE p.live AND p.in_stock AND p.category = 'FLOWERS'),
      count(*) FILTER (WHERE p.live AND p.in_stock AND p.category = 'PLANTS')
    ]::INTEGER[] AS counts,
    (count(*) FILTER (WHERE p.live))::INTEGER AS live,
    (count(*) FILTER (WHERE p.live AND p.in_stock))::INTEGER AS in_stock,
    COALESCE(string_agg(DISTINCT lower(p.name), E'\n'), '') AS names,
    LEAST(
      min(p."availableFrom") FILTER (WHERE p."availableFrom" > p.now),
      min(p."availableTo" + interval '1 day') FILTER (WHERE p."availableTo" + interval '1 day' > p.now)
    ) AS valid_until
  FROM "Farm" fa
  LEFT JOIN LATERAL (
    SELECT pr.name, pr.category, pr."availableFrom", pr."availableTo", pr."stockMilli" > 0 AS in_stock, c.now,
      (pr."availableFrom" IS NULL OR pr."availableFrom" <= c.now)
        AND (pr."availableTo" IS NULL OR pr."availableTo" + interval '1 day' > c.now) AS live
    FROM "Product" pr, (SELECT (now() AT TIME ZONE 'UTC')::TIMESTAMP(3) AS now) c
    WHERE pr."farmId" = fa.id AND pr."archivedAt" IS NULL
  ) p ON TRUE
  GROUP BY fa.id
) s
WHERE f.id = s.id;
