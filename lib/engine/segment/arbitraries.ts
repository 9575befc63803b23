import fc from 'fast-check';
import { LIFECYCLE_STAGES } from '@/lib/engine/portrait/lifecycle';
import {
  EVENT_TYPES,
  type SegmentCondition,
  type SegmentDefinition,
  type SegmentNode,
  type TimeWindow,
} from '@/lib/schemas/segment';
import { DAY_MS, dayOf } from './semantics';
import type { SegmentData } from './types';

/**
 * fast-check generators for the property tests: small random shops full of edge cases (nulls, empty attributes,
 * hostile text, timestamps exactly on window edges, equal scores) and random definitions drawing their values from
 * the same pools, so conditions actually hit. Test support only.
 */

/** The fixed "now" of generated shops (a Sunday noon UTC). */
export const ARB_NOW = Date.UTC(2025, 5, 15, 12, 0, 0);
const WINDOW_DAYS = [1, 7, 30];
const DAYS = ['2025-05-16', '2025-06-14', '2025-06-15', '2024-02-29'];

const HOSTILE = [
  "O'Hara",
  '\'; DROP TABLE "Customer"; --',
  '100%',
  'a_b',
  'back\\slash',
  '%',
  '_',
  '\\',
  'É',
  'é',
  '中国',
  '😀',
  'K',
];
const STRINGS = ['CN', 'US', 'cn', 'Shanghai', 'shanghai', 'f', 'm', '', ...HOSTILE];
const REGIONS = fc.constantFrom<string | null>(null, ...STRINGS);
const EMAILS = fc.constantFrom<string | null>(
  null,
  'a@Gmail.com',
  'b@gmail.com',
  'x@',
  'noat',
  'c@例子.中国',
  "q'@x.io",
  'd@100%.com',
  'e@a_b.org',
);

/** Instants on and around every edge a definition can draw. */
const EDGE_TIMES: number[] = (() => {
  const t = [ARB_NOW, ARB_NOW + 1, ARB_NOW - 1];
  for (const d of WINDOW_DAYS) t.push(ARB_NOW - d * DAY_MS, ARB_NOW - d * DAY_MS - 1, ARB_NOW - d * DAY_MS + 1);
  for (const day of DAYS) {
    const s = Date.parse(`${day}T00:00:00Z`);
    t.push(s, s - 1, s + DAY_MS - 1, s + DAY_MS);
  }
  return t;
})();
const time = fc.oneof(
  fc.constantFrom(...EDGE_TIMES),
  fc.integer({ min: ARB_NOW - 60 * DAY_MS, max: ARB_NOW + DAY_MS }),
);
const nullableTime = fc.option(time, { nil: null });

const ATTRIBUTE_KEYS = ['tier', 'points', 'vip', 'since', 'note x'];
const ATTRIBUTE_VALUES = fc.constantFrom<unknown>(
  'gold',
  'Gold',
  '120',
  '12.5',
  '007',
  '-3',
  '-0',
  '1e3',
  ' 12',
  '12 ',
  'TRUE',
  'no',
  'Yes',
  '1',
  '0',
  '2024-05-01',
  '2025-06-15T10:00:00Z',
  '2025-13-45',
  'x',
  '',
  "it's",
  '50%',
  120,
  12.5,
  -3,
  0,
  1,
  true,
  false,
  null,
  [],
  {},
);
const attributes = fc.oneof(
  fc.constant(null),
  fc.constant({}),
  fc.constant('json-null'),
  fc.dictionary(fc.constantFrom(...ATTRIBUTE_KEYS), ATTRIBUTE_VALUES, { minKeys: 2, maxKeys: 5 }),
  fc.dictionary(fc.constantFrom(...ATTRIBUTE_KEYS), ATTRIBUTE_VALUES, { minKeys: 2, maxKeys: 5 }),
);

const CATEGORY_COUNT = 6;
const PRODUCT_COUNT = 8;
export const TAG_KEYS = ['rfm:champions', 'custom:vip', "weird:'%_\\", 'interest:likes:category:2'];
const BRANDS = ['Acme', 'acme', 'Zeta', "O'Brand"];
const PROFILE_NUMBERS = [0, 0.25, 0.5, 1, 10, 10.5, 100];

