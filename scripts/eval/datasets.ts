/**
 * Loaders for the shared public datasets (never copied into the repo; see each dataset README under shared/datasets).
 * They map raw ids to dense indices and return engine `Interactions` plus the id maps and item metadata.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Interactions } from '@/lib/engine/recommendation/types';
import { datasetPath } from '@/lib/testing/datasets';

export type LoadedDataset = {
  name: string;
  interactions: Interactions;
  userIds: string[];
  itemIds: string[];
  /** item titles/descriptions (for content models) */
  itemText: string[];
  /** optional per-item category index and category names */
  itemCategory?: Int32Array;
  categories?: string[];
  /** optional per-item price */
  itemPrice?: Float64Array;
  /** optional per-item tags (e.g. all genres of a movie) */
  itemTags?: string[][];
};

/**
 * MovieLens 100K `u.data` in file order (the order Surprise's `Dataset.load_builtin('ml-100k')` keeps):
 * user id k → index k−1, item id k → index k−1, value = rating, timestamps in ms. Genres of u.item become the
 * item category (the first genre flag set) and the titles the item text (Latin-1).
 */
export function loadMovielens100k(dir = datasetPath('movielens_100k')): LoadedDataset {
  const lines = fs
    .readFileSync(path.join(dir, 'u.data'), 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);
  const n = lines.length;
  const users = new Int32Array(n),
    items = new Int32Array(n),
    values = new Float32Array(n),
    timestamps = new Float64Array(n);
  let nUsers = 0,
    nItems = 0;
  lines.forEach((line, k) => {
    const [u, i, r, t] = line.split('\t');
    users[k] = Number(u) - 1;
    items[k] = Number(i) - 1;
    values[k] = Number(r);
    timestamps[k] = Number(t) * 1000;
    nUsers = Math.max(nUsers, users[k]! + 1);
    nItems = Math.max(nItems, items[k]! + 1);
  });
  const itemLines = new TextDecoder('latin1')
    .decode(fs.readFileSync(path.join(dir, 'u.item')))
    .split('\n')
    .filter((l) => l.length > 0);
  const genres = fs
    .readFileSync(path.join(dir, 'u.genre'), 'utf8')
    .split('\n')
    .filter((l) => l.includes('|'))
    .map((l) => l.split('|')[0]!);
  const itemText = new Array<string>(nItems).fill('');
  const itemCategory = new Int32Array(nItems).fill(-1);
  const itemTags: string[][] = Array.from({ length: nItems }, () => []);
  for (const line of itemLines) {
    const f = line.split('|');
    const idx = Number(f[0]) - 1;
    if (idx < 0 || idx >= nItems) continue;
    itemText[idx] = f[1] ?? '';
    const flags = f.slice(5).map(Number);
    itemCategory[idx] = flags.indexOf(1);
    itemTags[idx] = genres.filter((_, g) => flags[g] === 1);
  }
  return {
    name: 'movielens_100k',
    interactions: { nUsers, nItems, users, items, values, timestamps },
    userIds: Array.from({ length: nUsers }, (_, u) => String(u + 1)),
    itemIds: Array.from({ length: nItems }, (_, i) => String(i + 1)),
    itemText,
    itemCategory,
    categories: genres,
    itemTags,
  };
}

