/**
 * The web process's serving state. The worker trains in another process, so serving loads the active model version
 * from disk and swaps it in atomically when the serving pointer moves: requests read `state.bundle` once and keep
 * that object, a new version is built beside it and replaces it in one assignment. Freshness, polled at most once a
 * second and never on a request's critical path:
 *   - the pointer (RecModelRun.isServing — one indexed read) → load and swap;
 *   - interactions after the bundle's watermark (events API, imports) → trending counters, and the customers with
 *     newer behaviour (served from the database at request time instead of their precomputed list);
 *   - every 5 s: changed products (stock, active) and settings (repurchasable categories, diversity).
 * Held on globalThis so every route and server component of the process shares one state.
 */
import path from 'node:path';
import { loadCatalogue, productsChangedSince } from '@/lib/db/recommendations/catalogue';
import { rawDb } from '@/lib/db/connections';
import { reader } from '@/lib/db/recommendations/query';
import { readSettingsRaw, servingStamp } from '@/lib/db/recommendations/runs';
import {
  customersWithOrdersChangedSince,
  interactionsAfter,
  loadInteractionSource,
} from '@/lib/db/recommendations/source';
import { env } from '@/lib/env';
import { readArtifact } from '../artifact';
import { eventWeightOf } from '../data';
import { PURCHASE } from '@/lib/engine/recommendation/histories';
import { parseStoredSettings } from '../settings-schema';
import { memoSimilarity } from '@/lib/engine/recommendation/serving-core';
import { applyProductChanges, buildBundle, expandCategories, type Bundle } from './bundle';
import { fallbackBundle } from './fallback';

const POLL_MS = 1_000;
const SLOW_POLL_MS = 5_000;

/** `pointer`: the serving run the bundle was loaded for (a failed load serves the fallback without retrying every poll) */
type State = {
  bundle: Bundle | null;
  pointer: number | null;
  loading: Promise<Loaded> | null;
  polling: Promise<void> | null;
  lastPoll: number;
  lastError: string | null;
};
type Loaded = { bundle: Bundle; pointer: number | null };
const g = globalThis as unknown as { precisaRecommendServing?: State };

function state(): State {
  g.precisaRecommendServing ??= {
    bundle: null,
    pointer: null,
    loading: null,
    polling: null,
    lastPoll: 0,
    lastError: null,
  };
  return g.precisaRecommendServing;
}

export function modelsDir() {
  return path.resolve(env().PRECISA_DATA_DIR, 'models');
}

async function loadCurrent(): Promise<Loaded> {
  const r = reader(rawDb());
  const settings = parseStoredSettings(await readSettingsRaw(r));
  const stamp = await servingStamp(r);
  const catalogue = await loadCatalogue(r);
  if (stamp) {
    try {
      const bundle = buildBundle(await readArtifact(modelsDir(), stamp.artifact), catalogue, settings);
      await catchUp(bundle);
      return { bundle, pointer: stamp.runId };
    } catch (e) {
      state().lastError = `model ${stamp.artifact}: ${e instanceof Error ? e.message : String(e)}`;
      console.error('[recommendations] could not load the serving model; serving popularity instead', e);
    }
  }
  return {
    bundle: fallbackBundle(await loadInteractionSource(rawDb()), catalogue, settings),
    pointer: stamp?.runId ?? null,
  };
}

/** Adds interactions that arrived after the bundle's watermark to its counters. */
async function catchUp(bundle: Bundle) {
  const r = reader(rawDb());
  for (let round = 0; round < 50; round++) {
    const { rows, watermark } = await interactionsAfter(r, bundle.live.watermark, 5000);
    for (const row of rows) {
      const item = bundle.itemIndex.get(row.productId);
      if (item !== undefined)
        bundle.popularity.add(item, eventWeightOf(bundle.meta.settings, row.kind), row.ts, row.kind === PURCHASE);
      bundle.live.changed.add(row.customerId);
    }
    markTouched(
      bundle,
      rows.map((row) => row.customerId),
    );
    const moved =
      watermark.eventId !== bundle.live.watermark.eventId || watermark.lineId !== bundle.live.watermark.lineId;
    bundle.live.watermark = watermark;
    if (!moved || rows.length < 100) break;
  }
  await ordersChanged(bundle);
}

