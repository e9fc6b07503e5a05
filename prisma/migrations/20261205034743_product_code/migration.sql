-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "code" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Product_farmId_code_key" ON "Product"("farmId", "code");
