-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "platformKey" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "ForwardingRule" ADD COLUMN     "platforms" TEXT;

-- CreateIndex
CREATE INDEX "Event_platformKey_at_idx" ON "Event"("platformKey", "at");

