import digamma from '@stdlib/math-base-special-digamma';
import gammaln from '@stdlib/math-base-special-gammaln';
import { bfgs } from './bfgs';
import { checkBgnbdParams, checkRecencyFrequency, type BgnbdParams, type RecencyFrequency } from './bgnbd';
import { nelderMead } from './nelder-mead';
import type { InsufficientData } from './types';

export type BgnbdFit =
  | {
      type: 'ok';
      params: BgnbdParams;
      logLikelihood: number;
      customers: number;
      converged: boolean;
      evaluations: number;
    }
  | InsufficientData;

export type BgnbdFitOptions = {
  /** starting values (default r = 1, a = 1, b = 1, α = mean T / mean x) */
  start?: BgnbdParams;
  /** minimum number of customers (default 20) */
  minCustomers?: number;
  /** minimum number of customers with x > 0 (default 5) */
  minRepeaters?: number;
};

/**
 * a and b are capped at 10⁴ during the fit. When every customer has about the same drop-out probability the
 * likelihood keeps rising, ever more slowly, as a, b → ∞ with a/(a+b) fixed; at 10⁴ Beta(a, b) is already a point
 * mass to within 1 %, so the cap costs nothing measurable and keeps the expectations' ₂F₁ in range.
 */
export const BGNBD_AB_CAP = 1e4;
const LOG_AB_CAP = Math.log(BGNBD_AB_CAP);

function toBgnbdParamsArray(v: number[]): [number, number, number, number] {
  return [
    Math.exp(v[0]!),
    Math.exp(v[1]!),
    Math.exp(Math.min(v[2]!, LOG_AB_CAP)),
    Math.exp(Math.min(v[3]!, LOG_AB_CAP)),
  ];
}

/**
 * Mean negative log-likelihood and its gradient with respect to (ln r, ln α, ln a, ln b), for the optimiser. With
 * ℓᵢ = A₁ + A₂ + ln(e^{A₃} + e^{A₄}) (terms as in `bgnbdLogLikelihoodFn`) and w = e^{A₄}/(e^{A₃} + e^{A₄}):
 *   ∂ℓ/∂r = ψ(r+x) − ψ(r) + ln α − (1−w) ln(α+T) − w ln(α+tₓ)
 *   ∂ℓ/∂α = r/α − (r+x) [(1−w)/(α+T) + w/(α+tₓ)]
 *   ∂ℓ/∂a = ψ(a+b) − ψ(a+b+x) + w/a
 *   ∂ℓ/∂b = ψ(a+b) + ψ(b+x) − ψ(b) − ψ(a+b+x) − w/(b+x−1)
 */
