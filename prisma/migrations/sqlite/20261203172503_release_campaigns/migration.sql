-- CreateTable
CREATE TABLE "ReleaseCampaign" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "platformKey" TEXT NOT NULL DEFAULT '',
    "name" TEXT NOT NULL,
    "templateId" INTEGER NOT NULL,
    "userVersion" TEXT NOT NULL,
    "userDesc" TEXT NOT NULL,
    "extJson" TEXT NOT NULL,
    "isSubmitAudit" BOOLEAN NOT NULL,
    "isAutoRelease" BOOLEAN NOT NULL,
    "isSpeedUp" BOOLEAN NOT NULL DEFAULT false,
    "grayPercentage" INTEGER,
    "domains" TEXT,
    "privacy" TEXT,
    "status" TEXT NOT NULL DEFAULT 'running',
    "targetCount" INTEGER NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "completedAt" DATETIME,
    "progressSentAt" DATETIME
);

-- CreateTable
CREATE TABLE "ReleaseTarget" (
    "campaignId" TEXT NOT NULL,
    "appid" TEXT NOT NULL,
    "platformKey" TEXT NOT NULL DEFAULT '',
    "priority" INTEGER NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'queued',
    "values" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME,
    "leaseHolder" TEXT,
    "leaseUntil" DATETIME,
    "stepStartedAt" DATETIME,
    "auditId" TEXT,
    "priorAuditId" TEXT,
    "errcode" INTEGER,
    "error" TEXT,
    "failedStep" TEXT,
    "reason" TEXT,
    "committedAt" DATETIME,
    "submittedAt" DATETIME,
    "decidedAt" DATETIME,
    "releasedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("campaignId", "appid"),
    CONSTRAINT "ReleaseTarget_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "ReleaseCampaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReviewQuota" (
    "platformKey" TEXT NOT NULL PRIMARY KEY,
    "rest" INTEGER NOT NULL,
    "limit" INTEGER NOT NULL,
    "speedupRest" INTEGER NOT NULL,
    "speedupLimit" INTEGER NOT NULL,
    "readAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ReleaseCampaign_status_idx" ON "ReleaseCampaign"("status");

-- CreateIndex
CREATE INDEX "ReleaseCampaign_createdAt_idx" ON "ReleaseCampaign"("createdAt");

-- CreateIndex
CREATE INDEX "ReleaseTarget_state_nextAttemptAt_idx" ON "ReleaseTarget"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "ReleaseTarget_campaignId_state_priority_idx" ON "ReleaseTarget"("campaignId", "state", "priority");

