-- CreateEnum
CREATE TYPE "StatementStatus" AS ENUM ('DRAFT', 'APPROVED', 'PAID');

-- CreateEnum
CREATE TYPE "StatementPayoutMethod" AS ENUM ('STRIPE', 'MANUAL');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "LedgerKind" ADD VALUE 'COMMISSION';
ALTER TYPE "LedgerKind" ADD VALUE 'TRANSFER';
ALTER TYPE "LedgerKind" ADD VALUE 'REVERSAL';
ALTER TYPE "LedgerKind" ADD VALUE 'PAYOUT';

-- AlterTable
ALTER TABLE "LedgerEntry" ADD COLUMN     "farmId" TEXT,
ADD COLUMN     "statementId" TEXT,
ADD COLUMN     "stripeTransferId" TEXT,
ALTER COLUMN "orderId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "FarmStatement" (
    "id" TEXT NOT NULL,
    "hubId" TEXT NOT NULL,
    "farmId" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "status" "StatementStatus" NOT NULL DEFAULT 'DRAFT',
    "currency" TEXT NOT NULL,
    "grossMinor" INTEGER,
    "commissionBasisPoints" INTEGER,
    "commissionMinor" INTEGER,
    "netMinor" INTEGER,
    "lines" JSONB,
    "approvedAt" TIMESTAMP(3),
    "approvedById" TEXT,
    "paidAt" TIMESTAMP(3),
    "paidById" TEXT,
    "payoutMethod" "StatementPayoutMethod",
    "payoutReference" TEXT,
    "stripeTransferId" TEXT,
    "transferAttempt" INTEGER NOT NULL DEFAULT 0,
    "stripeReversalId" TEXT,
    "reversedAt" TIMESTAMP(3),
    "reversedMinor" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FarmStatement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FarmStatement_stripeTransferId_key" ON "FarmStatement"("stripeTransferId");

-- CreateIndex
CREATE UNIQUE INDEX "FarmStatement_stripeReversalId_key" ON "FarmStatement"("stripeReversalId");

-- CreateIndex
CREATE INDEX "FarmStatement_hubId_cycleId_idx" ON "FarmStatement"("hubId", "cycleId");

-- CreateIndex
CREATE INDEX "FarmStatement_farmId_createdAt_idx" ON "FarmStatement"("farmId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "FarmStatement_farmId_cycleId_key" ON "FarmStatement"("farmId", "cycleId");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerEntry_stripeTransferId_key" ON "LedgerEntry"("stripeTransferId");

-- CreateIndex
CREATE INDEX "LedgerEntry_statementId_idx" ON "LedgerEntry"("statementId");

-- CreateIndex
CREATE INDEX "LedgerEntry_farmId_createdAt_idx" ON "LedgerEntry"("farmId", "createdAt");

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_farmId_fkey" FOREIGN KEY ("farmId") REFERENCES "Farm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "FarmStatement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FarmStatement" ADD CONSTRAINT "FarmStatement_hubId_fkey" FOREIGN KEY ("hubId") REFERENCES "Hub"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FarmStatement" ADD CONSTRAINT "FarmStatement_farmId_fkey" FOREIGN KEY ("farmId") REFERENCES "Farm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FarmStatement" ADD CONSTRAINT "FarmStatement_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "DeliveryCycle"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FarmStatement" ADD CONSTRAINT "FarmStatement_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FarmStatement" ADD CONSTRAINT "FarmStatement_paidById_fkey" FOREIGN KEY ("paidById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- An entry belongs to an order, or to a farm's statement (docs/decisions/037).
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_order_or_statement"
  CHECK ("orderId" IS NOT NULL OR ("farmId" IS NOT NULL AND "statementId" IS NOT NULL));

-- A statement's money never leaves its range: the snapshot adds up (commission + net = gross).
ALTER TABLE "FarmStatement" ADD CONSTRAINT "FarmStatement_snapshot_adds_up"
  CHECK ("grossMinor" IS NULL OR "grossMinor" = "commissionMinor" + "netMinor");
