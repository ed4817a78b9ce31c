-- CreateTable
CREATE TABLE "MiniProgramCode" (
    "platformKey" TEXT NOT NULL DEFAULT '',
    "appid" TEXT NOT NULL,
    "trialVersion" TEXT,
    "trialDesc" TEXT,
    "trialTemplateId" INTEGER,
    "trialCommittedAt" DATETIME,
    "auditId" TEXT,
    "auditStatus" TEXT,
    "auditVersion" TEXT,
    "auditDesc" TEXT,
    "auditTemplateId" INTEGER,
    "auditReason" TEXT,
    "auditScreenshots" TEXT,
    "auditSubmittedAt" DATETIME,
    "auditDecidedAt" DATETIME,
    "isAuditSpedUp" BOOLEAN NOT NULL DEFAULT false,
    "isAuditReleased" BOOLEAN NOT NULL DEFAULT false,
    "releasedVersion" TEXT,
    "releasedDesc" TEXT,
    "releasedTemplateId" INTEGER,
    "releasedAt" DATETIME,
    "grayPercentage" INTEGER,
    "isVisitOpen" BOOLEAN,
    "checkedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("platformKey", "appid"),
    CONSTRAINT "MiniProgramCode_platformKey_appid_fkey" FOREIGN KEY ("platformKey", "appid") REFERENCES "Authorizer" ("platformKey", "appid") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "MiniProgramCode_auditStatus_checkedAt_idx" ON "MiniProgramCode"("auditStatus", "checkedAt");

