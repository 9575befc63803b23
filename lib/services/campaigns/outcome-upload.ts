import 'server-only';
import { db } from '@/lib/db/client';
import { withTransaction } from '@/lib/db/transaction';
import { enqueueJob } from '@/lib/db/jobs';
import { assignedVariants, existingDedupKeys, insertEvents, type NewEvent } from '@/lib/db/campaigns';
import { customerIdsByExternalId } from '@/lib/db/customers';
import { parseCsvBuffer } from '@/lib/csv/reader';
import { sniffDelimiter } from '@/lib/csv/sniff';
import { HOLDOUT_KEY } from '@/lib/engine/campaign';
import { AppError } from '@/lib/errors';
import { DateParser } from '@/lib/import/dates';
import { normaliseEventType } from '@/lib/import/normalise';
import { eventDedupKey } from '@/lib/import/rows/events';
import { codedReason, type CodedReason, type RejectionCode, type RejectionParams } from '@/lib/import/rejection-codes';
import { authorize, type Actor } from '../auth/actor';
import { JOB } from './lifecycle';
import { audit, loadCampaign, parseCampaignId } from './shared';

export const MAX_OUTCOME_BYTES = 50 * 1024 * 1024;
const OUTCOME_TYPES = new Set(['open', 'click', 'purchase', 'feedback', 'exposure']);
const COLUMNS = {
  customer_id: ['customer_id', 'customer', 'customerid', '客户id', '客户'],
  event_type: ['event_type', 'event', 'type', 'outcome', '事件', '类型'],
  timestamp: ['timestamp', 'time', 'date', 'datetime', 'ts', '时间', '日期'],
  value: ['value', 'revenue', 'amount', 'score', '金额', '评分'],
  order_id: ['order_id', 'order', 'orderid', '订单号'],
  variant: ['variant', '版本'],
  event_id: ['event_id', 'id', 'eventid'],
} as const satisfies Record<string, readonly string[]>;

export type OutcomeUploadReport = {
  rows: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  /** Each rejected row's English reason with its code and parameters (catalogue `importRejections.<code>`). */
  problems: OutcomeProblem[];
};
export type OutcomeProblem = { line: number } & CodedReason;

/**
 * An outcome file for one launched campaign (marketers): one row per open, click, purchase, exposure or feedback
 * score, by the shop's customer id. Rows are tied to the customer's assigned variant (a stated variant must match
 * it), stored as events, and the outcomes recomputed. Re-uploading the same file adds nothing.
 */
