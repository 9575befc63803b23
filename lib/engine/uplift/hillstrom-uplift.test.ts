import fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseHillstrom, type HillstromData } from '../../stats/datasets/hillstrom';
import { createRng, shuffleInPlace } from '../../stats/random';
import { datasetPath, datasetSkipReason, hasDataset } from '../../testing/datasets';
import { selectTargetsByProfit } from './budget-selection';
import { fitClassTransformation } from './class-transformation';
import { evaluateUplift } from './qini';
import { fitTwoModel } from './two-model';
import type { FeatureMatrix } from './types';

/** recency, log(1 + history), mens, womens, newbie, zip Urban, zip Rural, channel Phone, channel Web. */
function features(d: HillstromData, rows: number[]): FeatureMatrix {
  const k = 9;
  const values = new Float64Array(rows.length * k);
  rows.forEach((i, r) => {
    const zip = d.zipCode[i];
    const channel = d.channel[i];
    values.set(
      [
        d.recency[i],
        Math.log1p(d.history[i] as number),
        d.mens[i],
        d.womens[i],
        d.newbie[i],
        zip === 'Urban' ? 1 : 0,
        zip === 'Rural' ? 1 : 0,
        channel === 'Phone' ? 1 : 0,
        channel === 'Web' ? 1 : 0,
      ] as number[],
      r * k,
    );
  });
  return { nRows: rows.length, nFeatures: k, values };
}

// Women's e-mail vs no e-mail, outcome = visit, seeded 70/30 split (seed 2024): 29,885 training and 12,808 test
// customers. Random targeting is measured by 200 random score vectors on the same test rows. Measured: Qini
// coefficient two-model 0.00271, class transformation 0.00324; random mean −0.00004, sd 0.00091 (≈ 3.0 and 3.6 sd).
// (Men's e-mail, same set-up: 0.00093 and 0.00040 vs sd 0.00080 — these features find no reliable heterogeneity
// there, so it is reported, not asserted.)
describe.skipIf(!hasDataset('hillstrom_email'))(`Hillstrom uplift (${datasetSkipReason('hillstrom_email')})`, () => {
  test("women's e-mail: held-out Qini beats random targeting by a clear margin", () => {
    const d = parseHillstrom(fs.readFileSync(datasetPath('hillstrom_email', 'hillstrom.csv'), 'utf8'));
    const arm = 'Womens E-Mail';
    const rows = d.segment.flatMap((s, i) => (s === arm || s === 'No E-Mail' ? [i] : []));
    const order = shuffleInPlace(createRng(2024), rows.slice());
    const cut = Math.floor(0.7 * order.length);
    const [trainRows, testRows] = [order.slice(0, cut), order.slice(cut)];
    const data = (r: number[]) => ({
      features: features(d, r),
      treatment: Float64Array.from(r, (i) => (d.segment[i] === arm ? 1 : 0)),
      outcome: Float64Array.from(r, (i) => d.visit[i] as number),
    });
    const train = data(trainRows);
    const test_ = data(testRows);
    const twoModel = evaluateUplift({
      scores: fitTwoModel(train).predictUplift(test_.features),
      treatment: test_.treatment,
      outcome: test_.outcome,
    });
    const transformed = fitClassTransformation(train);
    const uplift = transformed.predictUplift(test_.features);
    const classTransformation = evaluateUplift({ scores: uplift, treatment: test_.treatment, outcome: test_.outcome });
    const rng = createRng(5);
    const random = Array.from({ length: 200 }, () => {
      const scores = Float64Array.from(testRows, () => rng());
      return evaluateUplift({ scores, treatment: test_.treatment, outcome: test_.outcome }).qiniCoefficient;
    });
    const mean = random.reduce((a, b) => a + b, 0) / random.length;
    const sd = Math.sqrt(random.reduce((a, b) => a + (b - mean) ** 2, 0) / (random.length - 1));
    if (process.env.PRECISA_PRINT_SIMULATIONS)
      console.log({ two: twoModel.qiniCoefficient, ct: classTransformation.qiniCoefficient, mean, sd });
    for (const r of [twoModel, classTransformation]) {
      expect(r.qiniCoefficient).toBeGreaterThan(mean + 2.5 * sd);
      expect(r.auuc).toBeGreaterThan(r.auucRandom);
    }
    // targeting: the top 20 % by predicted uplift visit more often because of the e-mail than the rest
    const budget = selectTargetsByProfit({ uplift, value: 1, cost: 0, maxContacts: Math.floor(0.2 * testRows.length) });
    const inTop = new Uint8Array(testRows.length);
    for (const i of budget.selected) inTop[i] = 1;
    const rate = (top: number, t: number) => {
      let n = 0;
      let y = 0;
      test_.treatment.forEach((ti, i) => {
        if (ti === t && inTop[i] === top) {
          n += 1;
          y += test_.outcome[i] as number;
        }
      });
      return y / n;
    };
    expect(rate(1, 1) - rate(1, 0)).toBeGreaterThan(rate(0, 1) - rate(0, 0));
  });
});
