import 'server-only';
import type { Transporter } from 'nodemailer';
import { db } from '@/lib/db/client';
import {
  insertPendingSends,
  markInterruptedSends,
  messageAudienceSize,
  moveSend,
  recipientPage,
  sendsOf,
  suppress,
  suppressedAmong,
  templatesOfCampaign,
  type Recipient,
} from '@/lib/db/email';
import type { EmailContent } from '@/lib/email/campaign-email';
import { fillRendered } from '@/lib/email/fill';
import { renderEmailInWorker } from '@/lib/email/render-client';
import { HOLDOUT_KEY } from '@/lib/engine/campaign';
import type { Locale } from '@/lib/i18n/translate';
import type { StoredSmtp } from '@/lib/schemas/email';
import { loadCampaign } from '../campaigns/shared';
import {
  composeContext,
  composeEmail,
  preferredLocale,
  unsubscribeHeaders,
  type ComposeContext,
  type Template,
} from './compose';
import { pacer } from './pace';
import { requireSmtp, smtpCode, transportFor } from './smtp';
import { writeNow, type Write } from './writes';

/** Recipients read, recorded and sent per page. */
export const BATCH = 200;
/** Attempts of one message within a run when the server answers 4xx (try again later) or the connection drops. */
const TRIES = 3;

export type SendStats = {
  sent: number;
  failed: number;
  suppressed: number;
  deferred: number;
  uncertain: number;
  ms: { render: number; recommend: number; smtp: number; total: number };
};

