/**
 * A whole simulated campaign, day by day: each sending wave is assigned (a fixed split, or Thompson sampling on what
 * has been observed so far) and its members' windows simulated; events come out in time order, one day at a time,
 * so a job can store them in batches and show progress.
 */
import type { ShopModel } from '../../simulate/types';
import { armFromBucket } from '../assignment';
import { thompsonShares } from '../allocation';
import { DAY_MS, type Channel, type Goal } from '../types';
import { simulateMember, type SimulatedEvent } from './member';
import { modelCustomerFor, twinSource } from './shop-customers';
import type { SimulationGroup, SimulationTruth } from './truth';

export type RunMember = {
  /** the caller's id for the customer (returned in assignments and events) */
  ref: number;
  key: string;
  group: SimulationGroup;
  priorOrders: number;
  /** sending wave (0 for a single send) */
  wave: number;
  /** hash bucket in [0, 1) from the campaign salt (see `hashUnit`) */
  bucket: number;
  /** arm already assigned (fixed split), or null to assign at the member's wave */
  arm: string | null;
};

export type RunOptions = {
  model: ShopModel;
  members: readonly RunMember[];
  truth: SimulationTruth;
  channel: Channel;
  goal: Goal;
  messages: readonly { key: string; weight: number }[];
  holdoutShare: number;
  allocation: { kind: 'fixed' } | { kind: 'thompson'; minimumShare: number };
  waves: number;
  /** first send, epoch ms */
  start: number;
  windowMs: number;
  seed: number;
  /** unique per campaign, used in simulated ids */
  tag: string;
};

export type RunEvent = SimulatedEvent & { ref: number; arm: string };
export type RunBatch = {
  day: number;
  days: number;
  assigned: { ref: number; arm: string; wave: number; startAt: number }[];
  /** message shares used for this day's wave (adaptive allocation only) */
  shares: { key: string; share: number }[] | null;
  events: RunEvent[];
};

/** Days from the first send until the last window closes. */
export function simulationDays(waves: number, windowMs: number): number {
  return waves - 1 + Math.ceil(windowMs / DAY_MS) + 1;
}

export function* runSimulatedCampaign(o: RunOptions): Generator<RunBatch> {
  const source = twinSource(o.model);
  const byWave = new Map<number, RunMember[]>();
  for (const m of o.members) {
    const list = byWave.get(m.wave);
    if (list) list.push(m);
    else byWave.set(m.wave, [m]);
  }
  const armOf = new Map<number, string>();
  const trials = new Map<string, number>(o.messages.map((m) => [m.key, 0]));
  const successes = new Map<string, number>(o.messages.map((m) => [m.key, 0]));
  const succeeded = new Set<number>();
  let buffer: RunEvent[] = [];
  const days = simulationDays(o.waves, o.windowMs);
  for (let day = 0; day < days; day++) {
    const dayStart = o.start + day * DAY_MS;
    let shares: RunBatch['shares'] = null;
    let weights = o.messages;
    if (o.allocation.kind === 'thompson' && day < o.waves && o.messages.length > 1) {
      const t = thompsonShares({
        messages: o.messages.map((m) => ({ successes: successes.get(m.key)!, trials: trials.get(m.key)! })),
        holdoutShare: o.holdoutShare,
        minimumShare: o.allocation.minimumShare,
        seed: o.seed + day,
      });
      weights = o.messages.map((m, i) => ({ key: m.key, weight: t.messageShares[i]! }));
      shares = weights.map((w) => ({ key: w.key, share: w.weight }));
    }
    const assigned: RunBatch['assigned'] = [];
    for (const m of byWave.get(day) ?? []) {
      const arm = m.arm ?? armFromBucket(m.bucket, weights, o.holdoutShare).key;
      const startAt = dayStart + Math.floor(((m.bucket * 7919) % 1) * 20 * 60) * 1000;
      armOf.set(m.ref, arm);
      assigned.push({ ref: m.ref, arm, wave: m.wave, startAt });
      if (trials.has(arm)) trials.set(arm, trials.get(arm)! + 1);
      const message = o.truth.messages[arm] ? { key: arm, truth: o.truth.messages[arm]! } : null;
      const { customer } = modelCustomerFor(source, { key: m.key, index: m.ref, startAt, priorOrders: m.priorOrders });
      for (const e of simulateMember(
        { model: o.model, channel: o.channel, windowMs: o.windowMs, seed: o.seed, tag: o.tag },
        { index: m.ref, customer, message, group: m.group, startAt },
      )) {
        buffer.push({ ...e, ref: m.ref, arm });
      }
    }
    const until = day === days - 1 ? Number.POSITIVE_INFINITY : dayStart + DAY_MS;
    buffer.sort((a, b) => a.ts - b.ts);
    let n = 0;
    while (n < buffer.length && buffer[n]!.ts < until) n++;
    const events = buffer.slice(0, n);
    buffer = buffer.slice(n);
    for (const e of events) {
      const isSuccess = o.goal === 'click' ? e.type === 'click' : e.type === 'purchase';
      if (isSuccess && !succeeded.has(e.ref) && successes.has(e.arm)) {
        succeeded.add(e.ref);
        successes.set(e.arm, successes.get(e.arm)! + 1);
      }
    }
    yield { day, days, assigned, shares, events };
  }
}
