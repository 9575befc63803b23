import { describe, expect, test } from 'vitest';
import { emptyTotals, type ArmTotals } from './aggregate';
import { analyzeCampaign, type ArmInfo } from './analysis';
import { computeBreakdown } from './breakdown';
import { suggestNextSteps } from './suggestions';

const t = (n: number, converted: number, revenue = converted * 50): ArmTotals => ({
  ...emptyTotals(),
  n,
  converted,
  orders: converted,
  ordersSq: converted,
  revenue,
  revenueSq: converted * 2600,
  revenueOrders: revenue,
});
const arms: ArmInfo[] = [
  { key: 'holdout', name: 'Holdout', isHoldout: true, plannedShare: 0.2 },
  { key: 'a', name: 'Spring', isHoldout: false, plannedShare: 0.4 },
  { key: 'b', name: 'Summer', isHoldout: false, plannedShare: 0.4 },
];

describe('suggestions', () => {
  test('a clear winner, a message with no incremental effect, and a group that responds', () => {
    const totals = [t(4000, 200), t(8000, 400), t(8000, 640)];
    const looks = [
      {
        day: 0,
        at: 1,
        arms: totals.map((x) => ({
          n: x.n,
          clicked: 0,
          converted: x.converted,
          revenue: x.revenue,
          revenueSq: x.revenueSq,
        })),
      },
    ];
    const analysis = analyzeCampaign({
      arms,
      totals,
      looks,
      goal: 'purchase',
      plannedSampleSizePerArm: [1000, 2000, 2000],
      windowsClosed: true,
    });
    const breakdown = computeBreakdown({
      groups: [
        { dimension: 'type', value: 'returning', totals: [t(2000, 100), t(4000, 200), t(4000, 440)] },
        { dimension: 'type', value: 'new', totals: [t(2000, 100), t(4000, 200), t(4000, 200)] },
      ],
      comparisons: [{ treatment: 2, control: 0 }],
      metric: 'conversionRate',
    });
    const s = suggestNextSteps({
      armNames: arms.map((a) => a.name),
      hasHoldout: true,
      analysis,
      breakdown,
      satisfaction: null,
      uplift: null,
    });
    const codes = s.map((x) => x.code);
    expect(codes).toContain('rollOutWinner');
    expect(s.find((x) => x.code === 'rollOutWinner')!.params.arm).toBe('Summer');
    expect(codes).toContain('noIncrementalEffect');
    expect(s.find((x) => x.code === 'noIncrementalEffect')!.params.arm).toBe('Spring');
    expect(s.find((x) => x.code === 'segmentResponds')!.params).toMatchObject({ group: 'returning', arm: 'Summer' });
    expect(codes).toContain('segmentNoEffect');
  });

  test('an SRM alarm leaves one suggestion: fix the split', () => {
    const totals = [t(1000, 50), t(8000, 400), t(8000, 640)];
    const analysis = analyzeCampaign({ arms, totals, looks: [], goal: 'purchase' });
    expect(
      suggestNextSteps({
        armNames: arms.map((a) => a.name),
        hasHoldout: true,
        analysis,
        breakdown: null,
        satisfaction: null,
        uplift: null,
      }),
    ).toEqual([{ code: 'fixSplit', params: {} }]);
  });
});
