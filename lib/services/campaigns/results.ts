import 'server-only';
import {
  computeBreakdown,
  computeSatisfaction,
  hasOpens,
  metricValue,
  suggestNextSteps,
  type UpliftTargeting,
} from '@/lib/engine/campaign';
import { AppError } from '@/lib/errors';
import { can } from '@/lib/security/roles';
import { normalQuantile } from '@/lib/stats/distributions';
import { authorize, type Actor } from '../auth/actor';
import { loadAnalysis } from './campaign-analysis';
import { campaignDto } from './campaigns';
import { computeUplift } from './optimisation';
import { groupOutcomes, satisfactionScores } from './results-data';
import { loadCampaign, parseCampaignId, settingsOf } from './shared';

const cache = new Map<number, { key: string; value: Awaited<ReturnType<typeof computeResults>> }>();

async function computeResults(campaignId: number) {
  const { row, settings, arms, rows, totals, channel, looks, closed, planned, analysis, start, until } =
    await loadAnalysis(campaignId);
  const comparisonsForGroups = analysis.comparisons
    .filter((c) => !(analysis.primaryMetric === 'clickRate' && c.kind === 'incremental'))
    .map((c) => ({ treatment: c.treatment, control: c.control }));
  const breakdown = rows.length
    ? computeBreakdown({
        groups: groupOutcomes(rows, arms.length),
        comparisons: comparisonsForGroups,
        metric: analysis.primaryMetric,
        alpha: settings.alpha,
      })
    : null;
  const firstMessage = arms.findIndex((a) => !a.isHoldout);
  const satisfaction = computeSatisfaction({
    scoresByArm: await satisfactionScores(row),
    reference: firstMessage,
    scale: settings.satisfaction,
  });
  let uplift: UpliftTargeting | null = null;
  if (
    arms.some((a) => a.isHoldout) &&
    rows.length >= 400 &&
    rows.length <= 200_000 &&
    (row.status === 'completed' || row.status === 'stopped')
  ) {
    uplift = await computeUplift(row, {
      targetSegmentId: null,
      valuePerConversion:
        totals.reduce((s, t) => s + t.revenue, 0) /
        Math.max(
          1,
          totals.reduce((s, t) => s + t.orders, 0),
        ),
      costPerContact: 0.5,
      budget: null,
    });
  }
  const suggestions = suggestNextSteps({
    armNames: arms.map((a) => a.name),
    hasHoldout: arms.some((a) => a.isHoldout),
    analysis,
    breakdown,
    satisfaction,
    uplift,
  });
  const z = normalQuantile(1 - settings.alpha / 2);
  const chartMetric = analysis.primaryMetric === 'clickRate' ? 'clicked' : 'converted';
  const cumulative = looks.map((l) => ({
    day: l.day,
    at: l.at,
    arms: l.arms.map((a) => {
      const p = a.n ? a[chartMetric] / a.n : null;
      const half = p === null ? null : z * Math.sqrt((p * (1 - p)) / Math.max(1, a.n));
      return {
        n: a.n,
        rate: p,
        lower: p === null || half === null ? null : Math.max(0, p - half),
        upper: p === null || half === null ? null : Math.min(1, p + half),
      };
    }),
  }));
  return {
    arms: arms.map((a, i) => {
      const t = totals[i]!;
      return {
        ...a,
        n: t.n,
        exposed: t.exposed,
        opened: t.opened,
        clicked: t.clicked,
        converted: t.converted,
        orders: t.orders,
        revenue: t.revenue,
        values: {
          clickRate: metricValue(t, 'clickRate'),
          conversionRate: metricValue(t, 'conversionRate'),
          revenuePerUser: metricValue(t, 'revenuePerUser'),
          averageOrderValue: metricValue(t, 'averageOrderValue'),
          revenuePerBuyer: metricValue(t, 'revenuePerBuyer'),
        },
        plannedN: planned?.[i] ?? null,
      };
    }),
    analysis,
    breakdown,
    satisfaction,
    suggestions,
    upliftSummary:
      uplift?.type === 'ok'
        ? {
            chosen: uplift.chosen,
            marginSd: uplift.marginSd,
            count: uplift.selection.count,
            share: uplift.selection.share,
          }
        : null,
    cumulative,
    chartMetric,
    hasOpens: hasOpens(channel),
    windowsClosed: closed,
    start,
    until,
    customers: rows.length,
  };
}

/**
 * Everything the results page shows (managers and up). Outcomes come from the last attribution run; the analysis
 * is cached until the next one.
 */
export async function getCampaignResults(actor: Actor | null, id: unknown) {
  const user = authorize(actor, 'campaigns:view');
  const campaignId = parseCampaignId(id);
  const row = await loadCampaign(campaignId);
  if (row.status === 'draft') throw new AppError('NOT_FOUND', 'campaigns.errors.notRun');
  const settings = settingsOf(row);
  const key = `${row.status}|${settings.lastAttributionAt ?? 0}|${Math.floor(Date.now() / 300_000)}`;
  let hit = cache.get(campaignId);
  if (!hit || hit.key !== key) {
    hit = { key, value: await computeResults(campaignId) };
    cache.set(campaignId, hit);
  }
  return {
    campaign: campaignDto(row, can(user.role, 'campaigns:edit')),
    lastAttributionAt: settings.lastAttributionAt,
    simulation:
      row.isSimulated && settings.simulation
        ? { start: settings.simulation.start, days: settings.simulation.days }
        : null,
    ...hit.value,
  };
}
export type CampaignResults = Awaited<ReturnType<typeof getCampaignResults>>;
