import { db } from '@/lib/db/client';
import { loadPortraitSource } from '@/lib/db/portraits/load';
import { getSettingValue } from '@/lib/db/settings';
import { groupPortraitColumns } from '@/lib/engine/portrait/group-columns';
import { scoreWithModels } from '@/lib/engine/portrait/score-stored';
import { ensureTags, writePortraitBatch, type TagDefinition, type TagRow } from '@/lib/db/portraits/write';
import { refreshRuleTagsFor } from '@/lib/services/tags/rule-tags';
import { MODEL_KEY, parseModelState } from './model-state';
import { portraitOptionsOf } from './settings';
import { fixedTagDefinitions, interestTagDefinition, toRows } from './system-tags';
import { rawDb } from '@/lib/db/connections';

export type RefreshResult =
  | { type: 'refreshed'; customers: number; asOf: number; ms: number }
  | { type: 'skipped'; reason: 'no-customers' | 'no-model'; ms: number };

/** Largest batch one call handles; larger lists are refreshed in chunks of this size. */
export const REFRESH_CHUNK = 1000;

/**
 * Incremental portrait refresh for a few customers, for the events API (and the tail of a full recompute): loads
 * only their orders and events, scores them with the models stored by the last full recompute — RFM against the
 * stored quintile cut points, lifecycle, BG/NBD P(alive) and expected purchases, Gamma-Gamma CLV, churn
 * probability, interest tags — and rewrites their CustomerProfile row, system tags and rule-tag memberships in one
 * transaction. Nothing is refitted; the next full recompute refits. Internal: callers authorise first (the events
 * API checks its key's events:write scope).
 *
 * The reference time is the later of the stored models' asOf and the customers' newest order or event (never later
 * than now), so a new event counts as "today" for its customer.
 *
 * @example
 * // in the events API, after the batch is committed:
 * await refreshCustomers([...new Set(accepted.map((e) => e.customerId))]);
 */
export async function refreshCustomers(
  customerIds: readonly number[],
  options: { now?: number } = {},
): Promise<RefreshResult> {
  const started = performance.now();
  const ids = [...new Set(customerIds)].filter((id) => Number.isSafeInteger(id) && id > 0);
  if (ids.length === 0) return { type: 'skipped', reason: 'no-customers', ms: 0 };
  const model = parseModelState(await getSettingValue(db, MODEL_KEY));
  if (!model) return { type: 'skipped', reason: 'no-model', ms: Math.round(performance.now() - started) };
  const now = options.now ?? Date.now();
  const raw = rawDb();
  let refreshed = 0;
  let asOf = model.asOf;
  for (let i = 0; i < ids.length; i += REFRESH_CHUNK) {
    const chunk = ids.slice(i, i + REFRESH_CHUNK);
    const shop = groupPortraitColumns(await loadPortraitSource(raw, { customerIds: chunk }), { now: Date.now() });
    if (shop.n === 0) continue;
    asOf = Math.max(model.asOf, Math.min(now, Number.isFinite(shop.dataEnd) ? shop.dataEnd : model.asOf));
    const results = scoreWithModels(shop, model, { ...portraitOptionsOf(model.settings), asOf });
    const defs = new Map<string, TagDefinition>(fixedTagDefinitions().map((d) => [d.key, d]));
    for (const r of results) for (const t of r.tags) if (!defs.has(t.key)) defs.set(t.key, interestTagDefinition(t));
    const tagIds = await ensureTags(raw, [...defs.values()], now);
    const profiles = [];
    const tags: TagRow[] = [];
    for (const r of results) {
      const rows = toRows(r, model);
      profiles.push(rows.profile);
      for (const t of rows.tags)
        tags.push({ customerId: r.customerId, tagId: tagIds.get(t.key)!, score: t.score, reason: t.reason });
    }
    await writePortraitBatch(raw, { profiles, tags, scope: { customerIds: results.map((r) => r.customerId) }, now });
    await refreshRuleTagsFor(
      results.map((r) => r.customerId),
      { now },
    );
    refreshed += results.length;
  }
  return { type: 'refreshed', customers: refreshed, asOf, ms: Math.round(performance.now() - started) };
}
