import { describe, expect, test } from 'vitest';
import type { CsvRecord } from '../../csv/tokenizer';
import { recordError } from '../../csv/record-error';
import { DateParser } from '../dates';
import type { ImportKind } from '../fields';
import { proposeMapping, resolveMapping } from '../mapping';
import { emptyCleaningReport } from '../report';
import { catalogueValidator } from './catalogue';
import { codedReason } from '../rejection-codes';
import { Rejection, type RowSettings } from './context';
import { customerValidator } from './customers';
import { eventDedupKey, eventValidator } from './events';
import { orderValidator } from './orders';

function settings(kind: ImportKind, header: string[], extra: Partial<RowSettings> = {}): RowSettings {
  const mapping = resolveMapping(kind, header, proposeMapping(kind, header).mapping);
  if (kind === 'orders' || kind === 'events') mapping.extra = [];
  return {
    kind,
    header,
    mapping,
    delimiter: ',',
    dates: new DateParser(),
    decimal: '.',
    baseCurrency: 'USD',
    defaultCurrency: 'USD',
    rates: new Map([
      ['EUR', 1.1],
      ['CNY', 0.14],
    ]),
    report: emptyCleaningReport(),
    ...extra,
  };
}
const rec = (line: number, ...fields: string[]): CsvRecord => ({ line, fields });
function ok<T>(v: T | Rejection): T {
  if (v instanceof Rejection) throw new Error(`rejected: ${v.reason}`);
  return v;
}

describe('events', () => {
  const header = [
    'event_id',
    'customer_id',
    'event_type',
    'timestamp',
    'sku',
    'price',
    'value',
    'currency',
    'quantity',
  ];
  const s = settings('events', header);
  const v = eventValidator(s);

  test('a clean row, with synonyms, trimming, currency conversion (price always, value for purchases)', () => {
    const row = v(rec(2, 'e1', ' C1 ', 'add_to_cart', '2024-03-05T14:30:00+08:00', 'SKU-1', '10', '20', 'EUR', '2'));
    expect(row).toMatchObject({
      line: 2,
      key: 'e1',
      customer: 'C1',
      type: 'cart',
      ts: Date.UTC(2024, 2, 5, 6, 30),
      sku: 'SKU-1',
      price: 11,
      value: 20,
      quantity: 2,
    });
    expect(ok(v(rec(3, 'e2', 'C1', 'purchase', '2024-03-05', '', '', '20', 'EUR', ''))).value).toBeCloseTo(22);
    expect(s.report).toMatchObject({
      trimmedCells: 1,
      eventTypesNormalised: 1,
      currencyConverted: 2,
      timestampsConvertedToUtc: 1,
    });
  });

  test('without event_id the key is a hash of the fields; the same event gives the same key', () => {
    const a = ok(v(rec(2, '', 'C1', 'view', '2024-03-05 10:00', 'S', '', '', '', '')));
    const b = ok(v(rec(9, '', 'C1', 'pageview', '2024-03-05T10:00:00Z', 'S', '', '', '', '')));
    expect(a.key).toMatch(/^h:[0-9a-f]{32}$/);
    expect(a.key).toBe(b.key);
    expect(eventDedupKey({ customerId: 'C1', type: 'view', ts: Date.UTC(2024, 2, 5, 10), sku: 'S' })).toBe(a.key);
  });

  test.each([
    [['e', '', 'view', '2024-03-05', '', '', '', '', ''], 'customer_id', /customer_id is required/],
    [['e', 'C1', 'teleport', '2024-03-05', '', '', '', '', ''], 'event_type', /unknown event_type "teleport"/],
    [
      ['e', 'C1', 'view', '31/31/2024', '', '', '', '', ''],
      'timestamp',
      /timestamp is not a valid date: "31\/31\/2024"/,
    ],
    [['e', 'C1', 'view', '2024-03-05', '', 'ten', '', '', ''], 'price', /price is not a number: "ten"/],
    [
      ['e', 'C1', 'view', '2024-03-05', '', '5', '', 'XYZ', ''],
      'price',
      /unknown currency XYZ: no exchange rate to USD/,
    ],
    [['e', 'C1', 'view', '2024-03-05', '', '', '', '', '1.5'], 'quantity', /quantity must be a whole number/],
  ])('rejects %j on %s', (fields, column, reason) => {
    const r = v(rec(7, ...fields));
    expect(r).toBeInstanceOf(Rejection);
    expect(r).toMatchObject({ line: 7, column, reason: expect.stringMatching(reason), raw: fields.join(',') });
  });

  test('ragged rows and tokenizer errors', () => {
    expect(v(rec(4, 'e', 'C1'))).toMatchObject({
      reason: 'too few fields: expected 9, found 2',
      column: null,
      code: 'tooFewFields',
      params: { expected: 9, found: 2 },
    });
    expect(v(rec(4, ...Array(9).fill('x'), 'extra'))).toMatchObject({
      reason: expect.stringMatching(/too many fields/),
    });
    expect(v(rec(4, 'e', 'C1', 'view', '2024-03-05', '', '', '', '', '', '', ''))).not.toBeInstanceOf(Rejection);
    const error = recordError('unterminatedQuote', { line: '5' }, 2);
    expect(v({ line: 5, fields: [], error, raw: '"abc' })).toMatchObject({
      line: 5,
      column: 'event_type',
      reason: 'unterminated quoted field: the quote opened on line 5 is never closed before the end of the file',
      raw: '"abc',
      code: 'unterminatedQuote',
      params: { line: '5' },
    });
  });
});

