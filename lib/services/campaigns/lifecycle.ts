import 'server-only';
import { randomInt } from 'node:crypto';
import { db } from '@/lib/db/client';
import { withTransaction } from '@/lib/db/transaction';
import { cancelQueuedWithKeyPrefix, enqueueJob } from '@/lib/db/jobs';
import { countEmailTemplates } from '@/lib/db/email';
import { outcomePage, scheduleJob, transitionCampaign, updateCampaignRow } from '@/lib/db/campaigns';
import { plannedVarianceOfDifference, thompsonShares, type Goal } from '@/lib/engine/campaign';
import { AppError } from '@/lib/errors';
import { scheduleSchema } from '@/lib/schemas/campaign';
import { authorize, type Actor } from '../auth/actor';
import { parseInput } from '../validate';
import { assignWave, audienceSize } from './audience';
import { recomputeOutcomes, windowsClosed } from './attribution';
import { assertAudience } from './campaigns';
import { audit, DAY_MS, HOUR_MS, loadCampaign, messagesOf, parseCampaignId, requireStatus, settingsOf } from './shared';

export const JOB = {
  launch: 'campaign.launch',
  wave: 'campaign.wave',
  attribute: 'campaign.attribute',
  webhook: 'campaign.webhook',
  simulate: 'campaign.simulate',
  email: 'campaign.email',
} as const;

const jobKey = (id: number, what: string) => `campaign:${id}:${what}`;

/** Schedules the launch (now when no time is given): draft → scheduled; the launch job assigns and sends. */
export async function scheduleCampaign(actor: Actor | null, input: unknown) {
  const user = authorize(actor, 'campaigns:edit');
  const { id, at } = parseInput(scheduleSchema, input);
  const row = await loadCampaign(id);
  requireStatus(row, ['draft'], 'scheduled');
  assertAudience(row);
  const when = at ?? new Date();
  if (at && at.getTime() < Date.now() - 60_000)
    throw new AppError('INVALID_INPUT', 'campaigns.errors.scheduleFuture', undefined, {
      fieldErrors: { at: [{ key: 'campaigns.errors.scheduleFuture' }] },
    });
  const size = await audienceSize(row.segmentId!, row.channel as never);
  if (size.eligible === 0) throw new AppError('CONFLICT', 'campaigns.errors.emptyAudience');
  await withTransaction(db, async (tx) => {
    if ((await transitionCampaign(tx, id, ['draft'], { status: 'scheduled', scheduledAt: when })) === 0)
      throw new AppError('CONFLICT', 'campaigns.errors.changed');
    await scheduleJob(tx, {
      type: JOB.launch,
      payload: { campaignId: id },
      runAt: when,
      idempotencyKey: jobKey(id, `launch:${when.getTime()}`),
    });
    await audit(tx, user, at ? 'campaign.schedule' : 'campaign.launch.request', id, {
      at: when.toISOString(),
      eligible: size.eligible,
    });
  });
}

/** Back to draft before the launch job has run. */
export async function unscheduleCampaign(actor: Actor | null, id: unknown) {
  const user = authorize(actor, 'campaigns:edit');
  const campaignId = parseCampaignId(id);
  const row = await loadCampaign(campaignId);
  requireStatus(row, ['scheduled'], 'unscheduled');
  if (row.isSimulated) throw new AppError('CONFLICT', 'campaigns.errors.simulationStarted');
  await withTransaction(db, async (tx) => {
    if ((await transitionCampaign(tx, campaignId, ['scheduled'], { status: 'draft', scheduledAt: null })) === 0)
      throw new AppError('CONFLICT', 'campaigns.errors.justLaunched');
    await cancelQueuedWithKeyPrefix(tx, jobKey(campaignId, 'launch:'));
    await audit(tx, user, 'campaign.unschedule', campaignId);
  });
}

async function endCampaign(actor: Actor | null, id: unknown, to: 'stopped' | 'completed') {
  const user = authorize(actor, 'campaigns:edit');
  const campaignId = parseCampaignId(id);
  const row = await loadCampaign(campaignId);
  requireStatus(
    row,
    to === 'stopped' ? ['running'] : ['running', 'stopped'],
    to === 'stopped' ? 'stopped' : 'completed',
  );
  await withTransaction(db, async (tx) => {
    const from = to === 'stopped' ? ['running'] : ['running', 'stopped'];
    if ((await transitionCampaign(tx, campaignId, from, { status: to, endedAt: row.endedAt ?? new Date() })) === 0)
      throw new AppError('CONFLICT', 'campaigns.errors.changed');
    await cancelQueuedWithKeyPrefix(tx, jobKey(campaignId, 'wave:'));
    await enqueueJob(tx, {
      type: JOB.attribute,
      payload: { campaignId },
      idempotencyKey: jobKey(campaignId, `attribute:end:${to}`),
    });
    await audit(tx, user, `campaign.${to === 'stopped' ? 'stop' : 'complete'}`, campaignId);
  });
}

