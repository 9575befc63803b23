import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { createCampaignRow, updateCampaignRow, type NewVariant } from '@/lib/db/campaigns';
import { enqueueJob } from '@/lib/db/jobs';
import { createSurveyRow, surveysOfCampaign } from '@/lib/db/surveys';
import {
  createFlowRow,
  ensureFlowVariant,
  findFlow,
  flowByTemplate,
  flowCounts,
  listFlowRows,
  scanHeads,
  setCampaignHoldoutShare,
  updateFlowRow,
  type FlowRow,
} from '@/lib/db/flows';
import { withTransaction, type Tx } from '@/lib/db/transaction';
import { HOLDOUT_KEY } from '@/lib/engine/campaign';
import { FLOW_TEMPLATES, type FlowTemplateKey } from '@/lib/engine/flows';
import { AppError } from '@/lib/errors';
import { flowDefinitionSchema, type FlowDefinition } from '@/lib/schemas/flows';
import { authorize, type Actor, type UserActor } from '../auth/actor';
import { audit, loadCampaign, newSalt, newSecret, settingsOf } from '../campaigns/shared';
import { requirePublicWebhook } from '../campaigns/webhook';
import { loadSmtp } from '../email/smtp';
import { parseInput } from '../validate';
import { runFlows } from './run';

export const FLOW_JOB = 'flow.run';
/** The worker runs due flow steps this often while a flow is enabled. */
export const FLOW_TICK_MS = 60_000;

const idSchema = z.coerce.number().int().positive();
const templateKey = z.enum(Object.keys(FLOW_TEMPLATES) as [FlowTemplateKey, ...FlowTemplateKey[]]);

function variantsOf(def: FlowDefinition): NewVariant[] {
  const arm = (key: string, name: string, isControl: boolean): NewVariant => ({
    key,
    name,
    isControl,
    weight: isControl ? 0 : 1,
    subject: null,
    content: null,
    offer: null,
    recommendation: null,
  });
  const split = def.steps.some((s) => s.kind === 'split');
  return [arm(HOLDOUT_KEY, 'Holdout', true), arm('a', 'A', false), ...(split ? [arm('b', 'B', false)] : [])];
}

/** A flow and its campaign (arms, holdout), created disabled. */
async function insertFlow(tx: Tx, user: UserActor, name: string, template: string | null, def: FlowDefinition) {
  const onlyWebhook = def.steps.every((s) => s.kind !== 'email');
  const campaign = await createCampaignRow(
    tx,
    {
      name: `Flow · ${name}`,
      status: 'running',
      channel: onlyWebhook ? 'sms' : 'email',
      goal: 'purchase',
      holdoutShare: def.holdoutShare,
      salt: newSalt(),
      attributionWindowHours: 168,
      startedAt: new Date(),
      createdById: user.userId,
    },
    variantsOf(def),
  );
  const row = await createFlowRow(tx, {
    name,
    template,
    definition: def,
    campaignId: campaign.id,
    createdById: user.userId,
  });
  await audit(tx, user, 'flow.create', campaign.id, { flowId: row.id, name, template });
  return row;
}

/** A ready-made flow in the marketer's language, created disabled. */
export async function createFlowFromTemplate(actor: Actor | null, input: unknown) {
  const user = authorize(actor, 'campaigns:edit');
  const { template, locale } = parseInput(
    z.object({ template: templateKey, locale: z.enum(['en', 'zh-CN']).default('en') }),
    input,
  );
  const t = FLOW_TEMPLATES[template];
  return withTransaction(db, (tx) => insertFlow(tx, user, t.name[locale], template, t.definition));
}

/** The five ready-made flows, each once (the demo shop; disabled). */
export async function createTemplateFlows(user: UserActor, locale: 'en' | 'zh-CN') {
  for (const [key, t] of Object.entries(FLOW_TEMPLATES)) {
    if (await flowByTemplate(db, key)) continue;
    await withTransaction(db, (tx) => insertFlow(tx, user, t.name[locale], key, t.definition));
  }
}

async function requireFlow(id: unknown): Promise<FlowRow> {
  const row = await findFlow(db, parseInput(idSchema, id));
  if (!row) throw new AppError('NOT_FOUND', 'flows.errors.notFound');
  return row;
}

/** Name and steps; only while the flow is disabled (passes under way keep the steps they started with). */
export async function saveFlow(actor: Actor | null, input: unknown) {
  const user = authorize(actor, 'campaigns:edit');
  const data = parseInput(
    z.object({
      id: idSchema,
      name: z.string().trim().min(1, 'errors.input.name').max(120),
      definition: flowDefinitionSchema,
      /** where SMS and push steps are POSTed (signed like campaign webhooks); empty removes it */
      webhookUrl: z
        .string()
        .trim()
        .max(2000)
        .refine((u) => u === '' || /^https:\/\/\S+$/.test(u), 'flows.errors.webhookUrl')
        .optional(),
    }),
    input,
  );
  const row = await requireFlow(data.id);
  if (row.enabled) throw new AppError('CONFLICT', 'flows.errors.disableFirst');
  const campaign = await loadCampaign(row.campaignId);
  const webhookUrl = data.webhookUrl === undefined ? campaign.webhookUrl : data.webhookUrl || null;
  await requirePublicWebhook(webhookUrl);
  const settings = settingsOf(campaign);
  return withTransaction(db, async (tx) => {
    await updateCampaignRow(tx, row.campaignId, {
      webhookUrl,
      settings: { ...settings, webhookSecret: webhookUrl ? (settings.webhookSecret ?? newSecret()) : null },
    });
    if (data.definition.steps.some((s) => s.kind === 'split')) await ensureFlowVariant(tx, row.campaignId, 'b', 'B');
    await setCampaignHoldoutShare(tx, row.campaignId, data.definition.holdoutShare);
    await ensureFlowSurveys(tx, user, row.campaignId, data.definition);
    const saved = await updateFlowRow(tx, row.id, { name: data.name, definition: data.definition });
    await audit(tx, user, 'flow.update', row.campaignId, { flowId: row.id, name: data.name });
    return saved;
  });
}

