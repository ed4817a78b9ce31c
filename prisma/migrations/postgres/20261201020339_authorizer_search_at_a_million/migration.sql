-- authorizer_search_at_a_million (postgres): hand-written, outside prisma/schema.prisma
-- Search by name, principal, appid or user name at a million accounts. Each account's searchable text is kept in
-- AuthorizerSearch by a trigger (only when those columns change, so a token refresh never touches the trigram
-- index), with a pg_trgm GIN index that answers ILIKE '%text%' (3 characters or more) from the index.
-- lib/platform/directory/find-search-candidates.ts reads it. pg_trgm ships with PostgreSQL and is a trusted
-- extension: the database's owner may create it.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE "AuthorizerSearch" (
    "appid" TEXT NOT NULL PRIMARY KEY REFERENCES "Authorizer"("appid") ON DELETE CASCADE ON UPDATE CASCADE,
    "text" TEXT NOT NULL
);

CREATE FUNCTION "authorizer_search_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "AuthorizerSearch"("appid", "text")
  VALUES (NEW."appid", NEW."appid" || ' ' || NEW."nickName" || ' ' || NEW."principalName" || ' ' || NEW."userName")
  ON CONFLICT ("appid") DO UPDATE SET "text" = EXCLUDED."text";
  RETURN NULL;
END
$$;

CREATE TRIGGER "Authorizer_search_ai" AFTER INSERT ON "Authorizer"
FOR EACH ROW EXECUTE FUNCTION "authorizer_search_sync"();
CREATE TRIGGER "Authorizer_search_au" AFTER UPDATE OF "appid", "nickName", "principalName", "userName" ON "Authorizer"
FOR EACH ROW
WHEN (OLD."appid" IS DISTINCT FROM NEW."appid" OR OLD."nickName" IS DISTINCT FROM NEW."nickName"
  OR OLD."principalName" IS DISTINCT FROM NEW."principalName" OR OLD."userName" IS DISTINCT FROM NEW."userName")
EXECUTE FUNCTION "authorizer_search_sync"();

INSERT INTO "AuthorizerSearch"("appid", "text")
SELECT "appid", "appid" || ' ' || "nickName" || ' ' || "principalName" || ' ' || "userName" FROM "Authorizer";

CREATE INDEX "AuthorizerSearch_text_trgm_idx" ON "AuthorizerSearch" USING gin ("text" gin_trgm_ops);

-- The list's sorts, each with the appid that breaks ties, so a page is read off an index: soonest expiry first with
-- missing tokens first, newest authorization first with the never-authorized last.
CREATE INDEX "Authorizer_list_expiry_idx" ON "Authorizer"("accessTokenExpiresAt" ASC NULLS FIRST, "appid");
CREATE INDEX "Authorizer_list_recent_idx" ON "Authorizer"("authorizedAt" DESC NULLS LAST, "appid");
CREATE INDEX "Authorizer_list_name_idx" ON "Authorizer"("nickName", "appid");
