import 'server-only';
import { z } from 'zod';
import type { CsvRecord } from '@/lib/csv/tokenizer';
import { openImportStore } from '@/lib/db/import/store';
import { databaseUrl } from '@/lib/db/url';
import { DateParser } from '@/lib/import/dates';
import { resolveMapping } from '@/lib/import/mapping';
import { cleanId } from '@/lib/import/values';
import { importOptionsSchema } from '@/lib/import/options';
import { emptyCleaningReport } from '@/lib/import/report';
import { codedReason, type RejectionCode, type RejectionParams } from '@/lib/import/rejection-codes';
import { issueMessage } from '@/lib/i18n/zod-issue';
import type { Rejection, RowSettings } from '@/lib/import/rows/context';
import { EventsPipeline } from '../imports/events-pipeline';

/** The JSON fields of an event: the same names, rules and cleaning as the events CSV import. */
export const EVENT_FIELDS = [
  'event_id',
  'customer_id',
  'event_type',
  'timestamp',
  'session_id',
  'sku',
  'category',
  'query',
  'quantity',
  'price',
  'value',
  'currency',
  'campaign_id',
  'variant',
  'order_id',
] as const;

const text = (max: number) => z.string().max(max);
const textOrNumber = (max: number) => z.union([z.string().max(max), z.number().finite()]);
export const apiEventSchema = z
  .object({
    event_id: textOrNumber(200).optional(),
    customer_id: textOrNumber(200),
    event_type: text(40),
    timestamp: z.union([z.string().max(64), z.number().int().positive()]),
    session_id: textOrNumber(200).nullish(),
    sku: textOrNumber(200).nullish(),
    category: text(500).nullish(),
    query: text(500).nullish(),
    quantity: z.number().int().nullish(),
    price: z.number().finite().nullish(),
    value: z.number().finite().nullish(),
    currency: text(3).nullish(),
    campaign_id: z.number().int().nullish(),
    variant: textOrNumber(64).nullish(),
    order_id: textOrNumber(200).nullish(),
  })
  .strict();

/**
 * One event's answer. A rejection gives the reason in English with its `code` (catalogue key
 * `importRejections.<code>`) and `params`, for a client to show it in its own language.
 */
export type EventResult = {
  index: number;
  status: 'accepted' | 'rejected';
  reason?: string;
  field?: string | null;
  code?: RejectionCode;
  params?: RejectionParams;
};
export type IngestResult = {
  received: number;
  accepted: number;
  rejected: number;
  inserted: number;
  duplicates: number;
  results: EventResult[];
  customerIds: number[];
};

/**
 * Cells as the CSV import would read them. A timestamp given as a JSON number is read exactly like the same digits
 * in a string: epoch seconds below 10^11, epoch milliseconds from 10^11 (lib/import/dates.ts).
 */
function cell(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

/**
 * Validates and stores a batch of events through the import pipeline (same validation, cleaning, references and
 * dedup keys as the CSV import — an event sent twice, by API or by file, is stored once). Each event gets its own
 * answer; the valid ones are committed in one transaction.
 */
export async function ingestEvents(
  events: unknown[],
  opts: { baseCurrency: string; createMissingCustomers: boolean; url?: string },
): Promise<IngestResult> {
  const results: EventResult[] = new Array(events.length);
  const records: CsvRecord[] = [];
  events.forEach((raw, index) => {
    const parsed = apiEventSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.join('.');
      const { reason, code, params } = codedReason('invalidEventField', {
        field: field || 'event',
        problem: issueMessage(issue),
      });
      results[index] = { index, status: 'rejected', field: field || null, reason, code, params };
      return;
    }
    records.push({ line: index + 1, fields: EVENT_FIELDS.map((f) => cell(parsed.data[f])) });
  });

  const store = await openImportStore(opts.url ?? databaseUrl());
  try {
    const header = [...EVENT_FIELDS];
    const settings: RowSettings = {
      kind: 'events',
      header,
      mapping: resolveMapping('events', header, Object.fromEntries(header.map((h) => [h, h]))),
      delimiter: ',',
      dates: new DateParser({ order: 'dmy', timezone: 'UTC' }),
      decimal: '.',
      baseCurrency: opts.baseCurrency,
      defaultCurrency: opts.baseCurrency,
      rates: await store.currencyRates(),
      report: emptyCleaningReport(),
    };
    const options = importOptionsSchema.parse({
      baseCurrency: opts.baseCurrency,
      createMissingCustomers: opts.createMissingCustomers,
    });
    const pipeline = new EventsPipeline({ kind: 'events', settings, options, store });
    let counts = { inserted: 0, updated: 0, unchanged: 0 };
    const rejectedAt = new Map<number, Rejection>();
    if (records.length) {
      await pipeline.init();
      await store.begin('api');
      try {
        const batch = await pipeline.process(records, true);
        const written = await batch.written;
        await store.commit();
        counts = { ...written, unchanged: written.unchanged + batch.skipped };
        for (const r of batch.rejections) rejectedAt.set(r.line - 1, r);
      } catch (e) {
        await store.rollback();
        throw e;
      }
    }
    const customerIds = new Set<number>();
    for (const rec of records) {
      const index = rec.line - 1;
      const rejection = rejectedAt.get(index);
      if (rejection) {
        const { column, reason, code, params } = rejection;
        results[index] = { index, status: 'rejected', field: column, reason, code, params };
      } else {
        results[index] = { index, status: 'accepted' };
        const id = pipeline.refs.customers.get(cleanId(rec.fields[1]!).id);
        if (id !== undefined) customerIds.add(id);
      }
    }
    const accepted = results.filter((r) => r.status === 'accepted').length;
    return {
      received: events.length,
      accepted,
      rejected: events.length - accepted,
      inserted: counts.inserted,
      duplicates: counts.unchanged + counts.updated,
      results,
      customerIds: [...customerIds],
    };
  } finally {
    await store.close();
  }
}
