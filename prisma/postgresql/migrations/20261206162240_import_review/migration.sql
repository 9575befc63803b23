-- AlterTable
ALTER TABLE "ImportJob" ADD COLUMN     "processingMs" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ImportError" ADD COLUMN     "reasonKey" TEXT;

-- CreateTable
CREATE TABLE "ProductCategory" (
    "productId" INTEGER NOT NULL,
    "categoryId" INTEGER NOT NULL,

    CONSTRAINT "ProductCategory_pkey" PRIMARY KEY ("productId","categoryId")
);

-- CreateTable
CREATE TABLE "ImportMappingMemory" (
    "kind" TEXT NOT NULL,
    "headerKey" TEXT NOT NULL,
    "mapping" JSONB NOT NULL,
    "ignore" JSONB,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImportMappingMemory_pkey" PRIMARY KEY ("kind","headerKey")
);

-- CreateIndex
CREATE INDEX "ProductCategory_categoryId_idx" ON "ProductCategory"("categoryId");

-- CreateIndex
CREATE INDEX "ImportError_importId_reasonKey_idx" ON "ImportError"("importId", "reasonKey");

-- AddForeignKey
ALTER TABLE "ProductCategory" ADD CONSTRAINT "ProductCategory_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductCategory" ADD CONSTRAINT "ProductCategory_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every product with a category is linked to it (its primary category).
INSERT INTO "ProductCategory" ("productId", "categoryId") SELECT "id", "categoryId" FROM "Product" WHERE "categoryId" IS NOT NULL;
