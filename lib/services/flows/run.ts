import 'server-only';
import type { Transporter } from 'nodemailer';
import { db } from '@/lib/db/client';
import {
  dueEnrollments,
  emailsSentSince,
  enabledFlows,
  ensureStepRun,
  lifecycleOf,
  purchasedAfter,
  setStepRunOutcome,
  updateEnrollment,
  type DueEnrollment,
} from '@/lib/db/flows';
import { DAY_MS, nextAction, type Arm, type Place } from '@/lib/engine/flows';
import type { FlowCondition, FlowStep } from '@/lib/schemas/flows';
import type { StoredSmtp } from '@/lib/schemas/email';
import { loadSmtp, smtpConnections } from '../email/smtp';
import { groupCommit } from '../email/writes';
import { getShopSettings } from '../settings';
import { loadFlow, segmentLookup, type LoadedFlow, type SegmentLookup } from './loaded';
import { pageFacts, type PageFacts } from './page';
import { sendFlowEmail, sendFlowWebhook, type Senders } from './senders';
import { scanTrigger } from './triggers';

/** Passes read per page when advancing. */
const PAGE = 500;
/**
 * Customers whose passes advance at once, per connection of the SMTP pool (`smtpConnections`). A send waits mostly:
 * on the mail server (most of it, on this machine, the server's delayed ACK at the end of the message) and on the
 * commits of its rows (grouped, see `groupCommit`). Four lanes per connection keep the pool busy while others wait on
 * commits.
 */
const LANES_PER_CONNECTION = 4;
/**
 * How long a group of the lanes' writes gathers before it commits (or until every lane waits on one): groups of ten
 * and more instead of one or two, for about 2 ms less CPU per send measured on 1,000 sends.
 */
const GATHER_MS = 20;
/** When the mail server asks to try later, the pass is looked at again after this long. */
const RETRY_MS = 15 * 60_000;

export type FlowRunOptions = {
  /** the flow clock (tests and the benchmark move it; default: now) */
  now?: Date;
  /** the caller's SMTP transport (the caller closes it); default: one opened on the first send, closed at the end */
  transport?: Transporter;
  smtp?: StoredSmtp;
  retryDelayMs?: number;
  /** tests only: a webhook on this machine, and the certificate authority of its self-signed certificate */
  allowPrivateWebhooks?: boolean;
  webhookCa?: string;
  signal?: AbortSignal;
};
export type FlowRunStats = { flows: number; entered: number; steps: number; sent: number; skipped: number };

/**
 * One run of every enabled flow at `now`: triggers first (new passes), then every pass that is due, step by step
 * until it sleeps (a wait, quiet hours, a deferred e-mail), finishes or leaves. Each send step runs at most once per
 * pass (FlowStepRun), and its e-mail at most once (EmailSend keyed by the step run), so a run repeated after a crash
 * or on top of another one does not send twice.
 */
export async function runFlows(opts: FlowRunOptions = {}): Promise<FlowRunStats> {
  const now = opts.now ?? new Date();
  const stats: FlowRunStats = { flows: 0, entered: 0, steps: 0, sent: 0, skipped: 0 };
  const flows = (await Promise.all((await enabledFlows(db)).map(loadFlow))).filter((f): f is LoadedFlow => !!f);
  if (!flows.length) return stats;
  stats.flows = flows.length;
  const segments = await segmentLookup();
  for (const f of flows) stats.entered += await scanTrigger(f, now, segments);
  const byId = new Map(flows.map((f) => [f.row.id, f]));
  const { timezone } = await getShopSettings();
  const lanes = LANES_PER_CONNECTION * smtpConnections(opts.smtp ?? (await loadSmtp()));
  const senders: Senders = { opts, now, write: groupCommit({ gatherMs: GATHER_MS, flushAt: lanes }) };
  try {
    for (;;) {
      if (opts.signal?.aborted) throw new Error('cancelled');
      const due = await dueEnrollments(db, [...byId.keys()], now, PAGE);
      if (!due.length) break;
      const c: Ctx = { now, timezone, segments, senders, stats, page: pageFacts(due) };
      await inLanes(byCustomer(due), lanes, opts.signal, async (passes) => {
        for (const e of passes) await advance(byId.get(e.flowId)!, e, c);
      });
    }
  } finally {
    // only the connection this run opened: a transport passed in belongs to the caller, and a closed nodemailer pool
    // never answers a later sendMail (the benchmark passes one to every run and hung on the third)
    senders.opened?.close();
  }
  return stats;
}

