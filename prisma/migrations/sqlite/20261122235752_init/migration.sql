-- CreateTable
CREATE TABLE "VerifyTicket" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ticket" TEXT NOT NULL,
    "createTime" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ComponentToken" (
    "componentAppid" TEXT NOT NULL PRIMARY KEY,
    "accessToken" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "fetchedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Lease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Authorizer" (
    "appid" TEXT NOT NULL PRIMARY KEY,
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
    "accessTokenExpiresAt" DATETIME,
    "refreshToken" TEXT,
    "authorizedAt" DATETIME,
    "unauthorizedAt" DATETIME,
    "lastRefreshAt" DATETIME,
    "lastRefreshOk" BOOLEAN,
    "lastRefreshError" TEXT,
    "lastErrcode" INTEGER,
    "refreshFailures" INTEGER NOT NULL DEFAULT 0,
    "nextRetryAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AuthorizerScope" (
    "appid" TEXT NOT NULL,
    "scopeId" INTEGER NOT NULL,

    PRIMARY KEY ("appid", "scopeId"),
    CONSTRAINT "AuthorizerScope_appid_fkey" FOREIGN KEY ("appid") REFERENCES "Authorizer" ("appid") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuthorizationLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "token" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "authType" INTEGER NOT NULL,
    "bizAppid" TEXT,
    "categoryIds" TEXT,
    "createdById" TEXT,
    "createdByLabel" TEXT NOT NULL DEFAULT '',
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "authorizerAppid" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AuthCodeClaim" (
    "codeHash" TEXT NOT NULL PRIMARY KEY,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "appid" TEXT,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "doneAt" DATETIME
);

-- CreateTable
CREATE TABLE "Event" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "appid" TEXT,
    "outcome" TEXT NOT NULL DEFAULT 'ok',
    "errcode" INTEGER,
    "message" TEXT NOT NULL DEFAULT '',
    "detail" TEXT,
    "actor" TEXT
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'operator',
    "disabledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastLoginAt" DATETIME
);

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lastFailure" DATETIME,
    "lockedUntil" DATETIME
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME
);

-- CreateTable
CREATE TABLE "SweepRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "instance" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "selected" INTEGER NOT NULL DEFAULT 0,
    "refreshed" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0
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