/** A small random shop; ids are 1..n in every table. `attributes: 'json-null'` stands for a JSON null stored. */
export const shopArbitrary: fc.Arbitrary<SegmentData> = fc
  .record({
    parents: fc.array(fc.nat(), { minLength: CATEGORY_COUNT, maxLength: CATEGORY_COUNT }),
    products: fc.array(
      fc.record({
        categoryId: fc.option(fc.integer({ min: 1, max: CATEGORY_COUNT }), { nil: null }),
        brand: fc.option(fc.constantFrom(...BRANDS), { nil: null }),
        // other categories the product is listed in (ProductCategory); the primary may or may not be among them
        categoryIds: fc.uniqueArray(fc.integer({ min: 1, max: CATEGORY_COUNT }), { maxLength: 2 }),
      }),
      { minLength: PRODUCT_COUNT, maxLength: PRODUCT_COUNT },
    ),
    customers: fc.array(
      fc.record({
        email: EMAILS,
        phone: fc.constantFrom<string | null>(null, '', '+8613800000000'),
        gender: fc.constantFrom<string | null>(null, 'f', 'm', ''),
        birthYear: fc.constantFrom<number | null>(null, 1980, 1990, 2000),
        region: REGIONS,
        city: REGIONS,
        signupAt: nullableTime,
        consentEmail: fc.boolean(),
        consentSms: fc.boolean(),
        consentPush: fc.boolean(),
        attributes,
        erased: fc.nat(9),
        profile: fc.option(
          fc.record({
            rfmGroup: fc.constantFrom<string | null>(null, 'champions', 'loyal', 'at-risk', 'lost'),
            lifecycle: fc.constantFrom<string | null>(null, ...LIFECYCLE_STAGES),
            rfmR: fc.constantFrom<number | null>(null, 1, 3, 5),
            rfmF: fc.constantFrom<number | null>(null, 1, 3, 5),
            rfmM: fc.constantFrom<number | null>(null, 1, 3, 5),
            recencyDays: fc.constantFrom<number | null>(null, 0, 7, 30),
            clv365: fc.constantFrom<number | null>(null, ...PROFILE_NUMBERS),
            churnProbability: fc.constantFrom<number | null>(null, 0, 0.25, 0.5, 1),
            pAlive: fc.constantFrom<number | null>(null, 0.5),
            expPurchases30: fc.constantFrom<number | null>(null, 0, 1.5),
            expPurchases90: fc.constant(null),
            expPurchases365: fc.constant(null),
            firstSeenAt: nullableTime,
            lastSeenAt: nullableTime,
          }),
          { nil: null },
        ),
      }),
      { minLength: 6, maxLength: 24 },
    ),
    tags: fc.uniqueArray(
      fc.record({ c: fc.nat(23), k: fc.nat(TAG_KEYS.length - 1), score: fc.constantFrom(0, 0.5, 1, 2) }),
      { minLength: 8, maxLength: 40, selector: (t) => `${t.c}|${t.k}` },
    ),
    events: fc.array(
      fc.record({
        c: fc.nat(23),
        type: fc.constantFrom(...EVENT_TYPES),
        ts: time,
        productId: fc.option(fc.integer({ min: 1, max: PRODUCT_COUNT }), { nil: null }),
        categoryId: fc.option(fc.constantFrom(1, 2, 3, 4, 5, 6, 99), { nil: null }),
        campaignId: fc.constantFrom<number | null>(null, 1, 2),
      }),
      { minLength: 120, maxLength: 250 },
    ),
    orders: fc.array(
      fc.record({
        c: fc.nat(23),
        placedAt: time,
        status: fc.constantFrom('completed', 'completed', 'cancelled', 'returned'),
        total: fc.integer({ min: 0, max: 400 }).map((x) => x / 4),
        campaignId: fc.constantFrom<number | null>(null, 1, 2),
        lines: fc.array(fc.option(fc.integer({ min: 1, max: PRODUCT_COUNT }), { nil: null }), { maxLength: 3 }),
      }),
      { minLength: 12, maxLength: 40 },
    ),
  })
  .map((r) => {
    const n = r.customers.length;
    const data: SegmentData = {
      // Category k's parent is an earlier category (or none): a forest, like the real tree.
      categories: r.parents.map((p, k) => ({ id: k + 1, parentId: k === 0 || p % 3 === 0 ? null : 1 + (p % k) })),
      products: r.products.map((p, k) => ({ id: k + 1, ...p })),
      customers: r.customers.map((c, k) => ({
        id: k + 1,
        externalId: `C${k + 1}`,
        email: c.email,
        phone: c.phone,
        gender: c.gender,
        birthYear: c.birthYear,
        region: c.region,
        city: c.city,
        signupAt: c.signupAt,
        consentEmail: c.consentEmail,
        consentSms: c.consentSms,
        consentPush: c.consentPush,
        attributes: c.attributes,
        erasedAt: c.erased === 0 ? ARB_NOW - DAY_MS : null,
      })),
      profiles: r.customers.flatMap((c, k) => (c.profile ? [{ customerId: k + 1, ...c.profile }] : [])),
      tags: r.tags.filter((t) => t.c < n).map((t) => ({ customerId: t.c + 1, key: TAG_KEYS[t.k]!, score: t.score })),
      events: r.events.map((e) => ({
        customerId: (e.c % n) + 1,
        type: e.type,
        ts: e.ts,
        productId: e.productId,
        categoryId: e.categoryId,
        campaignId: e.campaignId,
      })),
      orders: [],
      orderLines: [],
    };
    r.orders.forEach((o, k) => {
      data.orders.push({
        id: k + 1,
        customerId: (o.c % n) + 1,
        placedAt: o.placedAt,
        status: o.status,
        total: o.total,
        campaignId: o.campaignId,
      });
      for (const productId of o.lines) data.orderLines.push({ orderId: k + 1, productId });
    });
    return data;
  });

