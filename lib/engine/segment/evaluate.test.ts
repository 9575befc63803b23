import { describe, expect, test } from 'vitest';
import type { SegmentCondition, SegmentDefinition } from '@/lib/schemas/segment';
import { evaluateSegment, explainSegment } from './evaluate';
import { describeExplanation } from './explain';
import { inlineSegments, SegmentReferenceError } from './inline';
import { DAY_MS } from './semantics';
import type { SegmentCustomer, SegmentData } from './types';

// The definition language, pinned by examples. NOW is Sunday 2025-06-15 12:00 UTC.
const NOW = Date.UTC(2025, 5, 15, 12);
const c = (id: number, over: Partial<SegmentCustomer> = {}): SegmentCustomer => ({
  id,
  externalId: `C${id}`,
  email: null,
  phone: null,
  gender: null,
  birthYear: null,
  region: null,
  city: null,
  signupAt: null,
  consentEmail: false,
  consentSms: false,
  consentPush: false,
  attributes: null,
  erasedAt: null,
  ...over,
});
const shop = (over: Partial<SegmentData>): SegmentData => ({
  customers: [],
  profiles: [],
  tags: [],
  events: [],
  orders: [],
  orderLines: [],
  products: [],
  categories: [],
  ...over,
});
const one = (cond: SegmentCondition): SegmentDefinition => ({ type: 'group', op: 'and', children: [cond] });
const members = (data: SegmentData, cond: SegmentCondition) => evaluateSegment(one(cond), data, { now: NOW });

describe('time windows', () => {
  const at = (ts: number, id: number) => ({
    customerId: id,
    type: 'view',
    ts,
    productId: null,
    categoryId: null,
    campaignId: null,
  });
  const data = shop({
    customers: [1, 2, 3, 4, 5].map((id) => c(id)),
    events: [
      at(NOW - 7 * DAY_MS, 1),
      at(NOW, 2),
      at(NOW - 7 * DAY_MS - 1, 3),
      at(NOW + 1, 4),
      at(Date.UTC(2025, 5, 14, 23, 59, 59, 999), 5),
    ],
  });
  test('"in the last 7 days" is [now − 7×24 h, now], both ends included', () => {
    expect(
      members(data, { type: 'behaviour', op: 'did', event: 'view', window: { type: 'last_days', days: 7 } }),
    ).toEqual([1, 2, 5]);
  });
  test('"between" takes whole UTC days, both included', () => {
    expect(
      members(data, {
        type: 'behaviour',
        op: 'did',
        event: 'view',
        window: { type: 'between', from: '2025-06-08', to: '2025-06-14' },
      }),
    ).toEqual([1, 3, 5]);
  });
});

describe('comparisons', () => {
  const data = shop({
    customers: [
      c(1, {
        region: 'CN',
        signupAt: Date.UTC(2025, 5, 14, 23, 0),
        email: 'a@Gmail.com',
        attributes: { points: '120', vip: 'YES', since: '2025-06-15T10:00:00Z', code: '007' },
      }),
      c(2, {
        region: '',
        signupAt: Date.UTC(2025, 5, 15, 0, 0),
        email: 'b@example.com',
        attributes: { points: 80, vip: false },
      }),
      c(3, { region: 'Éclair', city: 'éclair' }),
      c(4, { region: 'CN', erasedAt: NOW }),
    ],
  });
  test.each<[string, SegmentCondition, number[]]>([
    ['eq excludes empty values', { type: 'attribute', field: 'region', op: 'eq', value: 'CN' }, [1]],
    [
      'neq is the exact complement, empty included',
      { type: 'attribute', field: 'region', op: 'neq', value: 'CN' },
      [2, 3],
    ],
    ['is_empty covers null and ""', { type: 'attribute', field: 'region', op: 'is_empty' }, [2]],
    [
      'a date "lte" day includes that whole day',
      { type: 'attribute', field: 'signupAt', op: 'lte', value: '2025-06-14' },
      [1],
    ],
    [
      'a date "eq" day is within that day',
      { type: 'attribute', field: 'signupAt', op: 'eq', value: '2025-06-15' },
      [2],
    ],
    ['contains ignores ASCII case only', { type: 'attribute', field: 'region', op: 'contains', value: 'cL' }, [3]],
    ['… so É is not é', { type: 'attribute', field: 'city', op: 'starts_with', value: 'É' }, []],
    [
      'e-mail domains compare in lower case',
      { type: 'attribute', field: 'emailDomain', op: 'eq', value: 'GMAIL.com' },
      [1],
    ],
    [
      'a custom number reads numeric text',
      { type: 'attribute', field: 'custom', key: 'points', valueType: 'number', op: 'gt', value: 100 },
      [1],
    ],
    [
      '… but not "007"',
      { type: 'attribute', field: 'custom', key: 'code', valueType: 'number', op: 'is_not_empty' },
      [],
    ],
    [
      'a custom boolean reads yes/no text',
      { type: 'attribute', field: 'custom', key: 'vip', valueType: 'boolean', op: 'is_true' },
      [1],
    ],
    [
      'a custom date is the text day',
      { type: 'attribute', field: 'custom', key: 'since', valueType: 'date', op: 'eq', value: '2025-06-15' },
      [1],
    ],
  ])('%s', (_, cond, expected) => expect(members(data, cond)).toEqual(expected));

  test('empty groups: AND is everyone (not erased), OR is no one', () => {
    expect(evaluateSegment({ type: 'group', op: 'and', children: [] }, data, { now: NOW })).toEqual([1, 2, 3]);
    expect(evaluateSegment({ type: 'group', op: 'or', children: [] }, data, { now: NOW })).toEqual([]);
    expect(evaluateSegment({ type: 'group', op: 'or', negate: true, children: [] }, data, { now: NOW })).toEqual([
      1, 2, 3,
    ]);
  });
});

