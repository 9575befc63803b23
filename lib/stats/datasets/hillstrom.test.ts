import fs from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { datasetPath, datasetSkipReason, hasDataset } from '../../testing/datasets';
import { checkSampleRatio } from '../srm';
import { testWelch } from '../welch-t-test';
import { parseHillstrom, type HillstromData } from './hillstrom';

// README (hillstrom_email/README.md) average treatment effects vs No E-Mail with normal 95 % CIs, and R
// (scripts/reference/stats/datasets.R) t.test(arm, control): [segment, outcome, diff, README CI, Welch t, Welch p]
const ATE: [string, 'visit' | 'conversion' | 'spend', number, number, number, number, number][] = [
  ['Mens E-Mail', 'visit', 0.07658956365, 0.06995, 0.08323, 22.62023077, 1.364451196e-112],
  ['Mens E-Mail', 'conversion', 0.00680500652, 0.005, 0.00861, 7.389735721, 1.501815785e-13],
  ['Mens E-Mail', 'spend', 0.7698271559, 0.4851, 1.0545, 5.300140358, 1.163814968e-7],
  ['Womens E-Mail', 'visit', 0.04523310659, 0.03889, 0.05157, 13.98473848, 2.432447702e-44],
  ['Womens E-Mail', 'conversion', 0.003111057511, 0.0015, 0.00472, 3.78162659, 0.0001560283951],
  ['Womens E-Mail', 'spend', 0.4244122159, 0.169, 0.6799, 3.256371576, 0.001129397102],
];

describe.skipIf(!hasDataset('hillstrom_email'))(
  `Hillstrom e-mail test (${datasetSkipReason('hillstrom_email')})`,
  () => {
    let data: HillstromData;
    beforeAll(() => {
      data = parseHillstrom(fs.readFileSync(datasetPath('hillstrom_email', 'hillstrom.csv'), 'utf8'));
    });
    const pick = (segment: string, y: Float64Array) => y.filter((_, i) => data.segment[i] === segment);

    test('arm sizes and randomisation check', () => {
      expect(data.n).toBe(64000);
      const counts = ['No E-Mail', 'Mens E-Mail', 'Womens E-Mail'].map(
        (s) => data.segment.filter((x) => x === s).length,
      );
      expect(counts).toEqual([21306, 21307, 21387]);
      const srm = checkSampleRatio({ observed: counts, plannedSplit: [1, 1, 1] });
      expect(srm.type === 'ok' && srm.pValue).toBeCloseTo(0.9036929576, 9);
    });

    test.each(ATE)('%s %s: Welch effect and CI as published', (segment, outcome, diff, lo, hi, t, p) => {
      const r = testWelch({ control: pick('No E-Mail', data[outcome]), treatment: pick(segment, data[outcome]) });
      if (r.type !== 'ok') throw new Error(r.reason);
      expect(r.absoluteLift.estimate).toBeCloseTo(diff, 9);
      expect(r.t).toBeCloseTo(t, 6);
      expect(r.pValue / p).toBeCloseTo(1, 5);
      // the README rounds to 4–5 significant digits and uses z rather than t (df ≈ 40,000)
      expect(Math.abs(r.absoluteLift.lower - lo)).toBeLessThan(1e-4);
      expect(Math.abs(r.absoluteLift.upper - hi)).toBeLessThan(1e-4);
    });
  },
);
