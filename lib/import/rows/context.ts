import type { CsvRecord } from '../../csv/tokenizer';
import { joinRecord } from '../../csv/write';
import { type DateParser, FUTURE_TOLERANCE_MS } from '../dates';
import type { ImportKind } from '../fields';
import type { ResolvedMapping } from '../mapping';
import type { CleaningReport } from '../report';
import { cleanId, parseBoolean, parseCurrency, parseNumber } from '../values';
import { symbolCurrency } from '../detect-currency';
import { codedReason, type RejectionCode, type RejectionParams } from '../rejection-codes';

export type { RejectionParams };

/**
 * A row that cannot be imported: where, which column, why (English, from the catalogue), the row as read (≤ 2 KB),
 * and the code and parameters the UI and the events API translate (catalogue key `importRejections.<code>`).
 */
export class Rejection {
  constructor(
    readonly line: number,
    readonly column: string | null,
    readonly reason: string,
    readonly raw: string,
    readonly code: RejectionCode,
    readonly params: RejectionParams,
  ) {}
}

/** Thrown by cell readers; the row validator turns it into a Rejection. Its message is the English text. */
export class CellError extends Error {
  constructor(
    readonly index: number,
    readonly code: RejectionCode,
    readonly params: RejectionParams = {},
  ) {
    super(codedReason(code, params).reason);
  }
}

export type RowSettings = {
  kind: ImportKind;
  header: readonly string[];
  mapping: ResolvedMapping;
  delimiter: string;
  dates: DateParser;
  decimal: '.' | ',';
  baseCurrency: string;
  /** Currency of amounts in rows without a currency cell. */
  defaultCurrency: string;
  /** currency → units of base currency per unit */
  rates: ReadonlyMap<string, number>;
  /** Catalogue image_url may use plain http (an admin's choice, Settings → Shop); otherwise https only. */
  allowHttpImages?: boolean;
  report: CleaningReport;
  /** Reads a record's original text by byte offsets (the file itself); else the fields are re-joined. */
  rawText?: (start: number, end: number) => string;
};

const RAW_LIMIT = 2048;

/** Cell access for one record at a time: trimming, typed parsing and cleaning counts, errors naming the column. */
export class RowReader {
  rec: CsvRecord = { line: 0, fields: [] };
  private readonly width: number;
  private readonly extraIdx: number[];
  constructor(readonly s: RowSettings) {
    this.width = s.header.length;
    this.extraIdx = s.mapping.extra.map((c) => c.index);
  }

  /** Column index of a field, -1 when unmapped. */
  col(field: string) {
    return this.s.mapping.columns.get(field) ?? -1;
  }

  isMapped(field: string) {
    return this.s.mapping.columns.has(field);
  }

  raw(rec: CsvRecord) {
    const text =
      rec.raw ??
      (this.s.rawText && rec.start !== undefined
        ? this.s.rawText(rec.start, rec.end!)
        : joinRecord(rec.fields, this.s.delimiter));
    return text.length > RAW_LIMIT ? text.slice(0, RAW_LIMIT) : text;
  }

  reject(rec: CsvRecord, index: number | null, code: RejectionCode, params: RejectionParams = {}) {
    return this.rejection(rec, index, codedReason(code, params));
  }

  private rejection(
    rec: CsvRecord,
    index: number | null,
    r: { reason: string; code: RejectionCode; params: RejectionParams },
  ) {
    const column = index === null || index < 0 ? null : (this.s.header[index] ?? `column ${index + 1}`);
    return new Rejection(rec.line, column, r.reason, this.raw(rec), r.code, r.params);
  }

  /** The Rejection a CellError stands for. */
  rejectCell(rec: CsvRecord, e: CellError) {
    return this.rejection(rec, e.index, { reason: e.message, code: e.code, params: e.params });
  }

  /** Tokenizer errors and ragged rows; null when the record can be validated. */
  begin(rec: CsvRecord): Rejection | null {
    this.rec = rec;
    if (rec.error) return this.rejection(rec, rec.error.column ?? null, rec.error);
    const n = rec.fields.length;
    if (n < this.width) return this.reject(rec, null, 'tooFewFields', { expected: this.width, found: n });
    if (n > this.width) {
      for (let i = this.width; i < n; i++) {
        if (rec.fields[i]!.trim() !== '')
          return this.reject(rec, null, 'tooManyFields', {
            expected: this.width,
            found: n,
            delimiter: this.s.delimiter,
          });
      }
    }
    return null;
  }

