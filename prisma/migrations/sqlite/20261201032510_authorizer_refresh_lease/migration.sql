-- AlterTable
ALTER TABLE "Authorizer" ADD COLUMN "refreshLeaseHolder" TEXT;
ALTER TABLE "Authorizer" ADD COLUMN "refreshLeaseUntil" DATETIME;

