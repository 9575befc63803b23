import { describe, expect, test } from 'vitest';
import { checkAssistantDefinition } from './check-definition';
import { and, city, did, or, tag } from './testing/build';
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
});
