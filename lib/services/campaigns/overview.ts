import 'server-only';
import { db } from '@/lib/db/client';
import { listCampaignRows, outcomeSumsByCampaign } from '@/lib/db/campaigns';
import { HOLDOUT_KEY } from '@/lib/engine/campaign';
import { normalQuantile } from '@/lib/stats/distributions';
import { testTwoProportions } from '@/lib/stats/proportions';
import { authorize, type Actor } from '../auth/actor';
import { getShopSettings } from '../settings';
import { verdictSummary } from './campaign-analysis';

type Sums = { n: number; converted: number; revenue: number; revenueSq: number };
const add = (a: Sums, b: Sums): Sums => ({
  n: a.n + b.n,
  converted: a.converted + b.converted,
  revenue: a.revenue + b.revenue,
  revenueSq: a.revenueSq + b.revenueSq,
});
const zero: Sums = { n: 0, converted: 0, revenue: 0, revenueSq: 0 };

/**
 * Incremental conversions and revenue of the messages (pooled) against the holdout, scaled to the customers who got
 * a message: (rate_t − rate_h)·n_t with its 95 % interval, and likewise revenue per customer (Welch standard error).
 * The conversion lift rate_t/rate_h − 1 carries the score interval of the same z-test (null when the holdout has no
 * buyer: a ratio to zero).
 */
export function incrementality(treated: Sums, holdout: Sums, alpha = 0.05) {
  if (treated.n < 2 || holdout.n < 2) return null;
  const z = normalQuantile(1 - alpha / 2);
  const pt = treated.converted / treated.n;
  const ph = holdout.converted / holdout.n;
  const seP = Math.sqrt((pt * (1 - pt)) / treated.n + (ph * (1 - ph)) / holdout.n);
  const mt = treated.revenue / treated.n;
  const mh = holdout.revenue / holdout.n;
  const v = (s: Sums, m: number) => Math.max(0, (s.revenueSq - s.n * m * m) / (s.n - 1));
  const seR = Math.sqrt(v(treated, mt) / treated.n + v(holdout, mh) / holdout.n);
  const conv = (pt - ph) * treated.n;
  const rev = (mt - mh) * treated.n;
  return {
    conversions: { estimate: conv, lower: conv - z * seP * treated.n, upper: conv + z * seP * treated.n },
    revenue: { estimate: rev, lower: rev - z * seR * treated.n, upper: rev + z * seR * treated.n },
    lift: conversionLift(treated, holdout, alpha),
  };
}

function conversionLift(treated: Sums, holdout: Sums, alpha: number) {
  const r = testTwoProportions({
    treatment: { successes: treated.converted, trials: treated.n },
    control: { successes: holdout.converted, trials: holdout.n },
    alpha,
  });
  if (r.type !== 'ok' || !r.relativeLift) return null;
  return { estimate: r.relativeLift.estimate, lower: r.relativeLift.lower, upper: r.relativeLift.upper };
}

/** The league table of campaigns by incremental conversions and revenue versus their holdouts, and the monthly trend. */
export async function getCampaignsOverview(actor: Actor | null) {
  authorize(actor, 'campaigns:view');
  const [campaigns, sums] = await Promise.all([listCampaignRows(db), outcomeSumsByCampaign(db)]);
  const byCampaign = new Map<number, typeof sums>();
  for (const s of sums) byCampaign.set(s.campaignId, [...(byCampaign.get(s.campaignId) ?? []), s]);
  const shown = campaigns.filter((c) => c.status !== 'draft');
  const verdicts = new Map<number, Awaited<ReturnType<typeof verdictSummary>>>();
  for (const c of shown) verdicts.set(c.id, await verdictSummary(c));
  const rows = shown
    .map((c) => {
      const holdoutIds = new Set(c.variants.filter((v) => v.key === HOLDOUT_KEY).map((v) => v.id));
      let treated = zero;
      let holdout = zero;
      for (const s of byCampaign.get(c.id) ?? []) {
        if (holdoutIds.has(s.variantId)) holdout = add(holdout, s);
        else treated = add(treated, s);
      }
      return {
        id: c.id,
        name: c.name,
        status: c.status,
        channel: c.channel,
        goal: c.goal,
        isSimulated: c.isSimulated,
        startedAt: c.startedAt,
        customers: treated.n + holdout.n,
        treated: treated.n,
        conversions: treated.converted + holdout.converted,
        revenue: treated.revenue + holdout.revenue,
        hasHoldout: holdoutIds.size > 0,
        incremental: holdoutIds.size ? incrementality(treated, holdout) : null,
        verdict: verdicts.get(c.id) ?? null,
      };
    })
    .sort((a, b) => (b.incremental?.revenue.estimate ?? -Infinity) - (a.incremental?.revenue.estimate ?? -Infinity));
  const { timezone } = await getShopSettings();
  // months in the shop's reporting time zone, as YYYY-MM
  const monthOf = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit' });
  const months = new Map<
    string,
    { month: string; conversions: number; revenue: number; campaigns: number; simulated: number }
  >();
  for (const r of rows) {
    if (!r.startedAt || !r.incremental) continue;
    const month = monthOf.format(r.startedAt).slice(0, 7);
    const m = months.get(month) ?? { month, conversions: 0, revenue: 0, campaigns: 0, simulated: 0 };
    m.conversions += r.incremental.conversions.estimate;
    m.revenue += r.incremental.revenue.estimate;
    m.campaigns += 1;
    m.simulated += r.isSimulated ? 1 : 0;
    months.set(month, m);
  }
  return { rows, trend: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)) };
}
export type CampaignsOverview = Awaited<ReturnType<typeof getCampaignsOverview>>;
