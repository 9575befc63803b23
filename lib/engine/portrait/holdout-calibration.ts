import type { BgnbdParams } from './bgnbd';
import { fitBgnbd } from './bgnbd-fit';
import { computeCalibrationCheck, type CalibrationRow } from './calibration-check';
import type { GroupedOrders } from './customer-index';
import { summarizeGroupedForBgnbd } from './rf-summary';
import { MS_PER_DAY, type InsufficientData } from './types';
import { VALUE_UNIT_DAYS } from './value';

export type HoldoutCalibration =
  | {
      type: 'ok';
      calibrationEnd: number;
      holdoutEnd: number;
      holdoutDays: number;
      customers: number;
      params: BgnbdParams;
      rows: CalibrationRow[];
      totalActual: number;
      totalPredicted: number;
    }
  | InsufficientData;

/**
 * Predicted vs actual repeat purchases in a hold-out period (Fader, Hardie & Lee 2005, figure 4) on the shop's own
 * orders: the last third of the order history (whole weeks, 4 to 26 of them) is held out, BG/NBD is fitted on the
 * rest, and its conditional expectations are compared with what each calibration-frequency group really bought.
 * A second fit, for display; it needs at least 84 days of order history.
 *
 * @example
 * computeHoldoutCalibration(orders, index.ids, { asOf }); // { type: 'ok', holdoutDays: 182, rows: [{ x: 0, … }, …], … }
 */
export function computeHoldoutCalibration(
  orders: GroupedOrders,
  ids: readonly number[],
  options: { asOf: number; unitDays?: number },
): HoldoutCalibration {
  const { asOf, unitDays = VALUE_UNIT_DAYS } = options;
  let first = Infinity;
  for (let i = 0; i < orders.placedAt.length; i++) if (orders.placedAt[i]! < first) first = orders.placedAt[i]!;
  const spanDays = (asOf - first) / MS_PER_DAY;
  if (!(spanDays >= 84)) {
    const days = Math.max(0, Math.floor(spanDays || 0));
    return { type: 'insufficient-data', reason: 'shortHistory', params: { days, min: 84 } };
  }
  const holdoutDays = Math.min(26, Math.max(4, Math.round(spanDays / 3 / 7))) * 7;
  const calibrationEnd = asOf - holdoutDays * MS_PER_DAY;
  const s = summarizeGroupedForBgnbd(orders, ids, { calibrationEnd, holdoutEnd: asOf, unitDays });
  const fit = fitBgnbd(s);
  if (fit.type !== 'ok') return fit;
  const rows = computeCalibrationCheck(fit.params, s, s.holdout!.x, s.holdout!.length);
  const totalActual = rows.reduce((a, r) => a + r.actual * r.customers, 0);
  const totalPredicted = rows.reduce((a, r) => a + r.predicted * r.customers, 0);
  return {
    type: 'ok',
    calibrationEnd,
    holdoutEnd: asOf,
    holdoutDays,
    customers: s.customerIds.length,
    params: fit.params,
    rows,
    totalActual,
    totalPredicted,
  };
}
