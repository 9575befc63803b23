-- CreateTable
CREATE TABLE "Survey" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "variantId" INTEGER,
    "kind" TEXT NOT NULL,
    "allowComment" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Survey_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SurveyResponse" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "surveyId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "variantId" INTEGER,
    "model" TEXT,
    "score" INTEGER NOT NULL,
    "comment" TEXT,
    "answeredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SurveyResponse_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Customer" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "externalId" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "gender" TEXT,
    "birthYear" INTEGER,
    "region" TEXT,
    "city" TEXT,
    "signupAt" DATETIME,
    "consentEmail" BOOLEAN NOT NULL DEFAULT false,
    "consentSms" BOOLEAN NOT NULL DEFAULT false,
    "consentPush" BOOLEAN NOT NULL DEFAULT false,
    "consentAds" BOOLEAN NOT NULL DEFAULT false,
    "consentUpdatedAt" DATETIME,
    "attributes" JSONB,
    "erasedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Customer" ("attributes", "birthYear", "city", "consentEmail", "consentPush", "consentSms", "consentUpdatedAt", "createdAt", "email", "erasedAt", "externalId", "gender", "id", "name", "phone", "region", "signupAt", "updatedAt") SELECT "attributes", "birthYear", "city", "consentEmail", "consentPush", "consentSms", "consentUpdatedAt", "createdAt", "email", "erasedAt", "externalId", "gender", "id", "name", "phone", "region", "signupAt", "updatedAt" FROM "Customer";
DROP TABLE "Customer";
ALTER TABLE "new_Customer" RENAME TO "Customer";
CREATE UNIQUE INDEX "Customer_externalId_key" ON "Customer"("externalId");
CREATE INDEX "Customer_region_idx" ON "Customer"("region");
CREATE INDEX "Customer_signupAt_idx" ON "Customer"("signupAt");
CREATE INDEX "Customer_updatedAt_idx" ON "Customer"("updatedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Survey_campaignId_idx" ON "Survey"("campaignId");

-- CreateIndex
CREATE INDEX "SurveyResponse_customerId_idx" ON "SurveyResponse"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyResponse_surveyId_customerId_key" ON "SurveyResponse"("surveyId", "customerId");
