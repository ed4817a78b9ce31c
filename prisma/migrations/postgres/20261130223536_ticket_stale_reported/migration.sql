-- AlterTable
ALTER TABLE "VerifyTicket" ADD COLUMN     "staleReportedAt" TIMESTAMP(3);

