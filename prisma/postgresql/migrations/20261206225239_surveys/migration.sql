-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "consentAds" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Survey" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "variantId" INTEGER,
    "kind" TEXT NOT NULL,
    "allowComment" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Survey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyResponse" (
    "id" SERIAL NOT NULL,
    "surveyId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "variantId" INTEGER,
    "model" TEXT,
    "score" INTEGER NOT NULL,
    "comment" TEXT,
    "answeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SurveyResponse_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Survey_campaignId_idx" ON "Survey"("campaignId");

-- CreateIndex
CREATE INDEX "SurveyResponse_customerId_idx" ON "SurveyResponse"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyResponse_surveyId_customerId_key" ON "SurveyResponse"("surveyId", "customerId");

-- AddForeignKey
ALTER TABLE "Survey" ADD CONSTRAINT "Survey_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey"("id") ON DELETE CASCADE ON UPDATE CASCADE;
