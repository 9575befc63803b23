import { describe, expect, test } from 'vitest';
import { computeExperimentDuration, getFixedHorizonStatus } from './duration';
import { noncentralTSurvival } from './noncentral-t';
import { computePowerForMeans, computeSampleSizeForMeans } from './power-means';
import { computePowerForProportions, computeSampleSizeForProportions } from './power-proportions';

// Golden values: Rscript scripts/reference/stats/frequentist.R
// power.prop.test(p1, p2, sig.level, power, tol = 1e-12)$n
const R_POWER_PROP: [number, number, number, number, number][] = [
  [0.1, 0.12, 0.05, 0.8, 3840.84748244],
  [0.05, 0.055, 0.05, 0.8, 31233.4379401],
  [0.2, 0.25, 0.01, 0.9, 2073.20131224],
  [0.5, 0.45, 0.05, 0.8, 1564.67205277],
];
// power.t.test(delta, sd, sig.level, power, tol = 1e-12)$n
const R_POWER_T: [number, number, number, number, number][] = [
  [1, 1, 0.05, 0.8, 16.7147598312],
  [0.5, 2, 0.05, 0.9, 337.200798089],
  [3, 10, 0.01, 0.8, 261.196133553],
  [2, 1, 0.05, 0.8, 5.09000075869],
];
// pt(q, df, ncp, lower.tail = FALSE)
const R_NONCENTRAL_T: [number, number, number, number][] = [
  [2, 10, 1, 0.19238843747],
  [1.97, 38, 3.2, 0.887329392522],
  [2.6, 120, 2, 0.278812507681],
  [1.5, 3, 0.5, 0.224305026413],
  [-1, 5, 1, 0.969192646739],
];

describe('sample size for proportions', () => {
  test.each(R_POWER_PROP)('p1=%d p2=%d alpha=%d power=%d matches R power.prop.test', (p1, p2, alpha, power, n) => {
    const plan = computeSampleSizeForProportions({
      baselineRate: p1,
      minimumDetectableEffect: p2 - p1,
      effectType: 'absolute',
      alpha,
      power,
    });
    expect(plan.sampleSizePerArm).toEqual([Math.ceil(n), Math.ceil(n)]);
    expect(plan.totalSampleSize).toBe(2 * Math.ceil(n));
    expect(
      computePowerForProportions({
        baselineRate: p1,
        minimumDetectableEffect: p2 - p1,
        effectType: 'absolute',
        alpha,
        controlSampleSize: Math.ceil(n),
      }),
    ).toBeGreaterThanOrEqual(power);
    expect(
      computePowerForProportions({
        baselineRate: p1,
        minimumDetectableEffect: p2 - p1,
        effectType: 'absolute',
        alpha,
        controlSampleSize: Math.floor(n),
      }),
    ).toBeLessThan(power);
  });

  test('one-sided, relative effect, power at a given n (R power.prop.test)', () => {
    const oneSided = computeSampleSizeForProportions({ baselineRate: 0.1, minimumDetectableEffect: 0.2, sides: 1 });
    expect(oneSided.sampleSizePerArm[0]).toBe(Math.ceil(3025.31525321));
    expect(oneSided.treatmentRate).toBeCloseTo(0.12, 12);
    const p = computePowerForProportions({ baselineRate: 0.1, minimumDetectableEffect: 0.2, controlSampleSize: 3000 });
    expect(p).toBeCloseTo(0.697045300405, 9);
  });

  test('unequal split and several arms', () => {
    const equal = computeSampleSizeForProportions({ baselineRate: 0.1, minimumDetectableEffect: 0.2 });
    const skewed = computeSampleSizeForProportions({ baselineRate: 0.1, minimumDetectableEffect: 0.2, split: [1, 3] });
    // an unbalanced split needs more units in total, and keeps the 1:3 ratio
    expect(skewed.totalSampleSize).toBeGreaterThan(equal.totalSampleSize);
    expect((skewed.sampleSizePerArm[1] as number) / (skewed.sampleSizePerArm[0] as number)).toBeCloseTo(3, 2);
    // with k = 1 the general formula is R's; the 1:3 control arm solves the same formula with k = 3
    const abc = computeSampleSizeForProportions({ baselineRate: 0.1, minimumDetectableEffect: 0.2, split: [1, 1, 1] });
    expect(abc.alphaPerComparison).toBeCloseTo(0.025, 12);
    expect(abc.sampleSizePerArm).toHaveLength(3);
    expect(abc.sampleSizePerArm[0]).toBeGreaterThan(equal.sampleSizePerArm[0] as number);
    // R: power.prop.test(p1 = .1, p2 = .12, sig.level = .025, power = .8, tol = 1e-12)$n = 4651.41787658
    expect(abc.sampleSizePerArm).toEqual([4652, 4652, 4652]);
  });

  test('invalid designs throw', () => {
    expect(() => computeSampleSizeForProportions({ baselineRate: 0.9, minimumDetectableEffect: 0.2 })).toThrow(
      /treatment rate/,
    );
    expect(() => computeSampleSizeForProportions({ baselineRate: 0, minimumDetectableEffect: 0.2 })).toThrow(
      RangeError,
    );
    expect(() => computeSampleSizeForProportions({ baselineRate: 0.1, minimumDetectableEffect: 0 })).toThrow(
      /computeSampleSizeForProportions/,
    );
  });
});

