import fs from 'node:fs';
import zlib from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { datasetPath, datasetSkipReason, hasDataset } from '../../testing/datasets';
import { testTwoProportions } from '../proportions';
import { cleanLandingPage, parseLandingPage } from './landing-page';

// Published figures (ab_test_landing_page/README.md), after dropping group/page mismatches and the duplicated
// user: control 17,489/145,274, treatment 17,264/145,310; pooled z (treatment − control) = −1.3109, one-sided p
// (H1: treatment better) = 0.9051, two-sided p = 0.1899. R (scripts/reference/stats/datasets.R):
// z = −1.310924198, p = 0.1898833745 (two-sided), 0.9050583128 (greater).
describe.skipIf(!hasDataset('ab_test_landing_page'))(
  `landing-page test (${datasetSkipReason('ab_test_landing_page')})`,
  () => {
    test('cleaning and the pooled z-test reproduce the README', () => {
      const text = zlib
        .gunzipSync(fs.readFileSync(datasetPath('ab_test_landing_page', 'ab_data.csv.gz')))
        .toString('utf8');
      const rows = parseLandingPage(text);
      expect(rows).toHaveLength(294478);
      const { control, treatment, dropped } = cleanLandingPage(rows);
      expect(dropped).toBe(3893 + 1);
      expect(control).toEqual({ successes: 17489, trials: 145274 });
      expect(treatment).toEqual({ successes: 17264, trials: 145310 });
      const twoSided = testTwoProportions({ control, treatment });
      const greater = testTwoProportions({ control, treatment, alternative: 'greater' });
      if (twoSided.type !== 'ok' || greater.type !== 'ok') throw new Error('expected ok');
      expect(twoSided.pooledRate).toBeCloseTo(0.119597, 6);
      expect(twoSided.z).toBeCloseTo(-1.310924198, 8);
      expect(twoSided.pValue).toBeCloseTo(0.1898833745, 9);
      expect(greater.pValue).toBeCloseTo(0.9050583128, 9);
      expect(greater.absoluteLift.upper).toBe(Infinity);
      expect(greater.absoluteLift.lower).toBeLessThan(0);
    });
  },
);
