import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { CsvFileReader, parseCsvBuffer } from './reader';
import { joinRecord } from './write';

const withOffsets = (text: string | Buffer, opts: Partial<Parameters<typeof parseCsvBuffer>[1]> = {}) =>
  parseCsvBuffer(Buffer.isBuffer(text) ? text : Buffer.from(text), { delimiter: ',', ...opts });
// most tests look at lines, fields and errors; offsets are checked on their own
const parse = (text: string | Buffer, opts: Partial<Parameters<typeof parseCsvBuffer>[1]> = {}) =>
  withOffsets(text, opts).map(({ start: _s, end: _e, ...r }) => r);

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'csv-test-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));
let tmpCount = 0;

function tmpFile(content: string | Buffer) {
  const file = path.join(tmpRoot, `f${++tmpCount}.csv`);
  fs.writeFileSync(file, content);
  return file;
}

describe('CsvTokenizer', () => {
  test('splits records and fields with the line each record starts on', () => {
    expect(parse('a,b\n1,2\n3,4')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: ['3', '4'] },
    ]);
  });

  test.each([
    ['CRLF', 'a,b\r\n1,2\r\n'],
    ['LF', 'a,b\n1,2\n'],
    ['bare CR', 'a,b\r1,2\r'],
  ])('line ends: %s', (_name, text) => {
    expect(parse(text).map((r) => [r.line, r.fields])).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
    ]);
  });

  test('byte offsets of each record, line terminator excluded', () => {
    const text = 'a,b\r\n"x\ny",2\n名,3';
    const recs = withOffsets(text);
    const buf = Buffer.from(text);
    expect(recs.map((r) => buf.toString('utf8', r.start, r.end))).toEqual(['a,b', '"x\ny",2', '名,3']);
  });

  test('RFC 4180 quoting: delimiters, escaped quotes and line breaks inside quotes', () => {
    const recs = parse('id,text\n1,"a, ""quoted"" word"\n2,"two\nlines\r\nhere"\n3,x\n');
    expect(recs.map((r) => [r.line, r.fields])).toEqual([
      [1, ['id', 'text']],
      [2, ['1', 'a, "quoted" word']],
      [3, ['2', 'two\nlines\r\nhere']],
      [6, ['3', 'x']],
    ]);
  });

  test('a lone CR inside quotes is a line break too, as it is outside them (found by the CSV fuzz suite)', () => {
    // lines: 1 header, 2–3 the quoted "a\rb", 4 the next record; a CRLF inside quotes stays one break
    expect(parse('h1,h2\r1,"a\rb"\r2,x\r').map((r) => r.line)).toEqual([1, 2, 4]);
    expect(parse('h1,h2\n1,"a\r\nb\rc"\n2,x').map((r) => r.line)).toEqual([1, 2, 5]);
    expect(parse('h\n"a\r').map((r) => [r.line, r.error?.code])).toEqual([
      [1, undefined],
      [2, 'unterminatedQuote'],
    ]);
  });

  test('empty fields, trailing delimiter, quoted empty field', () => {
    expect(parse('a,,c,\n"",x,"",\n').map((r) => r.fields)).toEqual([
      ['a', '', 'c', ''],
      ['', 'x', '', ''],
    ]);
  });

  test('blank lines and rows of empty fields are skipped and counted, line numbers stay physical', () => {
    const recs = parse('a,b\n\n1,2\n,\r\n\n3,4\n');
    expect(recs.map((r) => [r.line, r.fields])).toEqual([
      [1, ['a', 'b']],
      [3, ['1', '2']],
      [6, ['3', '4']],
    ]);
  });

  test('text after a closing quote rejects that row only, and parsing resynchronises at the line end', () => {
    const recs = parse('a,b\n1,"say "hi" now"\n2,ok\n');
    expect(recs[1]!.line).toBe(2);
    expect(recs[1]!.error?.reason).toMatch(/malformed quoting in column 2/);
    expect(recs[1]!.raw).toBe('1,"say "hi" now"');
    expect(recs[2]).toEqual({ line: 3, fields: ['2', 'ok'] });
  });

  test('an unterminated quote at the end of the file is an error on the line where it opened', () => {
    const recs = parse('a,b\n1,ok\n2,"never closed\n3,x\n4,y\n');
    expect(recs).toHaveLength(3);
    expect(recs[2]!.line).toBe(3);
    expect(recs[2]!.error?.reason).toMatch(/unterminated quoted field: the quote opened on line 3/);
  });

  test('a field above the limit rejects its row with the column named', () => {
    const recs = parse(`a,b\n1,${'x'.repeat(2000)}\n2,ok\n`, { maxFieldBytes: 1000 });
    expect(recs[1]!.error).toEqual({
      reason: 'field 2 has 2,000 bytes, more than the limit of 1,000 bytes',
      column: 1,
      code: 'fieldTooLarge',
      params: { column: '2', size: 2000, limit: 1000 },
    });
    expect(recs[2]!.fields).toEqual(['2', 'ok']);
  });

  test('UTF-8 text, and invalid UTF-8 bytes reject the row naming the column', () => {
    const bytes = Buffer.concat([
      Buffer.from('名称,价格\n商品,12\nbad,'),
      Buffer.from([0xff, 0xfe, 0x41]),
      Buffer.from('\nok,1\n'),
    ]);
    const recs = parse(bytes);
    expect(recs[1]!.fields).toEqual(['商品', '12']);
    expect(recs[2]!.error?.reason).toMatch(/invalid byte sequence in column 2: the text is not valid UTF-8/);
    expect(recs[3]!.fields).toEqual(['ok', '1']);
  });

  test('a literal U+FFFD in valid UTF-8 is text, not an encoding error', () => {
    expect(parse('a\n\uFFFD x\n')[1]).toEqual({ line: 2, fields: ['\uFFFD x'] });
  });

  test('GB18030: a trail byte equal to "|" does not split the field', () => {
    // 0x81 0x7C is 亅 in GBK; "北京|上海" then a second field
    const bytes = Buffer.concat([
      Buffer.from([0x81, 0x7c]),
      Buffer.from('|'),
      Buffer.from('b1b1bea97cc9cfbaa3', 'hex'),
      Buffer.from('\n'),
    ]);
    expect(parse(bytes, { delimiter: '|', encoding: 'gb18030' })[0]!.fields).toEqual(['亅', '北京', '上海']);
  });

  test('GB18030 with "|": a truncated character before a line end does not swallow it (found by the CSV fuzz suite)', () => {
    // 0xA1 is a lead byte; 0xA1 0x0A is no character, so the line still ends there
    const bytes = Buffer.concat([
      Buffer.from('a|b\nx|'),
      Buffer.from([0xa1]),
      Buffer.from('\ny|'),
      Buffer.from([0xff]),
      Buffer.from('|z\nok|1\n'),
    ]);
    const recs = parse(bytes, { delimiter: '|', encoding: 'gb18030' });
    expect(recs.map((r) => [r.line, r.fields.length, r.error?.code])).toEqual([
      [1, 2, undefined],
      [2, 2, 'invalidEncoding'],
      [3, 3, 'invalidEncoding'], // 0xFF is no lead byte: the "|" after it is a delimiter
      [4, 2, undefined],
    ]);
  });

  test('tab and semicolon delimiters', () => {
    expect(parse('a\tb\n1\t"2\t3"\n', { delimiter: '\t' })[1]!.fields).toEqual(['1', '2\t3']);
    expect(parse('a;b\n1,5;2\n', { delimiter: ';' })[1]!.fields).toEqual(['1,5', '2']);
  });
});

