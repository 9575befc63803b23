import { FIELD_SPECS, type ImportKind } from './fields';
import type { ColumnMapping } from './mapping';
import { ISO_CURRENCIES } from './value-hints';
import { parseCurrency, parseNumber } from './values';

/** Where a file says which currency its amounts are in. */
export type DetectedCurrency = {
  /** 'column': the mapped currency column; 'symbol': a currency symbol or code written beside amounts */
  source: 'column' | 'symbol';
  /** the most frequent one */
  currency: string;
  column: string;
  example: string;
  /** every currency seen, most frequent first */
  currencies: string[];
};

const KANA = /[\u3040-\u30ff]/;

function ranked(counts: Map<string, { n: number; example: string }>) {
  return [...counts.entries()].sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]));
}

/**
 * The currency of a file's amounts from its sample rows: the mapped currency column's values when there is one,
 * else the symbols or ISO codes written in amount cells (`SR 160`, `89,95 €`, `199.00 ر.س`). `¥` reads as CNY, or
 * JPY in a file written in Japanese (kana in any cell). Id columns and codes that are no currency (`RUN-001`) are
 * skipped. Null when the file does not say.
 * @example detectFileCurrency('catalogue', ['sku', 'price'], [['A1', '12,50 €']], { price: 'price' })?.currency // 'EUR'
 */
export function detectFileCurrency(
  kind: ImportKind,
  header: readonly string[],
  rows: readonly (readonly string[])[],
  mapping: ColumnMapping,
): DetectedCurrency | null {
  const japanese = rows.some((r) => r.some((v) => KANA.test(v)));
  const fix = (code: string, text: string) => (japanese && code === 'CNY' && /[¥￥]/.test(text) ? 'JPY' : code);
  const currencyColumn = mapping.currency ? header.indexOf(mapping.currency) : -1;
  if (currencyColumn >= 0) {
    const counts = new Map<string, { n: number; example: string }>();
    for (const r of rows) {
      const text = (r[currencyColumn] ?? '').trim();
      const code = text ? parseCurrency(text) : null;
      if (!code) continue;
      const c = counts.get(fix(code, text)) ?? { n: 0, example: text };
      c.n++;
      counts.set(fix(code, text), c);
    }
    const list = ranked(counts);
    if (list.length)
      return {
        source: 'column',
        currency: list[0]![0],
        column: header[currencyColumn]!,
        example: list[0]![1].example,
        currencies: list.map((e) => e[0]),
      };
  }
  const moneyColumns = new Set(
    FIELD_SPECS[kind]
      .filter((s) => s.type === 'money' || s.type === 'number')
      .map((s) => mapping[s.key])
      .filter(Boolean),
  );
  // codes such as RUN-001 read like "RUN −1": id columns are skipped, and a code counts only when it is a currency
  const idColumns = new Set(
    FIELD_SPECS[kind]
      .filter((s) => s.type === 'id')
      .map((s) => mapping[s.key])
      .filter(Boolean),
  );
  const counts = new Map<string, { n: number; example: string; column: string }>();
  header.forEach((column, ci) => {
    if (idColumns.has(column)) return;
    for (const r of rows) {
      const text = (r[ci] ?? '').trim();
      if (!text || /^[\d.,\s-]+$/.test(text)) continue;
      const code = (parseNumber(text) ?? parseNumber(text, ','))?.currency;
      if (!code || !ISO_CURRENCIES.has(code)) continue;
      const key = fix(code, text);
      const c = counts.get(key) ?? { n: 0, example: text, column };
      c.n += moneyColumns.has(column) ? 2 : 1;
      counts.set(key, c);
    }
  });
  const list = ranked(counts);
  if (!list.length) return null;
  const [currency, best] = list[0]! as [string, { n: number; example: string; column: string }];
  return { source: 'symbol', currency, column: best.column, example: best.example, currencies: list.map((e) => e[0]) };
}

/**
 * The decimal separator amounts are written with: ',' when some sample amounts only read with a decimal comma
 * (`89,95 €`, `1.299,00`) and none only with a dot, else the layout's default.
 * @example detectDecimalSeparator(['89,95 €', '12,50 €'], '.') // ','
 */
export function detectDecimalSeparator(values: readonly string[], fallback: '.' | ','): '.' | ',' {
  let comma = 0;
  let dot = 0;
  for (const v of values) {
    const d = parseNumber(v);
    const c = parseNumber(v, ',');
    if (c && /,\d{1,2}\D*$/.test(v)) comma++;
    else if (d && /\.\d{1,2}\D*$/.test(v)) dot++;
    else if (c && !d) comma++;
    else if (d && !c) dot++;
  }
  return comma > 0 && dot === 0 ? ',' : dot > 0 && comma === 0 ? '.' : fallback;
}

const DOLLARS = new Set(['USD', 'AUD', 'CAD', 'NZD', 'SGD', 'HKD', 'TWD', 'MXN']);

/**
 * `$` and `¥` name several currencies; an amount written with one of them is in the import's currency when that
 * currency uses the symbol (`$12` in an AUD import is AUD 12; `¥800` in a JPY import is JPY 800), else USD or CNY.
 * @example symbolCurrency('USD', 'AUD') // 'AUD'
 */
export function symbolCurrency(fromSymbol: string, importCurrency: string): string {
  if (fromSymbol === 'USD' && DOLLARS.has(importCurrency)) return importCurrency;
  if (fromSymbol === 'CNY' && importCurrency === 'JPY') return 'JPY';
  return fromSymbol;
}

/**
 * Currencies an import will meet that have no exchange rate to the base currency: the import's currency (for
 * amounts the file does not mark) and those the file names, in its currency column or beside amounts.
 * @example currenciesWithoutRate({ importCurrency: 'SAR', fileCurrencies: [], baseCurrency: 'USD', rates: new Set() }) // ['SAR']
 */
export function currenciesWithoutRate(p: {
  importCurrency: string;
  fileCurrencies: readonly string[];
  baseCurrency: string;
  rates: ReadonlySet<string>;
}): string[] {
  const needed = new Set([p.importCurrency, ...p.fileCurrencies.map((c) => symbolCurrency(c, p.importCurrency))]);
  return [...needed].filter((c) => c !== p.baseCurrency && !p.rates.has(c)).sort();
}
