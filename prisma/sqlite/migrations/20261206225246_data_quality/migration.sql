-- CreateTable
CREATE TABLE "DataQualityRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "jobKey" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "results" JSONB NOT NULL,
    "freshness" JSONB,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "DataQualityExample" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "check" TEXT NOT NULL,
    "customerId" INTEGER,
    "productId" INTEGER,
    "importId" TEXT,
    "rowId" INTEGER,
    "value" TEXT,
    CONSTRAINT "DataQualityExample_runId_fkey" FOREIGN KEY ("runId") REFERENCES "DataQualityRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "DataQualityRun_jobKey_key" ON "DataQualityRun"("jobKey");

-- CreateIndex
CREATE INDEX "DataQualityRun_finishedAt_idx" ON "DataQualityRun"("finishedAt");

-- CreateIndex
CREATE INDEX "DataQualityExample_runId_check_idx" ON "DataQualityExample"("runId", "check");

-- CreateIndex
CREATE INDEX "DataQualityExample_customerId_idx" ON "DataQualityExample"("customerId");
