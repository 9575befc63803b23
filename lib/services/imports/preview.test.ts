import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { previewImport } from './preview';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function tmp(name: string, content: string | Buffer) {
  const f = path.join(root, name);
  fs.writeFileSync(f, content);
  return f;
}

test('GBK, semicolons, Chinese headers: encoding, delimiter, mapping with confidences, first rows', () => {
  const hex = fs
    .readFileSync(path.join(import.meta.dirname, '../../../scripts/reference/import/customers-gbk.hex'), 'utf8')
    .trim();
  const p = previewImport(tmp('c.csv', Buffer.from(hex, 'hex')), 'customers');
  if (!p.ok) throw new Error(p.error);
  expect([p.encoding, p.delimiter, p.decimalSeparator, p.estimatedRows]).toEqual(['gb18030', ';', ',', 3]);
  expect(p.header).toEqual(['客户ID', '姓名', '性别', '出生日期', '国家', '注册时间', '邮件订阅']);
  expect(p.mapping.mapping).toEqual({
    customer_id: '客户ID',
    name: '姓名',
    gender: '性别',
    birth_year: '出生日期',
    region: '国家',
    signup_date: '注册时间',
    consent_email: '邮件订阅',
  });
  expect(p.mapping.proposals.find((x) => x.field === 'customer_id')).toMatchObject({
    confidence: 0.95,
    mapped: true,
    reasons: [
      { code: 'alias', alias: '客户id' },
      { code: 'valuesFit', kind: 'identifier', share: 1, example: '17850.0' },
    ],
  });
  expect(p.rows[0]).toEqual({
    line: 2,
    fields: ['17850.0', '张伟', '男', '1985-04-02', '中国', '2023年3月5日', '是'],
    error: null,
  });
  expect(p.attributeColumns).toEqual([]);
});

test('day/month order detected from the sample; unmapped columns become attributes', () => {
  const p = previewImport(
    tmp('o.csv', 'customer_id,signup,vip tier\nC1,13/12/2010,gold\nC2,1/12/2010,\n'),
    'customers',
  );
  expect(p.ok && p.dateOrder).toMatchObject({ order: 'dmy', evidence: 'dmy' });
  expect(p.ok && p.attributeColumns).toEqual(['vip tier']);
});

test('a file that cannot be read at all', () => {
  expect(previewImport(tmp('e.csv', ''), 'events')).toEqual({ ok: false, error: 'the file is empty' });
  expect(previewImport('/nonexistent/file.csv', 'events')).toEqual({
    ok: false,
    error: 'the uploaded file is missing',
  });
});
