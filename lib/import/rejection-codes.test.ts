import { describe, expect, test } from 'vitest';
import { translator } from '../i18n/translate';
import { codedReason } from './rejection-codes';
import { rejectionText } from './rejection-text';

describe('codedReason', () => {
  test('the stored English text is the catalogue message with its parameters', () => {
    expect(codedReason('unknownCustomer', { value: 'C-1042' })).toEqual({
      code: 'unknownCustomer',
      params: { value: 'C-1042' },
      reason:
        'unknown customer_id "C-1042": no such customer (import customers first, or turn on "create missing customers")',
    });
    expect(codedReason('required', { field: 'sku' }).reason).toBe('sku is required but the cell is empty');
    expect(codedReason('duplicateCustomer', { id: 'C1', line: '12045' }).reason).toBe(
      'duplicate customer_id "C1": line 12045 has the same id with different values (the first is kept)',
    );
  });

  test('the reader sees the same code in Chinese, from stored JSON or from an object', () => {
    const { reason, code, params } = codedReason('unknownVariant', { value: 'B', campaign: '7' });
    const zh = translator('zh-CN');
    expect(rejectionText(zh, { reason, key: `importRejections.${code}`, params: JSON.stringify(params) })).toBe(
      '活动 7 没有变体 "B"',
    );
    expect(rejectionText(zh, { reason, key: `importRejections.${code}`, params })).toBe('活动 7 没有变体 "B"');
  });
});