export function bgnbdObjective(data: RecencyFrequency): (v: number[]) => { f: number; g: number[] } {
  checkRecencyFrequency('fitBgnbd', data);
  const total = data.x.length;
  // identical histories (common with day-granular times) are evaluated once, with their count as weight
  const seen = new Map<string, number>();
  const ux: number[] = [];
  const utx: number[] = [];
  const uT: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < total; i++) {
    const key = `${data.x[i]}|${data.tx[i]}|${data.T[i]}`;
    const at = seen.get(key);
    if (at !== undefined) weight[at]!++;
    else {
      seen.set(key, ux.length);
      ux.push(data.x[i]!);
      utx.push(data.tx[i]!);
      uT.push(data.T[i]!);
      weight.push(1);
    }
  }
  const n = ux.length;
  const distinct = [...new Set(ux)].sort((u, v) => u - v);
  const slot = new Map(distinct.map((x, i) => [x, i]));
  const group = Int32Array.from(ux, (x) => slot.get(x)!);
  const m = distinct.length;
  const c1 = new Float64Array(m);
  const c4 = new Float64Array(m);
  const dr = new Float64Array(m);
  const da = new Float64Array(m);
  const db = new Float64Array(m);
  return (v) => {
    const [r, alpha, a, b] = toBgnbdParamsArray(v);
    const la = Math.log(alpha);
    const base = r * la - gammaln(r) + gammaln(a + b) - gammaln(b);
    const psiR = digamma(r);
    const psiAB = digamma(a + b);
    const psiB = digamma(b);
    for (let k = 0; k < m; k++) {
      const x = distinct[k]!;
      c1[k] = base + gammaln(r + x) + gammaln(b + x) - gammaln(a + b + x);
      c4[k] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : -Infinity;
      const psiABX = digamma(a + b + x);
      dr[k] = digamma(r + x) - psiR + la;
      da[k] = psiAB - psiABX;
      db[k] = psiAB + digamma(b + x) - psiB - psiABX;
    }
    let ll = 0;
    let gr = 0;
    let gAlpha = 0;
    let ga = 0;
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const k = group[i]!;
      const x = ux[i]!;
      const wt = weight[i]!;
      const rx = r + x;
      const lT = Math.log(alpha + uT[i]!);
      const a3 = -rx * lT;
      let w = 0;
      let lTx = 0;
      if (x > 0) {
        lTx = Math.log(alpha + utx[i]!);
        const a4 = c4[k]! - rx * lTx;
        const e = Math.exp(-Math.abs(a3 - a4));
        ll += wt * (c1[k]! + Math.max(a3, a4) + Math.log1p(e));
        w = a4 > a3 ? 1 / (1 + e) : e / (1 + e);
      } else ll += wt * (c1[k]! + a3);
      gr += wt * (dr[k]! - (1 - w) * lT - w * lTx);
      gAlpha += wt * (r / alpha - rx * ((1 - w) / (alpha + uT[i]!) + (x > 0 ? w / (alpha + utx[i]!) : 0)));
      ga += wt * (da[k]! + (x > 0 ? w / a : 0));
      gb += wt * (db[k]! - (x > 0 ? w / (b + x - 1) : 0));
    }
    // d/dv of min(eᵛ, cap) is 0 beyond the cap (a, b only)
    const capped = (x: number, vi: number) => (vi >= LOG_AB_CAP ? 0 : x);
    return {
      f: -ll / total,
      g: [
        (-gr * r) / total,
        (-gAlpha * alpha) / total,
        capped((-ga * a) / total, v[2]!),
        capped((-gb * b) / total, v[3]!),
      ],
    };
  };
}

/**
 * Maximum-likelihood fit of the BG/NBD model: BFGS with the analytic gradient on the log-parameters (so they stay
 * positive), falling back to Nelder–Mead when BFGS does not converge (flat likelihood ridges). Returns
 * insufficient-data when there are too few customers or repeat buyers for the model to be identified.
 *
 * @example
 * const fit = fitBgnbd(cdnowCalibration);
 * // { type: 'ok', params: { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 }, logLikelihood: -9582.43, … }
 */
export function fitBgnbd(data: RecencyFrequency, options: BgnbdFitOptions = {}): BgnbdFit {
  const { minCustomers = 20, minRepeaters = 5 } = options;
  const n = data.x.length;
  let repeaters = 0;
  let sumX = 0;
  let sumT = 0;
  for (let i = 0; i < n; i++) {
    if (data.x[i]! > 0) repeaters++;
    sumX += data.x[i]!;
    sumT += data.T[i]!;
  }
  if (n < minCustomers)
    return { type: 'insufficient-data', reason: 'fewCustomers', params: { count: n, min: minCustomers } };
  if (repeaters < minRepeaters)
    return { type: 'insufficient-data', reason: 'fewRepeaters', params: { count: repeaters, min: minRepeaters } };
  const start = options.start ?? { r: 1, alpha: Math.max(sumT / Math.max(sumX, 1e-9), 1e-6), a: 1, b: 1 };
  checkBgnbdParams('fitBgnbd', start);
  const x0 = [start.r, start.alpha, start.a, start.b].map(Math.log);
  const toParams = (v: number[]): BgnbdParams => {
    const [r, alpha, a, b] = toBgnbdParamsArray(v);
    return { r, alpha, a, b };
  };
  const objective = bgnbdObjective(data);
  let res = bfgs(objective, x0, { gradientTolerance: 1e-9, maxIterations: 300 });
  let evaluations = res.evaluations;
  if (!res.converged) {
    const nm = nelderMead((v) => objective(v).f, res.x, {
      fTol: 1e-12,
      xTol: 1e-7,
      maxIterations: 500,
      maxRestarts: 1,
    });
    evaluations += nm.evaluations;
    if (nm.f < res.f) res = { ...res, x: nm.x, f: nm.f };
    res = { ...res, converged: nm.converged };
  }
  return {
    type: 'ok',
    params: toParams(res.x),
    logLikelihood: -res.f * n,
    customers: n,
    converged: res.converged,
    evaluations,
  };
}
