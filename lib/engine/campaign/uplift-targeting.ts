/**
 * Uplift targeting from a past campaign: train a two-model and a class-transformation model on its treated/holdout
 * customers, compare them on held-out customers by the Qini coefficient (against random targeting), and pick who
 * to contact next time under a budget with the better model.
 */
import { createRng, shuffleInPlace } from '../../stats/random';
import {
  evaluateUplift,
  fitClassTransformation,
  fitTwoModel,
  selectRows,
  selectTargetsByProfit,
  type FeatureMatrix,
  type UpliftModel,
} from '../uplift/index';

export type UpliftKind = 'two-model' | 'class-transformation';
export type CurvePoint = { fraction: number; qini: number };

export type UpliftTargeting =
  | {
      type: 'ok';
      trainRows: number;
      testRows: number;
      models: { kind: UpliftKind; qiniCoefficient: number; auuc: number; auucRandom: number; curve: CurvePoint[] }[];
      /** Qini coefficients of random scores on the same held-out rows */
      random: { mean: number; sd: number };
      chosen: UpliftKind;
      /** how many random-score standard deviations the chosen model beats random by */
      marginSd: number;
      selection: {
        selected: number[];
        count: number;
        share: number;
        totalCost: number;
        expectedIncrementalConversions: number;
        expectedIncrementalProfit: number;
      };
      /** features with the largest standardised effect on uplift (two-model coefficient difference) */
      drivers: { name: string; weight: number }[];
    }
  | { type: 'insufficient-data'; reason: UpliftShortfall; minimum?: number };

/**
 * Why uplift targeting cannot be trained (a code the UI words through the catalogue, campaigns.optimise.shortfall):
 * the campaign has no holdout or has not run (the service's checks), too few customers per arm (`minimum` each),
 * no conversions in an arm, a random split that left an arm empty, or a model fit that failed on this data.
 */
export const UPLIFT_SHORTFALLS = [
  'needHoldout',
  'notStarted',
  'tooFewCustomers',
  'noConversions',
  'emptySplitArm',
  'fitFailed',
] as const;
export type UpliftShortfall = (typeof UPLIFT_SHORTFALLS)[number];

/** Customers needed in each of the treated and holdout groups. */
export const UPLIFT_MIN_PER_ARM = 100;

function standardise(rows: readonly (readonly number[])[], k: number, mean?: number[], sd?: number[]) {
  const m = mean ?? Array.from({ length: k }, (_, j) => rows.reduce((s, r) => s + r[j]!, 0) / Math.max(1, rows.length));
  const s =
    sd ??
    Array.from(
      { length: k },
      (_, j) => Math.sqrt(rows.reduce((acc, r) => acc + (r[j]! - m[j]!) ** 2, 0) / Math.max(1, rows.length - 1)) || 1,
    );
  const values = new Float64Array(rows.length * k);
  rows.forEach((r, i) => {
    r.forEach((v, j) => {
      values[i * k + j] = (v - m[j]!) / s[j]!;
    });
  });
  return { matrix: { nRows: rows.length, nFeatures: k, values } as FeatureMatrix, mean: m, sd: s };
}

function downsample(fraction: Float64Array, qini: Float64Array, points = 51): CurvePoint[] {
  const out: CurvePoint[] = [];
  let j = 0;
  for (let p = 0; p < points; p++) {
    const target = p / (points - 1);
    while (j < fraction.length - 1 && fraction[j + 1]! <= target) j++;
    out.push({ fraction: target, qini: qini[j]! });
  }
  return out;
}

/**
 * @example trainUpliftTargeting({ names: ['recency'], training: [{ features: [3], treated: 1, outcome: 0 }, …],
 *   candidates: [[2], [9]], valuePerConversion: 120, costPerContact: 0.5, budget: 500 })
 */
