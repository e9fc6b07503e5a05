-- AlterTable
ALTER TABLE "Stop" ADD COLUMN     "proofPhotoTakenAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "DeliveryMark" ADD COLUMN     "accuracyM" INTEGER,
ADD COLUMN     "latitude" DOUBLE PRECISION,
ADD COLUMN     "longitude" DOUBLE PRECISION,
ADD COLUMN     "photoTakenAt" TIMESTAMP(3);
