'use client';
import Link from 'next/link';
import { useI18n } from '@/components/i18n-provider';
import { labelFor } from '@/lib/i18n/message-ref';
import type { QualityReport } from '@/lib/services/quality';

type Latest = NonNullable<QualityReport['latest']>;
type Row = {
  key: string;
  label: string;
  href?: string;
  lastAt: Date | null;
  ageHours: number | null;
  isStale: boolean;
};

function FreshnessTable({
  title,
  first,
  rows,
  extra,
}: {
  title: string;
  first: string;
  rows: Row[];
  extra?: Map<string, number>;
}) {
  const { t, f } = useI18n();
  const age = (h: number | null) =>
    h === null
      ? '—'
      : h < 48
        ? t('quality.freshness.hours', { count: h })
        : t('quality.freshness.days', { count: Math.floor(h / 24) });
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than its card scrolls, and keyboard users must reach it (WCAG 2.1.1)
    <section className="card overflow-x-auto" tabIndex={0} aria-label={title}>
      <h3 className="px-4 pt-4 text-sm font-semibold">{title}</h3>
      {rows.length === 0 ? (
        <p className="p-4 text-sm text-slate-500">{t('quality.freshness.none')}</p>
      ) : (
        <table className="data-table whitespace-nowrap">
          <thead>
            <tr>
              <th>{first}</th>
              <th>{t('quality.freshness.newest')}</th>
              <th className="text-right">{t('quality.freshness.age')}</th>
              {extra && <th className="text-right">{t('quality.freshness.eventCount')}</th>}
              <th>{t('quality.freshness.state')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <td>
                  {r.href ? (
                    <Link href={r.href} className="text-brand-700 hover:underline">
                      {r.label}
                    </Link>
                  ) : (
                    r.label
                  )}
                </td>
                <td className="whitespace-nowrap">{r.lastAt ? f.dateTime(r.lastAt) : t('quality.freshness.never')}</td>
                <td className="text-right tabular-nums">{age(r.ageHours)}</td>
                {extra && <td className="text-right tabular-nums">{f.number(extra.get(r.key) ?? 0)}</td>}
                <td className={r.isStale ? 'font-medium text-amber-800' : 'text-emerald-700'}>
                  {r.isStale ? t('quality.freshness.stale') : t('quality.freshness.fresh')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The newest event of each source and the newest completed import of each kind, as of the report. */
export function QualityFreshness({ latest }: { latest: Latest }) {
  const { t } = useI18n();
  return (
    <div className="grid gap-4 lg:grid-cols-2" data-testid="quality-freshness-tables">
      <FreshnessTable
        title={t('quality.freshness.events')}
        first={t('quality.freshness.source')}
        rows={latest.sources.map((s) => ({
          ...s,
          key: s.source,
          label: labelFor(t, 'quality.freshness.sources', s.source),
        }))}
        extra={new Map(latest.sources.map((s) => [s.source, s.events]))}
      />
      <FreshnessTable
        title={t('quality.freshness.imports')}
        first={t('quality.freshness.kind')}
        rows={latest.imports.map((s) => ({
          ...s,
          key: s.source,
          label: labelFor(t, 'quality.freshness.kinds', s.source),
          href: `/imports/${s.importId}`,
        }))}
      />
    </div>
  );
}
