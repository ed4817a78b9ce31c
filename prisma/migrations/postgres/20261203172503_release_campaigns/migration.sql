-- CreateTable
CREATE TABLE "ReleaseCampaign" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),
    "progressSentAt" TIMESTAMP(3),

    CONSTRAINT "ReleaseCampaign_pkey" PRIMARY KEY ("id")
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
    "nextAttemptAt" TIMESTAMP(3),
    "leaseHolder" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "stepStartedAt" TIMESTAMP(3),
    "auditId" TEXT,
    "priorAuditId" TEXT,
    "errcode" INTEGER,
    "error" TEXT,
    "failedStep" TEXT,
    "reason" TEXT,
    "committedAt" TIMESTAMP(3),
    "submittedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "releasedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReleaseTarget_pkey" PRIMARY KEY ("campaignId","appid")
);

-- CreateTable
CREATE TABLE "ReviewQuota" (
    "platformKey" TEXT NOT NULL,
    "rest" INTEGER NOT NULL,
    "limit" INTEGER NOT NULL,
    "speedupRest" INTEGER NOT NULL,
    "speedupLimit" INTEGER NOT NULL,
    "readAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewQuota_pkey" PRIMARY KEY ("platformKey")
);

-- CreateIndex
CREATE INDEX "ReleaseCampaign_status_idx" ON "ReleaseCampaign"("status");

-- CreateIndex
CREATE INDEX "ReleaseCampaign_createdAt_idx" ON "ReleaseCampaign"("createdAt");

-- CreateIndex
CREATE INDEX "ReleaseTarget_state_nextAttemptAt_idx" ON "ReleaseTarget"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "ReleaseTarget_campaignId_state_priority_idx" ON "ReleaseTarget"("campaignId", "state", "priority");

-- AddForeignKey
ALTER TABLE "ReleaseTarget" ADD CONSTRAINT "ReleaseTarget_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "ReleaseCampaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

