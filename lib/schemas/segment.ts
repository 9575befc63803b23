import { z } from 'zod';
import { messageIn, type MessageRef } from '@/lib/i18n/message-ref';
import { issueMessage } from '@/lib/i18n/zod-issue';
import { LIFECYCLE_STAGES } from '@/lib/engine/portrait/lifecycle';
import { RFM_GROUPS } from '@/lib/engine/portrait/rfm-segments';

/**
 * The segment definition language: a tree of AND/OR groups over typed conditions. Stored as JSON in
 * Segment.definition (parsed again on every read), compiled to one SQL query by lib/db/segments, evaluated in memory
 * by lib/engine/segment. Semantics are documented in lib/engine/segment/README.md; the short version:
 * - every condition is true or false for every customer (never "unknown"): positive operators are false on an empty
 *   value, and the negative ones (neq, not_in, not_contains, did_not, has_not, not_member) are exactly their negation;
 * - dates are calendar days `YYYY-MM-DD` of the shop's time zone (Settings → shop); "last N days" is the rolling
 *   window [now − N×24 h, now];
 * - purchases are read from completed orders (the source of truth), every other event type from the event log.
 * Validation messages are catalogue keys (`segments.issues.*`); issues carry the key, its params and the English text.
 */

export const SEGMENT_LIMITS = {
  maxDepth: 5,
  maxConditions: 50,
  maxListValues: 500,
  maxStringLength: 200,
  maxDays: 36_600,
  maxCount: 1_000_000,
} as const;

