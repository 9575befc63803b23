import { describe, expect, test } from 'vitest';
import { createRng } from '../../stats/random';
import { aggregateArms, dailyLooks, type OutcomeRow } from './aggregate';
import { computeBayesianProportions } from '../../stats/index';
import { analyzeCampaign, planComparisons, pooledPrior, type ArmInfo } from './analysis';
import { suggestNextSteps } from './suggestions';

const DAY = 86_400_000;

/** Customers spread over `days` days with the given conversion rate (and revenue) per arm. */
function simulate({
  sizes,
  rates,
  days = 10,
  seed = 1,
  revenue = 50,
}: {
  sizes: number[];
  rates: number[];
  days?: number;
  seed?: number;
  revenue?: number;
}): OutcomeRow[] {
  const rng = createRng(seed);
  return sizes.flatMap((n, arm) =>
    Array.from({ length: n }, () => {
      const startAt = Math.floor(rng() * days) * DAY;
      const pre = 200 * rng();
      const converted = rng() < rates[arm]! * 3 * (pre / 200) ** 2;
      const value = converted ? revenue * (0.5 + rng()) : 0;
      return {
        arm,
        exposed: arm !== 0,
        opened: false,
        clicked: arm !== 0 && rng() < 0.1,
        converted,
        revenue: value,
        orders: converted ? 1 : 0,
        preMetric: pre,
        startAt,
        convertedAt: converted ? startAt + 3_600_000 : null,
      };
    }),
  );
}

const arms3: ArmInfo[] = [
  { key: 'holdout', name: 'Holdout', isHoldout: true, plannedShare: 0.2 },
  { key: 'a', name: 'A', isHoldout: false, plannedShare: 0.4 },
  { key: 'b', name: 'B', isHoldout: false, plannedShare: 0.4 },
];

function run(rows: OutcomeRow[], arms: ArmInfo[], extra: Partial<Parameters<typeof analyzeCampaign>[0]> = {}) {
  return analyzeCampaign({
    arms,
    totals: aggregateArms(rows, arms.length),
    looks: dailyLooks(rows, { armCount: arms.length, start: 0, until: 12 * DAY }),
    goal: 'purchase',
    ...extra,
  });
}

describe('comparisons', () => {
  test('messages are compared with the holdout, and later messages with the first', () => {
    expect(planComparisons(arms3)).toEqual([
      { treatment: 1, control: 0, kind: 'incremental' },
      { treatment: 2, control: 0, kind: 'incremental' },
      { treatment: 2, control: 1, kind: 'variant' },
    ]);
    expect(planComparisons(arms3.slice(1))).toEqual([{ treatment: 1, control: 0, kind: 'variant' }]);
  });
});

