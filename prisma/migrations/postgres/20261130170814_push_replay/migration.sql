-- CreateTable
CREATE TABLE "PushReceipt" (
    "msgSignature" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PushReceipt_pkey" PRIMARY KEY ("msgSignature")
);

-- CreateIndex
CREATE INDEX "PushReceipt_receivedAt_idx" ON "PushReceipt"("receivedAt");

-- CreateIndex
CREATE INDEX "VerifyTicket_createTime_idx" ON "VerifyTicket"("createTime");

