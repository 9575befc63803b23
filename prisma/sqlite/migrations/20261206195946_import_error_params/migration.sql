-- AlterTable
ALTER TABLE "ImportError" ADD COLUMN "params" TEXT;
