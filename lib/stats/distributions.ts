/**
 * Distribution functions used across `lib/stats`, as thin typed wrappers over stdlib
 * (`@stdlib/stats-base-dists-*`, `@stdlib/math-base-special-*`). One place to import them keeps the
 * rest of the library independent of the package layout and lets us pick the numerically right call
 * (e.g. upper tails through the regularised incomplete gamma instead of `1 - cdf`).
 */
import betaCdfStdlib from '@stdlib/stats-base-dists-beta-cdf';
import betaLogPdfStdlib from '@stdlib/stats-base-dists-beta-logpdf';
import betaQuantileStdlib from '@stdlib/stats-base-dists-beta-quantile';
import chiSquareLogPdfStdlib from '@stdlib/stats-base-dists-chisquare-logpdf';
import normalCdfStdlib from '@stdlib/stats-base-dists-normal-cdf';
import normalPdfStdlib from '@stdlib/stats-base-dists-normal-pdf';
import normalQuantileStdlib from '@stdlib/stats-base-dists-normal-quantile';
import tCdfStdlib from '@stdlib/stats-base-dists-t-cdf';
import tQuantileStdlib from '@stdlib/stats-base-dists-t-quantile';
import betaLnStdlib from '@stdlib/math-base-special-betaln';
import gammaincStdlib from '@stdlib/math-base-special-gammainc';

/**
 * Standard normal CDF Φ(x).
 * @example normalCdf(1.959964) // ≈ 0.975
 */
export function normalCdf(x: number): number {
  return normalCdfStdlib(x, 0, 1);
}

/**
 * Standard normal density φ(x) = exp(−x²/2)/√(2π).
 * @example normalPdf(0) // 0.3989422804014327
 */
export function normalPdf(x: number): number {
  return normalPdfStdlib(x, 0, 1);
}

/**
 * Standard normal quantile Φ⁻¹(p).
 * @example normalQuantile(0.975) // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  return normalQuantileStdlib(p, 0, 1);
}

/**
 * Student t CDF with `df` degrees of freedom (df may be fractional, as in Welch's test).
 * @example studentTCdf(-2, 10) // ≈ 0.0367
 */
export function studentTCdf(x: number, df: number): number {
  return tCdfStdlib(x, df);
}

/**
 * Student t quantile with `df` degrees of freedom.
 * @example studentTQuantile(0.975, 10) // ≈ 2.228139
 */
export function studentTQuantile(p: number, df: number): number {
  return tQuantileStdlib(p, df);
}

/**
 * Upper tail P(X ≥ x) of a chi-square distribution with `df` degrees of freedom, computed as the
 * regularised upper incomplete gamma Q(df/2, x/2) so tiny p-values keep their precision.
 * @example chiSquareSurvival(3.841459, 1) // ≈ 0.05
 */
export function chiSquareSurvival(x: number, df: number): number {
  if (x <= 0) return 1;
  return gammaincStdlib(x / 2, df / 2, true, true);
}

/**
 * Log density of a chi-square distribution.
 * @example Math.exp(chiSquareLogPdf(2, 2)) // 0.5 * exp(-1)
 */
export function chiSquareLogPdf(x: number, df: number): number {
  return chiSquareLogPdfStdlib(x, df);
}

/**
 * Beta(α, β) CDF (regularised incomplete beta I_x(α, β)).
 * @example betaCdf(0.5, 2, 2) // 0.5
 */
export function betaCdf(x: number, alpha: number, beta: number): number {
  return betaCdfStdlib(x, alpha, beta);
}

/**
 * Beta(α, β) log density.
 * @example Math.exp(betaLogPdf(0.5, 2, 2)) // 1.5
 */
export function betaLogPdf(x: number, alpha: number, beta: number): number {
  return betaLogPdfStdlib(x, alpha, beta);
}

/**
 * Beta(α, β) quantile.
 * @example betaQuantile(0.5, 2, 2) // 0.5
 */
export function betaQuantile(p: number, alpha: number, beta: number): number {
  return betaQuantileStdlib(p, alpha, beta);
}

/**
 * ln B(a, b), the log of the beta function.
 * @example logBeta(1, 1) // 0
 */
export function logBeta(a: number, b: number): number {
  return betaLnStdlib(a, b);
}
