-- CreateTable
CREATE TABLE "PushReceipt" (
    "msgSignature" TEXT NOT NULL PRIMARY KEY,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "PushReceipt_receivedAt_idx" ON "PushReceipt"("receivedAt");

-- CreateIndex
CREATE INDEX "VerifyTicket_createTime_idx" ON "VerifyTicket"("createTime");