describe('verdict', () => {
  test('a large true effect is significant on the always-valid test, with CUPED reducing variance', () => {
    const a = run(simulate({ sizes: [4000, 8000, 8000], rates: [0.05, 0.05, 0.09] }), arms3);
    expect(a.verdict.kind).toBe('significant');
    expect(a.verdict.direction).toBe('positive');
    expect(a.verdict.arm).toBe(2);
    expect(a.verdict.reasons[0]!.code).toBe('sequentialSignificant');
    const conv = a.comparisons[1]!.metrics.find((m) => m.metric === 'conversionRate')!;
    expect(conv.absolute!.lower).toBeGreaterThan(0);
    expect(conv.cuped!.varianceReduction).toBeGreaterThan(0.05);
    expect(conv.holm!).toBeGreaterThanOrEqual(conv.pValue!);
    // holdout cannot click: no click-rate test against it
    expect(a.comparisons[0]!.metrics.some((m) => m.metric === 'clickRate')).toBe(false);
    expect(a.comparisons[2]!.metrics.some((m) => m.metric === 'clickRate')).toBe(true);
  });

  test('a skewed split raises the SRM alarm whatever the metrics say', () => {
    const a = run(simulate({ sizes: [2000, 4600, 4000], rates: [0.05, 0.05, 0.09] }), arms3);
    expect(a.srm!.isMismatch).toBe(true);
    expect(a.verdict.kind).toBe('srm');
  });

  test('no difference: inconclusive while running, final once the plan is met and the windows closed', () => {
    const rows = simulate({ sizes: [2000, 4000, 4000], rates: [0.05, 0.05, 0.05], seed: 4 });
    const running = run(rows, arms3, { plannedSampleSizePerArm: [3000, 6000, 6000] });
    expect(['inconclusive', 'promising']).toContain(running.verdict.kind);
    expect(running.verdict.isFinal).toBe(false);
    expect(running.verdict.reasons.map((r) => r.code)).toContain('needMoreCustomers');
    const done = run(rows, arms3, { plannedSampleSizePerArm: [1500, 3000, 3000], windowsClosed: true });
    expect(done.fixedHorizon!.isFinal).toBe(true);
    expect(['inconclusive', 'significant']).toContain(done.verdict.kind);
    if (done.verdict.kind === 'inconclusive') expect(done.verdict.reasons[0]!.code).toBe('finalNoDifference');
  });

  test('a modest effect short of significance is promising', () => {
    const even = arms3.map((x) => ({ ...x, plannedShare: 1 / 3 }));
    const a = run(simulate({ sizes: [600, 600, 600], rates: [0.05, 0.05, 0.075], seed: 9 }), even);
    expect(['promising', 'inconclusive']).toContain(a.verdict.kind);
    const chance = a.bayesian!.arms[2]!.chanceToBeatControl!;
    expect(a.verdict.kind === 'promising').toBe(
      chance >= 0.9 && a.comparisons.every((c) => (c.decision.sequentialHolm ?? 1) >= 0.05),
    );
  });

  test('a harmful message is significant and negative', () => {
    const arms: ArmInfo[] = [
      { key: 'a', name: 'A', isHoldout: false, plannedShare: 0.5 },
      { key: 'b', name: 'B', isHoldout: false, plannedShare: 0.5 },
    ];
    const a = run(simulate({ sizes: [8000, 8000], rates: [0.1, 0.05], seed: 2 }), arms);
    expect(a.verdict.kind).toBe('significant');
    expect(a.verdict.direction).toBe('negative');
    expect(a.verdict.reasons[0]!.code).toBe('significantWorse');
  });

  test('no customers: no data', () => {
    const a = run([], arms3);
    expect(a.verdict.kind).toBe('no-data');
  });

  test('revenue goal uses Welch and the normal Bayesian model', () => {
    const a = run(simulate({ sizes: [3000, 6000, 6000], rates: [0.05, 0.08, 0.08] }), arms3, { goal: 'revenue' });
    expect(a.primaryMetric).toBe('revenuePerUser');
    expect(a.comparisons[0]!.metrics.find((m) => m.metric === 'revenuePerUser')!.method).toBe('welch');
    expect(a.bayesian!.metric).toBe('revenuePerUser');
    expect(a.comparisons[0]!.sequential!.points.length).toBeGreaterThan(3);
  });

  test('an ended campaign short of its plan is final, never "keep running"', () => {
    const rows = simulate({ sizes: [600, 1200, 1200], rates: [0.05, 0.05, 0.05], seed: 4 });
    const ended = run(rows, arms3, { plannedSampleSizePerArm: [3000, 6000, 6000], hasEnded: true });
    expect(ended.verdict.isFinal).toBe(true);
    if (ended.verdict.kind === 'inconclusive') {
      expect(ended.verdict.reasons).toEqual([{ code: 'endedNoDifference', params: { progressPct: 20 } }]);
    }
    const next = suggestNextSteps({
      armNames: arms3.map((a) => a.name),
      hasHoldout: true,
      analysis: ended,
      breakdown: null,
      satisfaction: null,
      uplift: null,
    });
    expect(next.map((x) => x.code)).not.toContain('keepRunning');
    const running = run(rows, arms3, { plannedSampleSizePerArm: [3000, 6000, 6000] });
    expect(running.verdict.isFinal).toBe(false);
  });
});

describe('Bayesian view', () => {
  const rows = (n: number, buyers: number, arm: number): OutcomeRow[] =>
    Array.from({ length: n }, (_, i) => ({
      arm,
      exposed: arm !== 0,
      opened: false,
      clicked: false,
      converted: i < buyers,
      revenue: i < buyers ? 40 : 0,
      orders: i < buyers ? 1 : 0,
      preMetric: 0,
      startAt: (i % 5) * DAY,
      convertedAt: i < buyers ? (i % 5) * DAY + 3_600_000 : null,
    }));

  test('the prior is centred on the pooled rate: a small holdout with 0 buyers is not likely "best"', () => {
    // scipy: P(p_h > p_t), p_h ~ Beta(2r, 2(1−r) + 20), p_t ~ Beta(2r + 10, 2(1−r) + 990), r = 10/1020, by
    // integrate.quad(t.pdf(x)·h.sf(x)) → 0.023659582632474727 (0.7949 under the uniform Beta(1, 1) prior)
    const arms = [
      { successes: 0, trials: 20 },
      { successes: 10, trials: 1000 },
    ];
    const r = computeBayesianProportions({ arms, prior: pooledPrior(arms) });
    if (r.type !== 'ok') throw new Error(r.reason);
    expect(r.arms[0]!.chanceToBeBest).toBeCloseTo(0.023659582632474727, 5);
    expect(pooledPrior([{ successes: 0, trials: 10 }])).toEqual({ alpha: 1, beta: 1 });
    const twoArms = arms3.slice(0, 2).map((a) => ({ ...a, plannedShare: 0.5 }));
    const a = run([...rows(20, 0, 0), ...rows(1000, 10, 1)], twoArms);
    expect(a.bayesian!.arms[0]!.chanceToBeBest).toBeLessThan(0.05);
    const three = run([...rows(20, 0, 0), ...rows(1000, 10, 1), ...rows(1000, 12, 2)], arms3);
    expect(three.bayesian!.arms[0]!.chanceToBeBest).toBeLessThan(0.05);
  });
});