describe('catalogue', () => {
  const header = ['sku', 'title', 'category', 'brand', 'price', 'image_url', 'origin'];
  const s = settings('catalogue', header, { decimal: ',' });
  const v = catalogueValidator(s);
  test('extra columns become attributes; decimal comma; category path normalised', () => {
    expect(v(rec(2, '17850.0', 'Shoe', 'sports/running', 'Acme', '1.234,50', 'https://x/a.jpg', 'PT'))).toMatchObject({
      sku: '17850',
      categoryPath: 'sports > running',
      categoryText: 'sports/running',
      price: 1234.5,
      imageUrl: 'https://x/a.jpg',
      attributes: '{"origin":"PT"}',
      active: true,
    });
    expect(s.report).toMatchObject({ idsNormalised: 1, numbersNormalised: 1 });
  });
  test('rejections', () => {
    expect(v(rec(3, 'A', '', '', '', '1', '', ''))).toMatchObject({
      column: 'title',
      reason: 'title is required but the cell is empty',
    });
    expect(v(rec(3, 'A', 'T', '', '', '-1', '', ''))).toMatchObject({
      column: 'price',
      reason: expect.stringMatching(/cannot be negative/),
    });
    for (const url of ['javascript:alert(1)', '/api/segments/1/export', '//evil.example/a.png', '/images/../api/x'])
      expect(v(rec(3, 'A', 'T', '', '', '1', url, '')), url).toMatchObject({
        column: 'image_url',
        reason: expect.stringMatching(/absolute https:\/\/ URL/),
      });
    expect(v(rec(3, 'A', 'T', '', '', '1', 'http://cdn.example/a.jpg', ''))).toMatchObject({
      reason: expect.stringMatching(/must use https/),
    });
    expect(ok(v(rec(3, 'A', 'T', '', '', '1', '/images/products/A.svg', ''))).imageUrl).toBe('/images/products/A.svg');
    const lenient = catalogueValidator({ ...settings('catalogue', header), allowHttpImages: true });
    expect(ok(lenient(rec(3, 'A', 'T', '', '', '1', 'http://cdn.example/a.jpg', ''))).imageUrl).toBe(
      'http://cdn.example/a.jpg',
    );
  });
  test('identical rows hash alike, different rows differently', () => {
    const a = ok(v(rec(2, 'A', 'T', '', '', '1', '', '')));
    const b = ok(v(rec(3, 'A', 'T', '', '', '1', '', '')));
    const c = ok(v(rec(4, 'A', 'T', '', '', '2', '', '')));
    expect(a.hash).toBe(b.hash);
    expect(a.hash).not.toBe(c.hash);
  });
  test('a Chinese category path (header 中文类目) is normalised and must have one name per level', () => {
    const zh = catalogueValidator(settings('catalogue', ['sku', 'title', 'category', '中文类目', 'price']));
    expect(ok(zh(rec(2, 'A', 'T', 'Sports/Running', ' 运动 ／ 跑步 ', '1')))).toMatchObject({
      categoryPath: 'Sports > Running',
      categoryZh: '运动 > 跑步',
    });
    expect(ok(zh(rec(3, 'A', 'T', 'Sports', '', '1'))).categoryZh).toBeNull();
    expect(zh(rec(4, 'A', 'T', 'Sports', '运动 > 跑步', '1'))).toMatchObject({
      column: '中文类目',
      reason: expect.stringMatching(/has 2 level\(s\) but category has 1/),
    });
    expect(zh(rec(5, 'A', 'T', '', '运动', '1'))).toMatchObject({
      column: '中文类目',
      reason: 'category_zh "运动" needs a category to name',
    });
  });
});

describe('customers', () => {
  const v = customerValidator(
    settings('customers', ['customer_id', 'email', 'gender', 'birth_year', 'signup_date', 'consent_email']),
  );
  test('normalises and validates', () => {
    expect(v(rec(2, 'C1', 'A@B.CO', '女', '1990', '2023-05-01', '是'))).toMatchObject({
      externalId: 'C1',
      email: 'a@b.co',
      gender: 'female',
      birthYear: 1990,
      signupAt: Date.UTC(2023, 4, 1),
      consentEmail: true,
      consentSms: false,
    });
    expect(v(rec(2, 'C1', '', '', '1990-07-04', '', ''))).toMatchObject({ birthYear: 1990 });
    expect(v(rec(3, 'C1', 'not-an-email', '', '', '', ''))).toMatchObject({ column: 'email' });
    expect(v(rec(3, 'C1', '', '', '1850', '', ''))).toMatchObject({ column: 'birth_year' });
    expect(v(rec(3, 'C1', '', '', '', '', 'maybe'))).toMatchObject({
      column: 'consent_email',
      reason: 'consent_email is not yes/no: "maybe"',
    });
  });
});