/**
 * Customers whose orders changed since the last look (completed, cancelled or returned after their lines were read):
 * their history changed without a new line, so they are served from the database and their cached answers end.
 */
async function ordersChanged(bundle: Bundle) {
  const since = bundle.live.ordersSince;
  // overlap: a write committed just before this look; never before the model's read (its orders are in the model)
  bundle.live.ordersSince = Math.max(since, Date.now() - 2_000);
  const customers = await customersWithOrdersChangedSince(reader(rawDb()), since);
  for (const id of customers) bundle.live.changed.add(id);
  markTouched(bundle, customers);
}

/**
 * Customers with new behaviour: their cached answers are stale. The round moves after the rows were read, so an answer
 * computed before this point is never taken for one that saw them.
 */
function markTouched(bundle: Bundle, customers: readonly number[]) {
  if (!customers.length) return;
  const round = ++bundle.live.round;
  for (const id of customers) bundle.live.touched.set(id, round);
}

/** Events this process has just stored: their customers' cached answers end now rather than at the next poll. */
export function noteNewBehaviour(customerIds: readonly number[]) {
  const bundle = state().bundle;
  if (bundle) markTouched(bundle, customerIds);
}

async function refreshSlow(bundle: Bundle) {
  const now = Date.now();
  if (now - bundle.live.productsCheckedAt < SLOW_POLL_MS) return;
  const r = reader(rawDb());
  const since = bundle.live.productsCheckedAt - 2_000; // overlap: a write committed just before the last check
  bundle.live.productsCheckedAt = now;
  applyProductChanges(bundle, await productsChangedSince(r, since));
  const settings = parseStoredSettings(await readSettingsRaw(r));
  if (JSON.stringify(settings.contentWeights) !== JSON.stringify(bundle.settings.contentWeights)) {
    bundle.content = bundle.content.withWeights(settings.contentWeights);
    bundle.similarity = memoSimilarity(bundle.content, bundle.nItems);
  }
  // any setting (diversity, repurchasable categories, content weights) changes answers: cached ones are stale
  if (JSON.stringify(settings) !== JSON.stringify(bundle.settings)) bundle.live.version++;
  bundle.settings = settings;
  bundle.repurchasable = expandCategories(bundle.categories.values(), settings.repurchasableCategoryIds);
}

async function poll(s: State) {
  s.lastPoll = Date.now();
  const current = s.bundle;
  if (!current) return;
  const stamp = await servingStamp(reader(rawDb()));
  if ((stamp?.runId ?? null) !== s.pointer) {
    const next = await loadCurrent();
    s.bundle = next.bundle;
    s.pointer = next.pointer;
    return;
  }
  await catchUp(current);
  await refreshSlow(current);
}

/** The bundle to serve this request (loads it on first use; later requests trigger a background refresh). */
export async function servingBundle(): Promise<Bundle> {
  const s = state();
  if (!s.bundle) {
    s.loading ??= loadCurrent().finally(() => (s.loading = null));
    const loaded = await s.loading;
    s.bundle ??= loaded.bundle;
    s.pointer = loaded.pointer;
    s.lastPoll = Date.now();
    return s.bundle;
  }
  if (Date.now() - s.lastPoll >= POLL_MS && !s.polling) {
    s.polling = poll(s)
      .then(() => {
        s.lastError = null;
      })
      .catch((e) => {
        s.lastError = e instanceof Error ? e.message : String(e);
        console.error('[recommendations] refresh failed', e);
      })
      .finally(() => (s.polling = null));
  }
  return s.bundle;
}

/** Waits for a complete refresh now (after serving a new version from the UI, and in tests). */
export async function syncServing(): Promise<Bundle> {
  const s = state();
  if (!s.bundle) return servingBundle();
  await s.polling;
  s.bundle.live.productsCheckedAt = 0;
  s.polling = poll(s).finally(() => (s.polling = null));
  await s.polling;
  return s.bundle!;
}

/** What is being served, for the Recommendations page. */
export function servingStatus() {
  const s = state();
  return {
    runId: s.bundle?.runId ?? null,
    model: s.bundle?.model ?? null,
    version: s.bundle?.version ?? null,
    loadedAt: s.bundle?.meta.createdAt ?? null,
    lastError: s.lastError,
  };
}

/** Forgets the loaded bundle (tests switching databases). */
export function resetServing() {
  g.precisaRecommendServing = undefined;
}
