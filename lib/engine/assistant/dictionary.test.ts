import { describe, expect, test } from 'vitest';
import { dictionaryFor, dictionaryMatches } from './dictionary';
import type { AssistantVocabulary } from './types';

const VOCAB: AssistantVocabulary = {
  tags: [],
  categories: [
    { id: 1, name: 'Shoe', nameZh: '鞋' },
    { id: 2, name: 'Running shoes', nameZh: '跑鞋' },
    { id: 3, name: 'Box', nameZh: null },
  ],
  brands: ['Lumora'],
  regions: [],
  cities: ['Shanghai'],
  genders: [],
};

describe('dictionaryMatches', () => {
  const dict = dictionaryFor(VOCAB);
  const found = (text: string) => dictionaryMatches(dict, text).map((m) => [m.text, m.phrase]);

  test('the longest phrase at each position, with an optional plural ending, whole words only', () => {
    expect(found('running shoes in shanghai')).toEqual([
      ['running shoes', 'running shoes'],
      ['shanghai', 'shanghai'],
    ]);
    expect(found('shoes and boxes')).toEqual([
      ['shoes', 'shoe'],
      ['boxes', 'box'],
    ]);
    expect(found('shoebox lumoras xshanghai')).toEqual([['lumoras', 'lumora']]);
  });

  test('Chinese phrases (and the Chinese names of the shop’s cities) match inside running text', () => {
    expect(found('上海买过跑鞋的人')).toEqual([
      ['上海', '上海'],
      ['跑鞋', '跑鞋'],
    ]);
  });
});
