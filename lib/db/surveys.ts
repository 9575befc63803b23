import type { DbOrTx } from './transaction';

/** Surveys, their answers, and what the hosted survey page needs to know about the customer. */
export function createSurveyRow(
  db: DbOrTx,
  data: { campaignId: number; variantId: number | null; kind: string; allowComment: boolean },
) {
  return db.survey.create({ data });
}

export function surveysOfCampaign(db: DbOrTx, campaignId: number) {
  return db.survey.findMany({ where: { campaignId }, orderBy: { id: 'asc' } });
}

export function surveyWithCampaign(db: DbOrTx, id: number) {
  return db.survey.findUnique({
    where: { id },
    include: { campaign: { select: { id: true, name: true, status: true } } },
  });
}

export function surveyCustomer(db: DbOrTx, id: number) {
  return db.customer.findUnique({ where: { id }, select: { id: true, name: true, attributes: true, erasedAt: true } });
}

export function assignedVariant(db: DbOrTx, campaignId: number, customerId: number) {
  return db.campaignAssignment.findUnique({
    where: { campaignId_customerId: { campaignId, customerId } },
    select: { variantId: true, variant: { select: { recommendation: true, key: true } } },
  });
}

export function responseOf(db: DbOrTx, surveyId: number, customerId: number) {
  return db.surveyResponse.findUnique({ where: { surveyId_customerId: { surveyId, customerId } } });
}

export function insertResponse(
  db: DbOrTx,
  data: {
    surveyId: number;
    customerId: number;
    variantId: number | null;
    model: string | null;
    score: number;
    comment: string | null;
    answeredAt: Date;
  },
) {
  return db.surveyResponse.create({ data });
}

/** Changes an answer only while it is still inside its change window (the condition makes a late race lose). */
export async function updateResponse(
  db: DbOrTx,
  id: number,
  openSince: Date,
  data: { score: number; comment: string | null },
): Promise<boolean> {
  const r = await db.surveyResponse.updateMany({ where: { id, answeredAt: { gt: openSince } }, data });
  return r.count === 1;
}

/** Every answer to the campaign's surveys (no customer identifiers: scores, variant and model only). */
export function responsesOfCampaign(db: DbOrTx, campaignId: number) {
  return db.surveyResponse.findMany({
    where: { survey: { campaignId } },
    select: { surveyId: true, variantId: true, model: true, score: true, comment: true },
    orderBy: { id: 'asc' },
  });
}
