/** Parser for the Hillstrom e-mail test (`hillstrom_email/hillstrom.csv`) into dense columns. */
import { columnIndex, readCsv } from './csv-text';

export type HillstromData = {
  n: number;
  /** `Mens E-Mail`, `Womens E-Mail` or `No E-Mail` */
  segment: string[];
  recency: Float64Array;
  history: Float64Array;
  mens: Float64Array;
  womens: Float64Array;
  newbie: Float64Array;
  /** `Urban`, `Surburban` (sic), `Rural` */
  zipCode: string[];
  /** `Phone`, `Web`, `Multichannel` */
  channel: string[];
  visit: Float64Array;
  conversion: Float64Array;
  spend: Float64Array;
};

/**
 * Parses hillstrom.csv (quoted `history_segment` values contain commas).
 * @example parseHillstrom(text).n // 64000
 */
export function parseHillstrom(text: string): HillstromData {
  const { header, rows } = readCsv(text);
  const names = [
    'recency',
    'history',
    'mens',
    'womens',
    'zip_code',
    'newbie',
    'channel',
    'segment',
    'visit',
    'conversion',
    'spend',
  ] as const;
  const col = columnIndex(header, names, 'parseHillstrom');
  const n = rows.length;
  const num = (name: (typeof names)[number]) => Float64Array.from(rows, (r) => Number(r[col[name]]));
  return {
    n,
    segment: rows.map((r) => r[col.segment] as string),
    recency: num('recency'),
    history: num('history'),
    mens: num('mens'),
    womens: num('womens'),
    newbie: num('newbie'),
    zipCode: rows.map((r) => r[col.zip_code] as string),
    channel: rows.map((r) => r[col.channel] as string),
    visit: num('visit'),
    conversion: num('conversion'),
    spend: num('spend'),
  };
}
