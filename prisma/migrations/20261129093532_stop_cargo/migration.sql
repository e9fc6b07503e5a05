-- CreateEnum
CREATE TYPE "StopCargo" AS ENUM ('CHILLED', 'AMBIENT');

-- AlterTable
ALTER TABLE "Stop" ADD COLUMN     "cargo" "StopCargo";
