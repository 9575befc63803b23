import { describe, expect, test } from 'vitest';
import { numbersIn, unsupportedNumbers } from './number-check';

describe('number checker', () => {
  test('finds every number, with signs, decimals and thousands separators', () => {
    expect(numbersIn('B vs A: -4.2 % [−1 %, 1,234] in 2 weeks; ２０ 人')).toEqual([-4.2, 1, 1234, 2, 20]);
  });

  test.each([
    ['B wins by 12.3 % [4.1 %, 20.5 %]', [12.34, 4.1, 20.5, 95], []],
    ['B wins by 12 %', [12.6], [12]],
    ['B wins by 15 % (95 % interval)', [12.34, 95], [15]],
    ['差异为 -3.5 %', [3.5], []],
    ['No numbers at all.', [], []],
  ])('%s', (text, allowed, unknown) => {
    expect(unsupportedNumbers(text, allowed)).toEqual(unknown);
  });
});
