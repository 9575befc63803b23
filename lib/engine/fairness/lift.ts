import { testTwoProportions } from '@/lib/stats/proportions';
import { MIN_GROUP_SIZE } from './selection';

/**
 * Treatment effect per customer group of a campaign: conversion of the message arms against the holdout, with the
 * two-proportion z-test's 95% interval (lib/stats), and a flag when one group carries all the lift: the campaign's
 * overall lift is positive, that group's interval lies above zero, and the rest of the audience together shows no
 * lift (its point estimate ≤ 0).
 */

export type ArmCounts = { n: number; conversions: number };
export type GroupArms = { group: string; control: ArmCounts; treatment: ArmCounts };

export type GroupLift = {
  group: string;
  control: ArmCounts;
  treatment: ArmCounts;
  isTooFew: boolean;
  /** treatment − control conversion rate with its 95% interval; null when it cannot be computed */
  lift: { estimate: number; lower: number; upper: number } | null;
};

export type LiftReport = {
  groups: GroupLift[];
  overall: GroupLift['lift'];
  /** the group that carries all the lift, or null */
  carriedBy: string | null;
};

function liftOf(control: ArmCounts, treatment: ArmCounts): GroupLift['lift'] {
  const r = testTwoProportions({
    control: { successes: control.conversions, trials: control.n },
    treatment: { successes: treatment.conversions, trials: treatment.n },
  });
  if (r.type !== 'ok') return null;
  return { estimate: r.absoluteLift.estimate, lower: r.absoluteLift.lower, upper: r.absoluteLift.upper };
}

const add = (a: ArmCounts, b: ArmCounts) => ({ n: a.n + b.n, conversions: a.conversions + b.conversions });
const ZERO: ArmCounts = { n: 0, conversions: 0 };

/**
 * @example
 * computeLiftByGroup([{ group: 'F', control: { n: 500, conversions: 25 }, treatment: { n: 500, conversions: 60 } }, …])
 */
export function computeLiftByGroup(arms: readonly GroupArms[], minGroupSize = MIN_GROUP_SIZE): LiftReport {
  const groups = arms.map((a) => ({
    ...a,
    isTooFew: a.control.n + a.treatment.n < minGroupSize,
    lift: liftOf(a.control, a.treatment),
  }));
  const total = arms.reduce(
    (s, a) => ({ control: add(s.control, a.control), treatment: add(s.treatment, a.treatment) }),
    {
      control: ZERO,
      treatment: ZERO,
    },
  );
  const overall = liftOf(total.control, total.treatment);
  let carriedBy: string | null = null;
  if (overall && overall.estimate > 0) {
    for (const g of groups) {
      if (g.isTooFew || !g.lift || g.lift.lower <= 0) continue;
      const rest = arms.filter((a) => a.group !== g.group);
      const restLift = liftOf(
        rest.reduce((s, a) => add(s, a.control), ZERO),
        rest.reduce((s, a) => add(s, a.treatment), ZERO),
      );
      if (restLift && restLift.estimate <= 0) carriedBy = g.group;
    }
  }
  return { groups, overall, carriedBy };
}