/** Stops sending further waves; outcomes keep being attributed within the window. */
export const stopCampaign = (actor: Actor | null, id: unknown) => endCampaign(actor, id, 'stopped');
/** Closes the campaign for good. */
export const completeCampaign = (actor: Actor | null, id: unknown) => endCampaign(actor, id, 'completed');

/** Recomputes outcomes now (anyone who can read results may refresh them). */
export async function refreshResults(actor: Actor | null, id: unknown) {
  authorize(actor, 'campaigns:view');
  const campaignId = parseCampaignId(id);
  const row = await loadCampaign(campaignId);
  if (row.status === 'draft' || row.status === 'scheduled')
    throw new AppError('CONFLICT', 'campaigns.errors.noResults');
  const slot = Math.floor(Date.now() / 60_000);
  await enqueueJob(db, {
    type: JOB.attribute,
    payload: { campaignId },
    idempotencyKey: jobKey(campaignId, `attribute:manual:${slot}`),
  });
}

/** Runs the campaign in simulation mode against the demo shop model: draft → scheduled (simulated) → completed. */
export async function simulateCampaign(actor: Actor | null, id: unknown) {
  const user = authorize(actor, 'campaigns:edit');
  const campaignId = parseCampaignId(id);
  const row = await loadCampaign(campaignId);
  requireStatus(row, ['draft'], 'simulated');
  assertAudience(row);
  const size = await audienceSize(row.segmentId!, row.channel as never);
  if (size.eligible === 0) throw new AppError('CONFLICT', 'campaigns.errors.emptyAudience');
  const settings = settingsOf(row);
  const seed = randomInt(1, 2 ** 31 - 1);
  await withTransaction(db, async (tx) => {
    if (
      (await transitionCampaign(tx, campaignId, ['draft'], {
        status: 'scheduled',
        isSimulated: true,
        scheduledAt: new Date(),
        settings: { ...settings, simulation: { seed, start: 0, days: 0 } },
      })) === 0
    )
      throw new AppError('CONFLICT', 'campaigns.errors.changed');
    await enqueueJob(tx, {
      type: JOB.simulate,
      payload: { campaignId },
      idempotencyKey: jobKey(campaignId, 'simulate'),
    });
    await audit(tx, user, 'campaign.simulate', campaignId, { eligible: size.eligible });
  });
}

/** Successes so far per message on the goal (click or purchase), for Thompson sampling. */
async function messageCounts(campaignId: number, goal: Goal) {
  const counts = new Map<number, { successes: number; trials: number }>();
  for (let after = 0; ; ) {
    const page = await outcomePage(db, campaignId, after, 5000);
    if (!page.length) break;
    after = page.at(-1)!.customerId;
    for (const o of page) {
      const c = counts.get(o.variantId) ?? { successes: 0, trials: 0 };
      c.trials += 1;
      c.successes += (goal === 'click' ? o.clicked : o.converted) ? 1 : 0;
      counts.set(o.variantId, c);
    }
  }
  return counts;
}

/**
 * Assigns and sends one wave. Wave 0 (the launch) moves scheduled → running and fixes the sequential test's τ²
 * from the plan; later waves use Thompson shares from the outcomes so far when the campaign is adaptive.
 */
