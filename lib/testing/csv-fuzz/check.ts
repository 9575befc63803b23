import assert from 'node:assert/strict';
import { parseCsvBuffer } from '@/lib/csv/reader';
import { csvLine } from '@/lib/csv/write';
import { translator } from '@/lib/i18n/translate';
import { IMPORT_REJECTIONS } from '@/lib/import/rejection-codes';
import { rejectionText } from '@/lib/import/rejection-text';
import type { Rejection } from '@/lib/import/rows/context';
import type { FileSpec } from './arbitraries';
import type { BuiltFile } from './build';
import type { ImportPreview, ImportPreviewError } from '@/lib/services/imports/preview';
import type { PureOutcome } from './pure-run';
import { referenceRecords } from './reference';

const SIZE_CODES = new Set(['fieldTooLarge', 'rowTooLarge', 'fieldOverLimit', 'rowOverLimit']);
export const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;
const EN = translator('en');
const ZH = translator('zh-CN');

/** A rejection can be shown: a known code, a line, and a text in English and Chinese with every parameter filled in. */
export function checkRejection(r: Rejection) {
  checkStoredRejection({
    line: r.line,
    reason: r.reason,
    reasonKey: `importRejections.${r.code}`,
    params: JSON.stringify(r.params),
  });
}

/** The same for a rejected row as stored (ImportError: reasonKey `importRejections.<code>`, params as JSON). */
export function checkStoredRejection(r: {
  line: number;
  reason: string;
  reasonKey: string | null;
  params: string | null;
}) {
  assert.ok(Number.isInteger(r.line) && r.line >= 1, `rejection without a line: ${JSON.stringify(r)}`);
  const code = r.reasonKey?.replace(/^importRejections\./, '') ?? '';
  assert.ok((IMPORT_REJECTIONS as readonly string[]).includes(code), `unknown rejection code ${r.reasonKey}`);
  const stored = { reason: r.reason, key: r.reasonKey, params: r.params };
  const en = rejectionText(EN, stored);
  const zh = rejectionText(ZH, stored);
  assert.equal(en, r.reason, `the stored reason is the catalogue's English text (${code})`);
  for (const [lang, text] of [
    ['en', en],
    ['zh-CN', zh],
  ] as const) {
    assert.ok(text.length > 0 && !text.startsWith('importRejections.'), `${lang} text missing for ${code}`);
    assert.doesNotMatch(text, /\{\w+\}/, `${lang} text of ${code} has an unfilled parameter: ${text}`);
  }
  assert.notEqual(zh, en, `no Chinese text for ${code}`);
}

/** The rejected-rows download of this rejection: no cell a spreadsheet would run, and the values read back. */
export function checkRejectedRowExport(r: Rejection) {
  const values = [String(r.line), r.column ?? '', r.reason, r.raw];
  const [back] = parseCsvBuffer(Buffer.from(csvLine(values)), { delimiter: ',' });
  assert.ok(back && !back.error, 'the rejected-rows line reads back');
  back.fields.forEach((cell, i) => {
    assert.doesNotMatch(cell, FORMULA_START, `exported cell ${i} starts a formula: ${JSON.stringify(cell)}`);
    const original = values[i]!;
    assert.equal(FORMULA_START.test(original) ? `'${original}` : original, cell);
  });
}

/** The lines of the data rows a file must give, with what is known of each (junk: read with the chosen delimiter). */
export function expectedRows(built: BuiltFile, outcome: { layout: { delimiter: string } }) {
  if (built.header) return built.rows;
  // junk: read by the reference parser with the delimiter the importer chose, after the BOM and an Excel sep= line
  const b = built.bytes;
  let start = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  const sep = /^sep=[,;\t|](\r\n|\r|\n)?/i.exec(b.subarray(start, start + 7).toString('latin1'));
  if (sep) start += sep[0].length;
  const [, ...data] = referenceRecords(b, outcome.layout.delimiter, start);
  return data.map((r) => ({ line: r.line, fields: null, tooLarge: false, unterminated: false, badBytes: false }));
}

/**
 * The properties every file must keep: no crash (the caller catches), refusals only for what is not a text CSV,
 * every data row accepted or rejected exactly once on its own line, every rejection renderable, clean rows read as
 * written, oversized and broken rows rejected for that reason.
 */
