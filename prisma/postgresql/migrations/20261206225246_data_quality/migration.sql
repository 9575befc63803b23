-- CreateTable
CREATE TABLE "DataQualityRun" (
    "id" SERIAL NOT NULL,
    "jobKey" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "results" JSONB NOT NULL,
    "freshness" JSONB,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "DataQualityRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataQualityExample" (
    "id" SERIAL NOT NULL,
    "runId" INTEGER NOT NULL,
    "check" TEXT NOT NULL,
    "customerId" INTEGER,
    "productId" INTEGER,
    "importId" TEXT,
    "rowId" INTEGER,
    "value" TEXT,

    CONSTRAINT "DataQualityExample_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DataQualityRun_jobKey_key" ON "DataQualityRun"("jobKey");

-- CreateIndex
CREATE INDEX "DataQualityRun_finishedAt_idx" ON "DataQualityRun"("finishedAt");

-- CreateIndex
CREATE INDEX "DataQualityExample_runId_check_idx" ON "DataQualityExample"("runId", "check");

-- CreateIndex
CREATE INDEX "DataQualityExample_customerId_idx" ON "DataQualityExample"("customerId");

-- AddForeignKey
ALTER TABLE "DataQualityExample" ADD CONSTRAINT "DataQualityExample_runId_fkey" FOREIGN KEY ("runId") REFERENCES "DataQualityRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