export const VALUE_TYPES = ['string', 'number', 'date', 'boolean'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

export const STRING_OPS = [
  'eq',
  'neq',
  'in',
  'not_in',
  'contains',
  'not_contains',
  'starts_with',
  'ends_with',
  'is_empty',
  'is_not_empty',
] as const;
export const NUMBER_OPS = [
  'eq',
  'neq',
  'lt',
  'lte',
  'gt',
  'gte',
  'between',
  'in',
  'not_in',
  'is_empty',
  'is_not_empty',
] as const;
export const DATE_OPS = [
  'eq',
  'neq',
  'lt',
  'lte',
  'gt',
  'gte',
  'between',
  'in_last_days',
  'more_than_days_ago',
  'is_empty',
  'is_not_empty',
] as const;
export const BOOLEAN_OPS = ['is_true', 'is_false', 'is_empty', 'is_not_empty'] as const;
/** Operators for closed vocabularies (RFM group, lifecycle stage). */
export const ENUM_OPS = ['eq', 'neq', 'in', 'not_in', 'is_empty', 'is_not_empty'] as const;
export const COMPARE_OPS = [
  ...new Set([...STRING_OPS, ...NUMBER_OPS, ...DATE_OPS, ...BOOLEAN_OPS]),
] as readonly CompareOp[];
export type CompareOp =
  | (typeof STRING_OPS)[number]
  | (typeof NUMBER_OPS)[number]
  | (typeof DATE_OPS)[number]
  | (typeof BOOLEAN_OPS)[number];
export const OPS_BY_TYPE: Record<ValueType, readonly CompareOp[]> = {
  string: STRING_OPS,
  number: NUMBER_OPS,
  date: DATE_OPS,
  boolean: BOOLEAN_OPS,
};

export type Scalar = string | number | boolean;
export type Comparison = { op: CompareOp; value?: Scalar | Scalar[] };

/** Built-in customer columns and their types (emailDomain is the part after "@", compared in lower case). */
export const CUSTOMER_FIELDS = {
  externalId: 'string',
  region: 'string',
  city: 'string',
  gender: 'string',
  emailDomain: 'string',
  birthYear: 'number',
  signupAt: 'date',
} as const satisfies Record<string, ValueType>;
export type CustomerField = keyof typeof CUSTOMER_FIELDS;

/** Portrait fields (CustomerProfile, rewritten by the portrait job). rfmGroup and lifecycle take ENUM_OPS. */
export const PROFILE_FIELDS = {
  rfmGroup: 'string',
  lifecycle: 'string',
  rfmR: 'number',
  rfmF: 'number',
  rfmM: 'number',
  recencyDays: 'number',
  clv365: 'number',
  churnProbability: 'number',
  pAlive: 'number',
  expPurchases30: 'number',
  expPurchases90: 'number',
  expPurchases365: 'number',
  firstSeenAt: 'date',
  lastSeenAt: 'date',
} as const satisfies Record<string, ValueType>;
export type ProfileField = keyof typeof PROFILE_FIELDS;
export const PROFILE_ENUMS: Partial<Record<ProfileField, readonly string[]>> = {
  rfmGroup: RFM_GROUPS,
  lifecycle: LIFECYCLE_STAGES,
};

export const EVENT_TYPES = ['view', 'search', 'cart', 'purchase', 'click', 'exposure', 'open', 'feedback'] as const;
export type SegmentEventType = (typeof EVENT_TYPES)[number];
export const CHANNELS = ['email', 'sms', 'push'] as const;
export type Channel = (typeof CHANNELS)[number];

/** all_time, the rolling window [now − days×24 h, now], or whole shop-calendar days from..to inclusive. */
export type TimeWindow =
  | { type: 'all_time' }
  | { type: 'last_days'; days: number }
  | { type: 'between'; from: string; to: string };
/** How many matching events/orders: at_least 1 when omitted. Counts include zero (at_most 2 includes never). */
export type Frequency =
  | { op: 'at_least' | 'at_most' | 'exactly'; value: number }
  | { op: 'between'; value: [number, number] };

type NodeMeta = { /** optional client-side id, kept for the builder UI and explanations */ id?: string };
export type TagCondition = NodeMeta & {
  type: 'tag';
  key: string;
  op: 'has' | 'has_not' | 'score_gte' | 'score_lte';
  value?: number;
};
export type AttributeCondition = NodeMeta &
  Comparison & { type: 'attribute'; field: CustomerField | 'custom'; key?: string; valueType?: ValueType };
export type BehaviourFilter = { categoryId?: number; brand?: string; productId?: number; campaignId?: number };
export type BehaviourCondition = NodeMeta & {
  type: 'behaviour';
  op: 'did' | 'did_not';
  event: SegmentEventType;
  filter?: BehaviourFilter;
  frequency?: Frequency;
  window?: TimeWindow;
};
export type OrdersCondition = NodeMeta & {
  type: 'orders';
  metric: 'count' | 'revenue' | 'aov';
  op: 'eq' | 'neq' | 'lt' | 'lte' | 'gt' | 'gte' | 'between';
  value: number | [number, number];
  window?: TimeWindow;
};
export type ProfileCondition = NodeMeta & Comparison & { type: 'profile'; field: ProfileField };
export type ConsentCondition = NodeMeta & { type: 'consent'; channel: Channel; op: 'granted' | 'not_granted' };
export type SegmentRefCondition = NodeMeta & { type: 'segment'; segmentId: number; op: 'member' | 'not_member' };
export type SegmentCondition =
  | TagCondition
  | AttributeCondition
  | BehaviourCondition
  | OrdersCondition
  | ProfileCondition
  | ConsentCondition
  | SegmentRefCondition;
export type SegmentGroup = NodeMeta & { type: 'group'; op: 'and' | 'or'; negate?: boolean; children: SegmentNode[] };
export type SegmentNode = SegmentGroup | SegmentCondition;
/** A definition is its root group. An empty AND group means every (non-erased) customer. */
export type SegmentDefinition = SegmentGroup;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A real calendar day written YYYY-MM-DD. */
export function isIsoDay(s: unknown): s is string {
  const m = typeof s === 'string' ? DAY.exec(s) : null;
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
}

const text = (max: number = SEGMENT_LIMITS.maxStringLength) =>
  z
    .string()
    .min(1, 'segments.issues.text')
    .max(max, 'segments.issues.tooLong')
    .refine((s) => !s.includes('\u0000'), 'segments.issues.nul');
const id = z
  .number()
  .int('segments.issues.whole')
  .positive('segments.issues.choice')
  .max(2 ** 31 - 1, 'segments.issues.choice');
const days = z
  .number()
  .int('segments.issues.days')
  .min(0, 'segments.issues.days')
  .max(SEGMENT_LIMITS.maxDays, 'segments.issues.days');
const isoDay = z.string().refine(isIsoDay, 'segments.issues.date');
const meta = { id: z.string().max(64).optional() };
const scalar = z.union([
  z
    .string()
    .max(SEGMENT_LIMITS.maxStringLength, 'segments.issues.tooLong')
    .refine((s) => !s.includes('\u0000'), 'segments.issues.nul'),
  z.number(),
  z.boolean(),
]);
const compareValue = z
  .union([scalar, z.array(scalar).max(SEGMENT_LIMITS.maxListValues, 'segments.issues.tooManyValues')])
  .optional();

export const timeWindowSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('all_time') }),
    z.strictObject({ type: z.literal('last_days'), days: days.min(1, 'segments.issues.minDays') }),
    z.strictObject({ type: z.literal('between'), from: isoDay, to: isoDay }),
  ])
  .refine((w) => w.type !== 'between' || w.from <= w.to, { message: 'segments.issues.dateOrder', path: ['to'] });

