-- CreateEnum
CREATE TYPE "PayoutStatus" AS ENUM ('NOT_CONNECTED', 'PENDING', 'ENABLED', 'RESTRICTED');

-- AlterTable
ALTER TABLE "Hub" ADD COLUMN     "bankAccountName" TEXT,
ADD COLUMN     "bankAccountNumber" TEXT,
ADD COLUMN     "bankIban" TEXT,
ADD COLUMN     "bankSortCode" TEXT,
ADD COLUMN     "cardFeesSharedWithFarms" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "commissionBasisPoints" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "hubFeeBasisPoints" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "payeeName" TEXT,
ADD COLUMN     "paymentReferenceHint" TEXT;

-- AlterTable
ALTER TABLE "Farm" ADD COLUMN     "commissionBasisPoints" INTEGER,
ADD COLUMN     "payoutStatus" "PayoutStatus" NOT NULL DEFAULT 'NOT_CONNECTED',
ADD COLUMN     "payoutStatusAt" TIMESTAMP(3),
ADD COLUMN     "stripeAccountId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Farm_stripeAccountId_key" ON "Farm"("stripeAccountId");

-- Commission and fee rates: 0 to 50 % in basis points (the settings form checks the same range).
ALTER TABLE "Hub" ADD CONSTRAINT "Hub_commissionBasisPoints_range" CHECK ("commissionBasisPoints" BETWEEN 0 AND 5000);
ALTER TABLE "Hub" ADD CONSTRAINT "Hub_hubFeeBasisPoints_range" CHECK ("hubFeeBasisPoints" BETWEEN 0 AND 5000);
ALTER TABLE "Farm" ADD CONSTRAINT "Farm_commissionBasisPoints_range" CHECK ("commissionBasisPoints" IS NULL OR "commissionBasisPoints" BETWEEN 0 AND 5000);
