import 'server-only';
import type { Transporter } from 'nodemailer';
import { db } from '@/lib/db/client';
import {
  insertPendingSend,
  markInterruptedSends,
  moveSend,
  recipientById,
  sendsOf,
  suppressedAmong,
  type MessageCustomer,
  type Recipient,
} from '@/lib/db/email';
import type { ComposeContext, Template } from './compose';
import { blockedReason, deliver, emptyStats, prepare, type Due, type Job, type SendOptions } from './send';
import { writeNow } from './writes';

export type SingleSendOutcome = 'sent' | 'failed' | 'suppressed' | 'uncertain' | 'deferred' | 'missing';

type SingleSend = {
  campaignId: number;
  variantId: number;
  customerId: number;
  step: number;
  templates: Map<string, Template>;
  /** the customer and the suppressed addresses, when the caller read them for a page of sends (default: read now) */
  known?: { customer: MessageCustomer | null; suppressed: Set<string> };
};

/**
 * One e-mail to one customer for one step (automated flows), on the same path as a wave: a row keyed
 * campaign × customer × step first, consent and the suppression list read now (or with the caller's page), at most
 * once (a row left in `sending` becomes `uncertain`). Returns what became of it, also when an earlier run decided.
 */
export async function sendSingleEmail(
  ctx: ComposeContext,
  transport: Transporter,
  input: SingleSend,
  opts: SendOptions = {},
): Promise<SingleSendOutcome> {
  const { campaignId, variantId, customerId, step, known } = input;
  const customer = known ? known.customer : await recipientById(db, customerId);
  if (!customer) return 'missing';
  const write = opts.write ?? writeNow;
  const created = await write((tx) => insertPendingSend(tx, { campaignId, variantId, customerId, step }));
  const send = created
    ? { id: created, status: 'pending', attempts: 0 }
    : (await sendsOf(db, campaignId, step, [customerId]))[0];
  if (!send) return 'missing';
  if (send.status === 'sending') {
    // a worker died during its SMTP transaction: maybe sent, so never again
    await write((tx) => markInterruptedSends(tx, campaignId, step));
    return 'uncertain';
  }
  if (send.status !== 'pending') return send.status as SingleSendOutcome;
  const r: Recipient = { ...customer, customerId, variantId };
  const blocked = known?.suppressed ?? (r.email ? await suppressedAmong(db, [r.email]) : new Set<string>());
  const reason = blockedReason(r, blocked);
  if (reason) {
    await write((tx) => moveSend(tx, send.id, 'pending', { status: 'suppressed', error: reason }));
    return 'suppressed';
  }
  const stats = emptyStats();
  const job: Job = { templates: new Map([[variantId, input.templates]]), wave: step, campaignId, stats, opts };
  const due: Due = { r, send };
  const ready = await prepare(ctx, due, job);
  if (ready) {
    await opts.pace?.();
    await deliver(transport, due, ready, job);
  }
  return stats.sent ? 'sent' : stats.failed ? 'failed' : 'deferred';
}
