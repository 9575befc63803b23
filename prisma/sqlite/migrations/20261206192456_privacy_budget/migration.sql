-- CreateTable
CREATE TABLE "PrivacyBudget" (
    "period" TEXT NOT NULL PRIMARY KEY,
    "limitMilli" INTEGER NOT NULL,
    "spentMilli" INTEGER NOT NULL DEFAULT 0,
    "releases" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PrivacyRelease" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "period" TEXT NOT NULL,
    "queryKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "query" JSONB NOT NULL,
    "epsilon" REAL NOT NULL,
    "values" JSONB NOT NULL,
    "actorId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "PrivacyRelease_createdAt_idx" ON "PrivacyRelease"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PrivacyRelease_period_queryKey_key" ON "PrivacyRelease"("period", "queryKey");
