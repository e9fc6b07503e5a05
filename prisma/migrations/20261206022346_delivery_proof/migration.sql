-- CreateEnum
CREATE TYPE "StopFailureCode" AS ENUM ('NOBODY_HOME', 'ADDRESS_NOT_FOUND', 'ACCESS_PROBLEM', 'REFUSED', 'OTHER');

-- CreateEnum
CREATE TYPE "ShortageReason" AS ENUM ('DAMAGED', 'MISSING', 'REFUSED', 'OTHER');

-- CreateEnum
CREATE TYPE "ProofKind" AS ENUM ('PHOTO', 'RECIPIENT', 'SAFE_PLACE');

-- AlterEnum
ALTER TYPE "OrderStatus" ADD VALUE 'PARTLY_DELIVERED';

-- AlterEnum
ALTER TYPE "StopStatus" ADD VALUE 'PARTIAL';

-- AlterTable
ALTER TABLE "OrderLine" ADD COLUMN     "deliveredQuantityMilli" INTEGER,
ADD COLUMN     "shortNote" TEXT,
ADD COLUMN     "shortReason" "ShortageReason";

-- AlterTable
ALTER TABLE "Stop" ADD COLUMN     "failureCode" "StopFailureCode",
ADD COLUMN     "proofKind" "ProofKind",
ADD COLUMN     "proofPhotoPath" TEXT,
ADD COLUMN     "proofRecipient" TEXT,
ADD COLUMN     "proofSafePlace" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "DeliveryMark" (
    "id" TEXT NOT NULL,
    "markId" TEXT NOT NULL,
    "stopId" TEXT NOT NULL,
    "userId" TEXT,
    "status" "StopStatus" NOT NULL,
    "version" INTEGER NOT NULL,
    "photoPath" TEXT,
    "detail" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeliveryMark_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DeliveryMark_markId_key" ON "DeliveryMark"("markId");

-- CreateIndex
CREATE INDEX "DeliveryMark_stopId_createdAt_idx" ON "DeliveryMark"("stopId", "createdAt");

-- CreateIndex
CREATE INDEX "DeliveryMark_photoPath_idx" ON "DeliveryMark"("photoPath");

-- AddForeignKey
ALTER TABLE "DeliveryMark" ADD CONSTRAINT "DeliveryMark_stopId_fkey" FOREIGN KEY ("stopId") REFERENCES "Stop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeliveryMark" ADD CONSTRAINT "DeliveryMark_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
