import 'server-only';
import { db } from '@/lib/db/client';
import { getServingRun } from '@/lib/db/recommendations/runs';
import { assignedVariant, surveyCustomer, surveyWithCampaign } from '@/lib/db/surveys';
import { HOLDOUT_KEY } from '@/lib/engine/campaign';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { type SurveyToken, surveyTokenSchema } from '@/lib/schemas/survey';
import { signToken, verifyToken } from '@/lib/security/secret-box';
import { loadSmtp } from '../email/smtp';

const PURPOSE = 'survey-answer';
/** How long an invitation stays valid after it was issued. */
export const LINK_VALID_MS = 60 * 86_400_000;

const secret = () => env().NEXTAUTH_SECRET;

export function signSurvey(t: SurveyToken): string {
  return signToken(t, secret(), PURPOSE);
}

/** The token's survey and customer; a forged or malformed token is 404, an expired one 409 with its own message. */
export function readSurvey(token: string, now = Date.now()): SurveyToken {
  const parsed = surveyTokenSchema.safeParse(verifyToken(token, secret(), PURPOSE));
  if (!parsed.success) throw new AppError('NOT_FOUND', 'surveys.errors.badLink');
  if (parsed.data.e * 1000 < now) throw new AppError('CONFLICT', 'surveys.errors.expired');
  return parsed.data;
}

/** The token of an invitation issued now (the model is the one that filled the message's products block, if any). */
export function surveyToken(surveyId: number, customerId: number, model: string | null, now = Date.now()) {
  return signSurvey({ s: surveyId, k: customerId, m: model, e: Math.floor((now + LINK_VALID_MS) / 1000) });
}

/** Where the hosted pages live: the e-mail settings' public address, else the app's own URL (else a relative link). */
export async function publicBaseUrl(): Promise<string> {
  const smtp = await loadSmtp();
  return (smtp?.publicUrl ?? process.env.NEXTAUTH_URL ?? '').replace(/\/$/, '');
}

/**
 * The survey invitation link for one customer × survey — the service a flow's survey step or an e-mail calls. The
 * customer must exist (not erased), not be in the campaign's holdout, and, for a survey of one variant, have
 * received that variant. The link records
 * the serving recommendation model when the customer's message had a products block.
 */
export async function createSurveyInvitationLink({
  surveyId,
  customerId,
  model,
}: {
  surveyId: number;
  customerId: number;
  model?: string | null;
}): Promise<string> {
  const survey = await surveyWithCampaign(db, surveyId);
  if (!survey) throw new AppError('NOT_FOUND', 'surveys.errors.notFound');
  const customer = await surveyCustomer(db, customerId);
  if (!customer || customer.erasedAt) throw new AppError('NOT_FOUND', 'errors.customerNotFound');
  const assignment = await assignedVariant(db, survey.campaignId, customerId);
  // the holdout must receive nothing, a survey included
  if (assignment?.variant.key === HOLDOUT_KEY) throw new AppError('CONFLICT', 'surveys.errors.holdout');
  if (survey.variantId !== null && assignment?.variantId !== survey.variantId)
    throw new AppError('CONFLICT', 'surveys.errors.otherVariant');
  const withProducts = Boolean(assignment?.variant.recommendation);
  const served = model !== undefined ? model : withProducts ? ((await getServingRun(db))?.model ?? null) : null;
  return `${await publicBaseUrl()}/s/${surveyToken(surveyId, customerId, served)}`;
}
