-- CreateTable
CREATE TABLE "PreAuthCode" (
    "codeHash" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "linkId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "spentAt" DATETIME,
    CONSTRAINT "PreAuthCode_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "AuthorizationLink" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "count" INTEGER NOT NULL DEFAULT 0,
    "windowEndsAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "PreAuthCode_linkId_createdAt_idx" ON "PreAuthCode"("linkId", "createdAt");

-- CreateIndex
CREATE INDEX "PreAuthCode_expiresAt_idx" ON "PreAuthCode"("expiresAt");

-- CreateIndex
CREATE INDEX "RateLimit_windowEndsAt_idx" ON "RateLimit"("windowEndsAt");

