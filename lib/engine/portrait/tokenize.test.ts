import { describe, expect, test } from 'vitest';
import { buildNameMatcher, hasCjk, tokenize } from './tokenize';

describe('tokenize', () => {
  test("Node's ICU segments Chinese into words (not single characters)", () => {
    expect(tokenize('我想买运动鞋')).toEqual(['我想', '买', '运动', '鞋']);
    expect(tokenize('家居装饰')).toEqual(['家居', '装饰']);
  });

  test('mixed text: lower case, NFKC, light plural stripping, punctuation dropped', () => {
    expect(tokenize('Nike Running Shoes 运动鞋!')).toEqual(['nike', 'running', 'shoe', '运动', '鞋']);
    expect(tokenize('ＳＰＯＲＴＳ dress')).toEqual(['sport', 'dress']);
    expect(hasCjk('abc')).toBe(false);
    expect(hasCjk('abc运动')).toBe(true);
  });
});

describe('buildNameMatcher', () => {
  const m = buildNameMatcher([
    { target: { kind: 'category', index: 0 }, name: 'Sports' },
    { target: { kind: 'category', index: 0 }, name: '运动' },
    { target: { kind: 'category', index: 1 }, name: 'Running Shoes' },
    { target: { kind: 'category', index: 2 }, name: '连衣裙' },
    { target: { kind: 'brand', index: 0 }, name: '耐克' },
    { target: { kind: 'brand', index: 1 }, name: 'Nike' },
  ]);
  const keys = (q: string) =>
    m
      .match(q)
      .map((t) => `${t.kind}:${t.index}`)
      .sort();

  test.each([
    ['sport', ['category:0']],
    ['cheap running shoes', ['category:1']],
    ['running', []],
    ['我想买运动鞋', ['category:0']],
    ['耐克跑步鞋', ['brand:0']], // the segmenter cuts 耐克 as 耐 / 克 here; the substring rule catches it
    ['夏季连衣裙', ['category:2']],
    ['NIKE sports', ['brand:1', 'category:0']],
  ])('%s', (q, expected) => expect(keys(q)).toEqual(expected));

  test('results are cached per query', () => {
    expect(m.match('sport')).toBe(m.match('sport'));
  });
});