describe('CsvFileReader', () => {
  test('chunk boundaries never change the result (property)', () => {
    const cell = fc.oneof(fc.string(), fc.constantFrom('', '"', '""', ',', '\n', '\r\n', 'a,b', '名称', 'x"y'));
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 13 }),
        (table, chunk) => {
          const rows = table.filter((r) => r.some((c) => c !== ''));
          const text = rows.map((r) => joinRecord(r)).join('\n');
          const file = tmpFile(text);
          const reader = new CsvFileReader(file, { delimiter: ',', chunkBytes: chunk });
          const out = [];
          for (let b = reader.read(3); b.length; b = reader.read(3)) out.push(...b);
          reader.close();
          expect(out.map((r) => r.fields)).toEqual(rows);
          expect(out.map((r) => Buffer.from(text).toString('utf8', r.start, r.end))).toEqual(
            rows.map((r) => joinRecord(r)),
          );
          expect(out.map((r) => r.fields)).toEqual(parse(text).map((r) => r.fields));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('the position after a batch resumes exactly where it stopped', () => {
    const text = `h\n${Array.from({ length: 50 }, (_, i) => (i % 7 === 0 ? `"multi\nline ${i}"` : `r${i}`)).join('\n')}\n`;
    const file = tmpFile(text);
    const all = parse(text);
    const first = new CsvFileReader(file, { delimiter: ',', chunkBytes: 16 });
    const head = [...first.read(1), ...first.read(20)];
    const pos = first.position;
    first.close();
    const rest = new CsvFileReader(file, {
      delimiter: ',',
      startByte: pos.byte,
      startLine: pos.line + 1,
      chunkBytes: 16,
    });
    const tail = rest.read(1000);
    rest.close();
    expect([...head, ...tail]).toEqual(withOffsets(text));
    expect(all).toHaveLength(51);
  });

  test('a record larger than the limit is skipped without buffering it, and the next record is read', () => {
    const huge = `"${'y'.repeat(300_000)}\n${'z'.repeat(300_000)}"`;
    const file = tmpFile(`a,b\n1,${huge}\n2,after\n3,last`);
    const reader = new CsvFileReader(file, {
      delimiter: ',',
      chunkBytes: 4096,
      maxRecordBytes: 65_536,
      maxFieldBytes: 32_768,
    });
    const recs = reader.read(10);
    reader.close();
    expect(recs.map((r) => r.line)).toEqual([1, 2, 4, 5]);
    expect(recs[1]!.error?.reason).toMatch(/field 2 is larger than the/);
    expect(recs[1]!.raw!.length).toBeLessThanOrEqual(2048);
    expect(recs[2]!.fields).toEqual(['2', 'after']);
    expect(recs[3]!.fields).toEqual(['3', 'last']);
  });

  test('a skipped oversized record counts lone CRs inside quotes as line breaks, across buffer refills', () => {
    const big = `"${'y\r'.repeat(40_000)}\r\n${'z'.repeat(40_000)}"`;
    const file = tmpFile(`a,b\r1,${big}\r2,after\r`);
    const reader = new CsvFileReader(file, { delimiter: ',', chunkBytes: 4096, maxRecordBytes: 65_536 });
    const recs = reader.read(10);
    reader.close();
    expect(recs.map((r) => [r.line, r.error?.code])).toEqual([
      [1, undefined],
      [2, 'rowOverLimit'],
      [40_004, undefined], // 2 + 40,000 lone CRs + 1 CRLF inside the quotes + the record's own CR
    ]);
  });

  test('GB18030 with "|": a skipped oversized record ends at a line end after a truncated character', () => {
    const file = tmpFile(
      Buffer.concat([Buffer.from(`a|b\n1|${'y'.repeat(70_000)}`), Buffer.from([0xd6]), Buffer.from('\n2|after\n')]),
    );
    const reader = new CsvFileReader(file, {
      delimiter: '|',
      encoding: 'gb18030',
      chunkBytes: 4096,
      maxRecordBytes: 65_536,
      maxFieldBytes: 32_768,
    });
    const recs = reader.read(10);
    reader.close();
    expect(recs.map((r) => [r.line, r.error?.code ?? r.fields.join('|')])).toEqual([
      [1, 'a|b'],
      [2, 'fieldOverLimit'],
      [3, '2|after'],
    ]);
  });

  test('an unterminated quote in a huge tail is reported on its line, memory bounded', () => {
    const file = tmpFile(`a,b\n1,ok\n2,"${'q\n'.repeat(200_000)}`);
    const reader = new CsvFileReader(file, { delimiter: ',', chunkBytes: 4096, maxRecordBytes: 65_536 });
    const recs = reader.read(10);
    reader.close();
    expect(recs).toHaveLength(3);
    expect(recs[2]!.line).toBe(3);
    expect(recs[2]!.error?.reason).toMatch(/unterminated quoted field: the quote opened on line 3/);
  });

  test('endByte stops at a committed cursor', () => {
    const text = 'h\n1\n2\n3\n4\n';
    const file = tmpFile(text);
    const r = new CsvFileReader(file, { delimiter: ',', endByte: text.indexOf('3') });
    expect(r.read(10).map((x) => x.fields[0])).toEqual(['h', '1', '2']);
    r.close();
  });
});
