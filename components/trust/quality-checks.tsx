'use client';
import Link from 'next/link';
import { useI18n } from '@/components/i18n-provider';
import { Sparkline } from '@/components/portraits/sparkline';
import { labelFor } from '@/lib/i18n/message-ref';
import type { QualityCategory } from '@/lib/engine/quality/checks';
import type { QualityReport } from '@/lib/services/quality';

type Check = NonNullable<QualityReport['latest']>['checks'][number];
type Example = Check['examples'][number];

const LEVEL_STYLE = {
  ok: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  warn: 'bg-amber-50 text-amber-900 ring-amber-200',
  bad: 'bg-red-50 text-red-800 ring-red-200',
} as const;

/** One example row: a link to its page named by what it is, with the offending value when it is not personal. */
function ExampleLink({ code, e }: { code: string; e: Example }) {
  const { t, f } = useI18n();
  const isDate = (code === 'eventDate' || code === 'orderDate') && Number.isFinite(Number(e.value));
  const value = !e.value
    ? null
    : isDate
      ? f.dateTime(Number(e.value))
      : code === 'staleSource'
        ? e.value.startsWith('event:')
          ? labelFor(t, 'quality.freshness.sources', e.value.slice(6))
          : labelFor(t, 'quality.freshness.kinds', e.value.slice(7))
        : code === 'eventUnknownProduct'
          ? labelFor(t, 'dashboard.eventTypes', e.value)
          : e.value;
  const target = e.href?.match(/^\/(customers|catalogue|imports)\/(.+)$/);
  const name = !target
    ? null
    : target[1] === 'customers'
      ? t('quality.example.customer', { id: target[2]! })
      : target[1] === 'catalogue'
        ? t('quality.example.product', { id: target[2]! })
        : t('quality.example.import');
  return (
    <li className="flex flex-wrap items-baseline gap-x-1.5">
      {e.href && name ? (
        <Link href={e.href} className="inline-flex min-h-6 items-center text-brand-700 hover:underline">
          {name}
        </Link>
      ) : null}
      {value && <span className="text-xs text-slate-500 tabular-nums">{value}</span>}
    </li>
  );
}

function Level({ level }: { level: Check['level'] }) {
  const { t } = useI18n();
  return <span className={`badge ring-1 ring-inset ${LEVEL_STYLE[level]}`}>{t(`quality.levels.${level}`)}</span>;
}

function Trend({ check, label }: { check: Check; label: string }) {
  const { t, f } = useI18n();
  return (
    <Sparkline
      points={check.trend.map((p, i) => ({ day: i, count: p.count }))}
      label={t('quality.trendLabel', { check: label, count: f.number(check.count), runs: check.trend.length })}
      width={96}
    />
  );
}

function Examples({ check, className }: { check: Check; className: string }) {
  const { t } = useI18n();
  if (check.examples.length === 0) return <span className="text-slate-400">{t('quality.noExamples')}</span>;
  return (
    <ul className={className}>
      {check.examples.map((e) => (
        <ExampleLink key={`${e.rowId}-${e.value}-${e.href}`} code={check.code} e={e} />
      ))}
    </ul>
  );
}

/**
 * The checks of one category: count of rows found, rate, level, trend over the last runs and example rows — a table
 * on wider screens, one block per check on a phone.
 */
export function QualityChecks({ category, checks }: { category: QualityCategory; checks: Check[] }) {
  const { t, f } = useI18n();
  const rows = checks.filter((c) => c.category === category);
  if (rows.length === 0) return null;
  const found = (c: Check) => t('quality.found', { count: f.number(c.count), total: f.number(c.total) });
  return (
    <section className="card" data-testid={`quality-${category}`}>
      <h2 className="px-4 pt-4 font-semibold">{t(`quality.categories.${category}`)}</h2>
      <ul className="divide-y divide-slate-100 lg:hidden">
        {rows.map((c) => {
          const label = labelFor(t, 'quality.checks', c.code);
          return (
            <li key={c.code} className="space-y-1.5 px-4 py-3 text-sm">
              <p>{label}</p>
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1 tabular-nums">
                <span>{found(c)}</span>
                <span>{f.percent(c.rate)}</span>
                <Level level={c.level} />
                <Trend check={c} label={label} />
              </div>
              <Examples check={c} className="flex flex-wrap gap-x-3 gap-y-0.5" />
            </li>
          );
        })}
      </ul>
      <table className="data-table hidden table-fixed lg:table">
        <thead>
          <tr>
            <th>{t('quality.columns.check')}</th>
            <th className="w-40 text-right">{t('quality.columns.found')}</th>
            <th className="w-20 text-right">{t('quality.columns.rate')}</th>
            <th className="w-24">{t('quality.columns.status')}</th>
            <th className="w-32">{t('quality.columns.trend')}</th>
            <th className="w-60">{t('quality.columns.examples')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => {
            const label = labelFor(t, 'quality.checks', c.code);
            return (
              <tr key={c.code} data-testid={`check-${c.code}`}>
                <td>{label}</td>
                <td className="text-right whitespace-nowrap tabular-nums" data-testid="check-found">
                  {found(c)}
                </td>
                <td className="text-right tabular-nums">{f.percent(c.rate)}</td>
                <td>
                  <Level level={c.level} />
                </td>
                <td>
                  <Trend check={c} label={label} />
                </td>
                <td className="text-sm">
                  <Examples check={c} className="space-y-0.5" />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