describe('purchases and orders', () => {
  const order = (id: number, customerId: number, daysAgo: number, total: number, status = 'completed') => ({
    id,
    customerId,
    placedAt: NOW - daysAgo * DAY_MS,
    status,
    total,
    campaignId: null,
  });
  const data = shop({
    customers: [1, 2, 3].map((id) => c(id)),
    categories: [
      { id: 1, parentId: null },
      { id: 2, parentId: 1 },
      { id: 3, parentId: null },
    ],
    products: [
      { id: 10, categoryId: 2, brand: 'Acme' },
      { id: 11, categoryId: 3, brand: 'Zeta' },
    ],
    orders: [order(1, 1, 5, 30), order(2, 1, 20, 50), order(3, 2, 5, 100, 'cancelled'), order(4, 2, 90, 10)],
    orderLines: [
      { orderId: 1, productId: 10 },
      { orderId: 2, productId: 11 },
      { orderId: 3, productId: 10 },
      { orderId: 4, productId: 10 },
    ],
    events: [{ customerId: 3, type: 'purchase', ts: NOW - DAY_MS, productId: 10, categoryId: 2, campaignId: null }],
  });
  test('purchases come from completed orders (purchase events are not counted); categories include descendants', () => {
    expect(
      members(data, {
        type: 'behaviour',
        op: 'did',
        event: 'purchase',
        filter: { categoryId: 1 },
        window: { type: 'last_days', days: 30 },
      }),
    ).toEqual([1]);
    expect(members(data, { type: 'behaviour', op: 'did', event: 'purchase', filter: { categoryId: 1 } })).toEqual([
      1, 2,
    ]);
  });
  test('frequency counts include zero: "at most 1" takes those who never did', () => {
    expect(
      members(data, { type: 'behaviour', op: 'did', event: 'purchase', frequency: { op: 'at_most', value: 1 } }),
    ).toEqual([2, 3]);
    expect(
      members(data, { type: 'behaviour', op: 'did_not', event: 'purchase', frequency: { op: 'at_least', value: 2 } }),
    ).toEqual([2, 3]);
  });
  test('order aggregates: revenue of no orders is 0, their average is empty', () => {
    expect(members(data, { type: 'orders', metric: 'revenue', op: 'lt', value: 20 })).toEqual([2, 3]);
    expect(members(data, { type: 'orders', metric: 'aov', op: 'gte', value: 0 })).toEqual([1, 2]);
    expect(members(data, { type: 'orders', metric: 'aov', op: 'eq', value: 40 })).toEqual([1]);
  });
  test('the explanation carries the counted values', () => {
    const def = one({
      type: 'behaviour',
      op: 'did',
      event: 'purchase',
      filter: { categoryId: 1 },
      frequency: { op: 'at_least', value: 2 },
      window: { type: 'last_days', days: 60 },
    });
    const e = explainSegment(def, data, 1, { now: NOW });
    expect(e.member).toBe(false);
    const text = describeExplanation(e.tree, { category: new Map([[1, { en: 'Sports', zh: '运动' }]]) });
    if (text.type !== 'group') throw new Error('the root is a group');
    expect(text.children[0]!.text).toEqual({
      en: 'purchase in Sports: 1 time in the last 60 days (needs ≥ 2)',
      zh: '购买 「运动」：最近60天内1次（要求 ≥ 2次）',
    });
    expect(text.text.en).toBe('all of (0 of 1 met)');
  });
});

describe('segment references', () => {
  const defs: Record<number, unknown> = {
    1: one({ type: 'consent', channel: 'email', op: 'granted' }),
    2: one({ type: 'segment', segmentId: 3, op: 'member' }),
    3: one({ type: 'segment', segmentId: 2, op: 'not_member' }),
  };
  test('are inlined (not_member as a negated group)', () => {
    const inlined = inlineSegments(one({ type: 'segment', segmentId: 1, op: 'not_member' }), (id) => defs[id]);
    expect(inlined.children[0]).toEqual({ type: 'group', op: 'and', negate: true, children: [defs[1]] });
  });
  test('cycles, missing and invalid segments are refused with the chain', () => {
    expect(() => inlineSegments(one({ type: 'segment', segmentId: 2, op: 'member' }), (id) => defs[id])).toThrow(
      'segment 2 refers to itself (2 → 3 → 2)',
    );
    expect(() => inlineSegments(one({ type: 'segment', segmentId: 9, op: 'member' }), (id) => defs[id])).toThrow(
      SegmentReferenceError,
    );
    expect(() =>
      inlineSegments(one({ type: 'segment', segmentId: 1, op: 'member' }), () => ({ type: 'nope' })),
    ).toThrow(/invalid definition/);
    expect(() => inlineSegments(one({ type: 'segment', segmentId: 1, op: 'member' }), (id) => defs[id], 1)).toThrow(
      /refers to itself \(1 → 1\)/,
    );
  });
});