const window: fc.Arbitrary<TimeWindow | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant({ type: 'all_time' as const }),
  fc.constantFrom(...WINDOW_DAYS).map((days) => ({ type: 'last_days' as const, days })),
  fc.tuple(fc.constantFrom(...DAYS), fc.constantFrom(...DAYS)).map(([a, b]) => {
    const [from, to] = a < b ? [a, b] : [b, a];
    return { type: 'between' as const, from, to };
  }),
);

const withValue = <T extends object>(base: T, value: unknown) => (value === undefined ? base : { ...base, value });

/** A comparison valid for a value type, with values from the shop pools. */
function comparison(type: 'string' | 'number' | 'date' | 'boolean', pool: readonly (string | number)[]) {
  const one = fc.constantFrom(...(pool.length ? pool : ['']));
  const ops: Record<string, fc.Arbitrary<unknown>> = {
    string: fc.oneof(
      fc.record({
        op: fc.constantFrom('eq', 'neq', 'contains', 'not_contains', 'starts_with', 'ends_with'),
        value: one,
      }),
      fc.record({ op: fc.constantFrom('in', 'not_in'), value: fc.uniqueArray(one, { minLength: 1, maxLength: 3 }) }),
      fc.record({ op: fc.constantFrom('is_empty', 'is_not_empty') }),
    ),
    number: fc.oneof(
      fc.record({ op: fc.constantFrom('eq', 'neq', 'lt', 'lte', 'gt', 'gte'), value: one }),
      fc.tuple(one, one).map(([a, b]) => ({ op: 'between', value: (a as number) <= (b as number) ? [a, b] : [b, a] })),
      fc.record({ op: fc.constantFrom('in', 'not_in'), value: fc.uniqueArray(one, { minLength: 1, maxLength: 3 }) }),
      fc.record({ op: fc.constantFrom('is_empty', 'is_not_empty') }),
    ),
    date: fc.oneof(
      fc.record({
        op: fc.constantFrom('eq', 'neq', 'lt', 'lte', 'gt', 'gte'),
        value: fc.constantFrom(...DAYS, dayOf(ARB_NOW - 7 * DAY_MS)),
      }),
      fc
        .tuple(fc.constantFrom(...DAYS), fc.constantFrom(...DAYS))
        .map(([a, b]) => ({ op: 'between', value: a <= b ? [a, b] : [b, a] })),
      fc.record({
        op: fc.constantFrom('in_last_days', 'more_than_days_ago'),
        value: fc.constantFrom(0, ...WINDOW_DAYS),
      }),
      fc.record({ op: fc.constantFrom('is_empty', 'is_not_empty') }),
    ),
    boolean: fc.record({ op: fc.constantFrom('is_true', 'is_false', 'is_empty', 'is_not_empty') }),
  };
  return ops[type]! as fc.Arbitrary<{ op: string; value?: unknown }>;
}