const count = z.number().int('segments.issues.whole').min(0).max(SEGMENT_LIMITS.maxCount);
export const frequencySchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.enum(['at_least', 'at_most', 'exactly']), value: count }),
  z.strictObject({
    op: z.literal('between'),
    value: z.tuple([count, count]).refine(([a, b]) => a <= b, 'segments.issues.order'),
  }),
]);

/** Checks a comparison's value against its operator and value type; returns the problem's message or null. */
export function comparisonProblem(
  type: ValueType,
  op: CompareOp,
  value: unknown,
  allowed?: readonly string[],
): MessageRef | null {
  if (!OPS_BY_TYPE[type].includes(op) || (allowed && !(ENUM_OPS as readonly string[]).includes(op)))
    return { key: 'segments.issues.operator', params: { op } };
  const isValue = (v: unknown): boolean => {
    if (type === 'number') return typeof v === 'number' && Number.isFinite(v);
    if (type === 'date') return isIsoDay(v);
    if (type === 'string') return typeof v === 'string' && v.length > 0 && (!allowed || allowed.includes(v));
    return false;
  };
  const one = allowed
    ? 'segments.issues.choice'
    : type === 'date'
      ? 'segments.issues.date'
      : type === 'number'
        ? 'segments.issues.number'
        : 'segments.issues.text';
  const values = allowed ? { values: allowed.join(', ') } : undefined;
  switch (op) {
    case 'is_empty':
    case 'is_not_empty':
    case 'is_true':
    case 'is_false':
      return value === undefined ? null : { key: 'segments.issues.noValue', params: { op } };
    case 'in_last_days':
    case 'more_than_days_ago':
      return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= SEGMENT_LIMITS.maxDays
        ? null
        : { key: 'segments.issues.days' };
    case 'between':
      if (!Array.isArray(value) || value.length !== 2 || !value.every(isValue)) return { key: 'segments.issues.two' };
      return (value[0] as number | string) <= (value[1] as number | string) ? null : { key: 'segments.issues.order' };
    case 'in':
    case 'not_in':
      return Array.isArray(value) && value.length > 0 && value.every(isValue)
        ? null
        : { key: allowed ? 'segments.issues.choices' : 'segments.issues.list', params: values };
    default:
      return isValue(value) ? null : { key: one, params: values };
  }
}

