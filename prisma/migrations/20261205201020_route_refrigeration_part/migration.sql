-- AlterTable
ALTER TABLE "Route" ADD COLUMN     "refrigerationCo2eGrams" INTEGER,
ADD COLUMN     "refrigerationSharedByAll" BOOLEAN NOT NULL DEFAULT false;
