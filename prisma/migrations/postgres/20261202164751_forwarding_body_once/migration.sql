-- CreateTable
CREATE TABLE "DeliveryBody" (
    "id" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "isEnvelope" BOOLEAN NOT NULL DEFAULT false,
    "contentType" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeliveryBody_pkey" PRIMARY KEY ("id")
);

-- Existing deliveries keep their bodies: one body each, its id the delivery's publicId (already sent as it is: not an envelope)
INSERT INTO "DeliveryBody" ("id", "content", "isEnvelope", "contentType", "createdAt")
SELECT "publicId", "body", false, "contentType", "createdAt" FROM "Delivery";

-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN "bodyId" TEXT;
UPDATE "Delivery" SET "bodyId" = "publicId";
ALTER TABLE "Delivery" ALTER COLUMN "bodyId" SET NOT NULL,
DROP COLUMN "body",
DROP COLUMN "contentType";

-- CreateIndex
CREATE INDEX "DeliveryBody_createdAt_idx" ON "DeliveryBody"("createdAt");

-- CreateIndex
CREATE INDEX "Delivery_bodyId_idx" ON "Delivery"("bodyId");

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_bodyId_fkey" FOREIGN KEY ("bodyId") REFERENCES "DeliveryBody"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
