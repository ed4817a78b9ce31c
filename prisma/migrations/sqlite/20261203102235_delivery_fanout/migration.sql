-- CreateTable
CREATE TABLE "DeliveryFanout" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "bodyId" TEXT NOT NULL,
    "appid" TEXT NOT NULL DEFAULT '',
    "type" TEXT NOT NULL,
    "ruleIds" TEXT NOT NULL,
    "giveUpAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DeliveryFanout_bodyId_fkey" FOREIGN KEY ("bodyId") REFERENCES "DeliveryBody" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "DeliveryFanout_bodyId_idx" ON "DeliveryFanout"("bodyId");

