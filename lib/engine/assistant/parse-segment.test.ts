import { describe, expect, test } from 'vitest';
import { segmentDefinitionSchema } from '@/lib/schemas/segment';
import { parseSegmentText } from './parse-segment';
import { GOLDEN_SENTENCES } from './testing/golden-sentences';
import { DEMO_VOCABULARY } from './testing/vocabulary';

describe('parseSegmentText: golden sentences', () => {
  test('the set holds at least 60 sentences, half of them Chinese', () => {
    expect(GOLDEN_SENTENCES.length).toBeGreaterThanOrEqual(60);
    expect(GOLDEN_SENTENCES.filter((g) => g.lang === 'zh').length * 2).toBeGreaterThanOrEqual(GOLDEN_SENTENCES.length);
  });

  test.each(GOLDEN_SENTENCES.map((g) => [g.lang, g.text, g.expected] as const))('%s: %s', (_lang, text, expected) => {
    const r = parseSegmentText(text, DEMO_VOCABULARY);
    expect(r.type).toBe('ok');
    if (r.type !== 'ok') return;
    expect(r.definition).toEqual(expected);
    expect(segmentDefinitionSchema.safeParse(r.definition).success).toBe(true);
  });
});

describe('parseSegmentText: edges', () => {
  test('a sentence with nothing the parser knows gives no definition and names the words it skipped', () => {
    const r = parseSegmentText('purple elephants dancing', DEMO_VOCABULARY);
    expect(r).toEqual({ type: 'empty', unrecognised: ['purple elephants dancing'] });
  });

  test('words it skipped are reported next to a definition', () => {
    const r = parseSegmentText('champions who like jazz festivals', DEMO_VOCABULARY);
    expect(r.type).toBe('ok');
    expect(r.unrecognised).toEqual(['jazz festivals']);
  });

  test('a Chinese quantifier before its verb counts and is not reported as skipped', () => {
    expect(parseSegmentText('最近180天最多下单1笔', DEMO_VOCABULARY).unrecognised).toEqual([]);
    expect(parseSegmentText('最多浏览2次美妆', DEMO_VOCABULARY)).toEqual({
      type: 'ok',
      definition: {
        type: 'group',
        op: 'and',
        children: [
          {
            type: 'behaviour',
            op: 'did',
            event: 'view',
            filter: { categoryId: 5 },
            frequency: { op: 'at_most', value: 2 },
          },
        ],
      },
      unrecognised: [],
    });
  });

  test('a tag missing from the shop is never invented', () => {
    const shop = { ...DEMO_VOCABULARY, tags: DEMO_VOCABULARY.tags.filter((t) => !t.key.startsWith('clv:')) };
    expect(parseSegmentText('high-value customers', shop).type).toBe('empty');
  });

  test('long input is cut, answers stay fast and valid', () => {
    const text = 'champions in Shanghai or Beijing who bought Beauty in the last 30 days and '.repeat(40);
    const t = performance.now();
    const r = parseSegmentText(text, DEMO_VOCABULARY);
    expect(performance.now() - t).toBeLessThan(200);
    expect(r.type).toBe('ok');
  });

  test('non-string input is refused with a RangeError naming the function', () => {
    expect(() => parseSegmentText(42 as unknown as string, DEMO_VOCABULARY)).toThrow(/parseSegmentText/);
  });
});