describe('customers: ad-audience consent (consent_ads)', () => {
  test('English and Chinese headers map to it; yes/no values as for the other channels; absent → no consent', () => {
    for (const header of ['ads_consent', 'Ad_Consent', '广告授权', '同意广告'])
      expect(proposeMapping('customers', ['customer_id', header]).mapping).toMatchObject({ consent_ads: header });
    const v = customerValidator(settings('customers', ['customer_id', 'consent_email', 'ads_opt_in']));
    expect(v(rec(2, 'C1', 'yes', '是'))).toMatchObject({ consentEmail: true, consentAds: true });
    expect(v(rec(3, 'C2', '1', 'false'))).toMatchObject({ consentEmail: true, consentAds: false });
    expect(v(rec(4, 'C3', '', ''))).toMatchObject({ consentAds: false });
    expect(v(rec(5, 'C4', 'yes', 'perhaps'))).toMatchObject({
      column: 'ads_opt_in',
      reason: 'consent_ads is not yes/no: "perhaps"',
    });
    const without = customerValidator(settings('customers', ['customer_id', 'consent_email']));
    expect(without(rec(2, 'C1', 'yes'))).toMatchObject({ consentAds: false });
    // a change of ads consent alone is a changed row
    const a = ok(v(rec(2, 'C1', 'yes', 'yes')));
    const b = ok(v(rec(2, 'C1', 'yes', 'no')));
    expect(a.hash).not.toBe(b.hash);
  });
});

describe('orders', () => {
  const v = orderValidator(
    settings('orders', ['InvoiceNo', 'StockCode', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'status']),
  );
  test('UCI-shaped line', () => {
    expect(v(rec(2, '536365', '85123A', '6', '2010-12-01 08:26:00', '2.55', '17850.0', ''))).toMatchObject({
      orderId: '536365',
      sku: '85123A',
      quantity: 6,
      unitPrice: 2.55,
      customer: '17850',
      status: 'completed',
      lineNo: null,
      currency: 'USD',
    });
  });
  test('lines of one order share a header hash', () => {
    const a = ok(v(rec(2, 'O1', 'A', '1', '2024-01-01', '1', 'C', 'paid')));
    const b = ok(v(rec(3, 'O1', 'B', '2', '2024-01-01', '3', 'C', 'completed')));
    const c = ok(v(rec(4, 'O1', 'B', '2', '2024-01-02', '3', 'C', '')));
    expect(a.headerHash).toBe(b.headerHash);
    expect(a.headerHash).not.toBe(c.headerHash);
    expect(v(rec(5, 'O1', 'B', '2', '2024-01-02', '3', 'C', 'lost'))).toMatchObject({
      column: 'status',
      reason: expect.stringMatching(/unknown order status "lost"/),
    });
  });
  test('a negative quantity without a status is a return; with a status, the status stands', () => {
    const s = settings('orders', [
      'InvoiceNo',
      'StockCode',
      'Quantity',
      'InvoiceDate',
      'UnitPrice',
      'CustomerID',
      'status',
    ]);
    const w = orderValidator(s);
    expect(ok(w(rec(2, 'C536379', 'D', '-1', '2010-12-01 09:41:00', '27.50', '14527.0', ''))).status).toBe('returned');
    expect(ok(w(rec(3, 'O2', 'D', '-1', '2010-12-01', '27.50', 'C', 'completed'))).status).toBe('completed');
    expect(s.report.negativeLinesAsReturns).toBe(1);
  });
});

describe('every rejection carries a code', () => {
  test('its English reason is the catalogue message for its code and params', () => {
    const header = ['customer_id', 'event_type', 'timestamp', 'quantity', 'price', 'campaign_id', 'variant'];
    const v = eventValidator(settings('events', header));
    const bad = [
      ['', 'view', '2024-03-05', '', '', '', ''],
      ['C1', 'teleport', '2024-03-05', '', '', '', ''],
      ['C1', 'view', 'someday', '', '', '', ''],
      ['C1', 'purchase', '2024-03-05', '0', '', '', ''],
      ['C1', 'purchase', '2024-03-05', '1', '-3', '', ''],
      ['C1', 'view', '2024-03-05', '1.5', '', '', ''],
      ['C1', 'view', '2024-03-05', '', '', '', 'B'],
    ];
    const got = bad.map((fields, i) => v(rec(i + 2, ...fields)) as Rejection);
    expect(got.map((r) => r.code)).toEqual([
      'required',
      'unknownEventType',
      'invalidDate',
      'purchaseQuantity',
      'negativePrice',
      'notWholeNumber',
      'variantWithoutCampaign',
    ]);
    for (const r of got) expect(r.reason).toBe(codedReason(r.code, r.params).reason);
  });
});
