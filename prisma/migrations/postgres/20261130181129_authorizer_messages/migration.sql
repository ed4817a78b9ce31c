-- CreateTable
CREATE TABLE "AuthorizerMessage" (
    "id" SERIAL NOT NULL,
    "appid" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "msgType" TEXT NOT NULL,
    "event" TEXT,
    "isKnownAppid" BOOLEAN NOT NULL,
    "sender" TEXT NOT NULL,
    "senderHint" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "fields" TEXT NOT NULL,
    "createTime" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'processing',
    "answer" TEXT,
    "replyKind" TEXT,

    CONSTRAINT "AuthorizerMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuthorizerMessage_receivedAt_idx" ON "AuthorizerMessage"("receivedAt");

-- CreateIndex
CREATE INDEX "AuthorizerMessage_appid_receivedAt_idx" ON "AuthorizerMessage"("appid", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AuthorizerMessage_appid_dedupeKey_key" ON "AuthorizerMessage"("appid", "dedupeKey");

