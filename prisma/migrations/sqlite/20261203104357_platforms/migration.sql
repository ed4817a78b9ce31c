-- CreateTable
CREATE TABLE "Platform" (
    "componentAppid" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "appsecret" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "encodingAesKey" TEXT NOT NULL,
    "isEnabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT NOT NULL DEFAULT '',
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_VerifyTicket" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "componentAppid" TEXT NOT NULL DEFAULT '',
    "ticket" TEXT NOT NULL,
    "createTime" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "staleReportedAt" DATETIME
);
INSERT INTO "new_VerifyTicket" ("createTime", "id", "receivedAt", "staleReportedAt", "ticket") SELECT "createTime", "id", "receivedAt", "staleReportedAt", "ticket" FROM "VerifyTicket";
DROP TABLE "VerifyTicket";
ALTER TABLE "new_VerifyTicket" RENAME TO "VerifyTicket";
CREATE INDEX "VerifyTicket_receivedAt_idx" ON "VerifyTicket"("receivedAt");
CREATE INDEX "VerifyTicket_createTime_idx" ON "VerifyTicket"("createTime");
CREATE INDEX "VerifyTicket_componentAppid_createTime_idx" ON "VerifyTicket"("componentAppid", "createTime");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

