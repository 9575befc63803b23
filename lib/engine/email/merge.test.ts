import { describe, expect, test } from 'vitest';
import { fillMergeFields, firstNameOf, unknownMergeFields } from './merge';

describe('merge fields', () => {
  test.each([
    ['Hi {{first_name}}!', { first_name: 'Ann' }, {}, 'Hi Ann!'],
    ['Hi {{ first_name | there }}!', { first_name: null }, {}, 'Hi there!'],
    ['Hi {{first_name}}!', { first_name: '  ' }, { first_name: 'friend' }, 'Hi friend!'],
    ['{{shop_name}} · {{city|your city}}', { shop_name: '小店', city: '上海' }, {}, '小店 · 上海'],
    ['{{unknown}}x', {}, {}, 'x'],
    ['no fields', {}, {}, 'no fields'],
  ])('%s', (text, values, defaults, expected) => {
    expect(fillMergeFields(text, values, defaults)).toBe(expected);
  });

  test('values are inserted once: a value that looks like a field is not filled again', () => {
    expect(fillMergeFields('{{first_name}}', { first_name: '{{email}}', email: 'a@b.c' })).toBe('{{email}}');
  });

  test('unknown fields are reported once; first names', () => {
    expect(unknownMergeFields('{{first_name}} {{coupon}} {{coupon|x}} {{shop_name}}')).toEqual(['coupon']);
    expect(firstNameOf('Ann  Lee')).toBe('Ann');
    expect(firstNameOf('欧阳娜娜')).toBe('欧阳娜娜');
    expect(firstNameOf('  ')).toBeNull();
    expect(firstNameOf(null)).toBeNull();
  });
});
