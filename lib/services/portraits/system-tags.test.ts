import { describe, expect, test } from 'vitest';
import { messageIn } from '@/lib/i18n/message-ref';
import { fixedTagDefinitions, interestTagDefinition, systemTagDescription } from './system-tags';
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
