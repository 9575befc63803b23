/** Satisfaction per arm from feedback scores tied to the campaign: thumbs up/down, CSAT 1–5 or NPS 0–10. */
import { normalCdf, normalQuantile, studentTQuantile } from '../../stats/distributions';
import { testTwoProportions, testWelch } from '../../stats/index';

export const SATISFACTION_SCALES = ['auto', 'thumbs', 'csat', 'nps'] as const;
export type SatisfactionScale = (typeof SATISFACTION_SCALES)[number];
export type ResolvedScale = Exclude<SatisfactionScale, 'auto'>;

/** Below this many answers an arm shows its score but no interval and no comparison ("too few answers"). */
export const MIN_SATISFACTION_ANSWERS = 10;

export type SatisfactionArm = {
  responses: number;
  /** fewer than MIN_SATISFACTION_ANSWERS answers: no interval, no comparison */
  tooFew: boolean;
  /** thumbs: share of thumbs up; CSAT: mean score; NPS: promoters − detractors in points (−100…100) */
  score: number | null;
  lower: number | null;
  upper: number | null;
  /** CSAT: share of 4–5 answers; thumbs: share up; NPS: share of promoters */
  positiveShare: number | null;
  /** difference from the reference arm with its interval and p-value */
  vsReference: { estimate: number; lower: number; upper: number; pValue: number } | null;
};

export type SatisfactionResult = { scale: ResolvedScale; arms: SatisfactionArm[] } | null;

/**
 * The scale of a set of scores when the campaign says 'auto': any score above 5 → NPS (0–10); only −1/0/1 → thumbs
 * (1 = up); otherwise CSAT (1–5).
 */
export function detectScale(scores: Iterable<number>): ResolvedScale {
  let max = -Infinity;
  let onlyThumbs = true;
  for (const s of scores) {
    max = Math.max(max, s);
    if (s !== 1 && s !== 0 && s !== -1) onlyThumbs = false;
  }
  if (max > 5) return 'nps';
  return onlyThumbs ? 'thumbs' : 'csat';
}

/** Scores that fit the scale (others are ignored as malformed). */
function clean(scores: readonly number[], scale: ResolvedScale): number[] {
  if (scale === 'thumbs') return scores.filter((s) => s === 1 || s === 0 || s === -1).map((s) => (s === 1 ? 1 : 0));
  if (scale === 'csat') return scores.filter((s) => s >= 1 && s <= 5);
  return scores.filter((s) => s >= 0 && s <= 10);
}

function meanVar(xs: readonly number[]) {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const variance = n < 2 ? 0 : xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { n, mean, variance };
}

/** NPS (in points) and its standard error: Var = (p + d − (p − d)²)/n for promoter share p and detractor share d. */
function nps(xs: readonly number[]) {
  const n = xs.length;
  const p = xs.filter((x) => x >= 9).length / n;
  const d = xs.filter((x) => x <= 6).length / n;
  return { value: (p - d) * 100, se: Math.sqrt(Math.max(0, p + d - (p - d) ** 2) / n) * 100, promoters: p };
}

/**
 * Per-arm satisfaction with 95 % intervals — CSAT: Student's t interval of the mean (n − 1 degrees of freedom);
 * thumbs: Wald; NPS: normal interval with the multinomial standard error — and the difference from the reference
 * arm: CSAT by Welch's t-test, thumbs by the two-proportion z-test, NPS by the normal difference of two NPS values.
 * An arm with fewer than MIN_SATISFACTION_ANSWERS answers gets no interval and no comparison: three identical
 * answers would otherwise claim an interval of zero width.
 * @example computeSatisfaction({ scoresByArm: [[5, 4, 3], [5, 5, 4]], reference: 0, scale: 'csat' })
 */
export function computeSatisfaction({
  scoresByArm,
  reference,
  scale = 'auto',
  alpha = 0.05,
}: {
  scoresByArm: readonly (readonly number[])[];
  reference: number;
  scale?: SatisfactionScale;
  alpha?: number;
}): SatisfactionResult {
  const all = scoresByArm.flat();
  if (all.length === 0) return null;
  const resolved = scale === 'auto' ? detectScale(all) : scale;
  const z = normalQuantile(1 - alpha / 2);
  const arms = scoresByArm.map((raw) => clean(raw, resolved));
  const ref = arms[reference] ?? [];
  return {
    scale: resolved,
    arms: arms.map((xs, i) => {
      if (xs.length === 0)
        return {
          responses: 0,
          tooFew: true,
          score: null,
          lower: null,
          upper: null,
          positiveShare: null,
          vsReference: null,
        };
      let score: number;
      let se: number;
      let q = z;
      let positiveShare: number;
      if (resolved === 'nps') {
        const r = nps(xs);
        ({ value: score, se } = r);
        positiveShare = r.promoters;
      } else {
        const s = meanVar(xs);
        score = s.mean;
        se = resolved === 'thumbs' ? Math.sqrt((s.mean * (1 - s.mean)) / s.n) : Math.sqrt(s.variance / s.n);
        positiveShare = resolved === 'thumbs' ? s.mean : xs.filter((x) => x >= 4).length / xs.length;
        if (resolved === 'csat' && s.n > 1) q = studentTQuantile(1 - alpha / 2, s.n - 1);
      }
      const tooFew = xs.length < MIN_SATISFACTION_ANSWERS;
      const comparable = i !== reference && !tooFew && ref.length >= MIN_SATISFACTION_ANSWERS;
      return {
        responses: xs.length,
        tooFew,
        score,
        lower: tooFew ? null : score - q * se,
        upper: tooFew ? null : score + q * se,
        positiveShare,
        vsReference: comparable ? compare(xs, ref, resolved, alpha, z) : null,
      };
    }),
  };
}

function compare(t: readonly number[], c: readonly number[], scale: ResolvedScale, alpha: number, z: number) {
  if (t.length < 2 || c.length < 2) return null;
  if (scale === 'thumbs') {
    const r = testTwoProportions({
      control: { successes: c.filter((x) => x === 1).length, trials: c.length },
      treatment: { successes: t.filter((x) => x === 1).length, trials: t.length },
      alpha,
    });
    return r.type === 'ok'
      ? {
          estimate: r.absoluteLift.estimate,
          lower: r.absoluteLift.lower,
          upper: r.absoluteLift.upper,
          pValue: r.pValue,
        }
      : null;
  }
  if (scale === 'csat') {
    const r = testWelch({ control: meanVar(c), treatment: meanVar(t), alpha });
    return r.type === 'ok'
      ? {
          estimate: r.absoluteLift.estimate,
          lower: r.absoluteLift.lower,
          upper: r.absoluteLift.upper,
          pValue: r.pValue,
        }
      : null;
  }
  const a = nps(t);
  const b = nps(c);
  const se = Math.sqrt(a.se ** 2 + b.se ** 2);
  if (se === 0) return null;
  const d = a.value - b.value;
  const p = 2 * (1 - normalCdf(Math.abs(d / se)));
  return { estimate: d, lower: d - z * se, upper: d + z * se, pValue: p };
}
