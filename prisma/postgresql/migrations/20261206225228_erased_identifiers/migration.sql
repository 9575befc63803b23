-- CreateTable
CREATE TABLE "ErasedIdentifier" (
    "pseudonym" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "erasedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ErasedIdentifier_pkey" PRIMARY KEY ("pseudonym")
);