/** Each survey step's scale gets one survey of the flow's campaign (for every arm), created on first save. */
async function ensureFlowSurveys(tx: Tx, user: UserActor, campaignId: number, def: FlowDefinition) {
  const kinds = new Set(def.steps.flatMap((s) => (s.kind === 'survey' ? [s.survey] : [])));
  if (!kinds.size) return;
  const have = await surveysOfCampaign(tx, campaignId);
  for (const kind of kinds) {
    if (have.some((x) => x.kind === kind && x.variantId === null)) continue;
    const created = await createSurveyRow(tx, { campaignId, variantId: null, kind, allowComment: true });
    await audit(tx, user, 'campaign.survey_create', campaignId, { surveyId: created.id, kind, variant: null });
  }
}

/**
 * Enabling starts reading triggers from now on (earlier events, customers and stages do not start passes) and
 * queues the run job; a flow with e-mail steps needs the e-mail settings first. Disabling stops new passes and
 * freezes the ones under way.
 */
export async function setFlowEnabled(actor: Actor | null, input: unknown) {
  const user = authorize(actor, 'campaigns:edit');
  const { id, enabled } = parseInput(z.object({ id: idSchema, enabled: z.coerce.boolean() }), input);
  const row = await requireFlow(id);
  if (enabled === row.enabled) return row;
  const def = flowDefinitionSchema.parse(row.definition);
  if (enabled && def.steps.some((s) => s.kind === 'email' || s.kind === 'survey') && !(await loadSmtp()))
    throw new AppError('CONFLICT', 'flows.errors.noSmtp');
  if (enabled && def.steps.some((s) => s.kind === 'webhook') && !(await loadCampaign(row.campaignId)).webhookUrl)
    throw new AppError('CONFLICT', 'flows.errors.noWebhook');
  const heads = enabled ? await scanHeads(db) : null;
  const saved = await withTransaction(db, async (tx) => {
    const r = await updateFlowRow(tx, row.id, {
      enabled,
      ...(heads ? { enabledAt: new Date(), eventCursor: heads.event, signupCursor: heads.customer } : {}),
    });
    await audit(tx, user, enabled ? 'flow.enable' : 'flow.disable', row.campaignId, { flowId: row.id });
    return r;
  });
  if (enabled) await queueFlowRun(new Date());
  return saved;
}

/** Queues the next run of the flow job (one per minute at most: the key names the minute). */
export function queueFlowRun(at: Date) {
  const minute = Math.floor(at.getTime() / FLOW_TICK_MS);
  return enqueueJob(db, {
    type: FLOW_JOB,
    payload: {},
    idempotencyKey: `${FLOW_JOB}:${minute}`,
    runAt: new Date(minute * FLOW_TICK_MS),
  });
}

export async function listFlows(actor: Actor | null) {
  authorize(actor, 'campaigns:view');
  const rows = await listFlowRows(db);
  return Promise.all(rows.map(async (r) => ({ ...dto(r), counts: await flowCounts(db, r.id) })));
}

export async function getFlow(actor: Actor | null, id: unknown) {
  authorize(actor, 'campaigns:view');
  const row = await requireFlow(id);
  const campaign = await loadCampaign(row.campaignId);
  return { ...dto(row), webhookUrl: campaign.webhookUrl, counts: await flowCounts(db, row.id) };
}

function dto(r: FlowRow) {
  const parsed = flowDefinitionSchema.safeParse(r.definition);
  return {
    id: r.id,
    name: r.name,
    template: r.template,
    enabled: r.enabled,
    enabledAt: r.enabledAt,
    campaignId: r.campaignId,
    definition: parsed.success ? parsed.data : null,
  };
}

/** Admins: runs every enabled flow now instead of waiting for the worker's next minute. */
export async function runFlowsNow(actor: Actor | null) {
  authorize(actor, 'settings:manage');
  return runFlows();
}

/** The ready-made flows not added yet, for the list page. */
export async function missingTemplates(actor: Actor | null) {
  authorize(actor, 'campaigns:view');
  const have = new Set((await listFlowRows(db)).map((r) => r.template));
  return (Object.keys(FLOW_TEMPLATES) as FlowTemplateKey[])
    .filter((k) => !have.has(k))
    .map((key) => ({ key, name: FLOW_TEMPLATES[key].name }));
}