/** One random condition of any type (values from the shop pools). */
export const conditionArbitrary: fc.Arbitrary<SegmentCondition> = fc
  .oneof(
    fc
      .record({
        key: fc.constantFrom(...TAG_KEYS, 'absent:tag'),
        op: fc.constantFrom('has', 'has_not', 'score_gte', 'score_lte'),
        score: fc.constantFrom(0, 0.5, 1, 2),
      })
      .map(({ key, op, score }) => withValue({ type: 'tag', key, op }, op.startsWith('score') ? score : undefined)),
    fc
      .constantFrom('region', 'city', 'gender')
      .chain((field) => comparison('string', STRINGS.filter(Boolean)).map((c) => ({ type: 'attribute', field, ...c }))),
    comparison('string', ['gmail.com', 'GMAIL.com', 'x.io', '例子.中国', '100%.com', 'a_b.org', '%', "'"]).map((c) => ({
      type: 'attribute',
      field: 'emailDomain',
      ...c,
    })),
    comparison('string', ['C1', 'C', '1']).map((c) => ({ type: 'attribute', field: 'externalId', ...c })),
    comparison('number', [1980, 1990, 1995, 2000]).map((c) => ({ type: 'attribute', field: 'birthYear', ...c })),
    comparison('date', []).map((c) => ({ type: 'attribute', field: 'signupAt', ...c })),
    fc
      .constantFrom('string', 'number', 'date', 'boolean')
      .chain((valueType) =>
        fc
          .tuple(
            fc.constantFrom(...ATTRIBUTE_KEYS, 'missing'),
            comparison(
              valueType as 'string',
              valueType === 'number' ? [0, -3, 12.5, 120, 1000, 7] : ['gold', 'Gold', 'x', '12', "it's", '%', '0'],
            ),
          )
          .map(([key, c]) => ({ type: 'attribute', field: 'custom', key, valueType, ...c })),
      ),
    fc.constantFrom('rfmGroup', 'lifecycle').chain((field) =>
      fc
        .record({
          op: fc.constantFrom('in', 'not_in'),
          value: fc.uniqueArray(
            fc.constantFrom(...(field === 'rfmGroup' ? ['champions', 'loyal', 'at-risk', 'lost'] : LIFECYCLE_STAGES)),
            { minLength: 1, maxLength: 3 },
          ),
        })
        .map((c) => ({ type: 'profile', field, ...c })),
    ),
    fc
      .constantFrom('rfmR', 'clv365', 'churnProbability', 'recencyDays', 'expPurchases30')
      .chain((field) => comparison('number', PROFILE_NUMBERS).map((c) => ({ type: 'profile', field, ...c }))),
    fc
      .constantFrom('firstSeenAt', 'lastSeenAt')
      .chain((field) => comparison('date', []).map((c) => ({ type: 'profile', field, ...c }))),
    fc
      .record({ channel: fc.constantFrom('email', 'sms', 'push'), op: fc.constantFrom('granted', 'not_granted') })
      .map((c) => ({ type: 'consent', ...c })),
    fc
      .record({
        op: fc.constantFrom('did', 'did_not'),
        event: fc.constantFrom(...EVENT_TYPES),
        filter: fc.option(
          fc.record(
            {
              categoryId: fc.integer({ min: 1, max: 7 }),
              brand: fc.constantFrom(...BRANDS),
              productId: fc.integer({ min: 1, max: PRODUCT_COUNT }),
              campaignId: fc.constantFrom(1, 2),
            },
            { requiredKeys: [] },
          ),
          { nil: undefined, freq: 2 },
        ),
        frequency: fc.option(
          fc.oneof(
            fc.record({ op: fc.constantFrom('at_least', 'at_most', 'exactly'), value: fc.nat(3) }),
            fc
              .tuple(fc.nat(3), fc.nat(3))
              .map(([a, b]) => ({ op: 'between', value: [Math.min(a, b), Math.max(a, b)] })),
          ),
          { nil: undefined },
        ),
        window,
      })
      .map((c) => ({ type: 'behaviour', ...c })),
    fc.constantFrom('count', 'revenue', 'aov').chain((metric) =>
      fc
        .record({
          op: fc.constantFrom('eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'between'),
          // counts are small whole numbers (with a fraction now and then); money values sit on the generated totals
          a: metric === 'count' ? fc.constantFrom(0, 1, 2, 3, 1.5) : fc.constantFrom(0, 12.5, 25, 50, 100),
          b: metric === 'count' ? fc.constantFrom(0, 1, 2, 4) : fc.constantFrom(0, 25, 50, 150),
          window,
        })
        .map(({ a, b, ...c }) => ({
          type: 'orders',
          metric,
          ...c,
          value: c.op === 'between' ? [Math.min(a, b), Math.max(a, b)] : a,
        })),
    ),
  )
  .map((c) => JSON.parse(JSON.stringify(c)) as SegmentCondition); // drop undefined keys, as stored JSON would

/** A definition of one condition, possibly negated: each condition's meaning shows directly in the result. */
export const singleConditionArbitrary: fc.Arbitrary<SegmentDefinition> = fc
  .tuple(conditionArbitrary, fc.boolean())
  .map(([c, negate]) => ({ type: 'group', op: 'and', negate, children: [c] }));

/** Random definitions (nested groups with negation, every condition type); `segmentIds` may be referenced. */
export function definitionArbitrary(segmentIds: number[] = [], maxDepth = 3): fc.Arbitrary<SegmentDefinition> {
  const ref = segmentIds.length
    ? [
        fc.record({
          type: fc.constant('segment' as const),
          segmentId: fc.constantFrom(...segmentIds),
          op: fc.constantFrom('member' as const, 'not_member' as const),
        }),
      ]
    : [];
  const { group } = fc.letrec<{ group: SegmentNode; node: SegmentNode }>((tie) => ({
    group: fc.record({
      type: fc.constant('group' as const),
      op: fc.constantFrom('and' as const, 'or' as const),
      negate: fc.boolean(),
      children: fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
    }),
    node: fc.oneof({ depthSize: 'small', maxDepth }, conditionArbitrary, conditionArbitrary, ...ref, tie('group')),
  }));
  return group as fc.Arbitrary<SegmentDefinition>;
}
