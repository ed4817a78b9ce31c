-- CreateTable
CREATE TABLE "MiniProgramCode" (
    "platformKey" TEXT NOT NULL DEFAULT '',
    "appid" TEXT NOT NULL,
    "trialVersion" TEXT,
    "trialDesc" TEXT,
    "trialTemplateId" INTEGER,
    "trialCommittedAt" TIMESTAMP(3),
    "auditId" TEXT,
    "auditStatus" TEXT,
    "auditVersion" TEXT,
    "auditDesc" TEXT,
    "auditTemplateId" INTEGER,
    "auditReason" TEXT,
    "auditScreenshots" TEXT,
    "auditSubmittedAt" TIMESTAMP(3),
    "auditDecidedAt" TIMESTAMP(3),
    "isAuditSpedUp" BOOLEAN NOT NULL DEFAULT false,
    "isAuditReleased" BOOLEAN NOT NULL DEFAULT false,
    "releasedVersion" TEXT,
    "releasedDesc" TEXT,
    "releasedTemplateId" INTEGER,
    "releasedAt" TIMESTAMP(3),
    "grayPercentage" INTEGER,
    "isVisitOpen" BOOLEAN,
    "checkedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MiniProgramCode_pkey" PRIMARY KEY ("platformKey","appid")
);

-- CreateIndex
CREATE INDEX "MiniProgramCode_auditStatus_checkedAt_idx" ON "MiniProgramCode"("auditStatus", "checkedAt");

-- AddForeignKey
ALTER TABLE "MiniProgramCode" ADD CONSTRAINT "MiniProgramCode_platformKey_appid_fkey" FOREIGN KEY ("platformKey", "appid") REFERENCES "Authorizer"("platformKey", "appid") ON DELETE CASCADE ON UPDATE CASCADE;

