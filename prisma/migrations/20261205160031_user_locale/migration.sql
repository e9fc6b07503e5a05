-- The language a user chose in the account (docs/decisions/025-i18n.md): "en", "fr", …; NULL
-- follows the browser (Accept-Language). Generated.

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "locale" TEXT;
