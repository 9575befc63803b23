import { db } from '@/lib/db/client';
import { customersChangedSince, loadPortraitSource } from '@/lib/db/portraits/load';
import { scheduleNightlyPortraitJob } from '@/lib/db/portraits/state';
import { getSettingValue, putSettingValue } from '@/lib/db/settings';
import { groupPortraitColumns } from '@/lib/engine/portrait/group-columns';
import {
  ensureTags,
  markTagsComputed,
  snapshotCoverage,
  writePortraitBatch,
  type TagDefinition,
  type TagRow,
} from '@/lib/db/portraits/write';
import { MS_PER_DAY } from '@/lib/engine/portrait/types';
import { materialiseRuleTags } from '@/lib/services/tags/rule-tags';
import { computeFull } from './compute';
import { MODEL_KEY, SETTINGS_KEY, type PortraitModelState } from './model-state';
import { refreshCustomers } from './refresh';
import { parsePortraitSettings } from './settings';
import { fixedTagDefinitions, interestTagDefinition, SYSTEM_FAMILIES, toRows } from './system-tags';
import { rawDb } from '@/lib/db/connections';

export type RecomputeOptions = {
  signal?: AbortSignal;
  /** progress 0..1 with a stage key (load, rfm+lifecycle, value-fit, …, write, rules, coverage, done) */
  progress?: (fraction: number, stage: string) => void;
  /** reference time (default: the latest order or event, but not later than now) */
  asOf?: number;
  /** customers per write transaction (default 2,000) */
  batchSize?: number;
};

export type RecomputeSummary = {
  asOf: number;
  customers: number;
  tagAssignments: number;
  refreshedAfter: number;
  durationMs: number;
  timings: Record<string, number>;
};

const checkAbort = (signal?: AbortSignal) => {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('cancelled');
};

/**
 * The full tag and portrait recompute (the `portraits` job): loads orders, events, products and categories in one
 * snapshot, fits and applies every model (compute.ts), writes CustomerProfile rows and system tags in batched
 * transactions (each batch replaces its customers' system tags, so a re-run gives the same rows), re-materialises
 * rule tags, records today's TagCoverage, stores the fitted models for the incremental refresh, and finally
 * refreshes the customers whose events or orders arrived while it ran.
 */
export async function recomputePortraits(options: RecomputeOptions = {}): Promise<RecomputeSummary> {
  const started = performance.now();
  const now = Date.now();
  const report = (fraction: number, stage: string) => options.progress?.(Math.min(1, Math.max(0, fraction)), stage);
  const timings: Record<string, number> = {};
  let t0 = performance.now();
  const lap = (name: string) => {
    timings[name] = Math.round(performance.now() - t0);
    t0 = performance.now();
  };
  const raw = rawDb();
  const settings = parsePortraitSettings(await getSettingValue(db, SETTINGS_KEY));

  report(0.01, 'load');
  const src = await loadPortraitSource(raw);
  lap('load');
  checkAbort(options.signal);
  const shop = groupPortraitColumns(src, { now: Date.now() });
  const watermark = src.watermark;
  const counts = { customers: shop.n, orders: src.orders.customer.length, events: src.events.customer.length };
  lap('group');
  const asOf = options.asOf ?? (Number.isFinite(shop.dataEnd) ? Math.min(now, shop.dataEnd) : now);

  const {
    results,
    models,
    timings: computeTimings,
  } = await computeFull(shop, settings, {
    asOf,
    onStage: (stage, fraction) => {
      checkAbort(options.signal);
      report(0.2 + 0.5 * fraction, stage);
    },
  });
  Object.assign(timings, computeTimings);
  t0 = performance.now();

  report(0.7, 'write');
  const defs = new Map<string, TagDefinition>(fixedTagDefinitions().map((d) => [d.key, d]));
  for (const r of results) for (const t of r.tags) if (!defs.has(t.key)) defs.set(t.key, interestTagDefinition(t));
  const tagIds = await ensureTags(raw, [...defs.values()], now, { refreshLabels: true });
  const batchSize = options.batchSize ?? 2000;
  let tagAssignments = 0;
  for (let from = 0; from < results.length; from += batchSize) {
    checkAbort(options.signal);
    const slice = results.slice(from, from + batchSize);
    const profiles = [];
    const tags: TagRow[] = [];
    for (const r of slice) {
      const rows = toRows(r, models);
      profiles.push(rows.profile);
      for (const t of rows.tags)
        tags.push({ customerId: r.customerId, tagId: tagIds.get(t.key)!, score: t.score, reason: t.reason });
    }
    tagAssignments += tags.length;
    await writePortraitBatch(raw, {
      profiles,
      tags,
      scope: { range: [from === 0 ? 0 : slice[0]!.customerId, slice[slice.length - 1]!.customerId] },
      now,
    });
    report(0.7 + (0.2 * (from + slice.length)) / results.length, 'write');
  }
  lap('write');
  await markTagsComputed(raw, { families: SYSTEM_FAMILIES }, now);

  report(0.9, 'rules');
  await materialiseRuleTags({ now });
  lap('rules');

  const withOrders = results.filter((r) => r.orderCount > 0).length;
  let withEvents = 0;
  for (let k = 1; k <= shop.n; k++) if (shop.events.start[k + 1]! > shop.events.start[k]!) withEvents++;
  const state: PortraitModelState = {
    version: 1,
    computedAt: now,
    durationMs: Math.round(performance.now() - started),
    timings,
    counts: { ...counts, withOrders, withEvents, tagAssignments },
    settings,
    ...models,
    watermark,
  };
  await putSettingValue(db, MODEL_KEY, state);

  report(0.95, 'coverage');
  await snapshotCoverage(raw, Math.floor(now / MS_PER_DAY) * MS_PER_DAY);
  lap('coverage');

  const changed = await customersChangedSince(raw, watermark);
  for (let i = 0; i < changed.length; i += 1000) await refreshCustomers(changed.slice(i, i + 1000));
  lap('catch-up');
  await scheduleNightlyPortraitJob(db, nextNightly(now));
  report(1, 'done');
  return {
    asOf,
    customers: results.length,
    tagAssignments,
    refreshedAfter: changed.length,
    durationMs: Math.round(performance.now() - started),
    timings,
  };
}

/** 03:00 UTC of the next day: when the nightly recompute refreshes recency, lifecycle and the models. */
export function nextNightly(now: number) {
  return new Date(Math.floor(now / MS_PER_DAY) * MS_PER_DAY + MS_PER_DAY + 3 * 3_600_000);
}
