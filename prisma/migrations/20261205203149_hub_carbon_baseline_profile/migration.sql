-- AlterTable
ALTER TABLE "Hub" ADD COLUMN     "carbonBaselineProfile" TEXT NOT NULL DEFAULT 'uk-dft-defra-nts';

-- Existing hubs outside Great Britain (judged by their time zone) get the European profile, which
-- is flagged as an assumption, rather than UK statistics.
UPDATE "Hub" SET "carbonBaselineProfile" = 'europe-assumption' WHERE "timeZone" <> 'Europe/London';