export async function uploadOutcomes(
  actor: Actor | null,
  id: unknown,
  file: Buffer | (() => Promise<Buffer>),
): Promise<OutcomeUploadReport> {
  const user = authorize(actor, 'campaigns:edit');
  const campaignId = parseCampaignId(id);
  const row = await loadCampaign(campaignId);
  if (row.status === 'draft' || row.status === 'scheduled')
    throw new AppError('CONFLICT', 'campaigns.errors.notLaunched');
  if (row.isSimulated) throw new AppError('CONFLICT', 'campaigns.errors.simulatedUpload');
  // the body is read only once the caller is known to be allowed (an upload can be large)
  const body = typeof file === 'function' ? await file() : file;
  if (body.length > MAX_OUTCOME_BYTES) throw new AppError('INVALID_INPUT', 'campaigns.errors.fileTooLarge');
  let text = body;
  if (text[0] === 0xef && text[1] === 0xbb && text[2] === 0xbf) text = text.subarray(3);
  const { delimiter } = sniffDelimiter(text);
  const records = parseCsvBuffer(text, { delimiter });
  const head = records.shift();
  if (!head) throw new AppError('INVALID_INPUT', 'campaigns.errors.emptyFile');
  const names = head.fields.map((f) => f.trim().toLowerCase());
  const col = Object.fromEntries(
    Object.entries(COLUMNS).map(([k, alts]) => [k, names.findIndex((n) => (alts as readonly string[]).includes(n))]),
  ) as Record<keyof typeof COLUMNS, number>;
  if (col.customer_id < 0 || col.event_type < 0 || col.timestamp < 0)
    throw new AppError('INVALID_INPUT', 'campaigns.errors.outcomeColumns');
  const variants = new Map(row.variants.map((v) => [v.id, v]));
  const dates = new DateParser({ order: 'mdy' });
  const problems: OutcomeProblem[] = [];
  const problem = (line: number, code: RejectionCode, params: RejectionParams = {}) =>
    problems.push({ line, ...codedReason(code, params) });
  const parsed: {
    line: number;
    customer: string;
    type: string;
    ts: number;
    value: number | null;
    orderRef: string | null;
    variant: string | null;
    eventId: string | null;
  }[] = [];
  for (const r of records) {
    const cell = (k: keyof typeof COLUMNS) => (col[k] >= 0 ? (r.fields[col[k]] ?? '').trim() : '');
    const reject = (code: RejectionCode, params?: RejectionParams) => problem(r.line, code, params);
    if (r.error) {
      problems.push({ line: r.line, reason: r.error.reason, code: r.error.code, params: r.error.params });
      continue;
    }
    if (r.fields.every((f) => f.trim() === '')) continue;
    const type = normaliseEventType(cell('event_type'));
    if (!type || !OUTCOME_TYPES.has(type)) {
      reject('notOutcome', { value: cell('event_type').slice(0, 30) });
      continue;
    }
    const ts = dates.parse(cell('timestamp'));
    if (!Number.isFinite(ts)) {
      reject('outcomeBadDate', { value: cell('timestamp').slice(0, 40) });
      continue;
    }
    const valueText = cell('value').replace(/[,¥$￥\s]/g, '');
    const value = valueText === '' ? null : Number(valueText);
    if (value !== null && !Number.isFinite(value)) {
      reject('outcomeBadValue', { value: cell('value').slice(0, 30) });
      continue;
    }
    if (!cell('customer_id')) {
      reject('outcomeNoCustomer');
      continue;
    }
    parsed.push({
      line: r.line,
      customer: cell('customer_id'),
      type,
      ts,
      value,
      orderRef: cell('order_id') || null,
      variant: cell('variant') || null,
      eventId: cell('event_id') || null,
    });
  }
  const externalIds = [...new Set(parsed.map((p) => p.customer))];
  const customers = await customerIdsByExternalId(db, externalIds);
  const assignments = await assignedVariants(db, campaignId, [...customers.values()]);
  const events: NewEvent[] = [];
  for (const p of parsed) {
    const customerId = customers.get(p.customer);
    if (customerId === undefined) {
      problem(p.line, 'outcomeUnknownCustomer', { value: p.customer.slice(0, 40) });
      continue;
    }
    const variantId = assignments.get(customerId);
    if (variantId === undefined) {
      problem(p.line, 'notInAudience', { value: p.customer.slice(0, 40) });
      continue;
    }
    const variant = variants.get(variantId)!;
    if (p.variant && p.variant !== variant.key && p.variant !== variant.name) {
      problem(p.line, 'wrongVariant', { value: p.variant.slice(0, 30), assigned: variant.key });
      continue;
    }
    if (variant.key === HOLDOUT_KEY && p.type !== 'purchase') {
      problem(p.line, 'holdoutOutcome');
      continue;
    }
    const dedupKey = p.eventId
      ? `out:${campaignId}:${p.eventId}`
      : eventDedupKey({
          customerId: p.customer,
          type: p.type,
          ts: p.ts,
          value: p.value,
          campaignId,
          variant: variant.key,
          orderId: p.orderRef,
        });
    events.push({
      dedupKey,
      customerId,
      type: p.type,
      ts: new Date(p.ts),
      sessionId: null,
      productId: null,
      categoryId: null,
      quantity: null,
      price: null,
      value: p.value,
      campaignId,
      variantId,
      orderRef: p.orderRef,
      source: 'import',
    });
  }
  const unique = [...new Map(events.map((e) => [e.dedupKey, e])).values()];
  let inserted = 0;
  for (let i = 0; i < unique.length; i += 1000) {
    const chunk = unique.slice(i, i + 1000);
    const existing = await existingDedupKeys(
      db,
      chunk.map((e) => e.dedupKey),
    );
    const fresh = chunk.filter((e) => !existing.has(e.dedupKey));
    await insertEvents(db, fresh);
    inserted += fresh.length;
  }
  const report = {
    rows: records.length,
    inserted,
    duplicates: events.length - inserted,
    rejected: problems.length,
    problems: problems.slice(0, 50),
  };
  await withTransaction(db, async (tx) => {
    await audit(tx, user, 'campaign.outcomes.upload', campaignId, {
      rows: report.rows,
      inserted,
      rejected: report.rejected,
    });
    await enqueueJob(tx, {
      type: JOB.attribute,
      payload: { campaignId },
      idempotencyKey: `campaign:${campaignId}:attribute:upload:${Date.now()}`,
    });
  });
  return report;
}