  /** Trimmed text of a cell; '' when empty or unmapped. */
  text(i: number): string {
    if (i < 0) return '';
    const v = this.rec.fields[i]!;
    const n = v.length;
    if (n === 0 || (v.charCodeAt(0) > 32 && v.charCodeAt(n - 1) > 32)) return v;
    const t = v.trim();
    if (t.length !== n) this.s.report.trimmedCells++;
    return t;
  }

  opt(i: number): string | null {
    const t = this.text(i);
    return t === '' ? null : t;
  }

  required(i: number, field: string): string {
    const t = this.text(i);
    if (t === '') throw new CellError(i, 'required', { field });
    return t;
  }

  id(i: number, field: string, required: boolean): string | null {
    const t = this.text(i);
    if (t === '') {
      if (required) throw new CellError(i, 'required', { field });
      return null;
    }
    if (t.length > 200) throw new CellError(i, 'idTooLong', { field });
    const c = cleanId(t);
    if (c.normalised) this.s.report.idsNormalised++;
    return c.id;
  }

  number(i: number, field: string): { value: number; currency: string | null } | null {
    const t = this.text(i);
    if (t === '') return null;
    const n = parseNumber(t, this.s.decimal);
    if (!n) throw new CellError(i, 'notNumber', { field, value: t.slice(0, 40) });
    if (n.normalised) this.s.report.numbersNormalised++;
    return n;
  }

  integer(i: number, field: string): number | null {
    const n = this.number(i, field);
    if (!n) return null;
    if (!Number.isInteger(n.value)) throw new CellError(i, 'notWholeNumber', { field, value: this.text(i) });
    if (Math.abs(n.value) > 2_147_483_647) throw new CellError(i, 'outOfRange', { field, value: String(n.value) });
    return n.value;
  }

  boolean(i: number, field: string): boolean | null {
    const t = this.text(i);
    if (t === '') return null;
    const b = parseBoolean(t);
    if (b === null) throw new CellError(i, 'notBoolean', { field, value: t.slice(0, 40) });
    return b;
  }

  date(i: number, field: string): number | null {
    const t = this.text(i);
    if (t === '') return null;
    const d = this.s.dates;
    const ms = d.parse(t);
    if (Number.isNaN(ms)) {
      const code = d.orderHint ? (d.order === 'dmy' ? 'invalidDateDmy' : 'invalidDateMdy') : 'invalidDate';
      throw new CellError(i, code, { field, value: t.slice(0, 40) });
    }
    if (d.shifted) this.s.report.timestampsConvertedToUtc++;
    return ms;
  }

  /** A time more than FUTURE_TOLERANCE_MS (24 h) past now is refused: no event or order happens in the future. */
  notFuture(i: number, field: string, ms: number): number {
    if (ms <= Date.now() + FUTURE_TOLERANCE_MS) return ms;
    const value = new Date(ms).toISOString();
    throw new CellError(i, 'futureTimestamp', { field, value });
  }

  private lastCurrencyText = '';
  private lastCurrency: string | null = null;

  /** The row's currency: the currency cell, else a symbol in the amount, else the import's default. */
  currency(i: number, symbol: string | null): string {
    const t = this.text(i);
    if (t !== '') {
      let c: string | null;
      if (t === this.lastCurrencyText) c = this.lastCurrency;
      else {
        c = parseCurrency(t);
        this.lastCurrencyText = t;
        this.lastCurrency = c;
      }
      if (!c) throw new CellError(i, 'invalidCurrency', { value: t.slice(0, 20) });
      if (symbol && symbolCurrency(symbol, c) !== c)
        throw new CellError(i, 'currencyMismatch', { symbol, currency: c });
      return c;
    }
    return symbol ? symbolCurrency(symbol, this.s.defaultCurrency) : this.s.defaultCurrency;
  }

  /** Amount in the base currency; throws when there is no rate for the currency. */
  toBase(amount: number, currency: string, index: number): number {
    if (currency === this.s.baseCurrency) return amount;
    const rate = this.s.rates.get(currency);
    if (rate === undefined) throw new CellError(index, 'noExchangeRate', { currency, base: this.s.baseCurrency });
    return amount * rate;
  }

  /** Unmapped columns as a JSON object text (null when the kind keeps none or all are empty). */
  attributes(): string | null {
    if (this.extraIdx.length === 0) return null;
    const obj: Record<string, string> = {};
    let any = false;
    for (let k = 0; k < this.extraIdx.length; k++) {
      const v = this.text(this.extraIdx[k]!);
      if (v === '') continue;
      obj[this.s.mapping.extra[k]!.name] = v;
      any = true;
    }
    return any ? JSON.stringify(obj) : null;
  }

  get hasAttributes() {
    return this.extraIdx.length > 0;
  }
}
