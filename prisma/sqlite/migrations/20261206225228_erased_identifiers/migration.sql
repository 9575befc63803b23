-- CreateTable
CREATE TABLE "ErasedIdentifier" (
    "pseudonym" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "erasedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
