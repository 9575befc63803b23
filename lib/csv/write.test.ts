import { describe, expect, test } from 'vitest';
import { parseCsvBuffer } from './reader';
import { csvCell, csvChunks, csvLine, joinRecord, neutraliseFormula } from './write';

describe('formula neutralisation', () => {
  test.each([
    ['=cmd|"/c calc"!A1', '\'=cmd|"/c calc"!A1'],
    ['+1+1', "'+1+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['＝1+1', "'＝1+1"],
    ['＋1', "'＋1"],
    ['－1', "'－1"],
    ['＠x', "'＠x"],
    ['plain', 'plain'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j → %j', (input, out) => expect(neutraliseFormula(input)).toBe(out));

  test('numbers are written as numbers, even negative ones', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('-3')).toBe("'-3");
  });
});

describe('csvLine', () => {
  test('quotes cells with delimiters, quotes or line breaks (after neutralising)', () => {
    expect(csvLine(['a,b', 'say "hi"', 'two\nlines', null, 1.5, true, '=1,2'])).toBe(
      '"a,b","say ""hi""","two\nlines",,1.5,true,"\'=1,2"\r\n',
    );
  });

  test('round-trips through the tokenizer', () => {
    const row = ['a,b', 'x"y', 'line\nbreak', '名称'];
    expect(parseCsvBuffer(Buffer.from(csvLine(row)), { delimiter: ',' })[0]!.fields).toEqual(row);
    expect(parseCsvBuffer(Buffer.from(joinRecord(row, ';')), { delimiter: ';' })[0]!.fields).toEqual(row);
  });
});

test('csvChunks: BOM, header, rows', async () => {
  let out = '';
  for await (const c of csvChunks(
    ['line', 'reason'],
    [
      [2, '=bad'],
      [3, 'ok'],
    ],
  ))
    out += c;
  expect(out).toBe("\uFEFFline,reason\r\n2,'=bad\r\n3,ok\r\n");
});
