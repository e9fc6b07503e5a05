-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "idempotencyKey" TEXT;

-- AlterTable
ALTER TABLE "StandingOrder" ADD COLUMN     "pausedUntil" TIMESTAMP(3),
ADD COLUMN     "sourceOrderId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Order_buyerId_idempotencyKey_key" ON "Order"("buyerId", "idempotencyKey");

-- One not-cancelled standing order per buyer and source order ("Repeat every cycle" clicked twice
-- makes one). Partial, so a cancelled one does not block repeating the order again; Prisma's schema
-- cannot express it, hence hand-written here.
CREATE UNIQUE INDEX "StandingOrder_buyerId_sourceOrderId_live_key" ON "StandingOrder"("buyerId", "sourceOrderId") WHERE "status" <> 'CANCELLED' AND "sourceOrderId" IS NOT NULL;
