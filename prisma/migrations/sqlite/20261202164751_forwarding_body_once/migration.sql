-- CreateTable
CREATE TABLE "DeliveryBody" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "content" TEXT NOT NULL,
    "isEnvelope" BOOLEAN NOT NULL DEFAULT false,
    "contentType" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Existing deliveries keep their bodies: one body each, its id the delivery's publicId (already sent as it is: not an envelope)
INSERT INTO "DeliveryBody" ("id", "content", "isEnvelope", "contentType", "createdAt")
SELECT "publicId", "body", 0, "contentType", "createdAt" FROM "Delivery";

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Delivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "publicId" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "appid" TEXT NOT NULL DEFAULT '',
    "type" TEXT NOT NULL,
    "bodyId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "giveUpAt" DATETIME NOT NULL,
    "leaseToken" TEXT,
    "leaseUntil" DATETIME,
    "lastAttemptAt" DATETIME,
    "lastStatus" INTEGER,
    "lastLatencyMs" INTEGER,
    "lastError" TEXT,
    "lastResponse" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" DATETIME,
    CONSTRAINT "Delivery_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "ForwardingRule" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Delivery_bodyId_fkey" FOREIGN KEY ("bodyId") REFERENCES "DeliveryBody" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Delivery" ("appid", "attempts", "bodyId", "createdAt", "deliveredAt", "giveUpAt", "id", "lastAttemptAt", "lastError", "lastLatencyMs", "lastResponse", "lastStatus", "leaseToken", "leaseUntil", "nextAttemptAt", "publicId", "ruleId", "status", "type") SELECT "appid", "attempts", "publicId", "createdAt", "deliveredAt", "giveUpAt", "id", "lastAttemptAt", "lastError", "lastLatencyMs", "lastResponse", "lastStatus", "leaseToken", "leaseUntil", "nextAttemptAt", "publicId", "ruleId", "status", "type" FROM "Delivery";
DROP TABLE "Delivery";
ALTER TABLE "new_Delivery" RENAME TO "Delivery";
CREATE UNIQUE INDEX "Delivery_publicId_key" ON "Delivery"("publicId");
CREATE INDEX "Delivery_status_ruleId_appid_id_idx" ON "Delivery"("status", "ruleId", "appid", "id");
CREATE INDEX "Delivery_ruleId_id_idx" ON "Delivery"("ruleId", "id");
CREATE INDEX "Delivery_appid_id_idx" ON "Delivery"("appid", "id");
CREATE INDEX "Delivery_createdAt_idx" ON "Delivery"("createdAt");
CREATE INDEX "Delivery_bodyId_idx" ON "Delivery"("bodyId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "DeliveryBody_createdAt_idx" ON "DeliveryBody"("createdAt");

