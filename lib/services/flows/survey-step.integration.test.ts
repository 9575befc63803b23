import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { FLOW_TEMPLATES } from '@/lib/engine/flows';
import type { FlowDefinition } from '@/lib/schemas/flows';
import { startSmtpCatcher } from '@/lib/testing/smtp-catcher';
import type { UserActor } from '../auth/actor';
import { saveSmtpSettings } from '../email/smtp';
import { followTrackedLink } from '../email/tracking';
import { answerSurvey, getCampaignSurveys, getSurveyForm } from '../surveys';
import { createFlowFromTemplate, saveFlow, setFlowEnabled } from './flows';
import { runFlows } from './run';

// A flow's survey step: saving creates the flow campaign's survey of the step's scale (once), the step e-mails each
// customer their own link (in place of {{survey_url}}, or added at the end), and the answer counts for the flow.
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
let admin: UserActor;
let flowId = 0;
let campaignId = 0;
const post = FLOW_TEMPLATES.post_purchase.definition;
const survey = {
  kind: 'survey',
  survey: 'nps',
  content: {
    en: {
      subject: 'How did we do?',
      preheader: '',
      body: 'Hi {{first_name}}, rate us: {{survey_url}}',
      productCount: 0,
    },
    'zh-CN': { subject: '请评价', preheader: '', body: '{{first_name}} 您好，欢迎评价。', productCount: 0 },
  },
};
const definition = { ...post, holdoutShare: 0, quietHours: null, frequencyCap: null, steps: [survey] };

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  const u = await db.user.create({ data: { email: 'a@example.com', name: 'A', passwordHash: 'x', role: 'admin' } });
  admin = { type: 'user', userId: u.id, role: 'admin', email: u.email, name: u.name, locale: 'en' };
  await saveSmtpSettings(admin, {
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    from: 'Shop <news@shop.example>',
    ratePerMinute: 60_000,
    publicUrl: 'https://precisa.example',
    shopName: 'Scarf Shop',
    shopUrl: 'https://shop.example',
  });
  const flow = await createFlowFromTemplate(admin, { template: 'post_purchase' });
  flowId = flow.id;
  campaignId = flow.campaignId;
});
afterAll(() => smtp.close());

async function buyer(externalId: string, locale: string) {
  const c = await db.customer.create({
    data: { externalId, name: `${externalId} Lee`, email: `${externalId}@example.com`, consentEmail: true },
  });
  await db.customer.update({ where: { id: c.id }, data: { attributes: { locale } } });
  await db.event.create({
    data: { dedupKey: `buy-${externalId}`, customerId: c.id, type: 'purchase', ts: new Date(), source: 'api' },
  });
}

/** The tracked link of the message to `to` that leads to the survey page, followed: the survey token. */
async function surveyTokenIn(to: string) {
  const m = smtp.messages.find((x) => x.to && !Array.isArray(x.to) && x.to.value[0]?.address === to)!;
  for (const [, token] of (m.text ?? '').matchAll(/https:\/\/precisa\.example\/r\/(\S+)/g)) {
    const target = await followTrackedLink(token!);
    if (target.startsWith('https://precisa.example/s/')) return target.split('/s/')[1]!;
  }
  throw new Error(`no survey link in the message to ${to}`);
}

describe('survey step', () => {
  test('saving creates one NPS survey for the flow, however often it is saved; an unknown scale is refused', async () => {
    await saveFlow(admin, { id: flowId, name: 'Rate us', definition });
    await saveFlow(admin, { id: flowId, name: 'Rate us', definition });
    expect(await db.survey.findMany({ where: { campaignId }, select: { kind: true, variantId: true } })).toEqual([
      { kind: 'nps', variantId: null },
    ]);
    const bad = { ...definition, steps: [{ ...survey, survey: 'stars' }] } as unknown as FlowDefinition;
    await expect(saveFlow(admin, { id: flowId, name: 'Rate us', definition: bad })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  test('each buyer gets their own link; answering counts in the flow campaign’s survey results', async () => {
    await setFlowEnabled(admin, { id: flowId, enabled: true });
    await buyer('ann', 'en');
    await buyer('wang', 'zh-CN');
    expect(await runFlows()).toMatchObject({ entered: 2, sent: 2 });
    const ann = smtp.messages.find((m) => m.subject === 'How did we do?')!;
    // the plain-text part shows the link, then its tracked address
    expect(ann.text).toMatch(/^Hi ann, rate us: https:\/\/precisa\.example\/s\/\S+ https:\/\/precisa\.example\/r\//m);
    const annToken = await surveyTokenIn('ann@example.com');
    // the Chinese body has no {{survey_url}}: the link is added as its last paragraph
    const wang = smtp.messages.find((m) => m.subject === '请评价')!;
    expect(wang.text).toMatch(/欢迎评价。\s+https:\/\/precisa\.example\/s\/\S+ https:\/\/precisa\.example\/r\//);
    const wangToken = await surveyTokenIn('wang@example.com');
    expect(annToken).not.toBe(wangToken);
    expect((await getSurveyForm(annToken)).kind).toBe('nps');
    await answerSurvey(annToken, { score: 9 });
    await answerSurvey(wangToken, { score: 6 });
    const [results] = await getCampaignSurveys(admin, campaignId);
    expect(results).toMatchObject({ kind: 'nps', responses: 2 });
  });
});
