import { beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { HOLDOUT_KEY } from '@/lib/engine/campaign';
import { eraseCustomer } from '@/lib/services/erasure/erase';
import { emailCampaignInput } from '@/lib/testing/email-campaign';
import type { UserActor } from '../auth/actor';
import { createCampaign, scheduleCampaign } from '../campaigns/index';
import { runWave } from '../campaigns/lifecycle';
import { answerSurvey, createSurvey, createSurveyInvitationLink, getCampaignSurveys, getSurveyForm } from './index';
import { LINK_VALID_MS, surveyToken } from './links';
import { surveyLinkFor } from './surveys';

const HOUR = 3_600_000;
let marketer: UserActor;
let manager: UserActor;
let campaignId: number;
const customers: number[] = [];

async function user(role: 'admin' | 'marketer' | 'manager'): Promise<UserActor> {
  const u = await db.user.create({ data: { email: `${role}@example.com`, name: role, passwordHash: 'x', role } });
  return { type: 'user', userId: u.id, role, email: u.email, name: u.name, locale: 'en' };
}

const tokenOf = (url: string) => url.split('/s/')[1]!;

beforeAll(async () => {
  marketer = await user('marketer');
  manager = await user('manager');
  for (let i = 0; i < 30; i++) {
    const c = await db.customer.create({
      data: {
        externalId: `S${String(i).padStart(3, '0')}`,
        name: `Ann${i} Lee`,
        email: `s${i}@example.com`,
        consentEmail: true,
        attributes: i % 2 ? { locale: 'zh-CN' } : { locale: 'en' },
      },
    });
    customers.push(c.id);
  }
  const segment = await db.segment.create({
    data: {
      name: 'Everyone',
      definition: {
        type: 'group',
        op: 'and',
        children: [{ type: 'attribute', field: 'externalId', op: 'starts_with', value: 'S' }],
      },
      createdById: marketer.userId,
    },
  });
  const input = emailCampaignInput('Survey test', segment.id, {
    names: ['Warm', 'Cosy'],
    recommendations: false,
    holdoutShare: 0,
  });
  campaignId = (await createCampaign(marketer, input)).id;
  await scheduleCampaign(marketer, { id: campaignId });
  await runWave(campaignId, 0);
});

describe('hosted satisfaction surveys', () => {
  let surveyId: number;

  test('only editors attach a survey; bad scale or variant is refused; creation is audit-logged', async () => {
    await expect(createSurvey(manager, { campaignId, kind: 'csat' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createSurvey(marketer, { campaignId, kind: 'stars' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(createSurvey(marketer, { campaignId, kind: 'csat', variantKey: 'zz' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    surveyId = (await createSurvey(marketer, { campaignId, kind: 'csat', allowComment: true })).id;
    expect(await db.auditLog.count({ where: { action: 'campaign.survey_create' } })).toBe(1);
  });

  test('one answer per customer, changeable for 24 h, then read-only (409)', async () => {
    const t0 = Date.now();
    const token = tokenOf(await createSurveyInvitationLink({ surveyId, customerId: customers[1]! }));
    const form = await getSurveyForm(token, t0);
    expect(form).toMatchObject({ kind: 'csat', range: { min: 1, max: 5 }, locale: 'zh-CN', answer: null });
    await answerSurvey(token, { score: 2, comment: '  too many mails ' }, t0);
    await answerSurvey(token, { score: 4, comment: '' }, t0 + 23 * HOUR);
    const rows = await db.surveyResponse.findMany({ where: { surveyId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ score: 4, comment: null, customerId: customers[1] });
    expect((await getSurveyForm(token, t0 + 23 * HOUR)).answer).toMatchObject({ score: 4, readOnly: false });
    await expect(answerSurvey(token, { score: 5 }, t0 + 25 * HOUR)).rejects.toMatchObject({
      code: 'CONFLICT',
      key: 'surveys.errors.locked',
    });
    expect((await getSurveyForm(token, t0 + 25 * HOUR)).answer).toMatchObject({ score: 4, readOnly: true });
  });

  test('bad, tampered and expired tokens, out-of-range and malformed scores are clear 4xx', async () => {
    const token = tokenOf(await createSurveyInvitationLink({ surveyId, customerId: customers[2]! }));
    await expect(answerSurvey('nonsense', { score: 3 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [payload, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ s: surveyId, k: customers[3], m: null, e: 9e9 })).toString('base64url');
    expect(forged).not.toBe(payload);
    await expect(answerSurvey(`${forged}.${mac}`, { score: 3 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const old = surveyToken(surveyId, customers[2]!, null, Date.now() - LINK_VALID_MS - 1000);
    await expect(answerSurvey(old, { score: 3 })).rejects.toMatchObject({
      code: 'CONFLICT',
      key: 'surveys.errors.expired',
    });
    for (const bad of [
      { score: 0 },
      { score: 6 },
      { score: 3.5 },
      { score: 'x' },
      {},
      null,
      { score: 3, comment: 'x'.repeat(1001) },
    ])
      await expect(answerSurvey(token, bad)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await db.surveyResponse.count({ where: { customerId: customers[2] } })).toBe(0);
  });

  test('results per variant and model: below 10 answers "too few", then a t interval; managers can read', async () => {
    const nps = (await createSurvey(marketer, { campaignId, kind: 'nps' })).id;
    const scores = [10, 9, 9, 8, 7, 6, 3, 10, 10, 0, 9, 8];
    for (let i = 0; i < scores.length; i++) {
      const url = await createSurveyInvitationLink({ surveyId: nps, customerId: customers[10 + i]!, model: 'ease' });
      await answerSurvey(tokenOf(url), { score: scores[i] });
    }
    await expect(answerSurvey(surveyToken(nps, customers[10]!, null), { score: 11 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    const [csat, npsResult] = await getCampaignSurveys(manager, campaignId);
    expect(csat).toMatchObject({ kind: 'csat', responses: 1 });
    expect(csat!.overall).toMatchObject({ responses: 1, tooFew: true, score: 4, lower: null, upper: null });
    expect(npsResult!.responses).toBe(12);
    // NPS 25 [−21.91, 71.91]: numpy on the −1/0/+1 coding (see satisfaction.test.ts)
    expect(npsResult!.overall!.score).toBeCloseTo(25, 8);
    expect(npsResult!.overall!.lower).toBeCloseTo(-21.913066225619303, 6);
    expect(npsResult!.byModel).toEqual([expect.objectContaining({ label: 'ease' })]);
    expect(npsResult!.byVariant.map((g) => g.label)).toEqual(['Warm', 'Cosy']);
    expect(npsResult!.byVariant.reduce((n, g) => n + g.arm.responses, 0)).toBe(12);
  });

  test('a link for one customer by their shop ID (audit-logged); an unknown customer is 404', async () => {
    await expect(surveyLinkFor(marketer, campaignId, { surveyId, customer: 'nobody' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const { url } = await surveyLinkFor(marketer, campaignId, { surveyId, customer: 'S004' });
    expect((await getSurveyForm(tokenOf(url))).locale).toBe('en');
    expect(await db.auditLog.count({ where: { action: 'campaign.survey_link' } })).toBe(1);
  });

  test('the holdout receives nothing: no survey link for a holdout customer (409)', async () => {
    const segment = await db.segment.findFirstOrThrow({ select: { id: true } });
    const input = emailCampaignInput('With holdout', segment.id, {
      names: ['Only', 'Other'],
      recommendations: false,
      holdoutShare: 0.3,
    });
    const id = (await createCampaign(marketer, input)).id;
    await scheduleCampaign(marketer, { id });
    await runWave(id, 0);
    const survey = (await createSurvey(marketer, { campaignId: id, kind: 'csat' })).id;
    const kept = await db.campaignAssignment.findFirstOrThrow({
      where: { campaignId: id, variant: { key: HOLDOUT_KEY } },
      select: { customerId: true },
    });
    await expect(createSurveyInvitationLink({ surveyId: survey, customerId: kept.customerId })).rejects.toMatchObject({
      code: 'CONFLICT',
      key: 'surveys.errors.holdout',
    });
  });

  test('erasing a customer deletes their answers and voids their link', async () => {
    const token = surveyToken(surveyId, customers[1]!, null);
    await eraseCustomer(await user('admin'), { by: 'id', value: String(customers[1]) });
    expect(await db.surveyResponse.count({ where: { customerId: customers[1] } })).toBe(0);
    await expect(getSurveyForm(token)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
