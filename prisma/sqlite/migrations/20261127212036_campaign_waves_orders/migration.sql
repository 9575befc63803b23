-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CampaignAssignment" (
    "campaignId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "variantId" INTEGER NOT NULL,
    "assignedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "exposedAt" DATETIME,
    "exposures" INTEGER NOT NULL DEFAULT 0,
    "wave" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("campaignId", "customerId"),
    CONSTRAINT "CampaignAssignment_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CampaignAssignment_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CampaignAssignment_variantId_fkey" FOREIGN KEY ("variantId") REFERENCES "CampaignVariant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_CampaignAssignment" ("assignedAt", "campaignId", "customerId", "exposedAt", "exposures", "variantId") SELECT "assignedAt", "campaignId", "customerId", "exposedAt", "exposures", "variantId" FROM "CampaignAssignment";
DROP TABLE "CampaignAssignment";
ALTER TABLE "new_CampaignAssignment" RENAME TO "CampaignAssignment";
CREATE INDEX "CampaignAssignment_variantId_idx" ON "CampaignAssignment"("variantId");
CREATE INDEX "CampaignAssignment_customerId_idx" ON "CampaignAssignment"("customerId");
CREATE TABLE "new_CampaignOutcome" (
    "campaignId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "variantId" INTEGER NOT NULL,
    "opened" BOOLEAN NOT NULL DEFAULT false,
    "clicked" BOOLEAN NOT NULL DEFAULT false,
    "converted" BOOLEAN NOT NULL DEFAULT false,
    "revenue" REAL NOT NULL DEFAULT 0,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "preMetric" REAL,
    "convertedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("campaignId", "customerId"),
    CONSTRAINT "CampaignOutcome_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_CampaignOutcome" ("campaignId", "clicked", "converted", "convertedAt", "customerId", "opened", "preMetric", "revenue", "updatedAt", "variantId") SELECT "campaignId", "clicked", "converted", "convertedAt", "customerId", "opened", "preMetric", "revenue", "updatedAt", "variantId" FROM "CampaignOutcome";
DROP TABLE "CampaignOutcome";
ALTER TABLE "new_CampaignOutcome" RENAME TO "CampaignOutcome";
CREATE INDEX "CampaignOutcome_campaignId_variantId_idx" ON "CampaignOutcome"("campaignId", "variantId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
