-- AlterTable
ALTER TABLE "VerifyTicket" ADD COLUMN "staleReportedAt" DATETIME;

