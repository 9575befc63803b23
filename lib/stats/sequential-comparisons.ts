/** Always-valid comparisons of two arms from cumulative summaries at a look (see `sequential.ts`). */
import { toSummary, type SampleInput } from './descriptive';
import { computeAlwaysValid, type AlwaysValidResult, type AlwaysValidState } from './sequential';
import { insufficientData, type Counts, type StatResult } from './types';
import { assertCounts } from './validate';

export type SequentialOptions = {
  /** τ² on the scale of the difference (see `computeMixingVariance`); fixed before the experiment starts */
  mixingVariance: number;
  alpha?: number;
  /** the state returned at the previous look */
  previous?: AlwaysValidState;
};

/**
 * Always-valid p-value and interval for the difference in conversion rates p̂_t − p̂_c at a look, with the
 * unpooled variance p̂_c(1 − p̂_c)/n_c + p̂_t(1 − p̂_t)/n_t (Johari et al. 2017, §4 for binary metrics).
 * @example computeAlwaysValidProportions({ control: { successes: 480, trials: 5000 },
 *   treatment: { successes: 560, trials: 5000 }, mixingVariance: 1.8e-4 })
 */
export function computeAlwaysValidProportions(
  options: SequentialOptions & { control: Counts; treatment: Counts },
): StatResult<AlwaysValidResult> {
  const fn = 'computeAlwaysValidProportions';
  const { control, treatment } = options;
  assertCounts(fn, 'control', control.successes, control.trials);
  assertCounts(fn, 'treatment', treatment.successes, treatment.trials);
  if (control.trials === 0 || treatment.trials === 0) return insufficientData('an arm has no trials');
  const pc = control.successes / control.trials;
  const pt = treatment.successes / treatment.trials;
  const v = (pc * (1 - pc)) / control.trials + (pt * (1 - pt)) / treatment.trials;
  if (v === 0) return insufficientData('no variation yet');
  return { type: 'ok', ...computeAlwaysValid({ ...options, estimate: pt - pc, varianceOfEstimate: v }) };
}

/**
 * Always-valid p-value and interval for the difference in means x̄_t − x̄_c at a look, from raw values or
 * cumulative `{ n, mean, variance }` summaries, with variance s_c²/n_c + s_t²/n_t.
 * @example computeAlwaysValidMeans({ control: { n: 5000, mean: 2.1, variance: 30 },
 *   treatment: { n: 5000, mean: 2.4, variance: 33 }, mixingVariance: 0.05 })
 */
export function computeAlwaysValidMeans(
  options: SequentialOptions & { control: SampleInput; treatment: SampleInput },
): StatResult<AlwaysValidResult> {
  const fn = 'computeAlwaysValidMeans';
  const c = toSummary(options.control, fn);
  const t = toSummary(options.treatment, fn);
  if (c.n < 2 || t.n < 2) return insufficientData('each arm needs at least 2 observations');
  const v = c.variance / c.n + t.variance / t.n;
  if (v === 0) return insufficientData('no variation yet');
  return { type: 'ok', ...computeAlwaysValid({ ...options, estimate: t.mean - c.mean, varianceOfEstimate: v }) };
}

/**
 * Runs the mSPRT over a sequence of looks (cumulative estimates and their variances) and reports every look plus
 * the first look at which the p-value fell below alpha (null if none): stopping there keeps the error rate ≤ alpha.
 * @example runSequentialTest({ looks: [{ estimate: 0.01, varianceOfEstimate: 4e-5 }, …], mixingVariance: 1e-4 })
 */
export function runSequentialTest({
  looks,
  mixingVariance,
  alpha = 0.05,
}: {
  looks: readonly { estimate: number; varianceOfEstimate: number }[];
  mixingVariance: number;
  alpha?: number;
}): { looks: AlwaysValidResult[]; firstSignificantLook: number | null } {
  const results: AlwaysValidResult[] = [];
  let previous: AlwaysValidState | undefined;
  let firstSignificantLook: number | null = null;
  looks.forEach((look, i) => {
    const r = computeAlwaysValid({ ...look, mixingVariance, alpha, previous });
    results.push(r);
    previous = r;
    if (r.isSignificant && firstSignificantLook === null) firstSignificantLook = i;
  });
  return { looks: results, firstSignificantLook };
}
