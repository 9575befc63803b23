import { expect, test } from 'vitest';
import { imageUrlProblem, isSafeImageSrc } from './image-url';

const strict = { allowHttp: false };

test.each([
  ['https://cdn.shop.example/p/1.jpg', null],
  ['/images/products/SPT-00001.svg', null],
  ['/images/categories/sports.svg', null],
  ['http://cdn.shop.example/p/1.jpg', 'notHttps'],
  ['/api/segments/1/export', 'notAbsolute'],
  ['//evil.example/x.png', 'notAbsolute'],
  ['/images/../api/segments/1/export', 'notAbsolute'],
  ['/images/%2e%2e/api/segments/1/export', 'notAbsolute'],
  ['/images/a.svg?x=1', 'notAbsolute'],
  ['/images\\..\\api', 'notAbsolute'],
  ['images/products/a.svg', 'notAbsolute'],
  ['javascript:alert(1)', 'notAbsolute'],
  ['data:image/png;base64,AAAA', 'notAbsolute'],
  ['https://user:pw@cdn.example/x.png', 'credentials'],
])('%s → %s', (url, problem) => {
  expect(imageUrlProblem(url, strict)).toBe(problem);
});

test('http is accepted only where the admin allows it; rendering drops the rest', () => {
  expect(imageUrlProblem('http://cdn.shop.example/p/1.jpg', { allowHttp: true })).toBeNull();
  expect(isSafeImageSrc('http://cdn.shop.example/p/1.jpg')).toBe(true);
  expect(isSafeImageSrc('/api/segments/1/export')).toBe(false);
  expect(isSafeImageSrc(null)).toBe(false);
});
