-- AlterTable
ALTER TABLE "VerifyTicket" ADD COLUMN     "componentAppid" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "Platform" (
    "componentAppid" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "appsecret" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "encodingAesKey" TEXT NOT NULL,
    "isEnabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT NOT NULL DEFAULT '',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Platform_pkey" PRIMARY KEY ("componentAppid")
);

-- CreateIndex
CREATE INDEX "VerifyTicket_componentAppid_createTime_idx" ON "VerifyTicket"("componentAppid", "createTime");

