import { labelFor } from '@/lib/i18n/message-ref';
import type { Translate } from '@/lib/i18n/translate';
import type { MetricKey } from '@/lib/engine/campaign/types';

/** Number formats of the campaign pages (percentages with the precision A/B results need). */
export function campaignFormats(locale: string, currency: string) {
  const pct = (digits: number) =>
    new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits });
  const p1 = pct(1);
  const p2 = pct(2);
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 2 });
  const num = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const compactMoney = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 1,
  });
  const signed = (s: string, x: number) => (x > 0 ? `+${s}` : s);
  return {
    /** a rate such as 0.0432 → 4.32 % */
    rate: (x: number | null | undefined) =>
      x === null || x === undefined || !Number.isFinite(x) ? '—' : Math.abs(x) < 0.1 ? p2.format(x) : p1.format(x),
    /** a relative lift such as 0.123 → +12.3 % */
    lift: (x: number | null | undefined) =>
      x === Infinity ? '+∞' : x === null || x === undefined || !Number.isFinite(x) ? '—' : signed(p1.format(x), x),
    /** a difference of rates in percentage points */
    points: (x: number | null | undefined) =>
      x === null || x === undefined || !Number.isFinite(x) ? '—' : signed(`${num.format(x * 100)} pp`, x),
    money: (x: number | null | undefined) =>
      x === null || x === undefined || !Number.isFinite(x) ? '—' : money.format(x),
    compactMoney: (x: number | null | undefined) =>
      x === null || x === undefined || !Number.isFinite(x) ? '—' : compactMoney.format(x),
    signedMoney: (x: number | null | undefined) =>
      x === null || x === undefined || !Number.isFinite(x) ? '—' : signed(money.format(x), x),
    number: (x: number | null | undefined) =>
      x === null || x === undefined || !Number.isFinite(x) ? '—' : num.format(x),
    signedNumber: (x: number | null | undefined) =>
      x === null || x === undefined || !Number.isFinite(x) ? '—' : signed(num.format(x), x),
    /** p-values: 3 significant decimals, never "0" */
    p: (x: number | null | undefined) =>
      x === null || x === undefined || !Number.isFinite(x)
        ? '—'
        : x < 0.0001
          ? '< 0.0001'
          : x < 0.01
            ? x.toFixed(4)
            : x.toFixed(3),
    chance: (x: number | null | undefined) =>
      x === null || x === undefined || !Number.isFinite(x) ? '—' : p1.format(x),
  };
}
export type CampaignFormats = ReturnType<typeof campaignFormats>;

export const isRateMetric = (m: MetricKey) => m === 'clickRate' || m === 'conversionRate';

/** A metric's value in its unit. */
export function metricText(fm: CampaignFormats, metric: MetricKey, x: number | null | undefined) {
  return isRateMetric(metric) ? fm.rate(x) : fm.money(x);
}

/** A difference on a metric: points for rates, money otherwise. */
export function diffText(fm: CampaignFormats, metric: MetricKey, x: number | null | undefined) {
  return isRateMetric(metric) ? fm.points(x) : fm.signedMoney(x);
}

/** Group labels: known values, RFM groups and lifecycle stages are translated; others (regions) shown as they are. */
export function groupLabel(t: Translate, value: string, dimension?: string) {
  if (dimension === 'rfmGroup') return labelFor(t, 'portraits.rfm.labels', value);
  if (dimension === 'lifecycle') return labelFor(t, 'portraits.lifecycle.stages', value);
  return labelFor(t, 'campaigns.groupValues', value);
}
