import fc from 'fast-check';
import { FIELD_SPECS, type FieldSpec, IMPORT_KINDS, type ImportKind } from '@/lib/import/fields';
import { gbkEncodable } from './gbk';
import { ALNUM, BAD_BYTES, FITTING, FORMULAS, HANZI, JUNK_HEADERS, PLAUSIBLE, TRICKY } from './pools';

/**
 * fast-check generators of CSV files for the import fuzz suite: a readable description of a file (`FileSpec`; huge
 * cells are described, not spelled out, so a shrunk counterexample prints in a few lines) that `buildFile` turns into
 * bytes while recording what an importer must see. Test support only.
 */

/** A cell of `reps` repetitions of `ch`, `copies` times in its row (4–5 copies make a row above the 4 MiB limit). */
export type BigCell = { ch: 'x' | '名' | '"' | '\n'; reps: number; copies: 1 | 4 | 5 };
export type Fault =
  /** bytes that are not valid in the file's encoding, appended to a cell (col -1: the last) */
  | { type: 'badBytes'; col: number; bytes: number[] }
  /** the last cell written as `"a"b`: text after a closing quote */
  | { type: 'malformed'; a: string; b: string };
export type RecordSpec = { cells: string[]; quote: boolean[]; fault: Fault | null };
export type CsvFileSpec = {
  type: 'csv';
  kind: ImportKind;
  encoding: 'utf-8' | 'gbk';
  /** the user names the encoding on the mapping page instead of leaving it to detection */
  chooseEncoding: boolean;
  bom: boolean;
  /** an Excel `sep=<delimiter>` first line */
  sepLine: boolean;
  delimiter: ',' | ';' | '\t' | '|';
  eol: '\n' | '\r\n' | '\r';
  /** empty lines and lines of empty fields before the header */
  leadingBlank: string[];
  header: string[];
  records: RecordSpec[];
  finalEol: boolean;
  /** one huge cell, in record `at` (modulo the record count) */
  big: (BigCell & { at: number; col: number }) | null;
  /** a last record whose quote never closes: prefix cells, then `"` and the text */
  unterminated: { prefix: string[]; text: string } | null;
  batchSize: number;
  /** the re-read check's buffer size, and after how many records it stops and resumes */
  reread: { chunkBytes: number; stopAfter: number };
};
/** Bytes that are not a text CSV at all, or text with random bytes (NUL, control bytes) after a magic number. */
export type JunkFileSpec = {
  type: 'junk';
  kind: ImportKind;
  magic: 'gzip' | 'zip' | 'none';
  bytes: number[];
  batchSize: number;
  reread: { chunkBytes: number; stopAfter: number };
};
export type FileSpec = CsvFileSpec | JunkFileSpec;

const gbkSafe = (enc: 'utf-8' | 'gbk', list: string[]) => (enc === 'gbk' ? list.filter(gbkEncodable) : list);

function textArb(enc: 'utf-8' | 'gbk') {
  return enc === 'gbk'
    ? fc.string({ unit: fc.constantFrom(...ALNUM, ' ', ',', '"', '\n', ...HANZI), maxLength: 6 })
    : fc.string({ unit: 'grapheme', maxLength: 6 });
}

function cellArb(enc: 'utf-8' | 'gbk') {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...gbkSafe(enc, PLAUSIBLE)) },
    { weight: 2, arbitrary: fc.constantFrom(...gbkSafe(enc, FORMULAS)) },
    { weight: 3, arbitrary: fc.constantFrom(...gbkSafe(enc, TRICKY)) },
    { weight: 2, arbitrary: textArb(enc) },
  );
}

/** How often records carry a fault and how cells are quoted, chosen per file so some files are mostly faults. */
type Mix = { faultless: number; quoting: 'never' | 'random' | 'always' };

