-- AlterTable
ALTER TABLE "Authorizer" ADD COLUMN     "refreshLeaseHolder" TEXT,
ADD COLUMN     "refreshLeaseUntil" TIMESTAMP(3);

