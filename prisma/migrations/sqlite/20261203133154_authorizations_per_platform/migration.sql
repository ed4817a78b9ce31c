-- authorizations_per_platform (sqlite): generated, then completed by hand (the end of the file).
-- Authorizer is keyed by (platformKey, appid): an account that authorized two platforms is two rows. Every existing
-- row is the default platform's ("").
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Authorizer" (
    "platformKey" TEXT NOT NULL DEFAULT '',
    "appid" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'official_account',
    "status" TEXT NOT NULL DEFAULT 'authorized',
    "statusReason" TEXT,
    "outsideInvitationReason" TEXT,
    "outsideInvitationAt" DATETIME,
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
    "lastUsedAt" DATETIME,
    "refreshLeaseHolder" TEXT,
    "refreshLeaseUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("platformKey", "appid")
);
INSERT INTO "new_Authorizer" ("accessToken", "accessTokenExpiresAt", "accessTokenHash", "accountStatus", "alias", "appid", "authorizedAt", "createdAt", "headImg", "kind", "lastErrcode", "lastRefreshAt", "lastRefreshError", "lastRefreshOk", "lastUsedAt", "nextRetryAt", "nickName", "outsideInvitationAt", "outsideInvitationReason", "principalName", "qrcodeUrl", "refreshFailures", "refreshLeaseHolder", "refreshLeaseUntil", "refreshToken", "serviceType", "status", "statusReason", "unauthorizedAt", "updatedAt", "userName", "verifyType") SELECT "accessToken", "accessTokenExpiresAt", "accessTokenHash", "accountStatus", "alias", "appid", "authorizedAt", "createdAt", "headImg", "kind", "lastErrcode", "lastRefreshAt", "lastRefreshError", "lastRefreshOk", "lastUsedAt", "nextRetryAt", "nickName", "outsideInvitationAt", "outsideInvitationReason", "principalName", "qrcodeUrl", "refreshFailures", "refreshLeaseHolder", "refreshLeaseUntil", "refreshToken", "serviceType", "status", "statusReason", "unauthorizedAt", "updatedAt", "userName", "verifyType" FROM "Authorizer";
DROP TABLE "Authorizer";
ALTER TABLE "new_Authorizer" RENAME TO "Authorizer";
CREATE INDEX "Authorizer_appid_idx" ON "Authorizer"("appid");
CREATE INDEX "Authorizer_status_accessTokenExpiresAt_idx" ON "Authorizer"("status", "accessTokenExpiresAt");
CREATE INDEX "Authorizer_status_lastUsedAt_idx" ON "Authorizer"("status", "lastUsedAt");
CREATE INDEX "Authorizer_accessTokenExpiresAt_idx" ON "Authorizer"("accessTokenExpiresAt");
CREATE INDEX "Authorizer_nickName_idx" ON "Authorizer"("nickName");
CREATE INDEX "Authorizer_principalName_idx" ON "Authorizer"("principalName");
CREATE INDEX "Authorizer_kind_idx" ON "Authorizer"("kind");
CREATE TABLE "new_AuthorizerScope" (
    "platformKey" TEXT NOT NULL DEFAULT '',
    "appid" TEXT NOT NULL,
    "scopeId" INTEGER NOT NULL,

    PRIMARY KEY ("platformKey", "appid", "scopeId"),
    CONSTRAINT "AuthorizerScope_platformKey_appid_fkey" FOREIGN KEY ("platformKey", "appid") REFERENCES "Authorizer" ("platformKey", "appid") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_AuthorizerScope" ("appid", "scopeId") SELECT "appid", "scopeId" FROM "AuthorizerScope";
DROP TABLE "AuthorizerScope";
ALTER TABLE "new_AuthorizerScope" RENAME TO "AuthorizerScope";
CREATE INDEX "AuthorizerScope_scopeId_idx" ON "AuthorizerScope"("scopeId");
CREATE TABLE "new_AuthorizationLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "token" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "platformKey" TEXT NOT NULL DEFAULT '',
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
INSERT INTO "new_AuthorizationLink" ("authType", "authorizerAppid", "bizAppid", "categoryIds", "createdAt", "createdById", "createdByLabel", "expiresAt", "id", "state", "token", "usedAt") SELECT "authType", "authorizerAppid", "bizAppid", "categoryIds", "createdAt", "createdById", "createdByLabel", "expiresAt", "id", "state", "token", "usedAt" FROM "AuthorizationLink";
DROP TABLE "AuthorizationLink";
ALTER TABLE "new_AuthorizationLink" RENAME TO "AuthorizationLink";
CREATE UNIQUE INDEX "AuthorizationLink_token_key" ON "AuthorizationLink"("token");
CREATE UNIQUE INDEX "AuthorizationLink_state_key" ON "AuthorizationLink"("state");
CREATE INDEX "AuthorizationLink_createdAt_idx" ON "AuthorizationLink"("createdAt");
CREATE TABLE "new_AuthorizerMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "platformKey" TEXT NOT NULL DEFAULT '',
    "appid" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "msgType" TEXT NOT NULL,
    "event" TEXT,
    "isKnownAppid" BOOLEAN NOT NULL,
    "sender" TEXT NOT NULL,
    "senderHint" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "fields" TEXT NOT NULL,
    "createTime" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answer" TEXT NOT NULL,
    "replyKind" TEXT NOT NULL
);
INSERT INTO "new_AuthorizerMessage" ("answer", "appid", "createTime", "dedupeKey", "event", "fields", "id", "isKnownAppid", "msgType", "receivedAt", "replyKind", "sender", "senderHint", "summary") SELECT "answer", "appid", "createTime", "dedupeKey", "event", "fields", "id", "isKnownAppid", "msgType", "receivedAt", "replyKind", "sender", "senderHint", "summary" FROM "AuthorizerMessage";
DROP TABLE "AuthorizerMessage";
ALTER TABLE "new_AuthorizerMessage" RENAME TO "AuthorizerMessage";
CREATE INDEX "AuthorizerMessage_receivedAt_idx" ON "AuthorizerMessage"("receivedAt");
CREATE INDEX "AuthorizerMessage_platformKey_appid_receivedAt_idx" ON "AuthorizerMessage"("platformKey", "appid", "receivedAt");
CREATE UNIQUE INDEX "AuthorizerMessage_platformKey_appid_dedupeKey_key" ON "AuthorizerMessage"("platformKey", "appid", "dedupeKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- By hand: SQLite rebuilt Authorizer, which dropped what hand-written migrations had put on it. The search triggers
-- come back for an appid shared by two platforms (one search row per appid: the account's names are the same), and
-- the list's sort indexes (20261201020339_authorizer_search_at_a_million, 20261201022945_list_index_tuning) as they were.
CREATE TRIGGER "Authorizer_search_ai" AFTER INSERT ON "Authorizer" BEGIN
  INSERT INTO "AuthorizerSearch"("appid", "text")
  VALUES (new."appid", new."appid" || ' ' || new."nickName" || ' ' || new."principalName" || ' ' || new."userName")
  ON CONFLICT ("appid") DO UPDATE SET "text" = excluded."text";
END;
CREATE TRIGGER "Authorizer_search_au" AFTER UPDATE OF "appid", "nickName", "principalName", "userName" ON "Authorizer"
WHEN old."appid" IS NOT new."appid" OR old."nickName" IS NOT new."nickName" OR old."principalName" IS NOT new."principalName"
  OR old."userName" IS NOT new."userName"
BEGIN
  UPDATE "AuthorizerSearch"
  SET "appid" = new."appid", "text" = new."appid" || ' ' || new."nickName" || ' ' || new."principalName" || ' ' || new."userName"
  WHERE "appid" = old."appid";
END;
CREATE TRIGGER "Authorizer_search_ad" AFTER DELETE ON "Authorizer"
WHEN NOT EXISTS (SELECT 1 FROM "Authorizer" WHERE "appid" = old."appid")
BEGIN
  DELETE FROM "AuthorizerSearch" WHERE "appid" = old."appid";
END;
CREATE INDEX "Authorizer_list_expiry_idx" ON "Authorizer"("accessTokenExpiresAt", "appid");
CREATE INDEX "Authorizer_list_recent_idx" ON "Authorizer"("authorizedAt" DESC, "appid");
CREATE INDEX "Authorizer_list_name_idx" ON "Authorizer"("nickName", "appid");
CREATE INDEX "Authorizer_list_status_recent_idx" ON "Authorizer"("status", "authorizedAt" DESC, "appid");
CREATE INDEX "Authorizer_list_status_name_idx" ON "Authorizer"("status", "nickName", "appid");
CREATE INDEX "Authorizer_list_kind_expiry_idx" ON "Authorizer"("kind", "accessTokenExpiresAt", "appid");
CREATE INDEX "Authorizer_list_kind_recent_idx" ON "Authorizer"("kind", "authorizedAt" DESC, "appid");
CREATE INDEX "Authorizer_list_kind_name_idx" ON "Authorizer"("kind", "nickName", "appid");
CREATE INDEX "Authorizer_list_status_kind_expiry_idx" ON "Authorizer"("status", "kind", "accessTokenExpiresAt", "appid");