describe('sample size for means', () => {
  test.each(R_NONCENTRAL_T)('noncentral t upper tail q=%d df=%d ncp=%d matches R pt', (q, df, ncp, p) => {
    expect(noncentralTSurvival(q, { df, ncp })).toBeCloseTo(p, 9);
  });

  test.each(R_POWER_T)('delta=%d sd=%d alpha=%d power=%d matches R power.t.test', (delta, sd, alpha, power, n) => {
    const r = computeSampleSizeForMeans({ standardDeviation: sd, minimumDetectableEffect: delta, alpha, power });
    expect(r.exact).toBeCloseTo(n, 4);
    expect(r.sampleSizePerArm).toBe(Math.ceil(n));
  });

  test('power at n = 20 matches R power.t.test(n = 20, delta = 1, sd = 1)', () => {
    expect(
      computePowerForMeans({ standardDeviation: 1, minimumDetectableEffect: 1, sampleSizePerArm: 20 }),
    ).toBeCloseTo(0.868952801692, 9);
  });
});

describe('duration and fixed horizon', () => {
  test('days from daily traffic', () => {
    expect(computeExperimentDuration({ totalSampleSize: 7682, dailyTraffic: 1000 }).days).toBe(8);
    expect(computeExperimentDuration({ totalSampleSize: 7000, dailyTraffic: 1000 }).days).toBe(7);
    expect(computeExperimentDuration({ totalSampleSize: 7682, dailyTraffic: 1000, trafficShare: 0.5 }).days).toBe(16);
    expect(() => computeExperimentDuration({ totalSampleSize: 10, dailyTraffic: 0 })).toThrow(
      /computeExperimentDuration/,
    );
  });

  test('a result is final only once every arm reached its plan', () => {
    const running = getFixedHorizonStatus({
      plannedSampleSizePerArm: [3841, 3841],
      observedPerArm: [2000, 1950],
      dailyUnitsPerArm: [100, 100],
    });
    expect(running.isFinal).toBe(false);
    expect(running.progress).toBeCloseTo(1950 / 3841, 12);
    expect(running.remainingPerArm).toEqual([1841, 1891]);
    expect(running.daysRemaining).toBe(19);
    const done = getFixedHorizonStatus({ plannedSampleSizePerArm: [3841, 3841], observedPerArm: [3900, 3841] });
    expect(done).toMatchObject({ isFinal: true, progress: 1, remainingPerArm: [0, 0] });
    expect(() => getFixedHorizonStatus({ plannedSampleSizePerArm: [10], observedPerArm: [1, 2] })).toThrow(RangeError);
  });
});
