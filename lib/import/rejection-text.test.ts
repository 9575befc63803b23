import { describe, expect, test } from 'vitest';
import { translator } from '../i18n/translate';
import { rejectionText } from './rejection-text';

describe('rejectionText', () => {
  const future = {
    reason: 'timestamp 2099-01-01T00:00:00.000Z is more than 24 hours in the future',
    key: 'importRejections.futureTimestamp',
    params: JSON.stringify({ field: 'timestamp', value: '2099-01-01T00:00:00.000Z' }),
  };
  test('coded reasons render from the catalogue in both languages', () => {
    expect(rejectionText(translator('en'), future)).toBe(
      'timestamp 2099-01-01T00:00:00.000Z is more than 24 hours in the future',
    );
    expect(rejectionText(translator('zh-CN'), future)).toBe(
      'timestamp 2099-01-01T00:00:00.000Z 比当前时间晚 24 小时以上',
    );
    expect(
      rejectionText(translator('zh-CN'), {
        reason: 'x',
        key: 'importRejections.negativePrice',
        params: JSON.stringify({ value: -5 }),
      }),
    ).toBe('购买的价格不能为负数（实际为 -5）');
  });

  test('other reasons stay as stored', () => {
    const r = { reason: 'unknown sku "X"', key: 'unknown sku "…"', params: null };
    expect(rejectionText(translator('zh-CN'), r)).toBe('unknown sku "X"');
    expect(rejectionText(translator('en'), { ...future, key: 'importRejections.nope' })).toBe(future.reason);
    expect(rejectionText(translator('en'), { ...future, params: '{broken' })).toBe(future.reason);
  });
});
