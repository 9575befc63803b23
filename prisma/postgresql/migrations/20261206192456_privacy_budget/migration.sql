-- CreateTable
CREATE TABLE "PrivacyBudget" (
    "period" TEXT NOT NULL,
    "limitMilli" INTEGER NOT NULL,
    "spentMilli" INTEGER NOT NULL DEFAULT 0,
    "releases" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PrivacyBudget_pkey" PRIMARY KEY ("period")
);

-- CreateTable
CREATE TABLE "PrivacyRelease" (
    "id" SERIAL NOT NULL,
    "period" TEXT NOT NULL,
    "queryKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "query" JSONB NOT NULL,
    "epsilon" DOUBLE PRECISION NOT NULL,
    "values" JSONB NOT NULL,
    "actorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PrivacyRelease_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PrivacyRelease_createdAt_idx" ON "PrivacyRelease"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PrivacyRelease_period_queryKey_key" ON "PrivacyRelease"("period", "queryKey");
