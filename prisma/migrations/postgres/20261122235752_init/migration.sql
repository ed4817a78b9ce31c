-- CreateTable
CREATE TABLE "VerifyTicket" (
    "id" SERIAL NOT NULL,
    "ticket" TEXT NOT NULL,
    "createTime" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VerifyTicket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComponentToken" (
    "componentAppid" TEXT NOT NULL,
    "accessToken" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "fetchedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ComponentToken_pkey" PRIMARY KEY ("componentAppid")
);

-- CreateTable
CREATE TABLE "Lease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Lease_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "Authorizer" (
    "appid" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'official_account',
    "status" TEXT NOT NULL DEFAULT 'authorized',
    "statusReason" TEXT,
    "nickName" TEXT NOT NULL DEFAULT '',
    "headImg" TEXT NOT NULL DEFAULT '',
    "userName" TEXT NOT NULL DEFAULT '',
    "principalName" TEXT NOT NULL DEFAULT '',
    "alias" TEXT NOT NULL DEFAULT '',
    "serviceType" INTEGER,
    "verifyType" INTEGER,
    "qrcodeUrl" TEXT NOT NULL DEFAULT '',
    "accountStatus" INTEGER,
    "accessToken" TEXT,
    "accessTokenHash" TEXT,
    "accessTokenExpiresAt" TIMESTAMP(3),
    "refreshToken" TEXT,
    "authorizedAt" TIMESTAMP(3),
    "unauthorizedAt" TIMESTAMP(3),
    "lastRefreshAt" TIMESTAMP(3),
    "lastRefreshOk" BOOLEAN,
    "lastRefreshError" TEXT,
    "lastErrcode" INTEGER,
    "refreshFailures" INTEGER NOT NULL DEFAULT 0,
    "nextRetryAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Authorizer_pkey" PRIMARY KEY ("appid")
);

-- CreateTable
CREATE TABLE "AuthorizerScope" (
    "appid" TEXT NOT NULL,
    "scopeId" INTEGER NOT NULL,

    CONSTRAINT "AuthorizerScope_pkey" PRIMARY KEY ("appid","scopeId")
);

-- CreateTable
CREATE TABLE "AuthorizationLink" (
    "id" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "authType" INTEGER NOT NULL,
    "bizAppid" TEXT,
    "categoryIds" TEXT,
    "createdById" TEXT,
    "createdByLabel" TEXT NOT NULL DEFAULT '',
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "authorizerAppid" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuthorizationLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuthCodeClaim" (
    "codeHash" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "appid" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "AuthCodeClaim_pkey" PRIMARY KEY ("codeHash")
);

-- CreateTable
CREATE TABLE "Event" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "appid" TEXT,
    "outcome" TEXT NOT NULL DEFAULT 'ok',
    "errcode" INTEGER,
    "message" TEXT NOT NULL DEFAULT '',
    "detail" TEXT,
    "actor" TEXT,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'operator',
    "disabledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastLoginAt" TIMESTAMP(3),

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lastFailure" TIMESTAMP(3),
    "lockedUntil" TIMESTAMP(3),

    CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SweepRun" (
    "id" SERIAL NOT NULL,
    "instance" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "selected" INTEGER NOT NULL DEFAULT 0,
    "refreshed" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SweepRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "VerifyTicket_receivedAt_idx" ON "VerifyTicket"("receivedAt");

-- CreateIndex
CREATE INDEX "Authorizer_status_accessTokenExpiresAt_idx" ON "Authorizer"("status", "accessTokenExpiresAt");

-- CreateIndex
CREATE INDEX "Authorizer_accessTokenExpiresAt_idx" ON "Authorizer"("accessTokenExpiresAt");

-- CreateIndex
CREATE INDEX "Authorizer_nickName_idx" ON "Authorizer"("nickName");

-- CreateIndex
CREATE INDEX "Authorizer_principalName_idx" ON "Authorizer"("principalName");

-- CreateIndex
CREATE INDEX "Authorizer_kind_idx" ON "Authorizer"("kind");

-- CreateIndex
CREATE INDEX "AuthorizerScope_scopeId_idx" ON "AuthorizerScope"("scopeId");

-- CreateIndex
CREATE UNIQUE INDEX "AuthorizationLink_token_key" ON "AuthorizationLink"("token");

-- CreateIndex
CREATE UNIQUE INDEX "AuthorizationLink_state_key" ON "AuthorizationLink"("state");

-- CreateIndex
CREATE INDEX "AuthorizationLink_createdAt_idx" ON "AuthorizationLink"("createdAt");

-- CreateIndex
CREATE INDEX "Event_at_idx" ON "Event"("at");

-- CreateIndex
CREATE INDEX "Event_appid_at_idx" ON "Event"("appid", "at");

-- CreateIndex
CREATE INDEX "Event_kind_at_idx" ON "Event"("kind", "at");

-- CreateIndex
CREATE INDEX "Event_outcome_at_idx" ON "Event"("outcome", "at");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "SweepRun_startedAt_idx" ON "SweepRun"("startedAt");

-- AddForeignKey
ALTER TABLE "AuthorizerScope" ADD CONSTRAINT "AuthorizerScope_appid_fkey" FOREIGN KEY ("appid") REFERENCES "Authorizer"("appid") ON DELETE CASCADE ON UPDATE CASCADE;

