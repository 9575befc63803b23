/** Experiment duration and the fixed-horizon "is the result final yet?" check. */
import { assertInteger, assertNonNegative } from './validate';

/**
 * Days needed to collect `totalSampleSize` eligible units at `dailyTraffic` units a day, of which
 * `trafficShare` enter the experiment: ⌈total / (daily·share)⌉.
 * @example computeExperimentDuration({ totalSampleSize: 7682, dailyTraffic: 1000 }) // { days: 8, dailyUnits: 1000 }
 */
export function computeExperimentDuration({
  totalSampleSize,
  dailyTraffic,
  trafficShare = 1,
}: {
  totalSampleSize: number;
  dailyTraffic: number;
  trafficShare?: number;
}): { days: number; dailyUnits: number } {
  const fn = 'computeExperimentDuration';
  assertInteger(fn, 'totalSampleSize', totalSampleSize);
  assertNonNegative(fn, 'dailyTraffic', dailyTraffic, true);
  if (!(trafficShare > 0 && trafficShare <= 1)) throw new RangeError(`${fn}: trafficShare must be in (0, 1]`);
  const dailyUnits = dailyTraffic * trafficShare;
  return { days: Math.ceil(totalSampleSize / dailyUnits - 1e-12), dailyUnits };
}

export type FixedHorizonStatus = {
  /** true once every arm reached its planned size: only then is a fixed-horizon result final */
  isFinal: boolean;
  /** smallest fraction of plan reached over the arms, capped at 1 */
  progress: number;
  remainingPerArm: number[];
  /** days left at the current daily units per arm, when `dailyUnitsPerArm` is given */
  daysRemaining: number | null;
};

/**
 * Whether a fixed-horizon experiment has reached its planned sample size. Peeking at a fixed-horizon p-value
 * before then inflates false positives; use the sequential (`computeAlwaysValid…`) results while it runs.
 * @example getFixedHorizonStatus({ plannedSampleSizePerArm: [3841, 3841], observedPerArm: [2000, 1950] })
 * // { isFinal: false, progress: 0.5077, remainingPerArm: [1841, 1891], daysRemaining: null }
 */
export function getFixedHorizonStatus({
  plannedSampleSizePerArm,
  observedPerArm,
  dailyUnitsPerArm,
}: {
  plannedSampleSizePerArm: readonly number[];
  observedPerArm: readonly number[];
  dailyUnitsPerArm?: readonly number[];
}): FixedHorizonStatus {
  const fn = 'getFixedHorizonStatus';
  if (plannedSampleSizePerArm.length === 0 || plannedSampleSizePerArm.length !== observedPerArm.length) {
    throw new RangeError(`${fn}: plannedSampleSizePerArm and observedPerArm need the same, non-zero length`);
  }
  plannedSampleSizePerArm.forEach((n, i) => {
    assertInteger(fn, `plannedSampleSizePerArm[${i}]`, n, 1);
  });
  observedPerArm.forEach((n, i) => {
    assertInteger(fn, `observedPerArm[${i}]`, n);
  });
  const remainingPerArm = plannedSampleSizePerArm.map((n, i) => Math.max(0, n - (observedPerArm[i] as number)));
  const progress = Math.min(1, ...plannedSampleSizePerArm.map((n, i) => (observedPerArm[i] as number) / n));
  let daysRemaining: number | null = null;
  if (dailyUnitsPerArm) {
    if (dailyUnitsPerArm.length !== remainingPerArm.length) throw new RangeError(`${fn}: dailyUnitsPerArm length`);
    dailyUnitsPerArm.forEach((d, i) => {
      assertNonNegative(fn, `dailyUnitsPerArm[${i}]`, d, true);
    });
    daysRemaining = Math.max(...remainingPerArm.map((r, i) => Math.ceil(r / (dailyUnitsPerArm[i] as number))));
  }
  return { isFinal: remainingPerArm.every((r) => r === 0), progress, remainingPerArm, daysRemaining };
}
