import 'server-only';
import { db } from '@/lib/db/client';
import { getSettingValue } from '@/lib/db/settings';
import { withTransaction } from '@/lib/db/transaction';
import {
  customerFeatures,
  deleteAssignments,
  deleteOutcomes,
  deleteSimulatedEvents,
  insertAssignments,
  insertEvents,
  latestRealDataTime,
  preSpend,
  productIdsBySku,
  transitionCampaign,
  type NewAssignment,
  type NewEvent,
} from '@/lib/db/campaigns';
import {
  armFromBucket,
  drawSimulationTruth,
  hashUnit,
  runSimulatedCampaign,
  simulationDays,
  waveOf,
  type Channel,
  type Goal,
  type RunMember,
} from '@/lib/engine/campaign';
import {
  buildShopModel,
  DEFAULT_SHOP_OPTIONS,
  type ShopModel,
  type ShopModelOptions,
} from '@/lib/engine/simulate/index';
import { AppError } from '@/lib/errors';
import { eligibleMembers } from './audience';
import { recomputeOutcomes } from './attribution';
import { armsOf, audienceDefinition, audit, DAY_MS, HOUR_MS, loadCampaign, messagesOf, settingsOf } from './shared';

/**
 * Simulation mode. The campaign is played against the demo shop model (lib/engine/simulate): its customers' hidden
 * traits when the audience comes from the generated demo shop (same ids), "behavioural twins" otherwise, with hidden
 * true effects per message and per customer group drawn from a seed that is stored but never shown. Simulated time
 * ends now, or starts right after the newest real data if that is older, so results are available at once. Events
 * are stored with source "simulation" and keys `sim:<campaign>:<n>`. They stand for the customers' responses, so
 * segments, portraits and recommendations see them like any behaviour (in the demo, "opened the simulated campaign"
 * is a segment a marketer can build); pre-period metrics, attribution and other campaigns' results leave them out.
 */
let cachedModel: { key: string; model: ShopModel } | null = null;

async function shopModel(): Promise<ShopModel> {
  const stored = (await getSettingValue(db, 'demo.shop')) as Partial<ShopModelOptions> | null;
  const options: ShopModelOptions = { ...DEFAULT_SHOP_OPTIONS, ...(stored ?? {}) };
  const key = JSON.stringify(options);
  if (!cachedModel || cachedModel.key !== key) cachedModel = { key, model: buildShopModel(options) };
  return cachedModel.model;
}

const CHUNK = 1000;