export async function runWave(
  campaignId: number,
  wave: number,
  ctx: { signal?: AbortSignal; progress?: (f: number, note?: string) => void } = {},
) {
  let row = await loadCampaign(campaignId);
  if (wave === 0 ? row.status !== 'scheduled' : row.status !== 'running') return { skipped: row.status };
  const settings = settingsOf(row);
  const waves = Math.max(1, settings.sendDays);
  const messages = messagesOf(row);
  let weights = messages.map((m) => ({ key: m.key, weight: m.weight }));
  if (row.allocation === 'thompson' && messages.length > 1 && wave > 0) {
    await recomputeOutcomes(campaignId, { signal: ctx.signal });
    const counts = await messageCounts(campaignId, row.goal as Goal);
    const t = thompsonShares({
      messages: messages.map((m) => counts.get(m.id) ?? { successes: 0, trials: 0 }),
      holdoutShare: row.holdoutShare,
      minimumShare: settings.minimumShare,
      seed: campaignId * 100 + wave,
    });
    weights = messages.map((m, i) => ({ key: m.key, weight: t.messageShares[i]! }));
  } else if (row.allocation === 'thompson') {
    weights = messages.map((m) => ({ key: m.key, weight: 1 }));
  }
  const at = new Date();
  const result = await assignWave(row, {
    wave,
    waves,
    weights,
    at,
    signal: ctx.signal,
    onProgress: (n) => ctx.progress?.(0.5, `${n} customers`),
  });
  const total = weights.reduce((s, w) => s + w.weight, 0);
  row = await loadCampaign(campaignId);
  const fresh = settingsOf(row);
  const history = [
    ...fresh.allocationHistory.filter((h) => h.wave !== wave),
    { wave, at: at.getTime(), shares: Object.fromEntries(weights.map((w) => [w.key, w.weight / total])) },
  ];
  const plannedVariance = fresh.plan
    ? plannedVarianceOfDifference({ goal: row.goal as Goal, baseline: fresh.plan.baseline, perArm: fresh.plan.perArm })
    : null;
  await withTransaction(db, async (tx) => {
    const next = {
      ...fresh,
      allocationHistory: history,
      audience: {
        members: (fresh.audience?.members ?? 0) + result.members,
        eligible: (fresh.audience?.eligible ?? 0) + result.members,
        assigned: (fresh.audience?.assigned ?? 0) + result.assigned,
      },
      mixingVariance: wave === 0 ? plannedVariance : fresh.mixingVariance,
    };
    if (wave === 0) {
      if (
        (await transitionCampaign(tx, campaignId, ['scheduled'], {
          status: 'running',
          startedAt: at,
          settings: next,
        })) === 0
      )
        return;
      await audit(tx, null, 'campaign.launch', campaignId, { assigned: result.assigned, waves });
    } else {
      await updateCampaignRow(tx, campaignId, { settings: next });
      await audit(tx, null, 'campaign.wave', campaignId, {
        wave,
        assigned: result.assigned,
        shares: history.at(-1)!.shares,
      });
    }
    if (row.channel === 'email' && (await countEmailTemplates(tx, campaignId)) > 0)
      await enqueueJob(tx, {
        type: JOB.email,
        payload: { campaignId, wave },
        idempotencyKey: jobKey(campaignId, `email:${wave}`),
        maxAttempts: 20,
      });
    if (row.webhookUrl)
      await enqueueJob(tx, {
        type: JOB.webhook,
        payload: { campaignId, wave },
        idempotencyKey: jobKey(campaignId, `webhook:${wave}`),
      });
    if (wave + 1 < waves)
      await scheduleJob(tx, {
        type: JOB.wave,
        payload: { campaignId, wave: wave + 1 },
        runAt: new Date(at.getTime() + DAY_MS),
        idempotencyKey: jobKey(campaignId, `wave:${wave + 1}`),
      });
    // outcomes right away (the results page then shows the arms), and hourly after that
    await enqueueJob(tx, {
      type: JOB.attribute,
      payload: { campaignId },
      idempotencyKey: jobKey(campaignId, `attribute:wave:${wave}`),
    });
    await scheduleJob(tx, {
      type: JOB.attribute,
      payload: { campaignId },
      runAt: new Date(at.getTime() + HOUR_MS),
      idempotencyKey: jobKey(campaignId, `attribute:${Math.floor(at.getTime() / HOUR_MS) + 1}`),
    });
  });
  return { wave, ...result };
}

/**
 * The periodic attribution job: recomputes outcomes, schedules the next run while windows are open, and completes
 * the campaign once every wave was sent and every window has closed.
 */
export async function runAttribution(
  campaignId: number,
  ctx: { signal?: AbortSignal; progress?: (f: number, note?: string) => void } = {},
) {
  const result = await recomputeOutcomes(campaignId, ctx);
  const row = await loadCampaign(campaignId);
  if (row.status !== 'running' && row.status !== 'stopped') return result;
  const settings = settingsOf(row);
  const allSent = row.status === 'stopped' || settings.allocationHistory.length >= Math.max(1, settings.sendDays);
  if (allSent && (await windowsClosed(campaignId, row.attributionWindowHours))) {
    await withTransaction(db, async (tx) => {
      if (
        (await transitionCampaign(tx, campaignId, ['running', 'stopped'], {
          status: 'completed',
          endedAt: row.endedAt ?? new Date(),
        })) > 0
      )
        await audit(tx, null, 'campaign.complete', campaignId, { reason: 'attribution windows closed' });
    });
  } else {
    const next = Date.now() + HOUR_MS;
    await scheduleJob(db, {
      type: JOB.attribute,
      payload: { campaignId },
      runAt: new Date(next),
      idempotencyKey: jobKey(campaignId, `attribute:${Math.floor(next / HOUR_MS)}`),
    });
  }
  return result;
}
