import { describe, expect, test } from 'vitest';
import { CsvEncodingError, detectEncoding, normaliseEncoding } from './encoding';
import { sniffDelimiter } from './sniff';

const gbk = (hex: string) => Buffer.from(hex, 'hex');

describe('detectEncoding', () => {
  test('UTF-8 BOM', () =>
    expect(detectEncoding(Buffer.from('\uFEFFsku,title\n'))).toMatchObject({ encoding: 'utf-8', bomLength: 3 }));
  test('plain ASCII and UTF-8 Chinese', () => {
    expect(detectEncoding(Buffer.from('a,b\n1,2\n')).encoding).toBe('utf-8');
    expect(detectEncoding(Buffer.from('商品编号,商品名称\nA1,跑鞋\n'))).toMatchObject({
      encoding: 'utf-8',
      confidence: 1,
    });
  });
  test('a UTF-8 character cut at the end of a sample still counts as UTF-8', () => {
    expect(detectEncoding(Buffer.from('abc,名').subarray(0, 6)).encoding).toBe('utf-8');
  });
  test('GBK Chinese (Excel on Chinese Windows) → gb18030, naming the first invalid UTF-8 line', () => {
    const d = detectEncoding(
      Buffer.concat([
        Buffer.from('sku,price\n'),
        gbk('c9ccc6b7b1e0bac52cc9ccc6b7c3fbb3c62cbcdbb8f1'),
        Buffer.from('\n'),
      ]),
      true,
    );
    expect(d.encoding).toBe('gb18030');
    expect(d.note).toMatch(/invalid byte at line 2/);
  });
  test('Latin-1 accents → windows-1252', () => {
    expect(
      detectEncoding(Buffer.concat([Buffer.from('name\n'), gbk('636166e9'), Buffer.from(' au lait\n')]), true).encoding,
    ).toBe('windows-1252');
  });
  test('UTF-16 is refused with a way out', () => {
    expect(() => detectEncoding(Buffer.from([0xff, 0xfe, 0x61, 0x00]))).toThrow(CsvEncodingError);
    expect(() => detectEncoding(Buffer.from([0xff, 0xfe, 0x61, 0x00]))).toThrow(/save it as "CSV UTF-8"/);
  });
  test('encoding names', () => {
    expect(normaliseEncoding('GBK')).toBe('gb18030');
    expect(normaliseEncoding('latin1')).toBe('windows-1252');
    expect(() => normaliseEncoding('shift_jis')).toThrow(/unsupported encoding/);
  });
});

describe('sniffDelimiter', () => {
  test.each([
    ['a,b,c\n1,2,3\n', ','],
    ['a;b;c\n1,5;2,5;3\n', ';'],
    ['a\tb\tc\n1\t2\t3\n', '\t'],
    ['a|b|c\n1|2|3\n', '|'],
    ['name,desc\n"x","a;b;c;d"\n', ','],
    ['single\nvalue\n', ','],
  ])('%j → %j', (text, d) => expect(sniffDelimiter(Buffer.from(text)).delimiter).toBe(d));

  test('blank lines before the header are skipped, as the tokenizer skips them (found by the CSV fuzz suite)', () => {
    expect(sniffDelimiter(Buffer.from('\nsku;title;price\nA;B;1\n')).delimiter).toBe(';');
    expect(sniffDelimiter(Buffer.from('\r\n;;\n""\r\na|b\n1|2\n')).delimiter).toBe('|');
  });

  test("Excel's sep= line", () => {
    expect(sniffDelimiter(Buffer.from('sep=;\r\na;b\n'))).toEqual({ delimiter: ';', sepLineLength: 7, confidence: 1 });
  });
});
