'use client';
import { useRouter } from 'next/navigation';
import { useMemo, useState, useTransition } from 'react';
import { useI18n } from '@/components/i18n-provider';
import type { ActionResult } from '@/lib/action-result';
import { currenciesWithoutRate } from '@/lib/import/detect-currency';
import { type FieldSpec, type ImportKind, KEEPS_ATTRIBUTES } from '@/lib/import/fields';
import type { ColumnMapping } from '@/lib/import/mapping';
import { rejectionText } from '@/lib/import/rejection-text';
import type { MessageKey } from '@/lib/i18n/translate';
import type { ImportPreview } from '@/lib/services/imports/preview';
import { CurrencyOptions } from './currency-options';
import { ExtraColumns } from './extra-columns';
import { MappingRow } from './mapping-row';

type SavedOptions = {
  timezone?: string;
  dateOrder?: string;
  currency?: string;
  ignoreColumns?: string[];
  createMissingCustomers?: boolean;
  createMissingProducts?: boolean;
};

type Props = {
  importId: string;
  kind: ImportKind;
  fields: FieldSpec[];
  preview: ImportPreview;
  shop: { currency: string; timezone: string };
  /** currencies with an exchange rate to the shop's currency */
  ratedCurrencies?: string[];
  /** the mapping last used for a file with the same columns */
  remembered?: { mapping: ColumnMapping; ignore: string[]; updatedAt: Date | string } | null;
  /** a re-run: the import's saved mapping and options; starting runs it again from the first row */
  rerun?: { mapping: ColumnMapping; options: SavedOptions | null } | null;
  startImport: (input: unknown) => Promise<ActionResult<unknown>>;
};

const onlyColumns = (m: ColumnMapping, header: string[]) =>
  Object.fromEntries(Object.entries(m).filter((e): e is [string, string] => Boolean(e[1]) && header.includes(e[1]!)));

