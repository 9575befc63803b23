/** Qini and uplift curves, Qini coefficient and AUUC for evaluating uplift scores on randomised data. */

export type UpliftCurves = {
  /** share of the population targeted, 0 … 1 (one point per group of tied scores, plus the origin) */
  fraction: Float64Array;
  /** Qini curve / N: (Y_t(k) − Y_c(k)·N_t(k)/N_c(k)) / N */
  qini: Float64Array;
  /** uplift curve / N: (Y_t(k)/N_t(k) − Y_c(k)/N_c(k))·(N_t(k) + N_c(k)) / N */
  uplift: Float64Array;
};

export type UpliftEvaluation = {
  curves: UpliftCurves;
  /** area between the Qini curve and the random-targeting diagonal (Radcliffe 2007), axes scaled by N */
  qiniCoefficient: number;
  /** area under the uplift curve (Gutierrez & Gérardy 2017 / Rzepakowski & Jaroszewicz 2012), axes scaled by N */
  auuc: number;
  /** the same area for random targeting: uplift(N)/(2N) */
  auucRandom: number;
};

/**
 * Evaluates uplift `scores` on rows with a known `treatment` (1/0) and `outcome`. Rows are ranked by score
 * (descending); tied scores form one group, so the curves have a point only after each group (no order among ties).
 * With N_t(k), N_c(k), Y_t(k), Y_c(k) the treated/control counts and outcome sums in the top k rows:
 * - Qini curve (Radcliffe 2007, "Using control groups to target on predicted lift"):
 *   Q(k) = Y_t(k) − Y_c(k)·N_t(k)/N_c(k) (0 while N_c(k) = 0);
 * - uplift curve (Rzepakowski & Jaroszewicz 2012; Gutierrez & Gérardy 2017):
 *   U(k) = (Y_t(k)/N_t(k) − Y_c(k)/N_c(k))·(N_t(k) + N_c(k)) (0 while either arm is empty).
 * Normalisation: x = k/N and y = Q/N or U/N, so the areas are in "incremental outcomes per person". The Qini
 * coefficient is ∫Q/N dx − Q(N)/(2N), the area above the straight line of random targeting (trapezoid rule); it is
 * not divided by the area of a perfect model. AUUC is ∫U/N dx, compared with auucRandom = U(N)/(2N).
 * @example evaluateUplift({ scores: [0.9, 0.8, 0.7, 0.6, 0.5, 0.4], treatment: [1, 0, 1, 0, 1, 0],
 *   outcome: [1, 0, 1, 1, 0, 0] }) // { qiniCoefficient: 1/12, auuc: 53/216, auucRandom: 1/6, … }
 */
export function evaluateUplift({
  scores,
  treatment,
  outcome,
}: {
  scores: ArrayLike<number>;
  treatment: ArrayLike<number>;
  outcome: ArrayLike<number>;
}): UpliftEvaluation {
  const fn = 'evaluateUplift';
  const n = scores.length;
  if (treatment.length !== n || outcome.length !== n)
    throw new RangeError(`${fn}: scores, treatment, outcome differ in length`);
  if (n === 0) throw new RangeError(`${fn}: no rows`);
  const order = Array.from({ length: n }, (_, i) => i);
  for (const i of order) {
    if (!Number.isFinite(scores[i] as number)) throw new RangeError(`${fn}: scores[${i}] is not finite`);
    if (treatment[i] !== 0 && treatment[i] !== 1) throw new RangeError(`${fn}: treatment[${i}] must be 0 or 1`);
  }
  order.sort((a, b) => (scores[b] as number) - (scores[a] as number));
  const fraction = [0];
  const qini = [0];
  const uplift = [0];
  let nt = 0;
  let nc = 0;
  let yt = 0;
  let yc = 0;
  for (let r = 0; r < n; r += 1) {
    const i = order[r] as number;
    if (treatment[i] === 1) {
      nt += 1;
      yt += outcome[i] as number;
    } else {
      nc += 1;
      yc += outcome[i] as number;
    }
    const next = order[r + 1];
    if (next !== undefined && scores[next] === scores[i]) continue;
    fraction.push((r + 1) / n);
    qini.push((nc === 0 ? yt : yt - (yc * nt) / nc) / n);
    uplift.push((nt === 0 || nc === 0 ? 0 : (yt / nt - yc / nc) * (nt + nc)) / n);
  }
  const area = (y: number[]) => {
    let s = 0;
    for (let j = 1; j < fraction.length; j += 1) {
      s += (((fraction[j] as number) - (fraction[j - 1] as number)) * ((y[j] as number) + (y[j - 1] as number))) / 2;
    }
    return s;
  };
  const qEnd = qini.at(-1) as number;
  return {
    curves: { fraction: Float64Array.from(fraction), qini: Float64Array.from(qini), uplift: Float64Array.from(uplift) },
    qiniCoefficient: area(qini) - qEnd / 2,
    auuc: area(uplift),
    auucRandom: (uplift.at(-1) as number) / 2,
  };
}
