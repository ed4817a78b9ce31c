-- A message whose answer was never stored (its process died mid-way; WeChat's retries are long over) has nothing to keep.
DELETE FROM "AuthorizerMessage" WHERE "answer" IS NULL OR "replyKind" IS NULL;

-- AlterTable
ALTER TABLE "AuthorizerMessage" DROP COLUMN "status",
ALTER COLUMN "answer" SET NOT NULL,
ALTER COLUMN "replyKind" SET NOT NULL;

