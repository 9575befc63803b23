-- AlterTable
ALTER TABLE "ImportError" ADD COLUMN "reasonKey" TEXT;

-- CreateTable
CREATE TABLE "ProductCategory" (
    "productId" INTEGER NOT NULL,
    "categoryId" INTEGER NOT NULL,

    PRIMARY KEY ("productId", "categoryId"),
    CONSTRAINT "ProductCategory_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProductCategory_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ImportMappingMemory" (
    "kind" TEXT NOT NULL,
    "headerKey" TEXT NOT NULL,
    "mapping" JSONB NOT NULL,
    "ignore" JSONB,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("kind", "headerKey")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ImportJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "filePath" TEXT NOT NULL,
    "fileSize" INTEGER NOT NULL,
    "fileSha256" TEXT NOT NULL,
    "encoding" TEXT NOT NULL DEFAULT 'utf-8',
    "delimiter" TEXT NOT NULL DEFAULT ',',
    "mapping" JSONB,
    "options" JSONB,
    "status" TEXT NOT NULL DEFAULT 'uploaded',
    "cursorByte" INTEGER NOT NULL DEFAULT 0,
    "cursorLine" INTEGER NOT NULL DEFAULT 0,
    "rowsRead" INTEGER NOT NULL DEFAULT 0,
    "inserted" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "cleaning" JSONB,
    "error" TEXT,
    "jobId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "processingMs" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "ImportJob_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_ImportJob" ("cleaning", "createdAt", "createdById", "cursorByte", "cursorLine", "delimiter", "encoding", "error", "fileName", "filePath", "fileSha256", "fileSize", "finishedAt", "id", "inserted", "jobId", "kind", "mapping", "options", "rejected", "rowsRead", "startedAt", "status", "unchanged", "updated") SELECT "cleaning", "createdAt", "createdById", "cursorByte", "cursorLine", "delimiter", "encoding", "error", "fileName", "filePath", "fileSha256", "fileSize", "finishedAt", "id", "inserted", "jobId", "kind", "mapping", "options", "rejected", "rowsRead", "startedAt", "status", "unchanged", "updated" FROM "ImportJob";
DROP TABLE "ImportJob";
ALTER TABLE "new_ImportJob" RENAME TO "ImportJob";
CREATE INDEX "ImportJob_createdAt_idx" ON "ImportJob"("createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ProductCategory_categoryId_idx" ON "ProductCategory"("categoryId");

-- CreateIndex
CREATE INDEX "ImportError_importId_reasonKey_idx" ON "ImportError"("importId", "reasonKey");

-- Every product with a category is linked to it (its primary category).
INSERT INTO "ProductCategory" ("productId", "categoryId") SELECT "id", "categoryId" FROM "Product" WHERE "categoryId" IS NOT NULL;
