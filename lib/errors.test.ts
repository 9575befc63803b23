import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { AppError, invalidInput, localiseError } from './errors';
import { keyFor, labelFor } from './i18n/message-ref';
import { translator } from './i18n/translate';

describe('AppError', () => {
  test('carries a key and params; English for logs and API clients, the reader’s language for pages', () => {
    const e = new AppError('CONFLICT', 'segments.errors.usedByCampaigns', { names: '“Spring sale”' });
    expect(e).toMatchObject({ code: 'CONFLICT', status: 409, key: 'segments.errors.usedByCampaigns' });
    expect(e.message).toBe(
      'Campaigns still use this segment as their audience: “Spring sale”. Finish or change them first.',
    );
    expect(localiseError(e, 'zh-CN').message).toBe('以下活动仍以该分群为受众：“Spring sale”。请先结束或更换它们。');
  });

  test('a param may be a message itself (a status label), rendered in the same language', () => {
    const e = new AppError('CONFLICT', 'campaigns.errors.wrongStatus.edited', {
      status: { key: 'campaigns.status.running' },
    });
    expect(e.message).toBe('Only a draft campaign can be edited (status: Running).');
    expect(localiseError(e, 'zh-CN').message).toBe('只有草稿状态的活动可以编辑（当前状态：进行中）。');
  });

  test('field messages are rendered per locale', () => {
    const e = new AppError('CONFLICT', 'errors.users.emailTaken', undefined, {
      fieldErrors: { email: [{ key: 'errors.users.emailTaken' }] },
    });
    expect(localiseError(e, 'en').fieldErrors).toEqual({ email: ['A user with this email already exists.'] });
    expect(localiseError(e, 'zh-CN').fieldErrors).toEqual({ email: ['已存在使用该邮箱的用户。'] });
  });
});

describe('invalid input from zod', () => {
  const schema = z.object({
    name: z.string().trim().min(1, 'errors.input.name').max(5),
    tags: z.array(z.string()).max(2),
    kind: z.enum(['a', 'b']),
  });
  const fail = (input: unknown) => {
    const r = schema.safeParse(input);
    if (r.success) throw new Error('accepted');
    return invalidInput(r.error.issues);
  };

  test('a schema’s own message is a key; the API text names the path first', () => {
    const e = fail({ name: ' ', tags: [], kind: 'a' });
    expect(e).toMatchObject({ code: 'INVALID_INPUT', key: 'errors.input.name', message: 'name: Enter a name.' });
    expect(localiseError(e, 'zh-CN')).toEqual({ message: '请输入名称。', fieldErrors: { name: ['请输入名称。'] } });
  });

  test('zod’s own messages are mapped from the issue code and bounds, not from its English text', () => {
    const e = fail({ name: 'abcdefgh', tags: ['x', 'y', 'z'], kind: 'c', extra: 1 });
    const en = localiseError(e, 'en').fieldErrors;
    expect(en).toEqual({ name: ['Use at most 5 characters.'], tags: ['Give at most 2.'], kind: ['Use one of: a, b.'] });
    expect(localiseError(e, 'zh-CN').fieldErrors).toEqual({
      name: ['最多 5 个字符。'],
      tags: ['最多 2 项。'],
      kind: ['请使用以下之一：a, b。'],
    });
    expect(fail({ name: 'a', tags: [], kind: 3 }).key).toBe('errors.input.oneOf');
    expect(fail({ name: 4, tags: [], kind: 'a' })).toMatchObject({
      key: 'errors.input.type',
      params: { expected: 'string' },
    });
  });
});

describe('labels of plain-string values', () => {
  const t = translator('zh-CN');
  test('known values get their catalogue label; unknown ones are shown as they are', () => {
    expect(labelFor(t, 'portraits.rfm.labels', 'champions')).toBe('冠军客户');
    expect(labelFor(t, 'portraits.rfm.labels', 'Beijing')).toBe('Beijing');
    expect(keyFor('imports.statuses', 'running', 'common.unknown')).toBe('imports.statuses.running');
    expect(keyFor('imports.statuses', 'exploded', 'common.unknown')).toBe('common.unknown');
  });
});
