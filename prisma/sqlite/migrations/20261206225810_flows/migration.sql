-- CreateTable
CREATE TABLE "Flow" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "template" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "definition" JSONB NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "enabledAt" DATETIME,
    "eventCursor" INTEGER NOT NULL DEFAULT 0,
    "signupCursor" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Flow_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FlowEnrollment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "flowId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "windowKey" INTEGER NOT NULL,
    "arm" TEXT NOT NULL,
    "enteredAt" DATETIME NOT NULL,
    "stepIndex" INTEGER NOT NULL DEFAULT 0,
    "stepAt" DATETIME NOT NULL,
    "nextAt" DATETIME NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'active',
    "exitReason" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "FlowEnrollment_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FlowEnrollment_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FlowStepRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "enrollmentId" INTEGER NOT NULL,
    "stepIndex" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "detail" TEXT,
    CONSTRAINT "FlowStepRun_enrollmentId_fkey" FOREIGN KEY ("enrollmentId") REFERENCES "FlowEnrollment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Flow_campaignId_key" ON "Flow"("campaignId");

-- CreateIndex
CREATE INDEX "FlowEnrollment_state_nextAt_idx" ON "FlowEnrollment"("state", "nextAt");

-- CreateIndex
CREATE INDEX "FlowEnrollment_flowId_customerId_enteredAt_idx" ON "FlowEnrollment"("flowId", "customerId", "enteredAt");

-- CreateIndex
CREATE UNIQUE INDEX "FlowEnrollment_flowId_customerId_windowKey_key" ON "FlowEnrollment"("flowId", "customerId", "windowKey");

-- CreateIndex
CREATE UNIQUE INDEX "FlowStepRun_enrollmentId_stepIndex_key" ON "FlowStepRun"("enrollmentId", "stepIndex");

-- CreateIndex
CREATE INDEX "EmailSend_customerId_sentAt_idx" ON "EmailSend"("customerId", "sentAt");