/** A page's passes by customer: one customer's passes advance one after another (the frequency cap counts them). */
function byCustomer(due: DueEnrollment[]) {
  const groups = new Map<number, DueEnrollment[]>();
  for (const e of due) groups.set(e.customerId, [...(groups.get(e.customerId) ?? []), e]);
  return [...groups.values()];
}

/** Runs `work` on every item, `lanes` at a time; after a failure no new item starts, and the first error is thrown. */
async function inLanes<T>(
  items: T[],
  lanes: number,
  signal: AbortSignal | undefined,
  work: (item: T) => Promise<void>,
) {
  let next = 0;
  const errors: unknown[] = [];
  const lane = async () => {
    while (!errors.length && next < items.length) {
      const item = items[next++]!;
      try {
        if (signal?.aborted) throw new Error('cancelled');
        await work(item);
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
  if (errors.length) throw errors[0];
}

type Ctx = {
  now: Date;
  timezone: string;
  segments: SegmentLookup;
  senders: Senders;
  stats: FlowRunStats;
  page: PageFacts;
};

async function condition(test: FlowCondition, e: DueEnrollment, c: Ctx) {
  switch (test.type) {
    case 'lifecycle':
      return test.stages.includes(((await lifecycleOf(db, e.customerId)) ?? '') as never);
    case 'segment':
      return c.segments.isMember(test.segmentId, e.customerId);
    case 'no_purchase':
      return !(await purchasedAfter(db, e.customerId, e.enteredAt));
  }
}

/** Moves one pass on until it has to wait; every stop is written before returning. */
async function advance(flow: LoadedFlow, e: DueEnrollment, c: Ctx) {
  const { def } = flow;
  const now = c.now.getTime();
  const place: Place = {
    stepIndex: e.stepIndex,
    stepAt: e.stepAt.getTime(),
    arm: e.arm as Arm,
    enteredAt: e.enteredAt.getTime(),
  };
  const { write } = c.senders;
  const save = (data: Parameters<typeof updateEnrollment>[2]) =>
    write((tx) => updateEnrollment(tx, e.id, { stepIndex: place.stepIndex, stepAt: new Date(place.stepAt), ...data }));
  for (let guard = 0; guard <= def.steps.length + 1; guard++) {
    const step: FlowStep | undefined = def.steps[place.stepIndex];
    const action = nextAction(def, place, {
      now,
      timeZone: c.timezone,
      purchasedSinceEntry: def.exitOnPurchase && (await c.page.purchasedAfter(e.customerId, e.enteredAt)),
      condition: step?.kind === 'condition' ? await condition(step.test, e, c) : undefined,
      recentEmails:
        (step?.kind === 'email' || step?.kind === 'survey') && def.frequencyCap
          ? await emailsSentSince(db, e.customerId, new Date(now - def.frequencyCap.days * DAY_MS))
          : 0,
    });
    switch (action.type) {
      case 'sleep':
        await save({ nextAt: new Date(action.until) });
        return;
      case 'done':
        await save({ state: 'done', nextAt: c.now });
        return;
      case 'exit':
        await save({ state: 'exited', exitReason: action.reason, nextAt: c.now });
        return;
      case 'advance':
        place.stepIndex = action.to;
        place.stepAt = action.at;
        continue;
      case 'send': {
        const run = await write((tx) => ensureStepRun(tx, e.id, action.stepIndex, c.now));
        if (run.outcome === 'pending') {
          c.stats.steps += 1;
          const outcome =
            action.skip ??
            (step?.kind === 'email' || step?.kind === 'survey'
              ? await sendFlowEmail(flow, e, step, run.id, c.senders, c.page)
              : await sendFlowWebhook(flow, e, step as Extract<FlowStep, { kind: 'webhook' }>, run.id, c.senders));
          if (outcome === 'deferred') {
            await save({ nextAt: new Date(now + RETRY_MS) });
            return;
          }
          await write((tx) => setStepRunOutcome(tx, run.id, outcome));
          if (outcome === 'sent') c.stats.sent += 1;
          else c.stats.skipped += 1;
        }
        // the place is written by the stop this loop ends in; a crash before it repeats nothing (the step run says)
        place.stepIndex = action.stepIndex + 1;
        place.stepAt = now;
        continue;
      }
    }
  }
  // unreachable for a valid definition (every step moves forward); look again later rather than spin
  await save({ nextAt: new Date(now + RETRY_MS) });
}
