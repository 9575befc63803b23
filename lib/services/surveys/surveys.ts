import 'server-only';
import { db } from '@/lib/db/client';
import { customerIdsByExternalId } from '@/lib/db/customers';
import { createSurveyRow, responsesOfCampaign, surveysOfCampaign } from '@/lib/db/surveys';
import { withTransaction } from '@/lib/db/transaction';
import { HOLDOUT_KEY } from '@/lib/engine/campaign';
import { computeSatisfaction, type SatisfactionArm } from '@/lib/engine/campaign/satisfaction';
import { AppError } from '@/lib/errors';
import { createSurveySchema, type SurveyKind } from '@/lib/schemas/survey';
import { authorize, type Actor } from '../auth/actor';
import { audit, loadCampaign, parseCampaignId } from '../campaigns/shared';
import { parseInput } from '../validate';
import { createSurveyInvitationLink } from './links';
import { z } from 'zod';

/** Attaches a CSAT or NPS survey to a campaign (all its messages, or one variant's). Audit-logged. */
export async function createSurvey(actor: Actor | null, input: unknown) {
  const user = authorize(actor, 'campaigns:edit');
  const s = parseInput(createSurveySchema, input);
  const row = await loadCampaign(s.campaignId);
  const variant = s.variantKey ? row.variants.find((v) => v.key === s.variantKey && v.key !== HOLDOUT_KEY) : null;
  if (s.variantKey && !variant) throw new AppError('NOT_FOUND', 'surveys.errors.variantNotFound');
  return withTransaction(db, async (tx) => {
    const created = await createSurveyRow(tx, {
      campaignId: row.id,
      variantId: variant?.id ?? null,
      kind: s.kind,
      allowComment: s.allowComment,
    });
    await audit(tx, user, 'campaign.survey_create', row.id, {
      surveyId: created.id,
      kind: s.kind,
      variant: s.variantKey,
    });
    return { id: created.id };
  });
}

const linkSchema = z.object({
  surveyId: z.coerce.number().int().positive(),
  customer: z.string().trim().min(1, 'surveys.errors.customer').max(200, 'surveys.errors.customer'),
});

/** A survey link for one customer (by the shop's customer ID), to send by hand or from another tool. Audit-logged. */
export async function surveyLinkFor(actor: Actor | null, campaignId: unknown, input: unknown) {
  const user = authorize(actor, 'campaigns:edit');
  const id = parseCampaignId(campaignId);
  const l = parseInput(linkSchema, input);
  const survey = (await surveysOfCampaign(db, id)).find((s) => s.id === l.surveyId);
  if (!survey) throw new AppError('NOT_FOUND', 'surveys.errors.notFound');
  const customerId = (await customerIdsByExternalId(db, [l.customer])).get(l.customer);
  if (!customerId) throw new AppError('NOT_FOUND', 'errors.customerNotFound');
  const url = await createSurveyInvitationLink({ surveyId: survey.id, customerId });
  await withTransaction(db, (tx) => audit(tx, user, 'campaign.survey_link', id, { surveyId: survey.id, customerId }));
  return { url };
}

type Group = { label: string; arm: SatisfactionArm };

function groups(kind: SurveyKind, entries: [string, number[]][]): Group[] {
  const r = computeSatisfaction({ scoresByArm: entries.map((e) => e[1]), reference: 0, scale: kind });
  return r ? entries.map(([label], i) => ({ label, arm: r.arms[i]! })) : [];
}

function byKey<T>(rows: T[], key: (r: T) => string) {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
  return m;
}

/**
 * Each survey of the campaign with its score overall, per message variant and per recommendation model (the model
 * that filled the message's products block; "none" without one), 95 % intervals, "too few answers" below 10, and
 * the latest comments (text only, no names).
 */
export async function getCampaignSurveys(actor: Actor | null, campaignId: unknown) {
  authorize(actor, 'campaigns:view');
  const row = await loadCampaign(parseCampaignId(campaignId));
  const surveys = await surveysOfCampaign(db, row.id);
  const answers = byKey(await responsesOfCampaign(db, row.id), (a) => String(a.surveyId));
  const messages = row.variants.filter((v) => v.key !== HOLDOUT_KEY);
  return surveys.map((s) => {
    const kind = s.kind as SurveyKind;
    const rows = answers.get(String(s.id)) ?? [];
    const scores = (xs: typeof rows) => xs.map((a) => a.score);
    const variants = byKey(rows, (a) => String(a.variantId));
    const models = byKey(rows, (a) => a.model ?? '');
    const shown = s.variantId === null ? messages : messages.filter((v) => v.id === s.variantId);
    return {
      id: s.id,
      kind,
      allowComment: s.allowComment,
      variant: messages.find((v) => v.id === s.variantId)?.name ?? null,
      responses: rows.length,
      overall: groups(kind, [['', scores(rows)]])[0]?.arm ?? null,
      byVariant: groups(
        kind,
        shown.map((v) => [v.name, scores(variants.get(String(v.id)) ?? [])]),
      ),
      byModel: groups(
        kind,
        [...models].map(([m, xs]) => [m, scores(xs)]),
      ),
      comments: rows
        .filter((a) => a.comment)
        .slice(-5)
        .reverse()
        .map((a) => ({ score: a.score, comment: a.comment! })),
    };
  });
}
export type CampaignSurvey = Awaited<ReturnType<typeof getCampaignSurveys>>[number];
