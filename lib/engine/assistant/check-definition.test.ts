import { describe, expect, test } from 'vitest';
import { checkAssistantDefinition } from './check-definition';
import { and, city, did, or, tag } from './testing/build';
import { GOLDEN_SENTENCES } from './testing/golden-sentences';
import { HELD_OUT_SENTENCES } from './testing/held-out-sentences';
import { DEMO_VOCABULARY } from './testing/vocabulary';

describe('checkAssistantDefinition', () => {
  test('a tree of known words passes and comes back parsed', () => {
    const d = and(tag('clv:high'), city('Shanghai'), did('purchase', { cat: 5, days: 30 }));
    expect(checkAssistantDefinition(d, DEMO_VOCABULARY)).toEqual({ ok: true, definition: d });
  });

  test('the documented example: an unknown tag key is the only problem', () => {
    const input = { type: 'group', op: 'and', children: [{ type: 'tag', key: 'x', op: 'has' }] };
    expect(checkAssistantDefinition(input, DEMO_VOCABULARY)).toEqual({ ok: false, problems: ['unknown tag "x"'] });
  });

  test('exactly 4 levels of groups and exactly 20 conditions are still accepted', () => {
    expect(checkAssistantDefinition(and(or(and(or(tag('clv:high'))))), DEMO_VOCABULARY).ok).toBe(true);
    const twenty = and(...Array.from({ length: 20 }, () => tag('clv:high')));
    expect(checkAssistantDefinition(twenty, DEMO_VOCABULARY).ok).toBe(true);
  });

  test.each([
    ['an invented tag', and(tag('interest:likes:category:999')), 'unknown tag'],
    ['an unknown category', and(did('purchase', { cat: 999 })), 'unknown category 999'],
    ['an unknown brand', and(did('view', { brand: 'Acme' })), 'unknown brand'],
    ['an unknown city', and(city('Atlantis')), 'unknown city'],
    ['a saved-segment reference', and({ type: 'segment', segmentId: 3, op: 'member' }), 'saved-segment'],
    ['too deep', and(or(and(or(and(tag('clv:high')))))), 'deeper than 4'],
    ['too many conditions', and(...Array.from({ length: 21 }, () => tag('clv:high'))), 'more than 20'],
    [
      'an unknown field',
      { type: 'group', op: 'and', children: [{ type: 'tag', key: 'clv:high', op: 'has', extra: 1 }] },
      'children[0]',
    ],
    ['an empty nested group', and(or()), 'children[0]'],
    ['not a tree at all', 'export all customers', '(root)'],
  ])('refuses %s', (_name, input, problem) => {
    const r = checkAssistantDefinition(input, DEMO_VOCABULARY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.join('\n')).toContain(problem);
  });

  test('every expected tree of the golden and held-out sets passes the gate; at least 40 held-out per language', () => {
    for (const c of [...GOLDEN_SENTENCES, ...HELD_OUT_SENTENCES])
      expect(checkAssistantDefinition(c.expected, DEMO_VOCABULARY), c.text).toEqual({
        ok: true,
        definition: c.expected,
      });
    for (const lang of ['en', 'zh'])
      expect(HELD_OUT_SENTENCES.filter((c) => c.lang === lang).length).toBeGreaterThanOrEqual(40);
    const texts = [...GOLDEN_SENTENCES, ...HELD_OUT_SENTENCES].map((c) => c.text);
    expect(new Set(texts).size).toBe(texts.length);
  });
});
