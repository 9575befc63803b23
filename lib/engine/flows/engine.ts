/** The flow engine: given a flow's definition, one customer's place in it and the facts now, what happens next. */
import type { FlowDefinition } from '@/lib/schemas/flows';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export type Arm = 'a' | 'b' | 'holdout';

export type EntryDecision = { enter: true; windowKey: number } | { enter: false; reason: 'too_old' | 'reentry' };

/**
 * Whether a trigger at `triggerAt` (the event's own time) starts a pass: not older than `maxTriggerAgeHours` when it
 * is read (`now`), and not within `reentryDays` of the customer's previous entry (either side: a late event older
 * than the last entry counts too). `windowKey` numbers the re-entry window the trigger falls in; the database keeps
 * one pass per flow × customer × window. (What happened before a flow was enabled is never read: its scan starts
 * at the newest event and customer of that moment.)
 * @example entryDecision({ reentryDays: 7, maxTriggerAgeHours: 48 }, { triggerAt: 20 * DAY_MS, now: 20 * DAY_MS, lastEnteredAt: 14 * DAY_MS }) // { enter: false, reason: 'reentry' }
 */
export function entryDecision(
  def: Pick<FlowDefinition, 'reentryDays' | 'maxTriggerAgeHours'>,
  t: { triggerAt: number; now: number; lastEnteredAt: number | null },
): EntryDecision {
  if (t.now - t.triggerAt > def.maxTriggerAgeHours * HOUR_MS) return { enter: false, reason: 'too_old' };
  const window = def.reentryDays * DAY_MS;
  if (t.lastEnteredAt !== null && Math.abs(t.triggerAt - t.lastEnteredAt) < window)
    return { enter: false, reason: 'reentry' };
  return { enter: true, windowKey: Math.floor(t.triggerAt / window) };
}

/** The arms of a flow with their weights: `a` alone, or `a` and `b` split by the split step. */
export function flowArms(def: Pick<FlowDefinition, 'steps'>): { key: 'a' | 'b'; weight: number }[] {
  const split = def.steps.find((s) => s.kind === 'split');
  return split
    ? [
        { key: 'a', weight: 100 - split.percentB },
        { key: 'b', weight: split.percentB },
      ]
    : [{ key: 'a', weight: 1 }];
}

/**
 * The end of the quiet hours when `at` falls inside them in `timeZone`, else null. `start` > `end` spans midnight
 * (21 → 8: 21:00–07:59 is quiet). Whole hours of the zone's wall clock; DST gaps shift the end by the gap.
 * @example quietUntil(Date.UTC(2026, 0, 1, 14), { start: 21, end: 8 }, 'Asia/Shanghai') // 22:00 there → Date.UTC(2026, 0, 2, 0)
 */
export function quietUntil(at: number, quiet: { start: number; end: number } | null, timeZone: string): number | null {
  if (!quiet || quiet.start === quiet.end) return null;
  const hour = localHour(at, timeZone);
  const inside =
    quiet.start < quiet.end ? hour >= quiet.start && hour < quiet.end : hour >= quiet.start || hour < quiet.end;
  if (!inside) return null;
  // step forward to the next whole hour until the local hour is the end hour
  let t = Math.floor(at / HOUR_MS) * HOUR_MS;
  for (let i = 0; i < 48; i++) {
    t += HOUR_MS;
    if (localHour(t, timeZone) === quiet.end) return t - localMinute(t, timeZone) * 60_000;
  }
  return null;
}

function parts(at: number, timeZone: string) {
  const out: Record<string, number> = {};
  for (const p of new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at))
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}
const localHour = (at: number, timeZone: string) => parts(at, timeZone).hour!;
const localMinute = (at: number, timeZone: string) => parts(at, timeZone).minute!;

export type Place = { stepIndex: number; stepAt: number; arm: Arm; enteredAt: number };
export type Facts = {
  now: number;
  timeZone: string;
  /** a purchase after the entry (the trigger's own purchase excluded) */
  purchasedSinceEntry: boolean;
  /** the current step's condition, when it is a condition step */
  condition?: boolean;
  /** e-mails the customer got within the frequency cap's window (campaigns and flows) */
  recentEmails: number;
};

export type Action =
  | { type: 'sleep'; until: number }
  | { type: 'advance'; to: number; at: number }
  | { type: 'send'; channel: 'email' | 'webhook'; stepIndex: number; skip: null | 'holdout' | 'capped' }
  | { type: 'done' }
  | { type: 'exit'; reason: 'purchased' | 'condition' | 'exit_step' };

/**
 * The next action of one pass. Waits count from when the step was reached (a late trigger catches up at once);
 * a split sends arm b to its `bStart` and ends arm a there; the holdout walks arm a's path and receives nothing;
 * a send in quiet hours sleeps until they end; a capped customer's e-mail is skipped, not postponed.
 */
export function nextAction(def: FlowDefinition, place: Place, facts: Facts): Action {
  if (def.exitOnPurchase && facts.purchasedSinceEntry) return { type: 'exit', reason: 'purchased' };
  const split = def.steps.findIndex((s) => s.kind === 'split');
  const end = split >= 0 && place.arm !== 'b' ? (def.steps[split] as { bStart: number }).bStart : def.steps.length;
  if (place.stepIndex >= end) return { type: 'done' };
  const step = def.steps[place.stepIndex]!;
  const next = place.stepIndex + 1;
  switch (step.kind) {
    case 'wait': {
      const until = place.stepAt + step.hours * HOUR_MS;
      return facts.now >= until ? { type: 'advance', to: next, at: until } : { type: 'sleep', until };
    }
    case 'condition':
      return facts.condition ? { type: 'advance', to: next, at: facts.now } : { type: 'exit', reason: 'condition' };
    case 'split':
      return { type: 'advance', to: place.arm === 'b' ? step.bStart : next, at: facts.now };
    case 'exit':
      return { type: 'exit', reason: 'exit_step' };
    case 'email':
    case 'survey':
    case 'webhook': {
      // quiet hours first, so the holdout's path keeps the same timing as the messages it is compared with
      const quiet = quietUntil(facts.now, def.quietHours, facts.timeZone);
      if (quiet !== null) return { type: 'sleep', until: quiet };
      // a survey invitation is an e-mail: the same cap
      const channel = step.kind === 'webhook' ? 'webhook' : 'email';
      if (place.arm === 'holdout') return { type: 'send', channel, stepIndex: place.stepIndex, skip: 'holdout' };
      const capped = channel === 'email' && def.frequencyCap !== null && facts.recentEmails >= def.frequencyCap.max;
      return { type: 'send', channel, stepIndex: place.stepIndex, skip: capped ? 'capped' : null };
    }
  }
}
