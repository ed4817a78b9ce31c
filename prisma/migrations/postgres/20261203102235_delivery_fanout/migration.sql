-- CreateTable
CREATE TABLE "DeliveryFanout" (
    "id" SERIAL NOT NULL,
    "bodyId" TEXT NOT NULL,
    "appid" TEXT NOT NULL DEFAULT '',
    "type" TEXT NOT NULL,
    "ruleIds" TEXT NOT NULL,
    "giveUpAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeliveryFanout_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DeliveryFanout_bodyId_idx" ON "DeliveryFanout"("bodyId");

-- AddForeignKey
ALTER TABLE "DeliveryFanout" ADD CONSTRAINT "DeliveryFanout_bodyId_fkey" FOREIGN KEY ("bodyId") REFERENCES "DeliveryBody"("id") ON DELETE CASCADE ON UPDATE CASCADE;

