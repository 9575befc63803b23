'use client';
import { useRouter } from 'next/navigation';
import { useMemo, useState, useTransition } from 'react';
import { useI18n } from '@/components/i18n-provider';
import type { ActionResult } from '@/lib/action-result';
import type { FieldSpec, ImportKind } from '@/lib/import/fields';
import type { ImportPreview } from '@/lib/services/imports/preview';

type Props = {
  importId: string; kind: ImportKind; fields: FieldSpec[]; preview: ImportPreview; shop: { currency: string; timezone: string };
  startImport: (input: unknown) => Promise<ActionResult<unknown>>;
};

/** Step 2 of an import: check the proposed column for every field, set parsing options, start. */
export function MappingForm({ importId, kind, fields, preview, shop, startImport }: Props) {
  const { t, locale, f } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>(() => ({ ...preview.mapping.mapping }));
  const confidence = useMemo(() => new Map(preview.mapping.proposals.map((p) => [p.field, p])), [preview]);
  const [options, setOptions] = useState({ timezone: shop.timezone, dateOrder: 'auto', currency: shop.currency, createMissingCustomers: false, createMissingProducts: false });
  const missing = fields.filter((s) => s.required && !mapping[s.key]);
  const firstRow = preview.rows.find((r) => !r.error)?.fields ?? [];
  const sampleOf = (column: string | undefined) => (column ? firstRow[preview.header.indexOf(column)] ?? '' : '');
  const used = new Set(Object.values(mapping).filter(Boolean));
  const attributeColumns = preview.attributeColumns.length ? preview.header.filter((h) => !used.has(h)) : [];
  const delimiterName = preview.delimiter === '\t' ? 'TAB' : preview.delimiter;

  function submit() {
    setError(null);
    start(async () => {
      const r = await startImport({ importId, mapping: Object.fromEntries(fields.map((s) => [s.key, mapping[s.key] || null])), options });
      if (r.ok) router.refresh();
      else setError(r.message);
    });
  }

  return (
    <div className="space-y-6">
      <section className="card p-4">
        <h2 className="font-semibold">{t('imports.mapping.title')}</h2>
        <p className="mt-1 text-sm text-slate-600">{t('imports.mapping.intro')}</p>
        <p className="mt-1 text-xs text-slate-500">
          {t('imports.mapping.detected', { encoding: preview.encoding.toUpperCase(), delimiter: delimiterName, columns: preview.header.length })} · ~{f.number(preview.estimatedRows)} rows
          {preview.encodingNote ? ` · ${preview.encodingNote}` : ''}
        </p>
        <table className="data-table mt-4">
          <thead><tr><th>{t('imports.mapping.field')}</th><th>{t('imports.mapping.column')}</th><th>{t('imports.mapping.confidence')}</th><th>{t('imports.mapping.sample')}</th></tr></thead>
          <tbody>
            {fields.map((spec) => {
              const p = confidence.get(spec.key);
              const chosen = mapping[spec.key] ?? '';
              return (
                <tr key={spec.key}>
                  <td>
                    <span className="font-medium">{locale === 'zh-CN' ? spec.labelZh : spec.label}</span> <code className="text-xs text-slate-500">{spec.key}</code>
                    {spec.required && <span className="badge ml-2 bg-red-50 text-red-700">{t('imports.mapping.required')}</span>}
                  </td>
                  <td>
                    <select
                      aria-label={`${t('imports.mapping.column')}: ${spec.key}`}
                      className={`input ${spec.required && !chosen ? 'border-red-400' : ''}`}
                      value={chosen}
                      onChange={(e) => setMapping((m) => ({ ...m, [spec.key]: e.target.value }))}
                    >
                      <option value="">{t('imports.mapping.notMapped')}</option>
                      {preview.header.map((h) => <option key={h} value={h}>{h}</option>)}
                    </select>
                  </td>
                  <td className="text-xs text-slate-500" title={p?.reason}>{chosen && p?.column === chosen ? f.percent(p.confidence) : chosen ? '—' : ''}</td>
                  <td className="max-w-xs truncate font-mono text-xs text-slate-600">{sampleOf(chosen)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {attributeColumns.length > 0 && <p className="mt-3 text-sm text-slate-600">{t('imports.mapping.attributes', { columns: attributeColumns.join(', ') })}</p>}
      </section>

      <section className="card grid gap-4 p-4 md:grid-cols-3">
        <h2 className="font-semibold md:col-span-3">{t('imports.mapping.options')}</h2>
        <div>
          <label className="label" htmlFor="opt-tz">{t('imports.mapping.timezone')}</label>
          <input className="input" id="opt-tz" value={options.timezone} onChange={(e) => setOptions({ ...options, timezone: e.target.value })} />
        </div>
        <div>
          <label className="label" htmlFor="opt-order">{t('imports.mapping.dateOrder')}</label>
          <select className="input" id="opt-order" value={options.dateOrder} onChange={(e) => setOptions({ ...options, dateOrder: e.target.value })}>
            {(['auto', 'dmy', 'mdy'] as const).map((o) => <option key={o} value={o}>{t(`imports.mapping.dateOrders.${o}`)}</option>)}
          </select>
          <p className="mt-1 text-xs text-slate-500">{preview.dateOrder.note}</p>
        </div>
        <div>
          <label className="label" htmlFor="opt-cur">{t('imports.mapping.currency')}</label>
          <input className="input uppercase" id="opt-cur" maxLength={3} value={options.currency} onChange={(e) => setOptions({ ...options, currency: e.target.value.toUpperCase() })} />
        </div>
        {(kind === 'orders' || kind === 'events') && (
          <div className="space-y-2 md:col-span-3">
            <label className="flex items-center gap-2 text-sm"><input type="checkbox" checked={options.createMissingCustomers} onChange={(e) => setOptions({ ...options, createMissingCustomers: e.target.checked })} /> {t('imports.mapping.createMissingCustomers')}</label>
            <label className="flex items-center gap-2 text-sm"><input type="checkbox" checked={options.createMissingProducts} onChange={(e) => setOptions({ ...options, createMissingProducts: e.target.checked })} /> {t('imports.mapping.createMissingProducts')}</label>
          </div>
        )}
      </section>

      <section className="card p-4">
        <h2 className="mb-2 font-semibold">{t('imports.mapping.preview')}</h2>
        <div className="max-h-96 overflow-auto">
          <table className="data-table text-xs">
            <thead><tr><th>{t('imports.report.line')}</th>{preview.header.map((h) => <th key={h} className="whitespace-nowrap normal-case">{h}</th>)}</tr></thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={r.line} className={r.error ? 'bg-red-50' : ''}>
                  <td className="text-slate-500">{r.line}</td>
                  {r.error ? <td colSpan={preview.header.length} className="text-red-700">{r.error}</td> : r.fields.map((v, i) => <td key={i} className="max-w-48 truncate whitespace-nowrap">{v}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <div className="flex items-center gap-4">
        <button className="btn-primary" disabled={pending || missing.length > 0} onClick={submit}>{t('imports.mapping.start')}</button>
        {missing.length > 0 && <p className="text-sm text-red-700">{t('imports.mapping.missingRequired')} ({missing.map((s) => s.key).join(', ')})</p>}
        {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      </div>
    </div>
  );
}
