import fs from 'node:fs';
import zlib from 'node:zlib';
import { datasetPath } from '@/lib/testing/datasets';
import type { OrderRecord } from '../types';

/**
 * Test-only loader for the shared UCI Online Retail log (never copied into the repo). Uses the README's "clean"
 * subset (CustomerID present, no `C` invoices, Quantity > 0, UnitPrice > 0) and turns each invoice into one order:
 * placedAt = invoice time read as UTC, total = Σ Quantity × UnitPrice.
 */
export const ONLINE_RETAIL = 'online_retail_uci';

const MONTHS = [
  '2010-12',
  '2011-01',
  '2011-02',
  '2011-03',
  '2011-04',
  '2011-05',
  '2011-06',
  '2011-07',
  '2011-08',
  '2011-09',
  '2011-10',
  '2011-11',
  '2011-12',
];

export function loadOnlineRetailOrders(): OrderRecord[] {
  const invoices = new Map<string, OrderRecord>();
  for (const month of MONTHS) {
    const text = zlib
      .gunzipSync(fs.readFileSync(datasetPath(ONLINE_RETAIL, `online_retail_${month}.csv.gz`)))
      .toString('utf8');
    let lineStart = text.indexOf('\n') + 1;
    while (lineStart < text.length) {
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) lineEnd = text.length;
      const f = splitCsv(text.slice(lineStart, lineEnd));
      lineStart = lineEnd + 1;
      const [invoice, , , qty, date, price, customer] = f;
      if (!invoice || invoice.startsWith('C') || !customer) continue;
      const q = Number(qty);
      const p = Number(price);
      if (!(q > 0 && p > 0)) continue;
      let o = invoices.get(invoice);
      if (!o) {
        o = { customerId: Math.round(Number(customer)), placedAt: Date.parse(`${date!.replace(' ', 'T')}Z`), total: 0 };
        invoices.set(invoice, o);
      }
      o.total += q * p;
    }
  }
  return [...invoices.values()];
}

function splitCsv(line: string): string[] {
  if (!line.includes('"')) return line.replace(/\r$/, '').split(',');
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else if (ch !== '\r') cur += ch;
  }
  out.push(cur);
  return out;
}
