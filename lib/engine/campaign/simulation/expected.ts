/**
 * What the analysis should recover: each arm's expected outcomes over the same audience if everyone had received
 * it (potential outcomes), estimated by simulating every member under every arm `reps` times with fresh randomness.
 * For tests only — the app never shows the truth.
 */
import type { ShopModel } from '../../simulate/types';
import { HOLDOUT_KEY, type Channel } from '../types';
import { simulateMember } from './member';
import { modelCustomerFor, twinSource } from './shop-customers';
import type { RunMember } from './run';
import type { SimulationGroup, SimulationTruth } from './truth';

export type ExpectedOutcomes = {
  /** per arm key (messages and the holdout): mean conversion (any purchase in the window) and revenue per member */
  overall: Record<string, { conversionRate: number; revenuePerUser: number; clickRate: number }>;
  byGroup: Record<SimulationGroup, Record<string, { conversionRate: number; n: number }>>;
};

export function expectedOutcomes({
  model,
  members,
  truth,
  channel,
  windowMs,
  start,
  seed,
  reps = 4,
}: {
  model: ShopModel;
  members: readonly RunMember[];
  truth: SimulationTruth;
  channel: Channel;
  windowMs: number;
  start: number;
  seed: number;
  reps?: number;
}): ExpectedOutcomes {
  const source = twinSource(model);
  const arms = [HOLDOUT_KEY, ...Object.keys(truth.messages)];
  const overall: ExpectedOutcomes['overall'] = {};
  const byGroup = { returning: {}, new: {} } as ExpectedOutcomes['byGroup'];
  for (const arm of arms) {
    let conv = 0;
    let rev = 0;
    let clicks = 0;
    const g = { returning: { c: 0, n: 0 }, new: { c: 0, n: 0 } };
    for (const m of members) {
      const { customer } = modelCustomerFor(source, {
        key: m.key,
        index: m.ref,
        startAt: start,
        priorOrders: m.priorOrders,
      });
      const message = truth.messages[arm] ? { key: arm, truth: truth.messages[arm]! } : null;
      for (let r = 0; r < reps; r++) {
        const events = simulateMember(
          { model, channel, windowMs, seed, tag: 'x' },
          { index: m.ref, customer, message, group: m.group, startAt: start },
          `:cf:${arm}:${r}`,
        );
        const bought = events.some((e) => e.type === 'purchase');
        conv += bought ? 1 : 0;
        clicks += events.some((e) => e.type === 'click') ? 1 : 0;
        rev += events.reduce((s, e) => s + (e.type === 'purchase' ? (e.value ?? 0) : 0), 0);
        g[m.group].c += bought ? 1 : 0;
        g[m.group].n += 1;
      }
    }
    const n = members.length * reps;
    overall[arm] = { conversionRate: conv / n, revenuePerUser: rev / n, clickRate: clicks / n };
    byGroup.returning[arm] = { conversionRate: g.returning.c / Math.max(1, g.returning.n), n: g.returning.n / reps };
    byGroup.new[arm] = { conversionRate: g.new.c / Math.max(1, g.new.n), n: g.new.n / reps };
  }
  return { overall, byGroup };
}
