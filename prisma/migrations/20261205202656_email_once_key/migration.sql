-- Messages sent at most once get a unique key ("<to>|<kind>"), so two processes running the same
-- periodic task cannot both send one (the check-then-insert before this could race).

-- AlterTable
ALTER TABLE "EmailMessage" ADD COLUMN     "onceKey" TEXT;

-- Hand-written: the reminders already sent keep blocking a second one (the first of each, should
-- the old race have sent two).
UPDATE "EmailMessage" e SET "onceKey" = e."to" || '|' || e."kind"
WHERE e."kind" LIKE 'cycle-closing-soon:%'
  AND e."id" = (SELECT min(x."id") FROM "EmailMessage" x WHERE x."to" = e."to" AND x."kind" = e."kind");

-- CreateIndex
CREATE UNIQUE INDEX "EmailMessage_onceKey_key" ON "EmailMessage"("onceKey");
