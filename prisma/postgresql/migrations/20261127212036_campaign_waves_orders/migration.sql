-- AlterTable
ALTER TABLE "CampaignAssignment" ADD COLUMN     "wave" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "CampaignOutcome" ADD COLUMN     "orders" INTEGER NOT NULL DEFAULT 0;
