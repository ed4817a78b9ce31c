-- AlterTable
ALTER TABLE "Authorizer" ADD COLUMN     "outsideInvitationAt" TIMESTAMP(3),
ADD COLUMN     "outsideInvitationReason" TEXT;

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "expiresAt" TIMESTAMP(3),
ADD COLUMN     "revokedReason" TEXT;

