-- CreateTable
CREATE TABLE "AuthorizerMessage" (
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
    "status" TEXT NOT NULL DEFAULT 'processing',
    "answer" TEXT,
    "replyKind" TEXT
);

-- CreateIndex
CREATE INDEX "AuthorizerMessage_receivedAt_idx" ON "AuthorizerMessage"("receivedAt");

-- CreateIndex
CREATE INDEX "AuthorizerMessage_appid_receivedAt_idx" ON "AuthorizerMessage"("appid", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AuthorizerMessage_appid_dedupeKey_key" ON "AuthorizerMessage"("appid", "dedupeKey");

