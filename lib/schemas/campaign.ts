import { z } from 'zod';
import { CHANNELS, GOALS } from '@/lib/engine/campaign/types';
import { SATISFACTION_SCALES } from '@/lib/engine/campaign/satisfaction';

/**
 * Campaign input, shared by the form, the server actions and the services. Messages are i18n keys under
 * `campaigns.errors.*` (the form translates them), so a marketer reads them in their language.
 */
export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'running', 'stopped', 'completed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const ALLOCATIONS = ['fixed', 'thompson'] as const;
export const VARIANT_KEYS = ['a', 'b', 'c', 'd', 'e'] as const;
export const MAX_VARIANTS = 5;

const E = (key: string) => `campaigns.errors.${key}`;
const blankToNull = (v: unknown) => (v === '' || v === undefined ? null : v);
const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() || null : (v ?? null)),
    z.string().max(max, E('tooLong')).nullable(),
  );
const num = (schema: z.ZodNumber) =>
  z.preprocess(
    (v) => (v === '' || v === null || v === undefined ? undefined : v),
    z.coerce.number(E('number')).pipe(schema),
  );

export const variantInputSchema = z.object({
  name: z.string().trim().min(1, E('variantName')).max(60, E('tooLong')),
  subject: optionalText(200),
  content: optionalText(5000),
  offer: optionalText(200),
  recommendations: z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean()),
  weight: num(z.number().min(1, E('weight')).max(100, E('weight'))).default(1),
});
export type VariantInput = z.infer<typeof variantInputSchema>;

const httpsUrl = z
  .string()
  .trim()
  .max(500, E('tooLong'))
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'https:' && !u.username && !u.password;
    } catch {
      return false;
    }
  }, E('webhookHttps'));

export const campaignInputSchema = z
  .object({
    name: z.string().trim().min(1, E('name')).max(120, E('tooLong')),
    goal: z.enum(GOALS, E('goal')),
    channel: z.enum(CHANNELS, E('channel')),
    segmentId: num(z.number().int().positive(E('segment'))),
    variants: z.array(variantInputSchema).min(1, E('variantsMin')).max(MAX_VARIANTS, E('variantsMax')),
    holdoutShare: num(z.number().min(0, E('holdout')).max(0.5, E('holdout'))),
    attributionWindowHours: num(
      z
        .number()
        .int(E('whole'))
        .min(1, E('window'))
        .max(24 * 90, E('window')),
    ),
    frequencyCap: z.preprocess(
      blankToNull,
      z.coerce.number(E('number')).int(E('whole')).min(1, E('frequencyCap')).max(100, E('frequencyCap')).nullable(),
    ),
    scheduledAt: z.preprocess(blankToNull, z.coerce.date(E('date')).nullable()),
    allocation: z.enum(['fixed', 'thompson']).default('fixed'),
    minimumShare: num(z.number().min(0.05, E('minimumShare')).max(0.5, E('minimumShare'))).default(0.1),
    sendDays: num(z.number().int(E('whole')).min(1, E('sendDays')).max(30, E('sendDays'))).default(1),
    minimumDetectableEffect: num(z.number().min(0.01, E('mde')).max(5, E('mde'))).default(0.1),
    webhookUrl: z.preprocess(blankToNull, httpsUrl.nullable()),
    satisfaction: z.enum(SATISFACTION_SCALES).default('auto'),
  })
  .superRefine((c, ctx) => {
    const names = c.variants.map((v) => v.name.toLowerCase());
    names.forEach((n, i) => {
      if (names.indexOf(n) !== i)
        ctx.addIssue({ code: 'custom', message: E('variantNamesUnique'), path: ['variants', i, 'name'] });
    });
    if (c.variants.length === 1 && c.holdoutShare === 0)
      ctx.addIssue({ code: 'custom', message: E('needComparison'), path: ['holdoutShare'] });
    if (c.goal === 'click' && c.variants.length < 2)
      ctx.addIssue({ code: 'custom', message: E('clickNeedsTwo'), path: ['goal'] });
    if (c.allocation === 'thompson' && c.variants.length < 2)
      ctx.addIssue({ code: 'custom', message: E('thompsonNeedsTwo'), path: ['allocation'] });
    if (c.allocation === 'thompson' && c.sendDays < 2)
      ctx.addIssue({ code: 'custom', message: E('thompsonNeedsDays'), path: ['sendDays'] });
    if (c.allocation === 'thompson' && c.minimumShare * c.variants.length > 1)
      ctx.addIssue({ code: 'custom', message: E('minimumShare'), path: ['minimumShare'] });
  });
