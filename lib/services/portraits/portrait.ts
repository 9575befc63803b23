import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { getPortraitData, listTimeline, timelineTypeCounts } from '@/lib/db/portraits/read';
import { getSettingValue } from '@/lib/db/settings';
import { assignableTags, customerTags } from '@/lib/db/tags';
import { AppError } from '@/lib/errors';
import { can } from '@/lib/security/roles';
import { authorize, type Actor } from '../auth/actor';
import { parseInput } from '../validate';
import { MODEL_KEY, parseModelState } from './model-state';

const customerIdSchema = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);
export const TIMELINE_TYPES = ['view', 'search', 'cart', 'purchase', 'click', 'exposure', 'open', 'feedback'] as const;
export type TimelineType = (typeof TIMELINE_TYPES)[number];

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.input.date')
  .refine((s) => {
    const ms = Date.parse(`${s}T00:00:00Z`);
    return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === s;
  }, 'Not a calendar date.');
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

/** The timeline's filters as they arrive in the query string. Dates are whole UTC days, both inclusive. */
export const timelineQuerySchema = z
  .object({
    type: z.preprocess(blankToUndefined, z.enum(TIMELINE_TYPES).optional()),
    from: z.preprocess(blankToUndefined, day.optional()),
    to: z.preprocess(blankToUndefined, day.optional()),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'errors.input.dateOrder', path: ['to'] });
export type TimelineQuery = z.infer<typeof timelineQuerySchema>;
export const TIMELINE_PAGE_SIZE = 25;

/**
 * The customer portrait: identity, consent, lifetime figures, the stored portrait (RFM, lifecycle, value, churn),
 * every tag with where it came from, and when each part was computed. Anyone who may view customers may read it;
 * `canTag` says whether the caller may add or remove custom tags.
 */
export async function getCustomerPortrait(actor: Actor | null, id: unknown) {
  const user = authorize(actor, 'customers:view');
  const customerId = parseInput(customerIdSchema, id);
  const data = await getPortraitData(db, customerId);
  if (!data) throw new AppError('NOT_FOUND', 'errors.customerNotFound');
  const canTag = can(user.role, 'segments:edit');
  const [tags, model, assignable, typeCounts] = await Promise.all([
    customerTags(db, customerId),
    getSettingValue(db, MODEL_KEY).then(parseModelState),
    canTag ? assignableTags(db) : Promise.resolve([]),
    timelineTypeCounts(db, customerId),
  ]);
  const family = (f: string) => tags.filter((t) => t.tag.family === f);
  const churnModel = model?.churn;
  return {
    ...data,
    tags: {
      rfm: family('rfm')[0] ?? null,
      lifecycle: family('lifecycle')[0] ?? null,
      clv: family('clv')[0] ?? null,
      churn: family('churn')[0] ?? null,
      interests: family('interest'),
      custom: tags.filter((t) => t.tag.kind === 'custom'),
    },
    model: model
      ? {
          computedAt: model.computedAt,
          asOf: model.asOf,
          horizonDays: model.value.horizonDays,
          churnHorizonDays: churnModel?.horizonDays ?? model.settings.churnHorizonDays,
          churnAuc: churnModel?.type === 'ok' ? churnModel.auc : null,
          valueModel: model.value.bgnbd.type === 'ok',
          lookbackDays: model.settings.lookbackDays,
          halfLifeDays: model.settings.halfLifeDays,
          lifecycle: model.settings.lifecycle,
        }
      : null,
    typeCounts,
    assignable: assignable.filter((a) => !tags.some((t) => t.tagId === a.id)),
    canTag,
  };
}
export type CustomerPortrait = Awaited<ReturnType<typeof getCustomerPortrait>>;

/** A page of the customer's behaviour timeline, filtered by type and by date (UTC days, inclusive). */
export async function getCustomerTimeline(actor: Actor | null, id: unknown, query: unknown) {
  authorize(actor, 'customers:view');
  const customerId = parseInput(customerIdSchema, id);
  const q = parseInput(timelineQuerySchema, query);
  const from = q.from ? Date.parse(`${q.from}T00:00:00Z`) : undefined;
  const to = q.to ? Date.parse(`${q.to}T00:00:00Z`) + 86_400_000 : undefined;
  const res = await listTimeline(db, customerId, {
    types: q.type ? [q.type] : undefined,
    from,
    to,
    page: q.page,
    pageSize: TIMELINE_PAGE_SIZE,
  });
  return { query: q, pageSize: TIMELINE_PAGE_SIZE, ...res };
}
export type CustomerTimeline = Awaited<ReturnType<typeof getCustomerTimeline>>;
