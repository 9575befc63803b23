import { buildCustomerIndex, groupOrders, type GroupedOrders } from './customer-index';
import { MS_PER_DAY, type OrderRecord } from './types';

export type RfSummaryOptions = {
  /** end of the calibration period, epoch ms, inclusive (a purchase at this instant counts) */
  calibrationEnd: number;
  /** end of the hold-out period, epoch ms, inclusive; when given, hold-out repeat purchases are counted */
  holdoutEnd?: number;
  /** model time unit in days (default 7: weeks, as in the BTYD literature) */
  unitDays?: number;
  /** merge purchases on the same calendar day into one transaction (default true, as Fader, Hardie & Lee do) */
  mergeSameDay?: boolean;
  /** calendar days are taken in UTC shifted by this many minutes (default 0) */
  timeZoneOffsetMinutes?: number;
};

/**
 * Per-customer BG/NBD / Gamma-Gamma inputs, columnar and aligned with `customerIds`. Customers whose first purchase
 * falls after the calibration end are not part of the cohort and are left out.
 */
export type RfSummary = {
  customerIds: number[];
  /** repeat purchases in calibration (first purchase excluded) */
  x: Float64Array;
  /** time of the last repeat purchase since the first purchase, model units (0 when x = 0) */
  tx: Float64Array;
  /** time from the first purchase to the calibration end, model units */
  T: Float64Array;
  /** mean value of the repeat transactions in calibration (NaN when x = 0), for the Gamma-Gamma model */
  mx: Float64Array;
  /** present when `holdoutEnd` was given */
  holdout?: { x: Float64Array; length: number };
};

/**
 * (x, tₓ, T) summaries the way Fader, Hardie & Lee (2005) build them for CDNOW: purchases on the same day are merged
 * (their values summed), the first purchase starts the customer's clock and is not counted in x, times are measured
 * between calendar days in `unitDays` units. Works on grouped orders (see `groupOrders`).
 *
 * @example
 * const s = summarizeGroupedForBgnbd(grouped, ix.ids, { calibrationEnd: Date.UTC(1997, 8, 30), holdoutEnd: Date.UTC(1998, 5, 30) });
 * // customer with purchases on 1997-01-01, 1997-01-18, 1997-08-02 → x = 2, tx = 30.43, T = 38.86 (weeks)
 */
export function summarizeGroupedForBgnbd(
  grouped: GroupedOrders,
  customerIds: readonly number[],
  options: RfSummaryOptions,
): RfSummary {
  const { calibrationEnd, holdoutEnd, unitDays = 7, mergeSameDay = true, timeZoneOffsetMinutes = 0 } = options;
  if (!Number.isFinite(calibrationEnd)) throw new RangeError('summarizeForBgnbd: calibrationEnd must be finite');
  if (holdoutEnd !== undefined && !(holdoutEnd > calibrationEnd))
    throw new RangeError('summarizeForBgnbd: holdoutEnd must be after calibrationEnd');
  if (!(unitDays > 0)) throw new RangeError(`summarizeForBgnbd: unitDays must be > 0, got ${unitDays}`);
  const shift = timeZoneOffsetMinutes * 60_000;
  const dayOf = (t: number) => Math.floor((t + shift) / MS_PER_DAY);
  // with merging, times are whole calendar days; without, exact instants
  const clock = (t: number) => (mergeSameDay ? dayOf(t) : (t + shift) / MS_PER_DAY);
  const endClock = clock(calibrationEnd);
  const holdClock = holdoutEnd === undefined ? NaN : clock(holdoutEnd);
  const ids: number[] = [];
  const xs: number[] = [];
  const txs: number[] = [];
  const Ts: number[] = [];
  const mxs: number[] = [];
  const hold: number[] = [];
  for (let k = 0; k < grouped.nCustomers; k++) {
    const s = grouped.start[k]!;
    const e = grouped.start[k + 1]!;
    if (s === e || grouped.placedAt[s]! > calibrationEnd) continue;
    const first = clock(grouped.placedAt[s]!);
    let x = 0;
    let last = first;
    let prevDay = dayOf(grouped.placedAt[s]!);
    let repeatSum = 0;
    let holdCount = 0;
    let holdPrevDay = NaN;
    for (let j = s + 1; j < e; j++) {
      const t = grouped.placedAt[j]!;
      const day = dayOf(t);
      if (t <= calibrationEnd) {
        if (mergeSameDay && day === prevDay) {
          if (x > 0) repeatSum += grouped.total[j]!;
          continue; // merged into the previous transaction (the first purchase's same-day extras stay with it)
        }
        x++;
        repeatSum += grouped.total[j]!;
        last = clock(t);
        prevDay = day;
      } else if (holdoutEnd !== undefined && t <= holdoutEnd) {
        if (mergeSameDay && day === holdPrevDay) continue;
        holdCount++;
        holdPrevDay = day;
      }
    }
    ids.push(customerIds[k]!);
    xs.push(x);
    txs.push(x > 0 ? (last - first) / unitDays : 0);
    Ts.push((endClock - first) / unitDays);
    mxs.push(x > 0 ? repeatSum / x : NaN);
    hold.push(holdCount);
  }
  const out: RfSummary = {
    customerIds: ids,
    x: Float64Array.from(xs),
    tx: Float64Array.from(txs),
    T: Float64Array.from(Ts),
    mx: Float64Array.from(mxs),
  };
  if (holdoutEnd !== undefined) out.holdout = { x: Float64Array.from(hold), length: (holdClock - endClock) / unitDays };
  return out;
}

/**
 * `summarizeGroupedForBgnbd` from plain order records.
 *
 * @example
 * summarizeForBgnbd(orders, { calibrationEnd: Date.UTC(1997, 8, 30) });
 */
export function summarizeForBgnbd(orders: readonly OrderRecord[], options: RfSummaryOptions): RfSummary {
  const index = buildCustomerIndex([orders]);
  return summarizeGroupedForBgnbd(groupOrders(orders, index), index.ids, options);
}
