import { describe, expect, test } from 'vitest';
import { planCampaign, plannedVarianceOfDifference } from './planning';

const baseline = { rate: 0.1, revenueMean: 20, revenueSd: 80 };

describe('planning', () => {
  test('two equal arms reproduce R power.prop.test (p1 = 0.10, p2 = 0.12: n = 3840.85 per arm)', () => {
    // R: power.prop.test(p1 = 0.10, p2 = 0.12, power = 0.8) → n = 3840.847
    const plan = planCampaign({
      goal: 'purchase',
      baseline,
      shares: [0.5, 0.5],
      minimumDetectableEffect: 0.2,
      audienceSize: 10_000,
      attributionWindowHours: 168,
    });
    expect(plan.type).toBe('ok');
    if (plan.type !== 'ok') return;
    expect(plan.perArm).toEqual([3841, 3841]);
    expect(plan.isAudienceEnough).toBe(true);
    expect(plan.days).toBe(7);
    // the whole audience of 10,000 detects a smaller effect than 20 %
    expect(plan.achievableEffect!).toBeLessThan(0.2);
    expect(plan.achievableEffect!).toBeGreaterThan(0.15);
  });

  test('the achievable effect is the one whose plan just fits the audience', () => {
    const plan = planCampaign({
      goal: 'click',
      baseline,
      shares: [0.1, 0.45, 0.45],
      minimumDetectableEffect: 0.1,
      audienceSize: 20_000,
      attributionWindowHours: 72,
    });
    if (plan.type !== 'ok') throw new Error(plan.reason);
    expect(plan.isAudienceEnough).toBe(false);
    const at = planCampaign({
      goal: 'click',
      baseline,
      shares: [0.1, 0.45, 0.45],
      minimumDetectableEffect: plan.achievableEffect!,
      audienceSize: 20_000,
      attributionWindowHours: 72,
    });
    if (at.type !== 'ok') throw new Error(at.reason);
    expect(at.isAudienceEnough).toBe(true);
    expect(plan.alphaPerComparison).toBeCloseTo(0.025, 12); // Bonferroni over two comparisons
    expect(plan.days).toBe(3);
  });

  test('revenue uses the t design: equal arms give R power.t.test n', () => {
    // R: power.t.test(delta = 2, sd = 80, power = 0.8) → n = 25118.4
    const plan = planCampaign({
      goal: 'revenue',
      baseline,
      shares: [0.5, 0.5],
      minimumDetectableEffect: 0.1,
      audienceSize: 10_000,
      attributionWindowHours: 168,
      sendDays: 3,
    });
    if (plan.type !== 'ok') throw new Error(plan.reason);
    expect(plan.perArm[0]).toBeGreaterThanOrEqual(25_118);
    expect(plan.perArm[0]).toBeLessThanOrEqual(25_120);
    expect(plan.isAudienceEnough).toBe(false);
    expect(plan.days).toBe(9);
  });

  test('no baseline → insufficient data; invalid effects throw', () => {
    expect(
      planCampaign({
        goal: 'purchase',
        baseline: { rate: 0, revenueMean: 0, revenueSd: 0 },
        shares: [0.5, 0.5],
        minimumDetectableEffect: 0.1,
        audienceSize: 100,
        attributionWindowHours: 24,
      }).type,
    ).toBe('insufficient-data');
    expect(() =>
      planCampaign({
        goal: 'purchase',
        baseline,
        shares: [0.5, 0.5],
        minimumDetectableEffect: 0,
        audienceSize: 100,
        attributionWindowHours: 24,
      }),
    ).toThrow(/planCampaign/);
  });

  test('τ² comes from the planned variance of the difference', () => {
    expect(plannedVarianceOfDifference({ goal: 'purchase', baseline, perArm: [1000, 2000, 3000] })).toBeCloseTo(
      0.09 * (1 / 1000 + 1 / 2000),
      12,
    );
    expect(plannedVarianceOfDifference({ goal: 'purchase', baseline, perArm: [0, 10] })).toBeNull();
  });
});
