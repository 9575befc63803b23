import { describe, expect, test } from 'vitest';
import { messageIn } from '@/lib/i18n/message-ref';
import type { LifecycleRule } from '@/lib/engine/portrait/lifecycle';
import { fixedTagDefinitions, interestTagDefinition, lifecycleMessage, systemTagDescription } from './system-tags';
import { CHURN_BANDS } from './settings';

// System tag descriptions are catalogue messages worded in the reader's language; the Tag row keeps the English.
describe('system tag descriptions', () => {
  const keys = [
    ...fixedTagDefinitions().map((d) => d.key),
    'interest:likes:category:12',
    'interest:follows:category:3',
    'interest:likes:brand:nike',
    'interest:follows:brand:acme',
    'interest:price:budget',
  ];

  test.each(keys)('%s has a description in English and Chinese with every placeholder filled', (key) => {
    const ref = systemTagDescription(key);
    if (!ref) throw new Error(`no description for ${key}`);
    for (const locale of ['en', 'zh-CN'] as const) {
      const text = messageIn(locale, ref);
      expect(text.length).toBeGreaterThan(10);
      expect(text).not.toMatch(/[{}]/);
    }
    expect(messageIn('zh-CN', ref)).toMatch(/[\u4e00-\u9fff]/);
  });

  test('the stored English is the catalogue English, numbers included', () => {
    const byKey = new Map(fixedTagDefinitions().map((d) => [d.key, d.description]));
    expect(byKey.get('churn:high')).toBe(`Churn probability ≥ ${CHURN_BANDS.high * 100} %.`);
    expect(byKey.get('rfm:loyal')).toBe(
      "RFM group: R 4–5 and (F+M)/2 3–3.5, or R 3 and (F+M)/2 3–5 (quintile scores over the shop's customers with orders).",
    );
    const brand = { key: 'interest:follows:brand:acme', kind: 'brand', driver: 'browse', label: { en: 'a', zh: 'b' } };
    expect(interestTagDefinition(brand as Parameters<typeof interestTagDefinition>[0]).description).toBe(
      'Interest in a brand (browse-driven affinity), from behaviour decayed with time.',
    );
  });

  test('keys that are not system tags have none', () => {
    for (const key of ['custom:vip', 'rfm:nobody', 'churn:extreme', 'interest:likes:colour:red', ''])
      expect(systemTagDescription(key)).toBeNull();
  });
});

// Lifecycle rules are codes with numbers in the engine; their words live in the catalogue.
describe('lifecycle rule messages', () => {
  const rules: LifecycleRule[] = [
    { code: 'newByOrders', params: { first: 10, threshold: 30 } },
    { code: 'newByEvents', params: { first: 3, threshold: 30 } },
    { code: 'reactivated', params: { back: 15, gap: 485, threshold: 180 } },
    { code: 'activeByOrders', params: { days: 20, threshold: 90 } },
    { code: 'activeByEvents', params: { days: 20, threshold: 90 } },
    { code: 'atRiskByOrders', params: { days: 95, threshold: 90 } },
    { code: 'atRiskByEvents', params: { days: 100, threshold: 90 } },
    { code: 'churnedByOrders', params: { days: 181, threshold: 180 } },
    { code: 'churnedByEvents', params: { days: 1200, threshold: 180 } },
  ];

  test.each(rules)('$code reads in English and Chinese with every number filled', (rule) => {
    const ref = lifecycleMessage(rule);
    expect(messageIn('en', ref)).not.toMatch(/[{}]/);
    expect(messageIn('zh-CN', ref)).not.toMatch(/[{}]/);
    expect(messageIn('zh-CN', ref)).toMatch(/[\u4e00-\u9fff]/);
    for (const v of Object.values(rule.params)) expect(messageIn('zh-CN', ref)).toContain(v.toLocaleString('zh-CN'));
  });

  test('the words are the rule', () => {
    expect(messageIn('en', lifecycleMessage(rules[5]!))).toBe('last purchase 95 days ago > at-risk threshold 90 days');
    expect(messageIn('zh-CN', lifecycleMessage(rules[5]!))).toBe('最近一次购买在95天前，超过流失预警阈值90天');
    expect(messageIn('en', lifecycleMessage(rules[2]!))).toBe(
      'returned 15 days ago after a 485-day gap > churn threshold 180 days',
    );
    expect(messageIn('en', lifecycleMessage(rules[8]!))).toBe(
      'no purchase; last visit 1,200 days ago > churn threshold 180 days',
    );
  });
});
