-- CreateEnum
CREATE TYPE "AdjustmentKind" AS ENUM ('AS_ORDERED', 'SHORT', 'WEIGHT', 'SUBSTITUTE');

-- CreateEnum
CREATE TYPE "LedgerKind" AS ENUM ('INVOICE', 'CREDIT_NOTE', 'DEBIT_NOTE', 'CHARGE', 'REFUND', 'ABSORBED');

-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "soldByWeight" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "allowSubstitutions" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "OrderLine" ADD COLUMN     "adjustedAt" TIMESTAMP(3),
ADD COLUMN     "orderedGrams" INTEGER,
ADD COLUMN     "orderedProductId" TEXT,
ADD COLUMN     "orderedProductName" TEXT,
ADD COLUMN     "orderedQuantityMilli" INTEGER,
ADD COLUMN     "orderedTotalMinor" INTEGER,
ADD COLUMN     "soldByWeight" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "OrderAdjustment" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "lineId" TEXT NOT NULL,
    "hubId" TEXT NOT NULL,
    "farmId" TEXT NOT NULL,
    "kind" "AdjustmentKind" NOT NULL,
    "requestKey" TEXT NOT NULL,
    "byUserId" TEXT,
    "fromProductName" TEXT NOT NULL,
    "toProductName" TEXT NOT NULL,
    "fromQuantityMilli" INTEGER NOT NULL,
    "toQuantityMilli" INTEGER NOT NULL,
    "fromGrams" INTEGER NOT NULL,
    "toGrams" INTEGER NOT NULL,
    "fromTotalMinor" INTEGER NOT NULL,
    "toTotalMinor" INTEGER NOT NULL,
    "orderTotalBeforeMinor" INTEGER NOT NULL,
    "orderTotalAfterMinor" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "refundMinor" INTEGER NOT NULL DEFAULT 0,
    "stripeRefundId" TEXT,
    "refundedAt" TIMESTAMP(3),
    "refundError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrderAdjustment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerEntry" (
    "id" TEXT NOT NULL,
    "hubId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "adjustmentId" TEXT,
    "kind" "LedgerKind" NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "noteNumber" INTEGER,
    "stripeRefundId" TEXT,
    "key" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OrderAdjustment_requestKey_key" ON "OrderAdjustment"("requestKey");

-- CreateIndex
CREATE INDEX "OrderAdjustment_orderId_createdAt_idx" ON "OrderAdjustment"("orderId", "createdAt");

-- CreateIndex
CREATE INDEX "OrderAdjustment_refundMinor_refundedAt_idx" ON "OrderAdjustment"("refundMinor", "refundedAt");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerEntry_stripeRefundId_key" ON "LedgerEntry"("stripeRefundId");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerEntry_key_key" ON "LedgerEntry"("key");

-- CreateIndex
CREATE INDEX "LedgerEntry_orderId_createdAt_idx" ON "LedgerEntry"("orderId", "createdAt");

-- CreateIndex
CREATE INDEX "LedgerEntry_hubId_kind_createdAt_idx" ON "LedgerEntry"("hubId", "kind", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerEntry_hubId_noteNumber_key" ON "LedgerEntry"("hubId", "noteNumber");

-- AddForeignKey
ALTER TABLE "OrderAdjustment" ADD CONSTRAINT "OrderAdjustment_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderAdjustment" ADD CONSTRAINT "OrderAdjustment_lineId_fkey" FOREIGN KEY ("lineId") REFERENCES "OrderLine"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_adjustmentId_fkey" FOREIGN KEY ("adjustmentId") REFERENCES "OrderAdjustment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Ledger entries are never rewritten: a correction is a new entry (docs/decisions/036).
CREATE OR REPLACE FUNCTION "LedgerEntry_refuse_update"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'LedgerEntry rows are immutable: add a new entry instead';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "LedgerEntry_immutable" BEFORE UPDATE ON "LedgerEntry"
  FOR EACH ROW EXECUTE FUNCTION "LedgerEntry_refuse_update"();
