import type { CsvRecord } from '../../csv/tokenizer';
import { joinRecord } from '../../csv/write';
import { type DateParser, FUTURE_TOLERANCE_MS } from '../dates';
import type { ImportKind } from '../fields';
import type { ResolvedMapping } from '../mapping';
import type { CleaningReport } from '../report';
import { cleanId, parseBoolean, parseCurrency, parseNumber } from '../values';
import { symbolCurrency } from '../detect-currency';

/** Message parameters of a coded rejection (the catalogue key `importRejections.<code>` renders it). */
export type RejectionParams = Record<string, string | number>;

/**
 * A row that cannot be imported: where, which column, why (English), the row as read (≤ 2 KB), and for the reasons
 * the UI and the events API translate, a code and its parameters.
 */
export class Rejection {
  constructor(
    readonly line: number,
    readonly column: string | null,
    readonly reason: string,
    readonly raw: string,
    readonly code: string | null = null,
    readonly params: RejectionParams | null = null,
  ) {}
}

/** Thrown by cell readers; the row validator turns it into a Rejection. */
export class CellError extends Error {
  constructor(
    readonly index: number,
    message: string,
    readonly code: string | null = null,
    readonly params: RejectionParams | null = null,
  ) {
    super(message);
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

  reject(rec: CsvRecord, index: number | null, reason: string, code?: string | null, params?: RejectionParams | null) {
    return new Rejection(
      rec.line,
      index === null || index < 0 ? null : (this.s.header[index] ?? `column ${index + 1}`),
      reason,
      this.raw(rec),
      code ?? null,
      params ?? null,
    );
  }

  /** The Rejection a CellError stands for. */
  rejectCell(rec: CsvRecord, e: CellError) {
    return this.reject(rec, e.index, e.message, e.code, e.params);
  }

  /** Tokenizer errors and ragged rows; null when the record can be validated. */
  begin(rec: CsvRecord): Rejection | null {
    this.rec = rec;
    if (rec.error) return this.reject(rec, rec.error.column ?? null, rec.error.reason);
    const n = rec.fields.length;
    if (n < this.width) return this.reject(rec, null, `too few fields: expected ${this.width}, found ${n}`);
    if (n > this.width) {
      for (let i = this.width; i < n; i++) {
        if (rec.fields[i]!.trim() !== '')
          return this.reject(
            rec,
            null,
            `too many fields: expected ${this.width}, found ${n} (an unquoted "${this.s.delimiter}" inside a value?)`,
          );
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
    if (t === '') throw new CellError(i, `${field} is required but the cell is empty`);
    return t;
  }

  id(i: number, field: string, required: boolean): string | null {
    const t = this.text(i);
    if (t === '') {
      if (required) throw new CellError(i, `${field} is required but the cell is empty`);
      return null;
    }
    if (t.length > 200) throw new CellError(i, `${field} is longer than 200 characters`);
    const c = cleanId(t);
    if (c.normalised) this.s.report.idsNormalised++;
    return c.id;
  }

  number(i: number, field: string): { value: number; currency: string | null } | null {
    const t = this.text(i);
    if (t === '') return null;
    const n = parseNumber(t, this.s.decimal);
    if (!n) throw new CellError(i, `${field} is not a number: "${t.slice(0, 40)}"`);
    if (n.normalised) this.s.report.numbersNormalised++;
    return n;
  }

  integer(i: number, field: string): number | null {
    const n = this.number(i, field);
    if (!n) return null;
    if (!Number.isInteger(n.value)) throw new CellError(i, `${field} must be a whole number, got "${this.text(i)}"`);
    if (Math.abs(n.value) > 2_147_483_647) throw new CellError(i, `${field} is out of range: ${n.value}`);
    return n.value;
  }

  boolean(i: number, field: string): boolean | null {
    const t = this.text(i);
    if (t === '') return null;
    const b = parseBoolean(t);
    if (b === null) throw new CellError(i, `${field} is not yes/no: "${t.slice(0, 40)}"`);
    return b;
  }

  date(i: number, field: string): number | null {
    const t = this.text(i);
    if (t === '') return null;
    const d = this.s.dates;
    const ms = d.parse(t);
    if (Number.isNaN(ms)) {
      const hint = d.orderHint
        ? ` (read as ${d.order === 'dmy' ? 'day/month/year' : 'month/day/year'}; set the date order option if the file uses the other order)`
        : ' (expected e.g. 2024-03-05 14:30, 2024-03-05T14:30:00+08:00, 3/5/2024, 2024年3月5日 or epoch seconds)';
      throw new CellError(i, `${field} is not a valid date: "${t.slice(0, 40)}"${hint}`);
    }
    if (d.shifted) this.s.report.timestampsConvertedToUtc++;
    return ms;
  }

  /** A time more than FUTURE_TOLERANCE_MS (24 h) past now is refused: no event or order happens in the future. */
  notFuture(i: number, field: string, ms: number): number {
    if (ms <= Date.now() + FUTURE_TOLERANCE_MS) return ms;
    const value = new Date(ms).toISOString();
    throw new CellError(i, `${field} ${value} is more than 24 hours in the future`, 'futureTimestamp', {
      field,
      value,
    });
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
      if (!c) throw new CellError(i, `currency is not an ISO 4217 code: "${t.slice(0, 20)}"`);
      if (symbol && symbolCurrency(symbol, c) !== c)
        throw new CellError(i, `the amount is written in ${symbol} but the currency column says ${c}`);
      return c;
    }
    return symbol ? symbolCurrency(symbol, this.s.defaultCurrency) : this.s.defaultCurrency;
  }

  /** Amount in the base currency; throws when there is no rate for the currency. */
  toBase(amount: number, currency: string, index: number): number {
    if (currency === this.s.baseCurrency) return amount;
    const rate = this.s.rates.get(currency);
    if (rate === undefined)
      throw new CellError(
        index,
        `unknown currency ${currency}: no exchange rate to ${this.s.baseCurrency} (add it under Settings → Shop → Exchange rates)`,
      );
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
