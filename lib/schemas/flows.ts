import { z } from 'zod';
import { LIFECYCLE_STAGES } from '@/lib/engine/portrait/lifecycle';
import { SURVEY_KINDS } from './survey';

/** One e-mail in one language: merge fields as in campaign templates; `productCount` recommended products (0 = none). */
const emailText = z.object({
  subject: z.string().trim().min(1, 'flows.errors.subject').max(200),
  preheader: z.string().max(200).default(''),
  body: z.string().trim().min(1, 'flows.errors.body').max(20_000),
  productCount: z.number().int().min(0).max(12).default(0),
});
/** One SMS or push message in one language; `productCount` recommended products in the payload (0 = none). */
const webhookText = z.object({
  message: z.string().trim().min(1, 'flows.errors.body').max(2_000),
  productCount: z.number().int().min(0).max(12).default(0),
});

function byLocale<T extends z.ZodType>(text: T) {
  return z
    .object({ en: text.optional(), 'zh-CN': text.optional() })
    .strict()
    .refine((c) => c.en !== undefined || c['zh-CN'] !== undefined, 'flows.errors.noLanguage');
}

/** What makes a customer enter a flow. */
export const flowTriggerSchema = z.discriminatedUnion('type', [
  /** a `cart` event (abandoned cart: wait, then remind unless they bought) */
  z.object({ type: z.literal('cart') }),
  /** the customer's first `view` of a category (browse abandonment) */
  z.object({ type: z.literal('category_view') }),
  /** a `purchase` event (post-purchase) */
  z.object({ type: z.literal('purchase') }),
  /** a new customer (welcome series) */
  z.object({ type: z.literal('new_customer') }),
  /** the portrait's lifecycle stage becomes one of these (win-back: at-risk) */
  z.object({ type: z.literal('lifecycle'), stages: z.array(z.enum(LIFECYCLE_STAGES)).min(1) }),
  /** the customer is a member of a saved segment */
  z.object({ type: z.literal('segment'), segmentId: z.number().int().positive() }),
]);

export const flowConditionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('lifecycle'), stages: z.array(z.enum(LIFECYCLE_STAGES)).min(1) }),
  z.object({ type: z.literal('segment'), segmentId: z.number().int().positive() }),
  z.object({ type: z.literal('no_purchase') }),
]);

export const flowStepSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('wait'),
    hours: z
      .number()
      .int()
      .min(1)
      .max(24 * 90),
  }),
  /** continue when the test holds, else leave the flow */
  z.object({ kind: z.literal('condition'), test: flowConditionSchema }),
  z.object({ kind: z.literal('email'), content: byLocale(emailText) }),
  /**
   * A satisfaction survey by e-mail: the flow's survey of this scale (created when the flow is saved); the body's
   * `{{survey_url}}` becomes the customer's link, added at the end when the body has none
   */
  z.object({ kind: z.literal('survey'), survey: z.enum(SURVEY_KINDS), content: byLocale(emailText) }),
  /** SMS or push through the shop's signed webhook */
  z.object({ kind: z.literal('webhook'), content: byLocale(webhookText) }),
  /** A/B: `percentB` % of the customers (decided at entry) go on at step `bStart`; the rest run up to it and finish */
  z.object({ kind: z.literal('split'), percentB: z.number().int().min(5).max(95), bStart: z.number().int().min(1) }),
  z.object({ kind: z.literal('exit') }),
]);

export const flowDefinitionSchema = z
  .object({
    trigger: flowTriggerSchema,
    /** a customer enters at most once per this many days */
    reentryDays: z.number().int().min(1).max(365),
    /** leave the flow as soon as the customer buys */
    exitOnPurchase: z.boolean(),
    /** share of entrants who receive nothing (the comparison group of the flow's report) */
    holdoutShare: z.number().min(0).max(0.5),
    /** a trigger older than this when it arrives (a late event) does not start the flow */
    maxTriggerAgeHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(48),
    /** no e-mail when the customer already got this many (campaigns and flows) in the last `days` days */
    frequencyCap: z.object({ max: z.number().int().min(1).max(50), days: z.number().int().min(1).max(30) }).nullable(),
    /** no sending between these hours of the shop's time zone (start > end spans midnight) */
    quietHours: z.object({ start: z.number().int().min(0).max(23), end: z.number().int().min(0).max(23) }).nullable(),
    steps: z.array(flowStepSchema).min(1).max(20),
  })
  .superRefine((d, ctx) => {
    const splits = d.steps.flatMap((s, i) => (s.kind === 'split' ? [{ s, i }] : []));
    if (splits.length > 1) ctx.addIssue({ code: 'custom', path: ['steps'], message: 'flows.errors.oneSplit' });
    for (const { s, i } of splits)
      if (s.bStart <= i + 1 || s.bStart >= d.steps.length)
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'bStart'], message: 'flows.errors.splitTarget' });
    if (!d.steps.some((s) => s.kind === 'email' || s.kind === 'webhook' || s.kind === 'survey'))
      ctx.addIssue({ code: 'custom', path: ['steps'], message: 'flows.errors.noMessage' });
  });

export type FlowDefinition = z.infer<typeof flowDefinitionSchema>;
export type FlowStep = FlowDefinition['steps'][number];
export type FlowTrigger = FlowDefinition['trigger'];
export type FlowCondition = z.infer<typeof flowConditionSchema>;