/** one RFC-4180 CSV line → fields (quotes, doubled quotes, commas inside quotes) */
export function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '',
    quoted = false;
  for (let p = 0; p < line.length; p++) {
    const ch = line[p]!;
    if (quoted) {
      if (ch === '"' && line[p + 1] === '"') {
        cur += '"';
        p++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** non-merchandise stock codes (postage, fees, manual adjustments) */
const NON_PRODUCT = /^(POST|DOT|M|D|C2|CRUK|PADS|B|S|AMAZONFEE|BANK CHARGES|gift_.*|DCGS.*)$/i;

/**
 * UCI Online Retail: 13 monthly gzip CSVs concatenated in name order. Kept rows: CustomerID present, InvoiceNo not a
 * cancellation ('C…') or adjustment ('A…'), Quantity > 0, UnitPrice > 0, merchandise stock codes only. One
 * interaction per invoice line (value = quantity, timestamp = InvoiceDate as UTC). Users are customers in order of
 * first appearance, items StockCodes (upper-cased). Item text = the most frequent description; price = median.
 */
export function loadOnlineRetail(dir = datasetPath('online_retail_uci')): LoadedDataset {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^online_retail_.*\.csv\.gz$/.test(f))
    .sort();
  const userIndex = new Map<string, number>(),
    itemIndex = new Map<string, number>();
  const users: number[] = [],
    items: number[] = [],
    values: number[] = [],
    timestamps: number[] = [];
  const descriptions: Map<string, number>[] = [],
    prices: number[][] = [];
  for (const file of files) {
    const text = zlib.gunzipSync(fs.readFileSync(path.join(dir, file))).toString('utf8');
    const lines = text.split('\n');
    for (let l = 1; l < lines.length; l++) {
      const line = lines[l]!.replace(/\r$/, '');
      if (!line) continue;
      const [invoice = '', stock = '', description = '', qty = '', date = '', price = '', customer = ''] =
        parseCsvLine(line);
      const quantity = Number(qty),
        unitPrice = Number(price);
      if (!customer || /^[CA]/.test(invoice) || !(quantity > 0) || !(unitPrice > 0) || NON_PRODUCT.test(stock))
        continue;
      const cust = String(Math.round(Number(customer)));
      const code = stock.toUpperCase();
      let u = userIndex.get(cust);
      if (u === undefined) {
        u = userIndex.size;
        userIndex.set(cust, u);
      }
      let i = itemIndex.get(code);
      if (i === undefined) {
        i = itemIndex.size;
        itemIndex.set(code, i);
        descriptions.push(new Map());
        prices.push([]);
      }
      const d = description.trim();
      if (d) descriptions[i]!.set(d, (descriptions[i]!.get(d) ?? 0) + 1);
      prices[i]!.push(unitPrice);
      users.push(u);
      items.push(i);
      values.push(quantity);
      timestamps.push(Date.parse(`${date.replace(' ', 'T')}Z`));
    }
  }
  const itemText = descriptions.map((m) => [...m.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '');
  const itemPrice = Float64Array.from(prices, (p) => {
    const s = p.slice().sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)] ?? 0;
  });
  return {
    name: 'online_retail_uci',
    interactions: {
      nUsers: userIndex.size,
      nItems: itemIndex.size,
      users: Int32Array.from(users),
      items: Int32Array.from(items),
      values: Float32Array.from(values),
      timestamps: Float64Array.from(timestamps),
    },
    userIds: [...userIndex.keys()],
    itemIds: [...itemIndex.keys()],
    itemText,
    itemPrice,
  };
}

/**
 * One of the official ml-100k splits (`u1`…`u5`, `ua`, `ub`): base → train, test → test, in file order, with the
 * same dense indices as `loadMovielens100k` (id − 1) and the full 943 × 1,682 shape.
 */
export function loadMovielensOfficialSplit(
  name: string,
  dir = datasetPath('movielens_100k'),
): { train: Interactions; test: Interactions } {
  const read = (file: string): Interactions => {
    const lines = zlib
      .gunzipSync(fs.readFileSync(path.join(dir, 'splits', file)))
      .toString('utf8')
      .split('\n')
      .filter((l) => l.length > 0);
    const f = lines.map((l) => l.split('\t').map(Number));
    return {
      nUsers: 943,
      nItems: 1682,
      users: Int32Array.from(f, (x) => x[0]! - 1),
      items: Int32Array.from(f, (x) => x[1]! - 1),
      values: Float32Array.from(f, (x) => x[2]!),
      timestamps: Float64Array.from(f, (x) => x[3]! * 1000),
    };
  };
  return { train: read(`${name}.base.gz`), test: read(`${name}.test.gz`) };
}
