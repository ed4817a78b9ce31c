-- CreateTable
CREATE TABLE "PreAuthCode" (
    "codeHash" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "linkId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "spentAt" TIMESTAMP(3),

    CONSTRAINT "PreAuthCode_pkey" PRIMARY KEY ("codeHash")
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "windowEndsAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "PreAuthCode_linkId_createdAt_idx" ON "PreAuthCode"("linkId", "createdAt");

-- CreateIndex
CREATE INDEX "PreAuthCode_expiresAt_idx" ON "PreAuthCode"("expiresAt");

-- CreateIndex
CREATE INDEX "RateLimit_windowEndsAt_idx" ON "RateLimit"("windowEndsAt");

-- AddForeignKey
ALTER TABLE "PreAuthCode" ADD CONSTRAINT "PreAuthCode_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "AuthorizationLink"("id") ON DELETE CASCADE ON UPDATE CASCADE;