export function trainUpliftTargeting({
  names,
  training,
  candidates,
  valuePerConversion,
  costPerContact,
  budget = Infinity,
  testShare = 0.3,
  seed = 1,
  randomDraws = 100,
}: {
  names: readonly string[];
  training: readonly { features: readonly number[]; treated: 0 | 1; outcome: 0 | 1 }[];
  candidates: readonly (readonly number[])[];
  valuePerConversion: number;
  costPerContact: number;
  budget?: number;
  testShare?: number;
  seed?: number;
  randomDraws?: number;
}): UpliftTargeting {
  const k = names.length;
  const treated = training.filter((r) => r.treated === 1);
  const control = training.filter((r) => r.treated === 0);
  if (treated.length < UPLIFT_MIN_PER_ARM || control.length < UPLIFT_MIN_PER_ARM)
    return { type: 'insufficient-data', reason: 'tooFewCustomers', minimum: UPLIFT_MIN_PER_ARM };
  if (!treated.some((r) => r.outcome) || !control.some((r) => r.outcome))
    return { type: 'insufficient-data', reason: 'noConversions' };
  const rng = createRng(seed);
  const order = shuffleInPlace(
    rng,
    training.map((_, i) => i),
  );
  const cut = Math.floor((1 - testShare) * order.length);
  const trainIdx = order.slice(0, cut);
  const testIdx = order.slice(cut);
  const all = standardise(
    training.map((r) => r.features),
    k,
  );
  const x = all.matrix;
  const data = (idx: number[]) => ({
    features: selectRows(x, idx),
    treatment: Float64Array.from(idx, (i) => training[i]!.treated),
    outcome: Float64Array.from(idx, (i) => training[i]!.outcome),
  });
  const train = data(trainIdx);
  const test = data(testIdx);
  const hasBoth = (d: typeof train) => d.treatment.some((t) => t === 1) && d.treatment.some((t) => t === 0);
  if (!hasBoth(train) || !hasBoth(test)) return { type: 'insufficient-data', reason: 'emptySplitArm' };
  const fitted: { kind: UpliftKind; model: UpliftModel }[] = [];
  try {
    fitted.push({ kind: 'two-model', model: fitTwoModel(train, { lambda: 1 }) });
    fitted.push({ kind: 'class-transformation', model: fitClassTransformation(train, { lambda: 1 }) });
  } catch (e) {
    if (e instanceof RangeError) return { type: 'insufficient-data', reason: 'fitFailed' };
    throw e;
  }
  const models = fitted.map((f) => {
    const ev = evaluateUplift({
      scores: f.model.predictUplift(test.features),
      treatment: test.treatment,
      outcome: test.outcome,
    });
    return {
      kind: f.kind,
      qiniCoefficient: ev.qiniCoefficient,
      auuc: ev.auuc,
      auucRandom: ev.auucRandom,
      curve: downsample(ev.curves.fraction, ev.curves.qini),
    };
  });
  const randomQ = Array.from(
    { length: randomDraws },
    () =>
      evaluateUplift({
        scores: Float64Array.from(testIdx, () => rng()),
        treatment: test.treatment,
        outcome: test.outcome,
      }).qiniCoefficient,
  );
  const mean = randomQ.reduce((a, b) => a + b, 0) / randomQ.length;
  const sd = Math.sqrt(randomQ.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, randomQ.length - 1));
  const best = models.reduce((a, b) => (b.qiniCoefficient > a.qiniCoefficient ? b : a));
  const chosen = fitted.find((f) => f.kind === best.kind)!;
  const cand = standardise(candidates, k, all.mean, all.sd).matrix;
  const uplift = candidates.length ? chosen.model.predictUplift(cand) : new Float64Array(0);
  const sel = selectTargetsByProfit({ uplift, value: valuePerConversion, cost: costPerContact, budget });
  const two = fitted.find((f) => f.kind === 'two-model')!.model as ReturnType<typeof fitTwoModel>;
  const drivers = names
    .map((name, j) => ({ name, weight: two.treated.coefficients[j]! - two.control.coefficients[j]! }))
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  return {
    type: 'ok',
    trainRows: trainIdx.length,
    testRows: testIdx.length,
    models,
    random: { mean, sd },
    chosen: best.kind,
    marginSd: sd > 0 ? (best.qiniCoefficient - mean) / sd : 0,
    selection: {
      selected: sel.selected,
      count: sel.selected.length,
      share: candidates.length ? sel.selected.length / candidates.length : 0,
      totalCost: sel.totalCost,
      expectedIncrementalConversions: sel.expectedIncrementalConversions,
      expectedIncrementalProfit: sel.expectedIncrementalProfit,
    },
    drivers,
  };
}