export async function runSimulation(
  campaignId: number,
  { signal, progress }: { signal?: AbortSignal; progress?: (f: number, note?: string) => void } = {},
) {
  const row = await loadCampaign(campaignId);
  if (!row.isSimulated || row.status !== 'scheduled') return { skipped: row.status };
  const settings = settingsOf(row);
  const seed = settings.simulation?.seed;
  if (!seed) throw new AppError('CONFLICT', 'campaigns.errors.noSeed');
  const waves = Math.max(1, settings.sendDays);
  const windowMs = row.attributionWindowHours * HOUR_MS;
  const days = simulationDays(waves, windowMs);
  const latest = await latestRealDataTime(db, Date.now() + DAY_MS);
  const now = Date.now();
  const start = Math.floor(Math.min(now - days * DAY_MS, latest === null ? now : latest + HOUR_MS) / HOUR_MS) * HOUR_MS;
  // A re-run after a crash starts from scratch: the job is idempotent.
  await deleteSimulatedEvents(db, campaignId);
  await deleteOutcomes(db, campaignId);
  await deleteAssignments(db, campaignId);
  progress?.(0.02, 'audience');

  const { definition, resolve } = await audienceDefinition(row);
  const messages = messagesOf(row);
  const weights = messages.map((m) => ({ key: m.key, weight: m.weight }));
  const isAdaptive = row.allocation === 'thompson' && messages.length > 1;
  const ids: { id: number; key: string }[] = [];
  for await (const m of eligibleMembers(definition, row.channel as Channel, resolve))
    ids.push({ id: m.id, key: m.externalId });
  const members: RunMember[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const [pre, features] = await Promise.all([
      preSpend(
        db,
        chunk.map((c) => c.id),
        start,
      ),
      customerFeatures(
        db,
        chunk.map((c) => c.id),
        start,
      ),
    ]);
    const orders = new Map(features.map((f) => [f.customerId, f.orders]));
    for (const c of chunk) {
      const bucket = hashUnit(row.salt, c.key);
      members.push({
        ref: c.id,
        key: c.key,
        group: (pre.get(c.id) ?? 0) > 0 ? 'returning' : 'new',
        priorOrders: orders.get(c.id) ?? 0,
        wave: waves > 1 ? waveOf(row.salt, c.key, waves) : 0,
        bucket,
        arm: isAdaptive ? null : armFromBucket(bucket, weights, row.holdoutShare).key,
      });
    }
  }
  const model = await shopModel();
  const truth = drawSimulationTruth({ seed, messageKeys: messages.map((m) => m.key) });
  const variantOf = new Map(armsOf(row).map((a) => [a.key, a.variantId]));
  const skuCache = new Map<string, { id: number; categoryId: number | null } | null>();
  const history: { wave: number; at: number; shares: Record<string, number> }[] = [];
  let counter = 0;
  let assigned = 0;
  for (const batch of runSimulatedCampaign({
    model,
    members,
    truth,
    channel: row.channel as Channel,
    goal: row.goal as Goal,
    messages: weights,
    holdoutShare: row.holdoutShare,
    allocation: isAdaptive ? { kind: 'thompson', minimumShare: settings.minimumShare } : { kind: 'fixed' },
    waves,
    start,
    windowMs,
    seed,
    tag: String(campaignId),
  })) {
    if (signal?.aborted) throw new Error('cancelled');
    const missing = [...new Set(batch.events.flatMap((e) => (e.sku && !skuCache.has(e.sku) ? [e.sku] : [])))];
    const found = await productIdsBySku(db, missing);
    for (const s of missing) skuCache.set(s, found.get(s) ?? null);
    const assignments: NewAssignment[] = batch.assigned.map((a) => {
      const isHoldout = !truth.messages[a.arm];
      return {
        campaignId,
        customerId: a.ref,
        variantId: variantOf.get(a.arm)!,
        assignedAt: new Date(a.startAt),
        exposedAt: isHoldout ? null : new Date(a.startAt),
        exposures: isHoldout ? 0 : 1,
        wave: a.wave,
      };
    });
    const events: NewEvent[] = batch.events.map((e) => {
      const product = e.sku ? skuCache.get(e.sku) : null;
      return {
        dedupKey: `sim:${campaignId}:${++counter}`,
        customerId: e.ref,
        type: e.type,
        ts: new Date(e.ts),
        sessionId: e.sessionId,
        productId: product?.id ?? null,
        categoryId: product?.categoryId ?? null,
        quantity: e.quantity,
        price: e.price,
        value: e.value,
        campaignId: e.isTagged ? campaignId : null,
        variantId: e.isTagged ? (variantOf.get(e.arm) ?? null) : null,
        orderRef: e.orderRef,
        source: 'simulation',
      };
    });
    for (let i = 0; i < assignments.length; i += CHUNK) await insertAssignments(db, assignments.slice(i, i + CHUNK));
    for (let i = 0; i < events.length; i += CHUNK) await insertEvents(db, events.slice(i, i + CHUNK));
    assigned += assignments.length;
    if (batch.assigned.length)
      history.push({
        wave: batch.day,
        at: start + batch.day * DAY_MS,
        shares: batch.shares
          ? Object.fromEntries(batch.shares.map((s) => [s.key, s.share]))
          : Object.fromEntries(weights.map((w) => [w.key, w.weight / weights.reduce((a, b) => a + b.weight, 0)])),
      });
    progress?.(0.05 + 0.8 * ((batch.day + 1) / batch.days), `day ${batch.day + 1} of ${batch.days}`);
  }
  const end = start + days * DAY_MS;
  const fresh = settingsOf(await loadCampaign(campaignId));
  await withTransaction(db, async (tx) => {
    await transitionCampaign(tx, campaignId, ['scheduled'], {
      status: 'running',
      startedAt: new Date(start),
      settings: {
        ...fresh,
        simulation: { seed, start, days },
        allocationHistory: history,
        audience: { members: members.length, eligible: members.length, assigned },
      },
    });
  });
  await recomputeOutcomes(campaignId, { signal, progress: (f, note) => progress?.(0.85 + 0.15 * f, note) });
  await withTransaction(db, async (tx) => {
    if (
      (await transitionCampaign(tx, campaignId, ['running'], {
        status: 'completed',
        endedAt: new Date(Math.min(end, now)),
      })) > 0
    ) {
      await audit(tx, null, 'campaign.simulation.complete', campaignId, {
        assigned,
        events: counter,
        simulatedDays: days,
        start: new Date(start).toISOString(),
      });
    }
  });
  return { assigned, events: counter, days };
}