/** Step 2 of an import: check the proposed column for every field, set parsing options and rates, start. */
export function MappingForm({
  importId,
  kind,
  fields,
  preview,
  shop,
  ratedCurrencies = [],
  remembered = null,
  rerun = null,
  startImport,
}: Props) {
  const { t, f } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const proposed = preview.mapping.mapping;
  const initial = rerun?.mapping ?? remembered?.mapping;
  const [mapping, setMapping] = useState<Record<string, string>>(() =>
    initial ? onlyColumns(initial, preview.header) : { ...proposed },
  );
  const [ignored, setIgnored] = useState<Set<string>>(
    () => new Set(rerun?.options?.ignoreColumns ?? remembered?.ignore ?? []),
  );
  const byField = useMemo(() => new Map(preview.mapping.proposals.map((p) => [p.field, p])), [preview]);
  const saved = rerun?.options;
  const [options, setOptions] = useState({
    timezone: saved?.timezone ?? shop.timezone,
    dateOrder: saved?.dateOrder ?? 'auto',
    currency: saved?.currency ?? preview.currency?.currency ?? shop.currency,
    createMissingCustomers: saved?.createMissingCustomers ?? false,
    createMissingProducts: saved?.createMissingProducts ?? false,
  });
  const [rates, setRates] = useState<Record<string, string>>({});
  const missing = fields.filter((s) => s.required && !mapping[s.key]);
  const firstRow = preview.rows.find((r) => !r.error)?.fields ?? [];
  const sampleOf = (column: string | undefined) => (column ? (firstRow[preview.header.indexOf(column)] ?? '') : '');
  const used = new Set(Object.values(mapping).filter(Boolean));
  const extraColumns = preview.header.filter((h) => !used.has(h));
  const fileCurrencies =
    mapping.currency && preview.currency?.source === 'column'
      ? preview.currency.currencies
      : preview.currency?.source === 'symbol'
        ? preview.currency.currencies
        : [];
  const needRates = currenciesWithoutRate({
    importCurrency: options.currency || shop.currency,
    fileCurrencies,
    baseCurrency: shop.currency,
    rates: new Set(ratedCurrencies),
  });
  const enteredRates = needRates.map((c) => ({ currency: c, rateToBase: Number((rates[c] ?? '').replace(',', '.')) }));
  const ratesMissing = enteredRates.filter((r) => !(r.rateToBase > 0)).map((r) => r.currency);
  const delimiterName = t(`importReview.delimiters.${preview.delimiter}` as MessageKey);
  const isRemembered = !rerun && Boolean(remembered);

  function submit() {
    setError(null);
    start(async () => {
      const r = await startImport({
        importId,
        mapping: Object.fromEntries(fields.map((s) => [s.key, mapping[s.key] || null])),
        options: {
          ...options,
          currency: options.currency || undefined,
          decimalSeparator: preview.decimalSeparator,
          ignoreColumns: extraColumns.filter((c) => ignored.has(c)),
        },
        rates: enteredRates,
        restart: Boolean(rerun),
      });
      if (r.ok) router.replace(`/imports/${importId}`);
      else setError(r.message);
      router.refresh();
    });
  }

  return (
    <div className="space-y-6">
      <section className="card p-4">
        <h2 className="font-semibold">{t('imports.mapping.title')}</h2>
        <p className="mt-1 text-sm text-slate-600">
          {rerun ? t('importReview.rerunIntro') : t('imports.mapping.intro')}
        </p>
        <p className="mt-1 text-xs text-slate-500" data-testid="detected">
          {t('imports.mapping.detected', {
            encoding: preview.encoding.toUpperCase(),
            delimiter: delimiterName,
            columns: preview.header.length,
          })}{' '}
          · {t('importReview.estimatedRows', { rows: f.number(preview.estimatedRows) })}
          {preview.encodingNote ? ` · ${preview.encodingNote}` : ''}
        </p>
        {isRemembered && (
          <p className="mt-2 rounded bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="remembered">
            {t('importReview.remembered', { when: f.dateTime(new Date(remembered!.updatedAt)) })}{' '}
            <button
              type="button"
              className="underline"
              onClick={() => {
                setMapping({ ...proposed });
                setIgnored(new Set());
              }}
            >
              {t('importReview.useProposal')}
            </button>
          </p>
        )}
        <div className="overflow-x-auto">
          <table className="data-table mt-4">
            <thead>
              <tr>
                <th>{t('imports.mapping.field')}</th>
                <th>{t('imports.mapping.column')}</th>
                <th>{t('imports.mapping.confidence')}</th>
                <th>{t('imports.mapping.sample')}</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((spec) => (
                <MappingRow
                  key={spec.key}
                  spec={spec}
                  header={preview.header}
                  chosen={mapping[spec.key] ?? ''}
                  proposal={byField.get(spec.key)}
                  sample={sampleOf(mapping[spec.key])}
                  onChange={(column) => setMapping((m) => ({ ...m, [spec.key]: column }))}
                />
              ))}
            </tbody>
          </table>
        </div>
        <ExtraColumns
          columns={extraColumns}
          keepsAttributes={KEEPS_ATTRIBUTES[kind]}
          ignored={ignored}
          onToggle={(c, keep) =>
            setIgnored((s) => {
              const n = new Set(s);
              if (keep) n.delete(c);
              else n.add(c);
              return n;
            })
          }
        />
      </section>

      <section className="card grid gap-4 p-4 md:grid-cols-3">
        <h2 className="font-semibold md:col-span-3">{t('imports.mapping.options')}</h2>
        <div>
          <label className="label" htmlFor="opt-tz">
            {t('imports.mapping.timezone')}
          </label>
          <input
            className="input"
            id="opt-tz"
            value={options.timezone}
            onChange={(e) => setOptions({ ...options, timezone: e.target.value })}
          />
        </div>
        <div>
          <label className="label" htmlFor="opt-order">
            {t('imports.mapping.dateOrder')}
          </label>
          <select
            className="input"
            id="opt-order"
            value={options.dateOrder}
            onChange={(e) => setOptions({ ...options, dateOrder: e.target.value })}
          >
            {(['auto', 'dmy', 'mdy'] as const).map((o) => (
              <option key={o} value={o}>
                {t(`imports.mapping.dateOrders.${o}`)}
              </option>
            ))}
          </select>
          <p className="mt-1 text-xs text-slate-500">{preview.dateOrder.note}</p>
        </div>
        <CurrencyOptions
          detected={preview.currency}
          decimalComma={preview.decimalSeparator === ','}
          currency={options.currency}
          baseCurrency={shop.currency}
          missing={needRates}
          rates={rates}
          onCurrency={(currency) => setOptions({ ...options, currency })}
          onRate={(c, v) => setRates((r) => ({ ...r, [c]: v }))}
        />
        {(kind === 'orders' || kind === 'events') && (
          <div className="space-y-2 md:col-span-3">
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={options.createMissingCustomers}
                onChange={(e) => setOptions({ ...options, createMissingCustomers: e.target.checked })}
              />{' '}
              {t('imports.mapping.createMissingCustomers')}
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={options.createMissingProducts}
                onChange={(e) => setOptions({ ...options, createMissingProducts: e.target.checked })}
              />{' '}
              {t('imports.mapping.createMissingProducts')}
            </label>
          </div>
        )}
      </section>

      <section className="card p-4">
        <h2 className="mb-2 font-semibold">{t('imports.mapping.preview')}</h2>
        <div className="max-h-96 overflow-auto">
          <table className="data-table text-xs">
            <thead>
              <tr>
                <th>{t('imports.report.line')}</th>
                {preview.header.map((h) => (
                  <th
                    key={h}
                    className={`whitespace-nowrap normal-case ${ignored.has(h) ? 'text-slate-300 line-through' : ''}`}
                  >
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={r.line} className={r.error ? 'bg-red-50' : ''}>
                  <td className="text-slate-500">{r.line}</td>
                  {r.error ? (
                    <td colSpan={preview.header.length} className="text-red-700">
                      {rejectionText(t, {
                        reason: r.error.reason,
                        key: `importRejections.${r.error.code}`,
                        params: r.error.params,
                      })}
                    </td>
                  ) : (
                    r.fields.map((v, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: cells are aligned by position with the header columns
                      <td key={i} className="max-w-48 truncate whitespace-nowrap">
                        {v}
                      </td>
                    ))
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <div className="flex flex-wrap items-center gap-4">
        <button
          type="button"
          className="btn-primary"
          disabled={pending || missing.length > 0 || ratesMissing.length > 0}
          onClick={submit}
        >
          {t(rerun ? 'importReview.rerunStart' : 'imports.mapping.start')}
        </button>
        {missing.length > 0 && (
          <p className="text-sm text-red-700">
            {t('imports.mapping.missingRequired')} ({missing.map((s) => s.key).join(', ')})
          </p>
        )}
        {ratesMissing.length > 0 && (
          <p className="text-sm text-amber-800" data-testid="rates-needed">
            {t('importReview.currency.missingShort', { currencies: ratesMissing.join(', ') })}
          </p>
        )}
        {error && (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
