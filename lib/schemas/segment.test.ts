import { messageIn } from '@/lib/i18n/message-ref';
import { describe, expect, test } from 'vitest';
import { parseSegmentDefinition } from './segment';

const group = (children: unknown[], extra: object = {}) => ({ type: 'group', op: 'and', children, ...extra });

describe('segment definition schema', () => {
  test('accepts every condition type', () => {
    const r = parseSegmentDefinition(
      group([
        { type: 'tag', key: 'rfm:champions', op: 'score_gte', value: 0.5 },
        { type: 'attribute', field: 'region', op: 'in', value: ['CN', 'US'] },
        { type: 'attribute', field: 'custom', key: 'tier', valueType: 'string', op: 'eq', value: 'gold' },
        { type: 'attribute', field: 'signupAt', op: 'in_last_days', value: 30 },
        group(
          [
            {
              type: 'behaviour',
              op: 'did',
              event: 'purchase',
              filter: { categoryId: 3, brand: 'Acme' },
              frequency: { op: 'at_least', value: 2 },
              window: { type: 'last_days', days: 60 },
            },
            {
              type: 'orders',
              metric: 'aov',
              op: 'between',
              value: [20, 80],
              window: { type: 'between', from: '2025-01-01', to: '2025-03-31' },
            },
          ],
          { op: 'or', negate: true },
        ),
        { type: 'profile', field: 'lifecycle', op: 'not_in', value: ['churned'] },
        { type: 'profile', field: 'churnProbability', op: 'gte', value: 0.7 },
        { type: 'consent', channel: 'sms', op: 'granted' },
        { type: 'segment', segmentId: 4, op: 'not_member' },
      ]),
    );
    expect(r.ok).toBe(true);
  });

  test.each<[string, unknown, string, string]>([
    ['unknown type', { type: 'behavior' }, 'children[0].type', 'segments.issues.unknownType'],
    [
      'operator for another type',
      { type: 'attribute', field: 'birthYear', op: 'contains', value: 'x' },
      'children[0].value',
      'segments.issues.operator',
    ],
    [
      'impossible date',
      { type: 'attribute', field: 'signupAt', op: 'gte', value: '2025-02-30' },
      'children[0].value',
      'segments.issues.date',
    ],
    [
      'reversed range',
      { type: 'attribute', field: 'birthYear', op: 'between', value: [2000, 1990] },
      'children[0].value',
      'segments.issues.order',
    ],
    [
      'unknown RFM group',
      { type: 'profile', field: 'rfmGroup', op: 'in', value: ['champs'] },
      'children[0].value',
      'segments.issues.choices',
    ],
    [
      'custom key with a quote',
      { type: 'attribute', field: 'custom', key: 'a"b', valueType: 'string', op: 'is_empty' },
      'children[0].key',
      'segments.issues.customKey',
    ],
    ['score without a value', { type: 'tag', key: 'x', op: 'score_gte' }, 'children[0].value', 'segments.issues.score'],
    [
      'reversed window',
      {
        type: 'behaviour',
        op: 'did',
        event: 'view',
        window: { type: 'between', from: '2025-05-01', to: '2025-01-01' },
      },
      'children[0].window.to',
      'segments.issues.dateOrder',
    ],
    [
      'unknown key (typo)',
      { type: 'consent', channel: 'email', op: 'granted', vaule: 1 },
      'children[0]',
      'errors.input.unknownKeys',
    ],
    [
      'NUL in text',
      { type: 'attribute', field: 'region', op: 'eq', value: 'a\u0000b' },
      'children[0].value',
      'segments.issues.nul',
    ],
  ])('%s → a message key on its path, with its English text', (_, condition, path, key) => {
    const r = parseSegmentDefinition(group([condition]));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues).toContainEqual(
        expect.objectContaining({
          pathText: path,
          key,
          message: messageIn('en', r.issues.find((i) => i.key === key)!),
        }),
      );
  });

  test('issues carry what the message needs: the allowed choices, the unknown keys', () => {
    const rfm = parseSegmentDefinition(group([{ type: 'profile', field: 'rfmGroup', op: 'in', value: ['champs'] }]));
    expect(rfm.ok || rfm.issues[0]!.params).toMatchObject({ values: expect.stringContaining('champions') });
    const typo = parseSegmentDefinition(group([{ type: 'consent', channel: 'email', op: 'granted', vaule: 1 }]));
    expect(typo.ok || typo.issues[0]!.message).toBe('Unrecognized key(s): vaule.');
  });

  test('depth ≤ 5 levels of groups, ≤ 50 conditions', () => {
    let deep: unknown = { type: 'consent', channel: 'sms', op: 'granted' };
    for (let k = 0; k < 5; k++) deep = group([deep]);
    expect(parseSegmentDefinition(deep).ok).toBe(true);
    expect(parseSegmentDefinition(group([deep])).ok).toBe(false);
    const many = (n: number) =>
      group(Array.from({ length: n }, () => ({ type: 'consent', channel: 'sms', op: 'granted' })));
    expect(parseSegmentDefinition(many(50)).ok).toBe(true);
    expect(parseSegmentDefinition(many(51))).toMatchObject({
      ok: false,
      issues: [{ pathText: 'children[50]', message: 'A segment has at most 50 conditions.' }],
    });
  });
});