export type SendOptions = {
  signal?: AbortSignal;
  progress?: (fraction: number, note?: string) => void;
  /** a ready transport (tests, benchmark); default: from the stored settings */
  transport?: Transporter;
  smtp?: StoredSmtp;
  /** pause between tries after a 4xx answer (default 2 s, doubled each time) */
  retryDelayMs?: number;
  /** the time recorded as sent (flows pass their clock; default now) */
  now?: () => Date;
  /** waits for the next slot of the configured rate (single sends: the caller's pacer, shared by a run) */
  pace?: () => Promise<void>;
  /** how the send rows are written (single sends side by side: the caller's group commit; default one by one) */
  write?: Write;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function emptyStats(): SendStats {
  return {
    sent: 0,
    failed: 0,
    suppressed: 0,
    deferred: 0,
    uncertain: 0,
    ms: { render: 0, recommend: 0, smtp: 0, total: 0 },
  };
}

/** Why a recipient gets nothing at send time (no address, on the suppression list, no consent or erased), or null. */
export function blockedReason(r: Recipient, suppressed: Set<string>): string | null {
  if (!r.email) return 'no address';
  if (suppressed.has(r.email.toLowerCase())) return 'suppressed';
  return !r.consentEmail || r.erasedAt ? 'no consent' : null;
}

/** The template of a variant in the customer's language, else English, else whichever language exists. */
function pickTemplate(byLocale: Map<string, Template> | undefined, preferred: Locale | null) {
  if (!byLocale?.size) return null;
  const locale =
    (preferred && byLocale.has(preferred) ? preferred : byLocale.has('en') ? 'en' : null) ??
    ([...byLocale.keys()][0] as Locale);
  return { locale, template: byLocale.get(locale)! };
}

/**
 * Sends one wave's e-mails (messages only; the holdout receives nothing). Durable and at most once: every
 * recipient gets a row keyed campaign × customer × step before anything is sent; a row moves pending → sending
 * right before the SMTP transaction and → sent right after, so a re-run after a crash or an outage skips what was
 * sent, and a row a dead worker left in `sending` becomes `uncertain` instead of being sent twice. Consent and the
 * suppression list are read at send time; 4xx answers are retried (then left pending for the job's next attempt),
 * 5xx answers fail the recipient for good, and a 55x mailbox answer suppresses the address as a hard bounce.
 */
export async function sendWaveEmails(campaignId: number, wave: number, opts: SendOptions = {}): Promise<SendStats> {
  const started = performance.now();
  const row = await loadCampaign(campaignId);
  const stats = emptyStats();
  const templates = new Map<number, Map<string, Template>>();
  for (const t of await templatesOfCampaign(db, campaignId)) {
    const m = templates.get(t.variantId) ?? new Map<string, Template>();
    m.set(t.locale, t);
    templates.set(t.variantId, m);
  }
  if (row.channel !== 'email' || templates.size === 0) return stats;
  const smtp = opts.smtp ?? (await requireSmtp());
  const transport = opts.transport ?? transportFor(smtp);
  const ctx = await composeContext(smtp);
  const holdout = new Set(row.variants.filter((v) => v.key === HOLDOUT_KEY).map((v) => v.id));
  stats.uncertain = await markInterruptedSends(db, campaignId, wave);
  const audience = await messageAudienceSize(db, campaignId, HOLDOUT_KEY, wave);
  const pace = pacer(smtp.ratePerMinute);
  try {
    for (let after = 0; ; ) {
      if (opts.signal?.aborted) throw new Error('cancelled');
      const all = await recipientPage(db, campaignId, wave, after, BATCH);
      if (!all.length) break;
      after = all.at(-1)!.customerId;
      const page = all.filter((r) => !holdout.has(r.variantId));
      if (!page.length) continue;
      await insertPendingSends(
        db,
        page.map((r) => ({ campaignId, variantId: r.variantId, customerId: r.customerId, step: wave })),
      );
      const sends = new Map(
        (
          await sendsOf(
            db,
            campaignId,
            wave,
            page.map((r) => r.customerId),
          )
        ).map((s) => [s.customerId, s]),
      );
      const blocked = await suppressedAmong(
        db,
        page.flatMap((r) => (r.email ? [r.email] : [])),
      );
      const due: Due[] = [];
      for (const r of page) {
        const send = sends.get(r.customerId);
        if (send?.status !== 'pending') continue;
        const reason = blockedReason(r, blocked);
        if (reason) {
          if (await moveSend(db, send.id, 'pending', { status: 'suppressed', error: reason })) stats.suppressed += 1;
          continue;
        }
        due.push({ r, send });
      }
      const job = { templates, wave, campaignId, stats, opts };
      // one e-mail ahead: the next is composed and rendered (in the worker thread) while this one goes over SMTP
      const ahead = (i: number) => {
        const p = due[i] ? prepare(ctx, due[i]!, job) : Promise.resolve(null);
        p.catch(() => {}); // awaited below; this only keeps a failure during an SMTP outage from going unhandled
        return p;
      };
      let next = ahead(0);
      for (let i = 0; i < due.length; i += 1) {
        const ready = await next;
        next = ahead(i + 1);
        if (!ready) continue;
        await pace();
        await deliver(transport, due[i]!, ready, job);
      }
      // the job's progress bar: recipients handled so far (the page's label says what the job does)
      const handled = stats.sent + stats.failed + stats.suppressed + stats.uncertain;
      opts.progress?.(audience > 0 ? Math.min(1, handled / audience) : 1);
    }
  } finally {
    if (!opts.transport) transport.close();
  }
  stats.ms.total = performance.now() - started;
  if (stats.deferred > 0) throw new Error(`${stats.deferred} e-mails deferred by the mail server; retrying later`);
  return stats;
}

export type Due = { r: Recipient; send: { id: number; attempts: number } };
export type Job = {
  templates: Map<number, Map<string, Template>>;
  wave: number;
  campaignId: number;
  stats: SendStats;
  opts: SendOptions;
};
type Ready = { ctx: ComposeContext; subject: string; html: string; text: string; unsubscribeUrl: string | null };

/** The e-mail of one recipient, composed and rendered; null (and the row failed) when the variant has no template. */
export async function prepare(ctx: ComposeContext, { r, send }: Due, a: Job): Promise<Ready | null> {
  const picked = pickTemplate(a.templates.get(r.variantId), preferredLocale(r));
  if (!picked) {
    const error = 'no template for this variant';
    if (await (a.opts.write ?? writeNow)((tx) => moveSend(tx, send.id, 'pending', { status: 'failed', error })))
      a.stats.failed += 1;
    return null;
  }
  const where = { campaignId: a.campaignId, variantId: r.variantId, step: a.wave };
  const { content, shape, recommendMs, unsubscribeUrl } = await composeEmail(
    ctx,
    picked.template,
    r,
    where,
    picked.locale,
  );
  a.stats.ms.recommend += recommendMs;
  const t0 = performance.now();
  const { html, text } = shape
    ? fillRendered(await renderShape(ctx, shape.content), shape.fills)
    : await renderEmailInWorker(content);
  a.stats.ms.render += performance.now() - t0;
  return { ctx, subject: content.subject, html, text, unsubscribeUrl };
}

/** Shapes kept per send; past this many (a preheader with merge fields makes one per value) the cache starts over. */
const SHAPES = 500;

/** The rendering of an e-mail shape, once per send (customers of one variant, language and products block share it). */
function renderShape(ctx: ComposeContext, content: EmailContent) {
  const key = JSON.stringify(content);
  let rendered = ctx.shapes.get(key);
  if (!rendered) {
    if (ctx.shapes.size >= SHAPES) ctx.shapes.clear();
    rendered = renderEmailInWorker(content);
    ctx.shapes.set(key, rendered);
    // a failed rendering is not kept: the next e-mail of the shape tries again
    rendered.catch(() => ctx.shapes.delete(key));
  }
  return rendered;
}

/** The SMTP transaction of one prepared e-mail, between the `sending` and `sent` marks of its row. */
export async function deliver(transport: Transporter, { r, send }: Due, m: Ready, a: Job) {
  const { stats } = a;
  const write = a.opts.write ?? writeNow;
  const { ctx, html, text, unsubscribeUrl } = m;
  const messageId = `<c${a.campaignId}.k${r.customerId}.s${a.wave}@precisa>`;
  let attempts = send.attempts;
  for (let tryNo = 1; ; tryNo += 1) {
    attempts += 1;
    if (!(await write((tx) => moveSend(tx, send.id, 'pending', { status: 'sending', attempts })))) return;
    const s0 = performance.now();
    try {
      await transport.sendMail({
        from: ctx.smtp.from,
        to: r.email!,
        replyTo: ctx.smtp.replyTo || undefined,
        subject: m.subject,
        html,
        text,
        messageId,
        headers: unsubscribeHeaders(unsubscribeUrl),
        // base64 parts: Node encodes them natively, where nodemailer's quoted-printable (chosen for the one-line HTML)
        // ran in JavaScript and was the largest part of a flow send's CPU (0.7 of 3.7 ms per send, profiled)
        textEncoding: 'base64',
      });
      stats.ms.smtp += performance.now() - s0;
      const sentAt = a.opts.now?.() ?? new Date();
      await write((tx) => moveSend(tx, send.id, 'sending', { status: 'sent', sentAt, messageId, error: null }));
      stats.sent += 1;
      return;
    } catch (e) {
      stats.ms.smtp += performance.now() - s0;
      const code = smtpCode(e);
      const message = (e instanceof Error ? e.message : String(e)).slice(0, 500);
      if (code !== null && code >= 500) {
        await write(async (tx) => {
          await moveSend(tx, send.id, 'sending', { status: 'failed', error: message });
          if (code >= 550 && code <= 553) await suppress(tx, r.email!, 'hard_bounce', message);
        });
        stats.failed += 1;
        return;
      }
      await write((tx) => moveSend(tx, send.id, 'sending', { status: 'pending', error: message }));
      if (tryNo >= TRIES) {
        // no SMTP answer at all: the server is down; stop here and let the job retry the rest later
        if (code === null) throw new Error(`mail server unreachable: ${message}`);
        stats.deferred += 1;
        return;
      }
      await sleep((a.opts.retryDelayMs ?? 2_000) * 2 ** (tryNo - 1));
    }
  }
}
