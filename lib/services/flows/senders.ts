import 'server-only';
import type { Transporter } from 'nodemailer';
import { recipientById } from '@/lib/db/email';
import type { DueEnrollment } from '@/lib/db/flows';
import { fillMergeFields, firstNameOf } from '@/lib/engine/email/merge';
import type { FlowStep } from '@/lib/schemas/flows';
import { postSigned } from '../campaigns/webhook';
import {
  composeContext,
  messageProducts,
  preferredLocale,
  priceContext,
  type ComposeContext,
  type Template,
} from '../email/compose';
import { pacer } from '../email/pace';
import { sendSingleEmail } from '../email/send-single';
import type { Write } from '../email/writes';
import { loadSmtp, requireSmtp, transportFor } from '../email/smtp';
import { signClick } from '../email/tokens';
import { surveyToken } from '../surveys/links';
import { surveysOfCampaign } from '@/lib/db/surveys';
import type { SurveyKind } from '@/lib/schemas/survey';
import { db } from '@/lib/db/client';
import type { LoadedFlow } from './loaded';
import type { PageFacts } from './page';
import type { FlowRunOptions } from './run';

type Mail = { ctx: ComposeContext; transport: Transporter; pace: () => Promise<void> };
type Products = { prices: Awaited<ReturnType<typeof priceContext>>; shopUrl: string; publicUrl: string } | null;

/**
 * What one run shares between its sends: the options, the clock, and what is set up on first use — the SMTP pool,
 * the compose context and the pacer of the configured rate. Kept as promises: several passes advance at once, and
 * they must share one pool and one pacer.
 */
export type Senders = {
  opts: FlowRunOptions;
  now: Date;
  /** the run's group commit: every write of the passes advancing side by side goes through it */
  write: Write;
  mail?: Promise<Mail>;
  /** the pool this run opened (not a caller's), for the run to close at the end */
  opened?: Transporter;
  /** SMS/push products: prices and the shop's addresses, read on first use (null: no e-mail settings) */
  products?: Promise<Products>;
};

async function openMail(s: Senders): Promise<Mail> {
  const smtp = s.opts.smtp ?? (await requireSmtp());
  const ctx = await composeContext(smtp);
  let transport = s.opts.transport;
  if (!transport) {
    transport = transportFor(smtp);
    s.opened = transport;
  }
  return { ctx, transport, pace: pacer(smtp.ratePerMinute) };
}

type EmailStep = Extract<FlowStep, { kind: 'email' | 'survey' }>;
/** `{{survey_url}}`, with or without an inline default */
const SURVEY_FIELD = /\{\{\s*survey_url\s*(\|[^}]*)?\}\}/g;
type WebhookStep = Extract<FlowStep, { kind: 'webhook' }>;

/**
 * A flow's e-mail through the campaign e-mail path (`sendSingleEmail`): the flow's campaign, the pass's arm, and
 * the step run's id as the e-mail's step number, so consent, suppression, tracking, unsubscribe headers and the
 * at-most-once record are the campaign ones.
 */
export async function sendFlowEmail(
  flow: LoadedFlow,
  e: DueEnrollment,
  step: EmailStep,
  runId: number,
  s: Senders,
  page: PageFacts,
) {
  s.mail ??= openMail(s);
  const { ctx, transport, pace } = await s.mail;
  const { byId, suppressed } = await page.recipients();
  const templates = new Map<string, Template>();
  const link = step.kind === 'survey' ? await surveyLink(flow, step.survey, e.customerId, ctx) : null;
  if (step.kind === 'survey' && !link) return 'failed';
  for (const [locale, t] of Object.entries(step.content))
    if (t) templates.set(locale, link ? { ...t, body: withSurveyLink(t.body, link) } : t);
  const outcome = await sendSingleEmail(
    ctx,
    transport,
    {
      campaignId: flow.campaignId,
      variantId: flow.variantIds.get(e.arm)!,
      customerId: e.customerId,
      step: runId,
      templates,
      known: { customer: byId.get(e.customerId) ?? null, suppressed },
    },
    { retryDelayMs: s.opts.retryDelayMs, now: () => s.now, pace, write: s.write },
  );
  return outcome === 'missing' ? 'failed' : outcome;
}

