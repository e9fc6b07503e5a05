-- CreateEnum
CREATE TYPE "DeliveryNoticeChannel" AS ENUM ('EMAIL', 'SMS', 'BOTH', 'NONE');

-- CreateEnum
CREATE TYPE "SmsStatus" AS ENUM ('OUTBOX', 'SENT', 'FAILED');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "deliveryNotices" "DeliveryNoticeChannel" NOT NULL DEFAULT 'EMAIL',
ADD COLUMN     "mobilePhone" TEXT;

-- CreateTable
CREATE TABLE "SmsMessage" (
    "id" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "onceKey" TEXT,
    "status" "SmsStatus" NOT NULL DEFAULT 'OUTBOX',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "providerId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "SmsMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SmsMessage_onceKey_key" ON "SmsMessage"("onceKey");

-- CreateIndex
CREATE INDEX "SmsMessage_createdAt_idx" ON "SmsMessage"("createdAt");

-- CreateIndex
CREATE INDEX "SmsMessage_to_idx" ON "SmsMessage"("to");
