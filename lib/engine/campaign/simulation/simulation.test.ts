import { describe, expect, test } from 'vitest';
import { buildShopModel } from '../../simulate/index';
import { aggregateArms, dailyLooks, type OutcomeRow } from '../aggregate';
import { analyzeCampaign, type ArmInfo } from '../analysis';
import { armFromBucket, hashUnit } from '../assignment';
import { attributeOutcome } from '../attribution';
import { computeBreakdown } from '../breakdown';
import { DAY_MS, HOLDOUT_KEY } from '../types';
import { expectedOutcomes } from './expected';
import { runSimulatedCampaign, type RunBatch, type RunMember } from './run';
import { drawSimulationTruth, type SimulationGroup } from './truth';

// A busy little shop, so a week's window holds enough purchases; audience members are "twins" of its customers.
const model = buildShopModel({ customers: 1500, products: 300, events: 300_000, seed: 8 });
const messages = [
  { key: 'a', weight: 1 },
  { key: 'b', weight: 1 },
];
const holdoutShare = 0.2;
const start = Date.UTC(2026, 10, 2, 2);
const windowMs = 7 * DAY_MS;
const salt = 'sim-test';
const truth = drawSimulationTruth({ seed: 21, messageKeys: ['a', 'b'] });

function members(n: number, arm: 'fixed' | null): RunMember[] {
  return Array.from({ length: n }, (_, i) => {
    const key = `X${String(i).padStart(6, '0')}`;
    const bucket = hashUnit(salt, key);
    const priorOrders = i % 3 === 0 ? 0 : 1 + (i % 4);
    const group: SimulationGroup = priorOrders > 0 ? 'returning' : 'new';
    return {
      ref: i,
      key,
      group,
      priorOrders,
      wave: arm ? 0 : i % 5,
      bucket,
      arm: arm ? armFromBucket(bucket, messages, holdoutShare).key : null,
    };
  });
}

function collect(batches: Iterable<RunBatch>) {
  const assigned = new Map<number, { arm: string; startAt: number }>();
  const events = new Map<number, RunBatch['events']>();
  for (const b of batches) {
    for (const a of b.assigned) assigned.set(a.ref, a);
    for (const e of b.events) {
      const list = events.get(e.ref);
      if (list) list.push(e);
      else events.set(e.ref, [e]);
    }
  }
  return { assigned, events };
}

const arms: ArmInfo[] = [
  { key: HOLDOUT_KEY, name: 'Holdout', isHoldout: true, plannedShare: holdoutShare },
  { key: 'a', name: 'A', isHoldout: false, plannedShare: 0.4 },
  { key: 'b', name: 'B', isHoldout: false, plannedShare: 0.4 },
];