export function checkOutcome(spec: FileSpec, built: BuiltFile, outcome: PureOutcome) {
  if (spec.type === 'junk' && spec.magic !== 'none') {
    assert.equal(outcome.stage, 'upload', `a ${spec.magic} file must be refused at upload`);
    return;
  }
  if (outcome.stage === 'upload') {
    assert.ok(spec.type === 'junk', `a text CSV was refused as ${outcome.refused}`);
    return;
  }
  if (spec.type === 'csv') {
    if (outcome.stage === 'inspect') assert.fail(`a CSV with a readable header was refused: ${outcome.error}`);
    const { layout } = outcome;
    assert.equal(layout.headerLine, built.headerLine, 'header line');
    if (built.header!.length > 1) assert.equal(layout.delimiter, spec.delimiter, 'detected delimiter');
    if (layout.delimiter === spec.delimiter) assert.equal(layout.header.length, built.header!.length, 'header width');
    const names = layout.header.map((h) => h.toLowerCase());
    assert.equal(new Set(names).size, names.length, `header names are not unique: ${JSON.stringify(layout.header)}`);
    const badBytes = spec.records.some((r) => r.fault?.type === 'badBytes');
    if (spec.encoding === 'utf-8' && !badBytes) assert.equal(layout.encoding, 'utf-8', 'encoding of a UTF-8 file');
  }
  if (outcome.stage !== 'rows') return;
  const expected = expectedRows(built, outcome);
  const got = [
    ...outcome.accepted.map((line) => ({ line, rejection: null as Rejection | null })),
    ...outcome.rejections.map((r) => ({ line: r.line, rejection: r as Rejection | null })),
  ].sort((a, b) => a.line - b.line);
  assert.equal(outcome.counted, expected.length, 'records read = data rows written');
  assert.equal(got.length, expected.length, 'accepted + rejected = data rows written');
  assert.deepEqual(
    got.map((g) => g.line),
    expected.map((e) => e.line),
    'line of each row',
  );
  for (const r of outcome.rejections) {
    checkRejection(r);
    checkRejectedRowExport(r);
  }
  const comparable =
    spec.type === 'csv' &&
    readAsWritten(spec.encoding, outcome.layout.encoding) &&
    outcome.layout.delimiter === spec.delimiter &&
    outcome.records.length === expected.length;
  got.forEach((g, i) => {
    const e = expected[i]!;
    const code = g.rejection?.code;
    // an oversized row with another fault (text after a quote…) may be rejected for that one, found first
    if (e.tooLarge)
      assert.ok(
        code && (SIZE_CODES.has(code) || !e.fields),
        `line ${e.line}: an oversized row must be rejected, got ${code}`,
      );
    else if (code) assert.ok(!SIZE_CODES.has(code), `line ${e.line}: rejected for size (${code}) within the limits`);
    if (e.unterminated && !e.tooLarge)
      assert.ok(
        code === 'unterminatedQuote' || (code && SIZE_CODES.has(code)),
        `line ${e.line}: unterminated, got ${code}`,
      );
    if (comparable && e.badBytes && !e.tooLarge && !e.unterminated)
      assert.equal(code, 'invalidEncoding', `line ${e.line}: invalid bytes in the file's encoding`);
    if (comparable && e.fields && !e.tooLarge)
      assert.deepEqual(outcome.records[i]!.fields, e.fields, `line ${e.line}: fields as written`);
  });
}

/** The file was read in the encoding it was written in (GBK as GB18030, its superset). */
function readAsWritten(written: 'utf-8' | 'gbk', read: string) {
  return written === 'utf-8' ? read === 'utf-8' : read === 'gb18030';
}

/** The mapping page's preview agrees with the import: refused alike, same header, the first 20 rows on their lines. */
export function checkPreview(preview: ImportPreview | ImportPreviewError, outcome: PureOutcome) {
  if (outcome.stage === 'upload') return;
  if (outcome.stage === 'inspect') {
    assert.deepEqual(preview, { ok: false, error: outcome.error });
    return;
  }
  assert.ok(preview.ok, `the preview failed where the import reads the file: ${JSON.stringify(preview)}`);
  assert.deepEqual(preview.header, outcome.layout.header, 'preview header');
  if (outcome.stage === 'rows')
    assert.deepEqual(
      preview.rows.map((r) => r.line),
      outcome.records.slice(0, 20).map((r) => r.line),
      'preview lines',
    );
}
