-- AlterTable
ALTER TABLE "Authorizer" ADD COLUMN "lastUsedAt" DATETIME;

-- AlterTable
ALTER TABLE "SweepRun" ADD COLUMN "concurrency" INTEGER;
ALTER TABLE "SweepRun" ADD COLUMN "latencyMs" INTEGER;
ALTER TABLE "SweepRun" ADD COLUMN "maxPerSecond" REAL;
ALTER TABLE "SweepRun" ADD COLUMN "requiredPerSecond" REAL;

-- CreateIndex
CREATE INDEX "Authorizer_status_lastUsedAt_idx" ON "Authorizer"("status", "lastUsedAt");

