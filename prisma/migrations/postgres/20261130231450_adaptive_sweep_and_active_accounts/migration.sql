-- AlterTable
ALTER TABLE "Authorizer" ADD COLUMN     "lastUsedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "SweepRun" ADD COLUMN     "concurrency" INTEGER,
ADD COLUMN     "latencyMs" INTEGER,
ADD COLUMN     "maxPerSecond" DOUBLE PRECISION,
ADD COLUMN     "requiredPerSecond" DOUBLE PRECISION;

-- CreateIndex
CREATE INDEX "Authorizer_status_lastUsedAt_idx" ON "Authorizer"("status", "lastUsedAt");

