-- authorizer_search_at_a_million (sqlite): hand-written, outside prisma/schema.prisma
-- Search by name, principal, appid or user name at a million accounts. Each account's searchable text is kept in
-- AuthorizerSearch by triggers (only when those columns change, never on a token refresh), and indexed by an FTS5
-- table with the trigram tokenizer, which answers LIKE '%text%' (3 characters or more) from the index.
-- lib/platform/directory/find-search-candidates.ts reads it.

CREATE TABLE "AuthorizerSearch" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "appid" TEXT NOT NULL,
    "text" TEXT NOT NULL
);
CREATE UNIQUE INDEX "AuthorizerSearch_appid_key" ON "AuthorizerSearch"("appid");

CREATE VIRTUAL TABLE "AuthorizerSearchIndex" USING fts5("text", content = 'AuthorizerSearch', content_rowid = 'id', tokenize = 'trigram');

-- The FTS5 external-content triggers: the index follows AuthorizerSearch.
CREATE TRIGGER "AuthorizerSearch_ai" AFTER INSERT ON "AuthorizerSearch" BEGIN
  INSERT INTO "AuthorizerSearchIndex"(rowid, "text") VALUES (new."id", new."text");
END;
CREATE TRIGGER "AuthorizerSearch_ad" AFTER DELETE ON "AuthorizerSearch" BEGIN
  INSERT INTO "AuthorizerSearchIndex"("AuthorizerSearchIndex", rowid, "text") VALUES ('delete', old."id", old."text");
END;
CREATE TRIGGER "AuthorizerSearch_au" AFTER UPDATE ON "AuthorizerSearch" BEGIN
  INSERT INTO "AuthorizerSearchIndex"("AuthorizerSearchIndex", rowid, "text") VALUES ('delete', old."id", old."text");
  INSERT INTO "AuthorizerSearchIndex"(rowid, "text") VALUES (new."id", new."text");
END;

-- AuthorizerSearch follows Authorizer.
CREATE TRIGGER "Authorizer_search_ai" AFTER INSERT ON "Authorizer" BEGIN
  INSERT INTO "AuthorizerSearch"("appid", "text")
  VALUES (new."appid", new."appid" || ' ' || new."nickName" || ' ' || new."principalName" || ' ' || new."userName");
END;
CREATE TRIGGER "Authorizer_search_au" AFTER UPDATE OF "appid", "nickName", "principalName", "userName" ON "Authorizer"
WHEN old."appid" IS NOT new."appid" OR old."nickName" IS NOT new."nickName" OR old."principalName" IS NOT new."principalName"
  OR old."userName" IS NOT new."userName"
BEGIN
  UPDATE "AuthorizerSearch"
  SET "appid" = new."appid", "text" = new."appid" || ' ' || new."nickName" || ' ' || new."principalName" || ' ' || new."userName"
  WHERE "appid" = old."appid";
END;
CREATE TRIGGER "Authorizer_search_ad" AFTER DELETE ON "Authorizer" BEGIN
  DELETE FROM "AuthorizerSearch" WHERE "appid" = old."appid";
END;

INSERT INTO "AuthorizerSearch"("appid", "text")
SELECT "appid", "appid" || ' ' || "nickName" || ' ' || "principalName" || ' ' || "userName" FROM "Authorizer";

-- The list's sorts, each with the appid that breaks ties, so a page is read off an index: soonest expiry first with
-- missing tokens first (SQLite's ascending order), newest authorization first. SQLite plans without the page's
-- LIMIT (Prisma binds it), so given `status = ?` or `kind = ?` it sorts every matching row rather than walk a sort
-- index; each filter therefore gets its own index per sort. (Postgres plans with the LIMIT and needs none of these,
-- and every index there costs a write on each token refresh.)
CREATE INDEX "Authorizer_list_expiry_idx" ON "Authorizer"("accessTokenExpiresAt", "appid");
CREATE INDEX "Authorizer_list_recent_idx" ON "Authorizer"("authorizedAt" DESC, "appid");
CREATE INDEX "Authorizer_list_name_idx" ON "Authorizer"("nickName", "appid");
CREATE INDEX "Authorizer_list_status_recent_idx" ON "Authorizer"("status", "authorizedAt" DESC, "appid");
CREATE INDEX "Authorizer_list_status_name_idx" ON "Authorizer"("status", "nickName", "appid");
CREATE INDEX "Authorizer_list_kind_expiry_idx" ON "Authorizer"("kind", "accessTokenExpiresAt", "appid");
CREATE INDEX "Authorizer_list_kind_recent_idx" ON "Authorizer"("kind", "authorizedAt" DESC, "appid");
CREATE INDEX "Authorizer_list_kind_name_idx" ON "Authorizer"("kind", "nickName", "appid");
