import fs from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { datasetPath, datasetSkipReason, hasDataset } from '../../testing/datasets';
import { computeMixingVariance, type AlwaysValidState } from '../sequential';
import { computeAlwaysValidMeans } from '../sequential-comparisons';
import { testWelch } from '../welch-t-test';
import { parseAsos, type AsosSeries } from './asos';

type Decision = {
  sequential: boolean;
  fixed: boolean;
  naive: boolean;
  intervalExcludesZero: boolean;
  pValues: number[];
};

/**
 * Runs the mSPRT over every daily look of one series. τ² is tuned to the variance at the last look, standing in for
 * the planned horizon (the dataset does not record the plan). Looks without variances (metrics 2–4 only) are skipped.
 */
function analyse(series: AsosSeries): Decision | null {
  const looks = series.looks.filter(
    (l) => Number.isFinite(l.control.variance) && Number.isFinite(l.treatment.variance),
  );
  const last = looks.at(-1);
  if (!last) return null;
  const horizon = last.control.variance / last.control.n + last.treatment.variance / last.treatment.n;
  if (!(horizon > 0)) return null;
  const mixingVariance = computeMixingVariance({ plannedVarianceOfEstimate: horizon });
  let state: AlwaysValidState | undefined;
  let naive = false;
  const pValues: number[] = [];
  for (const look of looks) {
    const r = computeAlwaysValidMeans({
      control: look.control,
      treatment: look.treatment,
      mixingVariance,
      previous: state,
    });
    if (r.type === 'ok') {
      state = r;
      pValues.push(r.pValue);
    }
    const w = testWelch({ control: look.control, treatment: look.treatment });
    if (w.type === 'ok' && w.pValue < 0.05) naive = true;
  }
  const fixed = testWelch({ control: last.control, treatment: last.treatment });
  return {
    sequential: !!state && state.pValue < 0.05,
    fixed: fixed.type === 'ok' && fixed.pValue < 0.05,
    naive,
    intervalExcludesZero: !!state && (state.lower > 0 || state.upper < 0),
    pValues,
  };
}

// README (asos_experiments/README.md): 24,153 rows, 78 experiments, 99 (experiment, variant) pairs, 396 series.
describe.skipIf(!hasDataset('asos_experiments'))(`ASOS experiments (${datasetSkipReason('asos_experiments')})`, () => {
  let series: AsosSeries[];
  beforeAll(() => {
    series = parseAsos(
      fs.readFileSync(datasetPath('asos_experiments', 'asos_digital_experiments_dataset.csv'), 'utf8'),
    );
  });

  test('structure matches the README', () => {
    expect(series.reduce((n, s) => n + s.looks.length, 0)).toBe(24153);
    expect(new Set(series.map((s) => s.experimentId)).size).toBe(78);
    expect(new Set(series.map((s) => `${s.experimentId}|${s.variantId}`)).size).toBe(99);
    expect(series).toHaveLength(396);
    const first = series.find((s) => s.experimentId === '036afc' && s.variantId === 2 && s.metricId === 1)?.looks[0];
    expect(first?.control.n).toBe(188065);
    expect(first?.treatment.mean).toBeCloseTo(0.107828, 6);
  });

  test('sequential decisions over every daily look vs the fixed-horizon test at the end', () => {
    const decisions = series.map(analyse).filter((d): d is Decision => d !== null);
    const count = (f: (d: Decision) => boolean) => decisions.filter(f).length;
    const table = {
      analysed: decisions.length,
      both: count((d) => d.sequential && d.fixed),
      sequentialOnly: count((d) => d.sequential && !d.fixed),
      fixedOnly: count((d) => !d.sequential && d.fixed),
      neither: count((d) => !d.sequential && !d.fixed),
      naivePeeking: count((d) => d.naive),
    };
    // Measured: analysed 381 (15 series have no variance at all), both 74, sequential only 34, fixed only 31,
    // neither 242, naive peeking (any look with Welch p < 0.05) 225; in 3 series the running intersection emptied
    // (isolated one-look spikes in the data) and restarted, so significance and interval disagree there.
    if (process.env.PRECISA_PRINT_SIMULATIONS)
      console.log(
        table,
        count((d) => d.sequential !== d.intervalExcludesZero),
      );
    expect(table.analysed).toBe(381);
    // always-valid p-values are p-values and never increase; significance ⇔ the final sequence excludes 0
    for (const d of decisions) {
      d.pValues.forEach((p, i) => {
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(i === 0 ? 1 : (d.pValues[i - 1] as number));
      });
    }
    expect(count((d) => d.sequential !== d.intervalExcludesZero)).toBeLessThanOrEqual(count((d) => d.sequential) * 0.1);
    // naive peeking flags far more series than either valid procedure
    expect(table.naivePeeking).toBeGreaterThan(1.8 * (table.both + table.fixedOnly));
    expect(table.naivePeeking).toBeGreaterThan(1.8 * (table.both + table.sequentialOnly));
    // the two valid procedures mostly agree (316/381 = 83 %)
    expect((table.both + table.neither) / table.analysed).toBeGreaterThan(0.78);
  });
});
