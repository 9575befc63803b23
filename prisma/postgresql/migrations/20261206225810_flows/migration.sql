-- CreateTable
CREATE TABLE "Flow" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "template" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "definition" JSONB NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "enabledAt" TIMESTAMP(3),
    "eventCursor" INTEGER NOT NULL DEFAULT 0,
    "signupCursor" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Flow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FlowEnrollment" (
    "id" SERIAL NOT NULL,
    "flowId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "windowKey" INTEGER NOT NULL,
    "arm" TEXT NOT NULL,
    "enteredAt" TIMESTAMP(3) NOT NULL,
    "stepIndex" INTEGER NOT NULL DEFAULT 0,
    "stepAt" TIMESTAMP(3) NOT NULL,
    "nextAt" TIMESTAMP(3) NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'active',
    "exitReason" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FlowEnrollment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FlowStepRun" (
    "id" SERIAL NOT NULL,
    "enrollmentId" INTEGER NOT NULL,
    "stepIndex" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "detail" TEXT,

    CONSTRAINT "FlowStepRun_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "Flow" ADD CONSTRAINT "Flow_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlowEnrollment" ADD CONSTRAINT "FlowEnrollment_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlowEnrollment" ADD CONSTRAINT "FlowEnrollment_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlowStepRun" ADD CONSTRAINT "FlowStepRun_enrollmentId_fkey" FOREIGN KEY ("enrollmentId") REFERENCES "FlowEnrollment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
