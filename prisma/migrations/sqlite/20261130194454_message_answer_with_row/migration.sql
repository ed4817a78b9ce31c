-- A message whose answer was never stored (its process died mid-way; WeChat's retries are long over) has nothing to keep.
DELETE FROM "AuthorizerMessage" WHERE "answer" IS NULL OR "replyKind" IS NULL;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AuthorizerMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "appid" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "msgType" TEXT NOT NULL,
    "event" TEXT,
    "isKnownAppid" BOOLEAN NOT NULL,
    "sender" TEXT NOT NULL,
    "senderHint" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "fields" TEXT NOT NULL,
    "createTime" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answer" TEXT NOT NULL,
    "replyKind" TEXT NOT NULL
);
INSERT INTO "new_AuthorizerMessage" ("answer", "appid", "createTime", "dedupeKey", "event", "fields", "id", "isKnownAppid", "msgType", "receivedAt", "replyKind", "sender", "senderHint", "summary") SELECT "answer", "appid", "createTime", "dedupeKey", "event", "fields", "id", "isKnownAppid", "msgType", "receivedAt", "replyKind", "sender", "senderHint", "summary" FROM "AuthorizerMessage";
DROP TABLE "AuthorizerMessage";
ALTER TABLE "new_AuthorizerMessage" RENAME TO "AuthorizerMessage";
CREATE INDEX "AuthorizerMessage_receivedAt_idx" ON "AuthorizerMessage"("receivedAt");
CREATE INDEX "AuthorizerMessage_appid_receivedAt_idx" ON "AuthorizerMessage"("appid", "receivedAt");
CREATE UNIQUE INDEX "AuthorizerMessage_appid_dedupeKey_key" ON "AuthorizerMessage"("appid", "dedupeKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

