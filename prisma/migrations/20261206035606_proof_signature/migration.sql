-- AlterEnum
ALTER TYPE "ProofKind" ADD VALUE 'SIGNATURE';

-- AlterTable
ALTER TABLE "Stop" ADD COLUMN     "proofSignaturePath" TEXT;

-- AlterTable
ALTER TABLE "DeliveryMark" ADD COLUMN     "signaturePath" TEXT;

-- CreateIndex
CREATE INDEX "DeliveryMark_signaturePath_idx" ON "DeliveryMark"("signaturePath");