/** The field a header names (by key, Chinese label or alias), for values that fit it. */
function fieldOf(kind: ImportKind, name: string): FieldSpec | undefined {
  const n = name.trim().toLowerCase();
  return FIELD_SPECS[kind].find((f) => f.key === n || f.labelZh === n || f.aliases.includes(n));
}

function columnCellArb(enc: 'utf-8' | 'gbk', field: FieldSpec | undefined) {
  const fitting = field ? gbkSafe(enc, FITTING[field.key] ?? FITTING[field.type] ?? []) : [];
  if (!fitting.length) return cellArb(enc);
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...fitting) }, { weight: 1, arbitrary: cellArb(enc) });
}

function recordArb(enc: 'utf-8' | 'gbk', columns: (FieldSpec | undefined)[], mix: Mix) {
  const width = columns.length;
  const widthArb = fc.oneof(
    { weight: 8, arbitrary: fc.constant(width) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: width + 3 }) },
  );
  return widthArb.chain((n) =>
    fc.record({
      cells: fc.tuple(...Array.from({ length: n }, (_, i) => columnCellArb(enc, columns[i]))),
      quote:
        mix.quoting === 'random'
          ? fc.array(fc.boolean(), { minLength: n, maxLength: n })
          : fc.constant(Array.from({ length: n }, () => mix.quoting === 'always')),
      fault: fc.oneof(
        { weight: mix.faultless, arbitrary: fc.constant(null) },
        {
          weight: 1,
          arbitrary: fc.record({
            type: fc.constant('badBytes' as const),
            col: fc.oneof(fc.constant(-1), fc.nat(20)), // -1: the last cell, before the line end
            bytes: fc.constantFrom(...BAD_BYTES[enc]),
          }),
        },
        {
          weight: 1,
          arbitrary: fc.record({
            type: fc.constant('malformed' as const),
            a: fc.string({ unit: fc.constantFrom(...ALNUM, ' ', ',', ';', '|', '\t'), maxLength: 5 }),
            b: fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 1, maxLength: 3 }),
          }),
        },
      ),
    }),
  );
}

const MIB = 1 << 20;
const BIG: BigCell[] = [
  { ch: 'x', reps: MIB - 1, copies: 1 },
  { ch: 'x', reps: MIB, copies: 1 },
  { ch: 'x', reps: MIB + 1, copies: 1 },
  { ch: 'x', reps: 3 * MIB, copies: 1 },
  { ch: 'x', reps: MIB, copies: 4 },
  { ch: 'x', reps: MIB, copies: 5 },
  { ch: '名', reps: MIB / 2, copies: 1 }, // 1.5 MiB in UTF-8, exactly 1 MiB in GBK
  { ch: '名', reps: Math.floor(MIB / 3), copies: 1 },
  { ch: '"', reps: MIB / 2, copies: 1 }, // escaped: exactly 1 MiB between the quotes
  { ch: '"', reps: MIB / 2 + 1, copies: 1 },
  { ch: '\n', reps: 200_000, copies: 1 },
  { ch: '\n', reps: MIB + 1, copies: 5 },
];

function headerArb(kind: ImportKind, enc: 'utf-8' | 'gbk') {
  const specs = FIELD_SPECS[kind];
  const names = gbkSafe(enc, [...new Set(specs.flatMap((s) => [s.key, s.labelZh, ...s.aliases]))]);
  const required = specs.filter((s) => s.required).map((s) => s.key);
  const name = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...names) },
    { weight: 1, arbitrary: fc.constantFrom(...gbkSafe(enc, JUNK_HEADERS)) },
    { weight: 1, arbitrary: textArb(enc) },
  );
  return fc
    .tuple(
      fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      fc.array(name, { minLength: 0, maxLength: 9 }),
    )
    .map(([withRequired, rest]) => (withRequired ? [...required, ...rest] : rest))
    .filter((h) => h.length > 0);
}

