import { describe, expect, test } from 'vitest';
import { unsupportedNumbers } from '@/lib/engine/assistant/number-check';
import type { Verdict } from '@/lib/engine/campaign/verdict';
import { allowedNumbers, summariseResults, type ResultsFacts } from './results-summary';

const arms = [{ name: 'Holdout' }, { name: 'Spring sale' }, { name: 'Free shipping' }];
const facts = (verdict: Verdict): ResultsFacts => ({ verdict, arms, primaryMetric: 'conversionRate' });
const WIN: Verdict = {
  kind: 'significant',
  direction: 'positive',
  isFinal: true,
  arm: 2,
  reasons: [
    {
      code: 'sequentialSignificant',
      params: { treatment: 'Free shipping', control: 'Holdout', liftPct: 12.4, lowerPct: 3.1, upperPct: 21.7 },
    },
  ],
};
const cases: [string, Verdict][] = [
  ['win', WIN],
  [
    'lose',
    {
      ...WIN,
      direction: 'negative',
      reasons: [
        {
          code: 'significantWorse',
          params: { ...WIN.reasons[0]!.params, liftPct: -8.2, lowerPct: -14, upperPct: -2.3 },
        },
      ],
    },
  ],
  [
    'promising',
    {
      kind: 'promising',
      direction: null,
      isFinal: false,
      arm: 1,
      reasons: [{ code: 'promising', params: { treatment: 'Spring sale', control: 'Holdout', chancePct: 93 } }],
    },
  ],
  [
    'final even',
    {
      kind: 'inconclusive',
      direction: null,
      isFinal: true,
      arm: null,
      reasons: [{ code: 'finalNoDifference', params: {} }],
    },
  ],
  [
    'srm',
    { kind: 'srm', direction: null, isFinal: false, arm: null, reasons: [{ code: 'srm', params: { p: 0.0001 } }] },
  ],
  [
    'no data',
    { kind: 'no-data', direction: null, isFinal: false, arm: null, reasons: [{ code: 'noAssignments', params: {} }] },
  ],
];

describe('summariseResults', () => {
  test('a win names the winner, the effect with its interval, that the test is finished and what to do', () => {
    const s = summariseResults(facts(WIN));
    expect(s.source).toBe('template');
    expect(s.text.en).toBe(
      'Free shipping wins on Conversion rate: 12.4 % against Holdout (interval 3.1 % to 21.7 %). The test is finished. Next: send Free shipping to the whole segment.',
    );
    expect(s.text.zh).toContain('测试已结束');
  });

  test.each(cases)('%s: every number of the template is in the statistics, in both languages', (_name, verdict) => {
    const s = summariseResults(facts(verdict));
    const allowed = allowedNumbers(facts(verdict));
    expect(unsupportedNumbers(s.text.en, allowed)).toEqual([]);
    expect(unsupportedNumbers(s.text.zh, allowed)).toEqual([]);
  });

  test('a model text is used only when all its numbers check out; otherwise the template answers', () => {
    const good = { en: 'Free shipping won: +12.4 % (3.1 % to 21.7 %).', zh: '包邮方案胜出：+12.4 %。' };
    expect(summariseResults(facts(WIN), good)).toEqual({ text: good, source: 'model' });
    const invented = { en: 'Free shipping won by 15 %, about 300 extra orders.', zh: '包邮方案胜出 15 %。' };
    expect(summariseResults(facts(WIN), invented).source).toBe('template');
  });
});
