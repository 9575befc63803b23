import { describe, expect, test } from 'vitest';
import { parseSegmentText } from '@/lib/engine/assistant/parse-segment';
import { DEMO_VOCABULARY } from '@/lib/engine/assistant/testing/vocabulary';
import { namesFromVocabulary, readBack } from './read-back';

describe('readBack', () => {
  test('reads a parsed sentence back in both languages with the shop’s names', () => {
    const r = parseSegmentText('women in Shanghai who bought Beauty or Fashion in the last 30 days', DEMO_VOCABULARY);
    if (r.type !== 'ok') throw new Error('expected a definition');
    const line = readBack(r.definition, namesFromVocabulary(DEMO_VOCABULARY));
    expect(line.en).toContain('Shanghai');
    expect(line.en).toContain('Beauty');
    expect(line.en).toMatch(/ and .*\(.* or .*\)/);
    expect(line.zh).toContain('美妆');
    expect(line.zh).toMatch(/且.*（.*或.*）/);
    expect(line.en).not.toMatch(/\n/);
  });

  test('a negated group reads as "not (…)"', () => {
    const line = readBack(
      {
        type: 'group',
        op: 'and',
        children: [{ type: 'group', op: 'or', negate: true, children: [{ type: 'tag', key: 'clv:high', op: 'has' }] }],
      },
      namesFromVocabulary(DEMO_VOCABULARY),
    );
    expect(line.en).toMatch(/^not \(.*High value.*\)$/);
    expect(line.zh).toMatch(/^非（.*高价值客户.*）$/);
  });
});
