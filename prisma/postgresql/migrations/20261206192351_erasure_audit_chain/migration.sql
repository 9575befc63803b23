-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "hash" TEXT,
ADD COLUMN     "prevHash" TEXT,
ADD COLUMN     "seq" INTEGER;

-- CreateTable
CREATE TABLE "AuditChainHead" (
    "id" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuditChainHead_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ErasureReceipt" (
    "id" TEXT NOT NULL,
    "subjectRef" TEXT NOT NULL,
    "matchedBy" TEXT NOT NULL,
    "counts" JSONB NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "batchId" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ErasureReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ErasureRequest" (
    "id" SERIAL NOT NULL,
    "batchId" TEXT NOT NULL,
    "customerId" INTEGER,
    "receiptId" TEXT,
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "ErasureRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ErasureReceipt_at_idx" ON "ErasureReceipt"("at");

-- CreateIndex
CREATE INDEX "ErasureReceipt_batchId_idx" ON "ErasureReceipt"("batchId");

-- CreateIndex
CREATE INDEX "ErasureRequest_batchId_doneAt_idx" ON "ErasureRequest"("batchId", "doneAt");
