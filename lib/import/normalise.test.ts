import { expect, test } from 'vitest';
import { KeyIndex } from './key-index';
import { normaliseCategoryPath, normaliseEventType, normaliseOrderStatus, SpellingFolder } from './normalise';

test.each([
  ['Sports > Running > Shoes', 'Sports > Running > Shoes'],
  [' sports/running ›  shoes ', 'sports > running > shoes'],
  ['Home|Kitchen\\Cookware', 'Home > Kitchen > Cookware'],
  ['["Home Furnishing >> Curtains & Accessories >> Curtains"]', 'Home Furnishing > Curtains & Accessories > Curtains'],
  ['运动 > 跑步', '运动 > 跑步'],
  ['  ', null],
])('normaliseCategoryPath(%j) → %j', (text, out) => expect(normaliseCategoryPath(text)).toBe(out));

test('SpellingFolder folds case, whitespace and full-width forms onto the first spelling (database first)', () => {
  const f = new SpellingFolder();
  f.seed('Nike');
  expect(['NIKE', ' nike ', 'Ｎｉｋｅ', 'Nike'].map((b) => f.fold(b))).toEqual(['Nike', 'Nike', 'Nike', 'Nike']);
  expect(f.fold('Adidas  Originals')).toBe('Adidas Originals');
  expect(f.fold('adidas originals')).toBe('Adidas Originals');
});

test.each([
  ['view', 'view'],
  ['PageView', 'view'],
  ['add_to_cart', 'cart'],
  ['Add To Cart', 'cart'],
  ['add-to-cart', 'cart'],
  ['加入购物车', 'cart'],
  ['buy', 'purchase'],
  ['impression', 'exposure'],
  ['email_open', 'open'],
  ['rating', 'feedback'],
  ['浏览', 'view'],
  ['teleport', null],
])('normaliseEventType(%j) → %j', (t, out) => expect(normaliseEventType(t)).toBe(out));

test('order statuses', () => {
  expect(['Paid', 'refunded', 'canceled', '已完成', 'pending'].map(normaliseOrderStatus)).toEqual([
    'completed',
    'returned',
    'cancelled',
    'completed',
    null,
  ]);
});

test('KeyIndex: add, find, values, growth', () => {
  const idx = new KeyIndex(10);
  for (let i = 0; i < 50_000; i++) expect(idx.add(`k${i}`, i + 1, i * 7)).toBe(-1);
  expect(idx.size).toBe(50_000);
  for (let i = 0; i < 50_000; i += 997) {
    const s = idx.find(`k${i}`);
    expect([idx.a(s), idx.b(s)]).toEqual([i + 1, (i * 7) >>> 0]);
  }
  expect(idx.find('absent')).toBe(-1);
  const s = idx.add('k5', 99);
  expect(idx.a(s)).toBe(6);
  idx.setC(s, 3);
  expect(idx.c3(s)).toBe(3);
});