const refineComparison =
  (
    type: (c: { field: string; valueType?: ValueType }) => ValueType | null,
    allowed?: (field: string) => readonly string[] | undefined,
  ) =>
  (c: { field: string; valueType?: ValueType; op: CompareOp; value?: unknown }, ctx: z.RefinementCtx) => {
    const t = type(c);
    if (!t) return;
    const problem = comparisonProblem(t, c.op, c.value, allowed?.(c.field));
    if (problem)
      ctx.addIssue({
        code: 'custom',
        message: problem.key,
        params: problem.params,
        path: [c.op.startsWith('is_') ? 'op' : 'value'],
      });
  };

const tagSchema = z
  .strictObject({
    ...meta,
    type: z.literal('tag'),
    key: text(),
    op: z.enum(['has', 'has_not', 'score_gte', 'score_lte']),
    value: z.number().optional(),
  })
  .superRefine((c, ctx) => {
    const needsScore = c.op === 'score_gte' || c.op === 'score_lte';
    if (needsScore && !Number.isFinite(c.value))
      ctx.addIssue({ code: 'custom', message: 'segments.issues.score', path: ['value'] });
    if (!needsScore && c.value !== undefined)
      ctx.addIssue({ code: 'custom', message: 'segments.issues.noScore', params: { op: c.op }, path: ['value'] });
  });

const CUSTOM_KEY = /^[\p{L}\p{N}_\- .]{1,64}$/u;
const attributeSchema = z
  .strictObject({
    ...meta,
    type: z.literal('attribute'),
    field: z.enum([...(Object.keys(CUSTOMER_FIELDS) as CustomerField[]), 'custom']),
    key: z.string().regex(CUSTOM_KEY, 'segments.issues.customKey').optional(),
    valueType: z.enum(VALUE_TYPES).optional(),
    op: z.enum(COMPARE_OPS as [CompareOp, ...CompareOp[]]),
    value: compareValue,
  })
  .superRefine((c, ctx) => {
    if (c.field === 'custom' && (!c.key || !c.valueType))
      ctx.addIssue({ code: 'custom', message: 'segments.issues.customKey', path: [c.key ? 'valueType' : 'key'] });
    if (c.field !== 'custom' && (c.key !== undefined || c.valueType !== undefined))
      ctx.addIssue({ code: 'custom', message: 'segments.issues.customOnly', path: ['key'] });
  })
  .superRefine(
    refineComparison((c) => (c.field === 'custom' ? (c.valueType ?? null) : CUSTOMER_FIELDS[c.field as CustomerField])),
  );

const behaviourSchema = z.strictObject({
  ...meta,
  type: z.literal('behaviour'),
  op: z.enum(['did', 'did_not']),
  event: z.enum(EVENT_TYPES),
  filter: z
    .strictObject({
      categoryId: id.optional(),
      brand: text().optional(),
      productId: id.optional(),
      campaignId: id.optional(),
    })
    .optional(),
  frequency: frequencySchema.optional(),
  window: timeWindowSchema.optional(),
});

