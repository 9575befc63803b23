import 'server-only';
import { aggregateArms, analyzeCampaign, dailyLooks, type Channel, type Goal } from '@/lib/engine/campaign';
import { windowsClosed } from './attribution';
import { expectedSharesOf, loadOutcomes } from './results-data';
import { parseSettings } from '@/lib/schemas/campaign';
import { armInfos, HOUR_MS, loadCampaign, settingsOf } from './shared';

/**
 * The statistical analysis of one campaign from its attributed outcomes: the one source of the verdict, shown on
 * the results page and in the campaigns league table alike.
 */
export async function loadAnalysis(campaignId: number) {
  const row = await loadCampaign(campaignId);
  const settings = settingsOf(row);
  const arms = armInfos(row);
  const rows = await loadOutcomes(row);
  const totals = aggregateArms(rows, arms.length);
  const goal = row.goal as Goal;
  const channel = row.channel as Channel;
  const windowMs = row.attributionWindowHours * HOUR_MS;
  const start = rows.reduce((m, r) => Math.min(m, r.startAt), row.startedAt?.getTime() ?? Date.now());
  const lastStart = rows.reduce((m, r) => Math.max(m, r.startAt), start);
  const until = Math.min(Date.now(), lastStart + windowMs);
  const looks = dailyLooks(rows, { armCount: arms.length, start, until });
  const closed = await windowsClosed(campaignId, row.attributionWindowHours);
  const expectedShares = await expectedSharesOf(
    row,
    settings,
    arms.map((a) => a.plannedShare),
  );
  const planned = settings.plan?.perArm.length === arms.length ? settings.plan.perArm : null;
  const analysis = analyzeCampaign({
    arms,
    totals,
    looks,
    goal,
    alpha: settings.alpha,
    plannedSampleSizePerArm: planned,
    mixingVariance: settings.mixingVariance,
    windowsClosed: closed,
    expectedShares,
    hasEnded: row.status === 'completed' || row.status === 'stopped',
  });
  return { row, settings, arms, rows, totals, goal, channel, looks, closed, planned, analysis, start, until };
}

const verdicts = new Map<number, { key: string; value: Awaited<ReturnType<typeof summaryOf>> }>();

async function summaryOf(campaignId: number) {
  const { analysis } = await loadAnalysis(campaignId);
  const { kind, direction, isFinal } = analysis.verdict;
  return { kind, direction, isFinal };
}

/** The verdict of a campaign for lists, cached until the campaign's status or attribution run changes. */
export async function verdictSummary(campaign: { id: number; status: string; settings: unknown }) {
  const lastRun = parseSettings(campaign.settings).lastAttributionAt ?? 0;
  const key = `${campaign.status}|${lastRun}|${Math.floor(Date.now() / 300_000)}`;
  const hit = verdicts.get(campaign.id);
  if (hit && hit.key === key) return hit.value;
  const value = await summaryOf(campaign.id);
  verdicts.set(campaign.id, { key, value });
  return value;
}
