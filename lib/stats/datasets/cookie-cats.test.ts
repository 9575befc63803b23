import fs from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { datasetPath, datasetSkipReason, hasDataset } from '../../testing/datasets';
import { computeBayesianProportions } from '../bayesian-proportions';
import { testTwoProportions } from '../proportions';
import { checkSampleRatio } from '../srm';
import { testWelch } from '../welch-t-test';
import { parseCookieCats, type CookieCatsArm } from './cookie-cats';

// Published figures (cookie_cats_ab/README.md): pooled two-proportion z-test gate_30 − gate_40, no continuity
// correction — retention_1 z = 1.7841, p = 0.0744 (χ² 3.183); retention_7 z = 3.1644, p = 0.00155 (χ² 10.013).
// R (scripts/reference/stats/datasets.R): prop.test(c(x40, x30), c(n40, n30), correct = FALSE) gives X2 = 3.182963658,
// p = 0.0744096553, CI [−0.01239243945, 0.0005820998748]; X2 = 10.01316733, p = 0.001554249976,
// CI [−0.01328155242, −0.003121044212]; t.test(rounds40, rounds30): t = −0.8854374331, df = 58595.48142,
// p = 0.3759243841; chisq.test(table(version), p = c(.5, .5)): X2 = 6.90240495, p = 0.008607987811.
describe.skipIf(!hasDataset('cookie_cats_ab'))(`Cookie Cats (${datasetSkipReason('cookie_cats_ab')})`, () => {
  let control: CookieCatsArm;
  let treatment: CookieCatsArm;
  beforeAll(() => {
    const arms = parseCookieCats(fs.readFileSync(datasetPath('cookie_cats_ab', 'cookie_cats.csv'), 'utf8'));
    if (!arms.gate_30 || !arms.gate_40) throw new Error('missing arms');
    control = arms.gate_30;
    treatment = arms.gate_40;
  });

  test('arm sizes and rates as in the README', () => {
    expect(control.players).toBe(44700);
    expect(treatment.players).toBe(45489);
    expect(control.retention1.successes / control.players).toBeCloseTo(0.448188, 6);
    expect(treatment.retention7.successes / treatment.players).toBeCloseTo(0.182, 6);
  });

  test.each([
    ['retention1', 3.182963658, 1.7841, 0.0744096553, -0.01239243945, 0.0005820998748],
    ['retention7', 10.01316733, 3.1644, 0.001554249976, -0.01328155242, -0.003121044212],
  ] as const)('%s: pooled z-test reproduces the published z and p', (metric, x2, zPublished, p, lo, hi) => {
    const r = testTwoProportions({ control: control[metric], treatment: treatment[metric] });
    if (r.type !== 'ok') throw new Error(r.reason);
    expect(-r.z).toBeCloseTo(zPublished, 4);
    expect(r.z * r.z).toBeCloseTo(x2, 7);
    expect(r.pValue).toBeCloseTo(p, 9);
    expect(r.absoluteLift.lower).toBeCloseTo(lo, 9);
    expect(r.absoluteLift.upper).toBeCloseTo(hi, 9);
  });

  test('Bayesian: gate_30 very probably keeps more 7-day players; sum_gamerounds shows no clear difference', () => {
    const bayes = computeBayesianProportions({ arms: [control.retention7, treatment.retention7] });
    if (bayes.type !== 'ok') throw new Error(bayes.reason);
    // consistent with the one-sided p = 0.00078 of the z-test under a flat prior
    expect(bayes.arms[1]?.chanceToBeatControl).toBeLessThan(0.001);
    expect(bayes.arms[1]?.chanceToBeatControl).toBeGreaterThan(0.0004);
    const rounds = testWelch({ control: control.gameRounds, treatment: treatment.gameRounds });
    if (rounds.type !== 'ok') throw new Error(rounds.reason);
    expect(rounds.t).toBeCloseTo(-0.8854374331, 8);
    expect(rounds.df).toBeCloseTo(58595.48142, 3);
    expect(rounds.pValue).toBeCloseTo(0.3759243841, 8);
  });

  test('sample ratio: 44,700 vs 45,489 is p = 0.0086 against 50/50, below the 0.001 alarm', () => {
    const srm = checkSampleRatio({ observed: [control.players, treatment.players], plannedSplit: [1, 1] });
    if (srm.type !== 'ok') throw new Error(srm.reason);
    expect(srm.chiSquare).toBeCloseTo(6.90240495, 7);
    expect(srm.pValue).toBeCloseTo(0.008607987811, 10);
    expect(srm.isMismatch).toBe(false);
  });
});