const ordersSchema = z
  .strictObject({
    ...meta,
    type: z.literal('orders'),
    metric: z.enum(['count', 'revenue', 'aov']),
    op: z.enum(['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'between']),
    value: z.union([z.number(), z.tuple([z.number(), z.number()])]),
    window: timeWindowSchema.optional(),
  })
  .superRefine((c, ctx) => {
    const problem = comparisonProblem('number', c.op, c.value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.key, params: problem.params, path: ['value'] });
  });

const profileSchema = z
  .strictObject({
    ...meta,
    type: z.literal('profile'),
    field: z.enum(Object.keys(PROFILE_FIELDS) as [ProfileField, ...ProfileField[]]),
    op: z.enum(COMPARE_OPS as [CompareOp, ...CompareOp[]]),
    value: compareValue,
  })
  .superRefine(
    refineComparison(
      (c) => PROFILE_FIELDS[c.field as ProfileField],
      (f) => PROFILE_ENUMS[f as ProfileField],
    ),
  );

const consentSchema = z.strictObject({
  ...meta,
  type: z.literal('consent'),
  channel: z.enum(CHANNELS),
  op: z.enum(['granted', 'not_granted']),
});
const segmentRefSchema = z.strictObject({
  ...meta,
  type: z.literal('segment'),
  segmentId: id,
  op: z.enum(['member', 'not_member']),
});

export const segmentGroupSchema: z.ZodType<SegmentGroup> = z.strictObject({
  ...meta,
  type: z.literal('group'),
  op: z.enum(['and', 'or']),
  negate: z.boolean().optional(),
  get children(): z.ZodArray<z.ZodType<SegmentNode>> {
    return z.array(segmentNodeSchema);
  },
});

export const segmentNodeSchema: z.ZodType<SegmentNode> = z.lazy(() =>
  z.discriminatedUnion(
    'type',
    [
      segmentGroupSchema as never,
      tagSchema,
      attributeSchema,
      behaviourSchema,
      ordersSchema,
      profileSchema,
      consentSchema,
      segmentRefSchema,
    ],
    {
      error: 'segments.issues.unknownType',
    },
  ),
) as z.ZodType<SegmentNode>;

/** The whole definition: a root group within the size limits (depth ≤ 5 levels of groups, ≤ 50 conditions). */
export const segmentDefinitionSchema = segmentGroupSchema.superRefine((root, ctx) => {
  let conditions = 0;
  const walk = (g: SegmentGroup, depth: number, path: (string | number)[]) => {
    if (depth > SEGMENT_LIMITS.maxDepth) ctx.addIssue({ code: 'custom', message: 'segments.issues.depth', path });
    g.children.forEach((child, k) => {
      if (child.type === 'group') walk(child, depth + 1, [...path, 'children', k]);
      else if (++conditions === SEGMENT_LIMITS.maxConditions + 1)
        ctx.addIssue({ code: 'custom', message: 'segments.issues.tooMany', path: [...path, 'children', k] });
    });
  };
  walk(root, 1, []);
});

/** A problem on the node at `path`: its catalogue message (`key`, `params`) and that message in English. */
export type SegmentIssue = MessageRef & { path: (string | number)[]; pathText: string; message: string };

/** An issue at `path` with the given message. */
export function segmentIssue(path: (string | number)[], ref: MessageRef): SegmentIssue {
  return { path, pathText: segmentPathText(path), message: messageIn('en', ref), ...ref };
}

/** A readable path like `children[1].children[0].value` (`(root)` for the definition itself). */
export const segmentPathText = (p: readonly PropertyKey[]) =>
  p.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '') ||
  '(root)';

/** Flattens zod issues to one entry per problem, with a readable path like `children[1].children[0].value`. */
export function segmentIssues(error: z.ZodError): SegmentIssue[] {
  const flat = (issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[]): SegmentIssue[] =>
    issues.flatMap((i) => {
      const path = [...prefix, ...i.path];
      // A union names the branch problems in `errors`; report the closest branch, not "invalid input".
      if (i.code === 'invalid_union' && i.errors.length > 0)
        return flat(
          i.errors.reduce((a, b) => (b.length < a.length ? b : a)),
          path,
        );
      return [segmentIssue(path as (string | number)[], issueMessage(i))];
    });
  return flat(error.issues, []);
}

/** Parses unknown JSON (a form, an API body or a stored Segment.definition) into a definition or per-condition issues. */
export function parseSegmentDefinition(
  input: unknown,
): { ok: true; definition: SegmentDefinition } | { ok: false; issues: SegmentIssue[] } {
  const r = segmentDefinitionSchema.safeParse(input);
  return r.success ? { ok: true, definition: r.data } : { ok: false, issues: segmentIssues(r.error) };
}
