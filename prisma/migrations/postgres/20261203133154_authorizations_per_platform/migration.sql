-- authorizations_per_platform (postgres): generated, then completed by hand (marked below).
-- Authorizer is keyed by (platformKey, appid): an account that authorized two platforms is two rows. Every existing
-- row is the default platform's (""): adding a column with a constant default rewrites nothing; the new primary key
-- is one index build (seconds at a million rows).

-- By hand: the search table's foreign key needs Authorizer's old primary key. It goes (the search trigger's upsert on
-- appid already holds one row per appid, whichever platforms hold it), and a trigger takes over its cascade: the
-- search row goes with the last authorization of its appid.
ALTER TABLE "AuthorizerSearch" DROP CONSTRAINT "AuthorizerSearch_appid_fkey";

CREATE FUNCTION "authorizer_search_forget"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "AuthorizerSearch" s
  WHERE s."appid" = OLD."appid" AND NOT EXISTS (SELECT 1 FROM "Authorizer" a WHERE a."appid" = OLD."appid");
  RETURN NULL;
END
$$;

CREATE TRIGGER "Authorizer_search_ad" AFTER DELETE ON "Authorizer"
FOR EACH ROW EXECUTE FUNCTION "authorizer_search_forget"();

-- DropForeignKey
ALTER TABLE "AuthorizerScope" DROP CONSTRAINT "AuthorizerScope_appid_fkey";

-- DropIndex
DROP INDEX "AuthorizerMessage_appid_receivedAt_idx";

-- DropIndex
DROP INDEX "AuthorizerMessage_appid_dedupeKey_key";

-- AlterTable
ALTER TABLE "Authorizer" DROP CONSTRAINT "Authorizer_pkey",
ADD COLUMN     "platformKey" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "Authorizer_pkey" PRIMARY KEY ("platformKey", "appid");

-- AlterTable
ALTER TABLE "AuthorizerScope" DROP CONSTRAINT "AuthorizerScope_pkey",
ADD COLUMN     "platformKey" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "AuthorizerScope_pkey" PRIMARY KEY ("platformKey", "appid", "scopeId");

-- AlterTable
ALTER TABLE "AuthorizationLink" ADD COLUMN     "platformKey" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "AuthorizerMessage" ADD COLUMN     "platformKey" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "Authorizer_appid_idx" ON "Authorizer"("appid");

-- CreateIndex
CREATE INDEX "AuthorizerMessage_platformKey_appid_receivedAt_idx" ON "AuthorizerMessage"("platformKey", "appid", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AuthorizerMessage_platformKey_appid_dedupeKey_key" ON "AuthorizerMessage"("platformKey", "appid", "dedupeKey");

-- AddForeignKey
ALTER TABLE "AuthorizerScope" ADD CONSTRAINT "AuthorizerScope_platformKey_appid_fkey" FOREIGN KEY ("platformKey", "appid") REFERENCES "Authorizer"("platformKey", "appid") ON DELETE CASCADE ON UPDATE CASCADE;