const batchSizeArb = fc.oneof(fc.integer({ min: 1, max: 7 }), fc.constant(5000));
const rereadArb = fc.record({ chunkBytes: fc.integer({ min: 1, max: 64 }), stopAfter: fc.nat(30) });

function csvFileArb(): fc.Arbitrary<CsvFileSpec> {
  return fc
    .record({
      kind: fc.constantFrom(...IMPORT_KINDS),
      encoding: fc.constantFrom<'utf-8' | 'gbk'>('utf-8', 'utf-8', 'gbk'),
    })
    .chain(({ kind, encoding }) =>
      fc
        .tuple(
          headerArb(kind, encoding),
          fc.record({
            faultless: fc.constantFrom(30, 6, 1),
            quoting: fc.constantFrom<Mix['quoting']>('never', 'random', 'always'),
          }),
        )
        .chain(([header, mix]) =>
          fc.record({
            type: fc.constant('csv' as const),
            kind: fc.constant(kind),
            encoding: fc.constant(encoding),
            chooseEncoding: fc.boolean(),
            bom: encoding === 'utf-8' ? fc.boolean() : fc.constant(false),
            sepLine: fc.oneof(
              { weight: 9, arbitrary: fc.constant(false) },
              { weight: 1, arbitrary: fc.constant(true) },
            ),
            delimiter: fc.constantFrom<CsvFileSpec['delimiter']>(',', ',', ';', '\t', '|', '|'),
            eol: fc.constantFrom<CsvFileSpec['eol']>('\n', '\r\n', '\r'),
            leadingBlank: fc.oneof(
              { weight: 5, arbitrary: fc.constant<string[]>([]) },
              { weight: 1, arbitrary: fc.array(fc.constantFrom('', ',,', '""'), { minLength: 1, maxLength: 3 }) },
            ),
            header: fc.constant(header),
            records: fc.array(
              recordArb(
                encoding,
                header.map((h) => fieldOf(kind, h)),
                mix,
              ),
              { maxLength: 25, size: 'medium' },
            ),
            finalEol: fc.boolean(),
            big: fc.oneof(
              { weight: 40, arbitrary: fc.constant(null) },
              {
                weight: 1,
                arbitrary: fc
                  .record({ cell: fc.constantFrom(...BIG), at: fc.nat(30), col: fc.nat(10) })
                  .map(({ cell, at, col }) => ({ ...cell, at, col })),
              },
            ),
            unterminated: fc.oneof(
              { weight: 15, arbitrary: fc.constant(null) },
              {
                weight: 1,
                arbitrary: fc.record({
                  prefix: fc.array(fc.constantFrom('', 'C1', 'x'), { maxLength: 2 }),
                  text: fc.string({ unit: fc.constantFrom(...ALNUM, ',', '\n', '\r\n'), maxLength: 12 }),
                }),
              },
            ),
            batchSize: batchSizeArb,
            reread: rereadArb,
          }),
        ),
    );
}

function junkFileArb(): fc.Arbitrary<JunkFileSpec> {
  return fc.record({
    type: fc.constant('junk' as const),
    kind: fc.constantFrom(...IMPORT_KINDS),
    magic: fc.constantFrom<JunkFileSpec['magic']>('gzip', 'zip', 'none', 'none'),
    // mostly text-like bytes, so the junk reaches the tokenizer and the validators
    bytes: fc.array(
      fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...[...'a1,;|"\n\r\t= '].map((c) => c.charCodeAt(0))) },
        { weight: 2, arbitrary: fc.integer({ min: 0x80, max: 0xff }) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xff }) },
      ),
      { maxLength: 400 },
    ),
    batchSize: batchSizeArb,
    reread: rereadArb,
  });
}

/** Any file an upload may bring: mostly CSV with every kind of trouble, sometimes binary junk. */
export function fileSpecArb(): fc.Arbitrary<FileSpec> {
  return fc.oneof({ weight: 9, arbitrary: csvFileArb() }, { weight: 1, arbitrary: junkFileArb() });
}
