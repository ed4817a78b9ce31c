-- AlterTable
ALTER TABLE "Authorizer" ADD COLUMN "outsideInvitationAt" DATETIME;
ALTER TABLE "Authorizer" ADD COLUMN "outsideInvitationReason" TEXT;

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN "expiresAt" DATETIME;
ALTER TABLE "ApiKey" ADD COLUMN "revokedReason" TEXT;

