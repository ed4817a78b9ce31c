-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "platforms" TEXT;