export type CampaignInput = z.infer<typeof campaignInputSchema>;

export const campaignIdSchema = z.coerce.number(E('notFound')).int().positive(E('notFound'));

export const updateCampaignSchema = z.object({ id: campaignIdSchema, campaign: z.unknown() });

export const scheduleSchema = z.object({
  id: campaignIdSchema,
  /** null or absent: launch now */
  at: z.preprocess(blankToNull, z.coerce.date(E('date')).nullable()).default(null),
});

/** Planning inputs of the power panel (the form sends them while the marketer edits). */
export const planInputSchema = z.object({
  segmentId: num(z.number().int().positive(E('segment'))),
  channel: z.enum(CHANNELS),
  goal: z.enum(GOALS),
  variants: num(z.number().int().min(1).max(MAX_VARIANTS)),
  weights: z.array(z.coerce.number().min(0)).max(MAX_VARIANTS).optional(),
  holdoutShare: num(z.number().min(0).max(0.5)),
  attributionWindowHours: num(
    z
      .number()
      .int()
      .min(1)
      .max(24 * 90),
  ),
  minimumDetectableEffect: num(z.number().min(0.01, E('mde')).max(5, E('mde'))),
  sendDays: num(z.number().int().min(1).max(30)).default(1),
});
export type PlanInputForm = z.infer<typeof planInputSchema>;

export const upliftInputSchema = z.object({
  id: campaignIdSchema,
  /** whom to score for the next send: the campaign's own audience, or another saved segment */
  targetSegmentId: z.preprocess(blankToNull, z.coerce.number().int().positive().nullable()).default(null),
  valuePerConversion: num(z.number().min(0, E('number')).max(1e7, E('number'))).default(100),
  costPerContact: num(z.number().min(0, E('number')).max(1e5, E('number'))).default(0.5),
  budget: z.preprocess(blankToNull, z.coerce.number(E('number')).min(0, E('number')).nullable()).default(null),
});

/** Stored in Campaign.settings (JSON, parsed again on read). The simulation seed is never sent to the browser. */
export const campaignSettingsSchema = z.object({
  version: z.literal(1).default(1),
  minimumDetectableEffect: z.number().default(0.1),
  alpha: z.number().default(0.05),
  power: z.number().default(0.8),
  sendDays: z.number().int().default(1),
  minimumShare: z.number().default(0.1),
  satisfaction: z.enum(SATISFACTION_SCALES).default('auto'),
  plan: z
    .object({
      perArm: z.array(z.number()),
      baseline: z.object({ rate: z.number(), revenueMean: z.number(), revenueSd: z.number() }),
      audienceSize: z.number(),
      achievableEffect: z.number().nullable(),
    })
    .nullable()
    .default(null),
  webhookSecret: z.string().nullable().default(null),
  mixingVariance: z.number().nullable().default(null),
  simulation: z.object({ seed: z.number().int(), start: z.number(), days: z.number() }).nullable().default(null),
  audience: z.object({ members: z.number(), eligible: z.number(), assigned: z.number() }).nullable().default(null),
  allocationHistory: z
    .array(z.object({ wave: z.number().int(), at: z.number(), shares: z.record(z.string(), z.number()) }))
    .default([]),
  lastAttributionAt: z.number().nullable().default(null),
  lastDelivery: z
    .object({
      at: z.number(),
      ok: z.boolean(),
      status: z.number().nullable(),
      message: z.string().nullable(),
      parts: z.number(),
    })
    .nullable()
    .default(null),
});
export type CampaignSettings = z.infer<typeof campaignSettingsSchema>;

export function parseSettings(value: unknown): CampaignSettings {
  const r = campaignSettingsSchema.safeParse(value ?? {});
  return r.success ? r.data : campaignSettingsSchema.parse({});
}
