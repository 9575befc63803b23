import fs from 'node:fs';
import { datasetPath } from '@/lib/testing/datasets';
import type { OrderRecord } from '../types';

/**
 * Test-only loaders for the shared CDNOW sample (never copied into the repo; see /work/shared/datasets/cdnow_sample).
 * Imported by tests only, which skip when the dataset is absent.
 */
export const CDNOW = 'cdnow_sample';

/** `cdnow_customers_summary_with_transactions.csv`: ID,x,t_x,T,zbar (weeks; zbar = mean repeat value). */
export function loadCdnowSummary(): {
  id: number[];
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  zbar: Float64Array;
} {
  const lines = fs
    .readFileSync(datasetPath(CDNOW, 'cdnow_customers_summary_with_transactions.csv'), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1);
  const cols = lines.map((l) => l.split(',').map(Number));
  return {
    id: cols.map((c) => c[0]!),
    x: Float64Array.from(cols, (c) => c[1]!),
    tx: Float64Array.from(cols, (c) => c[2]!),
    T: Float64Array.from(cols, (c) => c[3]!),
    zbar: Float64Array.from(cols, (c) => c[4]!),
  };
}

/** `CDNOW_sample.txt` as orders: customer = master id, placedAt = the date at 00:00 UTC, total = dollars. */
export function loadCdnowOrders(): OrderRecord[] {
  const lines = fs.readFileSync(datasetPath(CDNOW, 'CDNOW_sample.txt'), 'utf8').trim().split(/\r?\n/);
  return lines.map((l) => {
    const [master, , date, , dollars] = l.trim().split(/\s+/);
    const d = date!;
    return {
      customerId: Number(master),
      placedAt: Date.UTC(Number(d.slice(0, 4)), Number(d.slice(4, 6)) - 1, Number(d.slice(6, 8))),
      total: Number(dollars),
    };
  });
}

/** Calibration end (1997-09-30) and hold-out end (1998-06-30) of Fader, Hardie & Lee (2005). */
export const CDNOW_CALIBRATION_END = Date.UTC(1997, 8, 30);
export const CDNOW_HOLDOUT_END = Date.UTC(1998, 5, 30);