describe('simulation mode', () => {
  const audience = members(24_000, 'fixed');
  const run = () =>
    runSimulatedCampaign({
      model,
      members: audience,
      truth,
      channel: 'email',
      goal: 'purchase',
      messages,
      holdoutShare,
      allocation: { kind: 'fixed' },
      waves: 1,
      start,
      windowMs,
      seed: 5,
      tag: 't',
    });
  const { assigned, events } = collect(run());

  test('is deterministic and the holdout never sees the message', () => {
    const again = collect(run());
    expect(again.events.get(17)).toEqual(events.get(17));
    for (const [ref, a] of assigned) {
      if (a.arm === HOLDOUT_KEY) expect((events.get(ref) ?? []).every((e) => !e.isTagged)).toBe(true);
      else expect((events.get(ref) ?? []).some((e) => e.type === 'exposure')).toBe(true);
    }
  });

  test('the analysis recovers the hidden effects within its intervals, overall and per customer group', {
    timeout: 120_000,
  }, () => {
    const rows: (OutcomeRow & { group: SimulationGroup })[] = audience.map((m) => {
      const a = assigned.get(m.ref)!;
      const o = attributeOutcome({
        startAt: a.startAt,
        windowMs,
        events: (events.get(m.ref) ?? []).map((e) => ({ ...e, isTagged: e.isTagged })),
      });
      return {
        arm: arms.findIndex((x) => x.key === a.arm),
        exposed: a.arm !== HOLDOUT_KEY,
        ...o,
        preMetric: m.priorOrders * 50,
        startAt: a.startAt,
        group: m.group,
      };
    });
    const alpha = 0.01; // several intervals are checked at once
    const analysis = analyzeCampaign({
      arms,
      totals: aggregateArms(rows, 3),
      looks: dailyLooks(rows, { armCount: 3, start, until: start + windowMs }),
      goal: 'purchase',
      alpha,
    });
    const expected = expectedOutcomes({
      model,
      members: audience,
      truth,
      channel: 'email',
      windowMs,
      start,
      seed: 5,
      reps: 2,
    });
    const trueDiff = (arm: string, metric: 'conversionRate' | 'revenuePerUser') =>
      expected.overall[arm]![metric] - expected.overall[HOLDOUT_KEY]![metric];
    expect(analysis.srm!.isMismatch).toBe(false);
    if (process.env.PRECISA_PRINT_SIMULATIONS) {
      for (const [i, arm] of [
        [0, 'a'],
        [1, 'b'],
        [2, 'b vs a'],
      ] as const) {
        const t = analysis.comparisons[i]!.metrics.find((m) => m.metric === 'conversionRate')!;
        console.log(
          arm,
          'true',
          i < 2
            ? trueDiff(arm as 'a', 'conversionRate')
            : expected.overall.b!.conversionRate - expected.overall.a!.conversionRate,
          'estimate',
          t.absolute,
          'p',
          t.pValue,
        );
      }
      console.log(expected.overall, analysis.verdict);
    }
    for (const [i, arm] of [
      [0, 'a'],
      [1, 'b'],
    ] as const) {
      for (const metric of ['conversionRate', 'revenuePerUser'] as const) {
        const test = analysis.comparisons[i]!.metrics.find((m) => m.metric === metric)!;
        const d = trueDiff(arm, metric);
        expect(d, `${arm} ${metric}`).toBeGreaterThanOrEqual(test.absolute!.lower);
        expect(d, `${arm} ${metric}`).toBeLessThanOrEqual(test.absolute!.upper);
      }
      expect(trueDiff(arm, 'conversionRate')).toBeGreaterThan(0); // messages lift visits, so they do work
    }
    // per group: the breakdown's intervals cover the group's true effect
    const groups = (['returning', 'new'] as const).map((g) => ({
      dimension: 'group',
      value: g,
      totals: aggregateArms(
        rows.filter((r) => r.group === g),
        3,
      ),
    }));
    const breakdown = computeBreakdown({
      groups,
      comparisons: [
        { treatment: 1, control: 0 },
        { treatment: 2, control: 0 },
      ],
      metric: 'conversionRate',
      alpha,
    });
    for (const row of breakdown.rows) {
      row.effects.forEach((e, k) => {
        const arm = k === 0 ? 'a' : 'b';
        const g = expected.byGroup[row.value as SimulationGroup];
        const d = g[arm]!.conversionRate - g[HOLDOUT_KEY]!.conversionRate;
        expect(d, `${row.value} ${arm}`).toBeGreaterThanOrEqual(e!.lower);
        expect(d, `${row.value} ${arm}`).toBeLessThanOrEqual(e!.upper);
      });
    }
  });

  test('Thompson allocation shifts later waves toward the better message and keeps the minimum share', () => {
    const strong = {
      seed: 1,
      messages: {
        a: { ...truth.messages.a!, clickLift: 0.8, conversionLift: 0, visitLift: 0.05 },
        b: {
          ...truth.messages.b!,
          clickLift: 2.6,
          conversionLift: 0.8,
          visitLift: 0.45,
          groups: { returning: 1.5, new: 1.5 },
        },
      },
    };
    const batches = [
      ...runSimulatedCampaign({
        model,
        members: members(12_000, null),
        truth: strong,
        channel: 'email',
        goal: 'click',
        messages,
        holdoutShare,
        allocation: { kind: 'thompson', minimumShare: 0.1 },
        waves: 5,
        start,
        windowMs,
        seed: 5,
        tag: 't',
      }),
    ];
    const sharesB = batches.filter((b) => b.shares).map((b) => b.shares!.find((s) => s.key === 'b')!.share);
    expect(sharesB[0]).toBeCloseTo(0.5, 6);
    expect(sharesB.at(-1)!).toBeGreaterThan(0.7);
    for (const b of batches) for (const s of b.shares ?? []) expect(s.share).toBeGreaterThanOrEqual(0.1 - 1e-12);
    const lastWave = batches[4]!.assigned;
    expect(lastWave.filter((a) => a.arm === 'b').length).toBeGreaterThan(lastWave.filter((a) => a.arm === 'a').length);
  });
});
