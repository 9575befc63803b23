import 'server-only';
import { db } from '@/lib/db/client';
import { withTransaction } from '@/lib/db/transaction';
import { audiencePage, customerConsents } from '@/lib/db/campaigns';
import { suppressedAmong } from '@/lib/db/email';
import { HOLDOUT_KEY, type MetricTest } from '@/lib/engine/campaign';
import type { CsvValue } from '@/lib/csv/write';
import { AppError } from '@/lib/errors';
import { authorize, type Actor } from '../auth/actor';
import { getCampaignResults } from './results';
import { audit, loadCampaign, parseCampaignId } from './shared';

const CONSENT = { email: 'consentEmail', sms: 'consentSms', push: 'consentPush' } as const;

/**
 * The per-variant audience to send (marketers and admins; audit-logged, it holds contact details). Consent is checked
 * again at download time: a customer who withdrew consent or was erased since the launch is left out. Holdout
 * customers are listed only with `includeHoldout`, and never with contact details — they must receive nothing.
 */
export async function audienceCsv(
  actor: Actor | null,
  id: unknown,
  { includeHoldout = false }: { includeHoldout?: boolean } = {},
) {
  const user = authorize(actor, 'campaigns:edit');
  const campaignId = parseCampaignId(id);
  const row = await loadCampaign(campaignId);
  if (row.status === 'draft' || row.status === 'scheduled')
    throw new AppError('CONFLICT', 'campaigns.errors.assignedAtLaunch');
  await withTransaction(db, (tx) => audit(tx, user, 'campaign.export.audience', campaignId, { includeHoldout }));
  const variants = new Map(row.variants.map((v) => [v.id, v]));
  const channel = row.channel as keyof typeof CONSENT | 'onsite';
  const contactHeader = channel === 'email' ? ['email'] : channel === 'sms' ? ['phone'] : [];
  const header = [
    'customer_id',
    'variant',
    'variant_name',
    'is_holdout',
    'wave',
    'name',
    ...contactHeader,
    'subject',
    'offer',
    'recommendations',
    'assigned_at',
    'exposed_at',
  ];
  async function* rows(): AsyncGenerator<CsvValue[]> {
    for (let after = 0; ; ) {
      const page = await audiencePage(db, campaignId, after, 2000);
      if (!page.length) return;
      after = page.at(-1)!.customerId;
      const consent =
        channel === 'onsite'
          ? null
          : new Map(
              (
                await customerConsents(
                  db,
                  page.map((p) => p.customerId),
                )
              ).map((c) => [c.id, c[CONSENT[channel]] && !c.erasedAt]),
            );
      // the e-mail suppression list (unsubscribed, hard bounces, complaints) applies to exports as to sends
      const suppressed =
        channel === 'email'
          ? await suppressedAmong(
              db,
              page.flatMap((p) => (p.email ? [p.email] : [])),
            )
          : null;
      for (const r of page) {
        const v = variants.get(r.variantId)!;
        const isHoldout = v.key === HOLDOUT_KEY;
        if (isHoldout && !includeHoldout) continue;
        if (!isHoldout && consent && !consent.get(r.customerId)) continue;
        if (!isHoldout && suppressed && r.email && suppressed.has(r.email.toLowerCase())) continue;
        const contact =
          channel === 'email' ? [isHoldout ? null : r.email] : channel === 'sms' ? [isHoldout ? null : r.phone] : [];
        yield [
          r.externalId,
          v.key,
          v.name,
          isHoldout,
          r.wave,
          isHoldout ? null : r.name,
          ...contact,
          v.subject,
          v.offer,
          Boolean(v.recommendation),
          r.assignedAt,
          r.exposedAt,
        ];
      }
    }
  }
  return { header, rows: rows(), fileName: `campaign-${campaignId}-audience.csv` };
}

const num = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

/**
 * The results as a tidy CSV: one line per arm metric, per comparison × metric, and per day of the cumulative chart.
 * Audit-logged like every export (aggregates only, so a GET link is enough).
 */
export async function resultsCsv(actor: Actor | null, id: unknown) {
  const r = await getCampaignResults(actor, id);
  await withTransaction(db, (tx) => audit(tx, actor, 'campaign.export.results', r.campaign.id));
  const header = [
    'section',
    'arm',
    'versus',
    'metric',
    'estimate',
    'lower',
    'upper',
    'p_value',
    'p_holm',
    'p_bh',
    'customers',
    'note',
  ];
  const lines: CsvValue[][] = [];
  const simulated = r.campaign.isSimulated ? 'simulated' : null;
  for (const a of r.arms) {
    for (const [metric, value] of Object.entries(a.values))
      lines.push(['arm', a.name, null, metric, num(value), null, null, null, null, null, a.n, simulated]);
  }
  const testLine = (c: (typeof r.analysis.comparisons)[number], m: MetricTest): CsvValue[] => [
    'comparison',
    r.arms[c.treatment]!.name,
    r.arms[c.control]!.name,
    m.metric,
    num(m.absolute?.estimate),
    num(m.absolute?.lower),
    num(m.absolute?.upper),
    num(m.pValue),
    num(m.holm),
    num(m.benjaminiHochberg),
    r.arms[c.treatment]!.n + r.arms[c.control]!.n,
    m.insufficient ?? m.method,
  ];
  for (const c of r.analysis.comparisons) {
    for (const m of c.metrics) {
      lines.push(testLine(c, m));
      if (m.relative)
        lines.push([
          'relative_lift',
          r.arms[c.treatment]!.name,
          r.arms[c.control]!.name,
          m.metric,
          m.relative.estimate,
          m.relative.lower,
          m.relative.upper,
          null,
          null,
          null,
          null,
          'delta method',
        ]);
      if (m.cuped)
        lines.push([
          'cuped',
          r.arms[c.treatment]!.name,
          r.arms[c.control]!.name,
          m.metric,
          m.cuped.absolute.estimate,
          m.cuped.absolute.lower,
          m.cuped.absolute.upper,
          m.cuped.pValue,
          null,
          null,
          null,
          `variance reduction ${(m.cuped.varianceReduction * 100).toFixed(1)}%`,
        ]);
    }
    if (c.sequential)
      lines.push([
        'always_valid',
        r.arms[c.treatment]!.name,
        r.arms[c.control]!.name,
        r.analysis.primaryMetric,
        num(c.sequential.points.at(-1)?.estimate),
        num(c.sequential.lower),
        num(c.sequential.upper),
        num(c.sequential.pValue),
        num(c.decision.sequentialHolm),
        null,
        null,
        'mSPRT confidence sequence',
      ]);
  }
  for (const d of r.cumulative) {
    d.arms.forEach(
      (a, i) =>
        void lines.push([
          'daily',
          r.arms[i]!.name,
          null,
          r.chartMetric === 'clicked' ? 'clickRate' : 'conversionRate',
          num(a.rate),
          num(a.lower),
          num(a.upper),
          null,
          null,
          null,
          a.n,
          new Date(d.at).toISOString().slice(0, 10),
        ]),
    );
  }
  lines.push([
    'verdict',
    null,
    null,
    r.analysis.primaryMetric,
    null,
    null,
    null,
    null,
    null,
    null,
    r.customers,
    `${r.analysis.verdict.kind}${r.analysis.verdict.isFinal ? ' (final)' : ''}`,
  ]);
  return {
    header,
    rows: lines,
    fileName: `campaign-${r.campaign.id}-results${r.campaign.isSimulated ? '-simulated' : ''}.csv`,
  };
}
