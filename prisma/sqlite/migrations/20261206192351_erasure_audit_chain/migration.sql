-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN "hash" TEXT;
ALTER TABLE "AuditLog" ADD COLUMN "prevHash" TEXT;
ALTER TABLE "AuditLog" ADD COLUMN "seq" INTEGER;

-- CreateTable
CREATE TABLE "AuditChainHead" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ErasureReceipt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "subjectRef" TEXT NOT NULL,
    "matchedBy" TEXT NOT NULL,
    "counts" JSONB NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "batchId" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ErasureRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "batchId" TEXT NOT NULL,
    "customerId" INTEGER,
    "receiptId" TEXT,
    "doneAt" DATETIME
);

-- CreateIndex
CREATE INDEX "ErasureReceipt_at_idx" ON "ErasureReceipt"("at");

-- CreateIndex
CREATE INDEX "ErasureReceipt_batchId_idx" ON "ErasureReceipt"("batchId");

-- CreateIndex
CREATE INDEX "ErasureRequest_batchId_doneAt_idx" ON "ErasureRequest"("batchId", "doneAt");
