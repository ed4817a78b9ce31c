-- forwarding_and_events_per_platform (sqlite): generated, then written by hand: Prisma rebuilt the Event table to add
-- one column, which would copy every event at upgrade; SQLite adds a NOT NULL column with a constant default in place.
-- AlterTable
ALTER TABLE "ForwardingRule" ADD COLUMN "platforms" TEXT;

-- AlterTable
ALTER TABLE "Event" ADD COLUMN "platformKey" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "Event_platformKey_at_idx" ON "Event"("platformKey", "at");