/** SMS or push: the message in the customer's language with merge fields filled, POSTed signed to the shop's webhook. */
export async function sendFlowWebhook(
  flow: LoadedFlow,
  e: DueEnrollment,
  step: WebhookStep,
  runId: number,
  s: Senders,
) {
  if (!flow.webhook) return 'failed';
  const c = await recipientById(db, e.customerId);
  if (!c || c.erasedAt) return 'failed';
  const preferred = preferredLocale(c);
  const locale = preferred && step.content[preferred] ? preferred : step.content.en ? 'en' : 'zh-CN';
  const { message: text, productCount } = step.content[locale]!;
  const products = productCount > 0 ? await productsOf(flow, e, runId, productCount, locale, c, s) : [];
  const message = fillMergeFields(text, {
    first_name: firstNameOf(c.name),
    name: c.name,
    city: c.city,
    region: c.region,
  });
  const body = JSON.stringify({
    type: 'flow.message',
    flow: { id: flow.row.id, name: flow.row.name },
    campaign_id: flow.campaignId,
    variant: e.arm,
    step: runId,
    customer_id: c.externalId,
    consent: { sms: c.consentSms, push: c.consentPush },
    locale,
    message,
    ...(products.length && { products }),
  });
  try {
    await postSigned(flow.webhook.url, {
      secret: flow.webhook.secret,
      body,
      event: 'flow.message',
      deliveryId: `flow-step-${runId}`,
      allowPrivate: s.opts.allowPrivateWebhooks,
      ca: s.opts.webhookCa,
    });
    return 'sent';
  } catch {
    return 'failed';
  }
}

/**
 * The recommended products of an SMS or push step, as e-mail has them (serving model, customer's display currency),
 * each url through the signed click redirect of the flow's campaign; none without e-mail settings (the shop address).
 */
async function productsOf(
  flow: LoadedFlow,
  e: DueEnrollment,
  runId: number,
  count: number,
  locale: 'en' | 'zh-CN',
  c: { attributes: unknown },
  s: Senders,
) {
  s.products ??= loadSmtp().then(async (smtp) =>
    smtp ? { prices: await priceContext(), shopUrl: smtp.shopUrl, publicUrl: smtp.publicUrl } : null,
  );
  const shop = await s.products;
  if (!shop) return [];
  const { prices, shopUrl, publicUrl } = shop;
  const served = await messageProducts(
    prices,
    { customerId: e.customerId, attributes: c.attributes },
    count,
    locale,
    shopUrl,
  );
  const variantId = flow.variantIds.get(e.arm)!;
  const base = publicUrl.replace(/\/$/, '');
  return served.products.map((p) => ({
    id: p.id,
    title: p.title,
    price: p.price,
    url: `${base}/r/${signClick({ c: flow.campaignId, v: variantId, k: e.customerId, s: runId, url: p.url })}`,
    reason: p.reason,
  }));
}

/**
 * A survey step's link for this customer: the flow campaign's survey of the step's scale (for every arm), or null
 * when there is none (saving the flow creates it). The model is not recorded: a survey step asks about the flow.
 */
async function surveyLink(flow: LoadedFlow, kind: SurveyKind, customerId: number, ctx: ComposeContext) {
  const survey = (await surveysOfCampaign(db, flow.campaignId)).find((x) => x.kind === kind && x.variantId === null);
  if (!survey) return null;
  return `${ctx.smtp.publicUrl.replace(/\/$/, '')}/s/${surveyToken(survey.id, customerId, null)}`;
}

/** The body with `{{survey_url}}` replaced by the link, or the link added as its last paragraph. */
function withSurveyLink(body: string, link: string) {
  const filled = body.replace(SURVEY_FIELD, link);
  return filled !== body ? filled : `${body.trimEnd()}\n\n${link}`;
}
