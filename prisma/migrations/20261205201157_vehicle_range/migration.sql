-- AlterTable
ALTER TABLE "Hub" ADD COLUMN     "fridgeDeratingPercent" INTEGER NOT NULL DEFAULT 15,
ADD COLUMN     "winterDeratingPercent" INTEGER NOT NULL DEFAULT 20,
ADD COLUMN     "winterMonths" INTEGER[] DEFAULT ARRAY[11, 12, 1, 2, 3]::INTEGER[];

-- AlterTable
ALTER TABLE "Vehicle" ADD COLUMN     "rangeMetres" INTEGER;
