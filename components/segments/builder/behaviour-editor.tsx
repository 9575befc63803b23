'use client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { EVENT_TYPES, type BehaviourCondition, type BehaviourFilter } from '@/lib/schemas/segment';
import { useBuilder, type ProductName } from './context';
import { Combobox, Select, TextInput } from './inputs';
import { useDebounced } from './use-debounced';
import { FrequencyEditor, WindowEditor } from './window';

type Product = ProductName & { sku: string; brand: string | null };
const CAMPAIGN_EVENTS = new Set(['click', 'exposure', 'open', 'purchase']);

function ProductPicker({
  value,
  onChange,
  invalid,
}: {
  value: number | undefined;
  onChange: (id: number | undefined) => void;
  invalid?: boolean;
}) {
  const { t, locale } = useI18n();
  const { products, rememberProduct } = useBuilder();
  const [q, setQ] = useState('');
  const query = useDebounced(q, 200);
  const { data, isFetching } = useQuery({
    queryKey: ['segment-products', query],
    queryFn: async ({ signal }) =>
      (await (await fetch(`/api/segments/products?q=${encodeURIComponent(query)}`, { signal })).json()) as Product[],
    staleTime: 60_000,
  });
  const title = (p: ProductName) => (locale === 'zh-CN' && p.titleZh ? p.titleZh : p.title);
  const current = value === undefined ? null : products.get(value);
  const options = [
    { value: '', label: t('segments.behaviour.anyProduct') },
    ...(data ?? []).map((p) => ({ value: String(p.id), label: title(p), hint: p.sku })),
  ];
  return (
    <Combobox
      label={t('segments.behaviour.productSearch')}
      placeholder={t('segments.behaviour.anyProduct')}
      value={value === undefined ? null : String(value)}
      selectedLabel={current ? title(current) : value !== undefined ? `#${value}` : null}
      options={options}
      onSearch={setQ}
      loading={isFetching && !data}
      noMatch={t('segments.behaviour.noProduct')}
      invalid={invalid}
      width="w-56"
      onChange={(v) => {
        if (!v) return onChange(undefined);
        const p = data?.find((x) => String(x.id) === v);
        if (p) rememberProduct(p);
        onChange(Number(v));
      }}
    />
  );
}

/** Behaviour: did / did not EVENT [in category / brand / product / campaign] N times in a window. */
export function BehaviourEditor({
  c,
  onChange,
  bad,
}: {
  c: BehaviourCondition;
  onChange: (c: BehaviourCondition) => void;
  bad: (field: string) => boolean;
}) {
  const { t, locale } = useI18n();
  const { vocab } = useBuilder();
  const filter = c.filter ?? {};
  const setFilter = (patch: Partial<BehaviourFilter>) => {
    const next: BehaviourFilter = { ...filter, ...patch };
    for (const k of Object.keys(next) as (keyof BehaviourFilter)[])
      if (next[k] === undefined || next[k] === '') delete next[k];
    onChange({ ...c, filter: Object.keys(next).length ? next : undefined });
  };
  const name = (k: { name: string; nameZh: string | null }) => (locale === 'zh-CN' && k.nameZh ? k.nameZh : k.name);
  const small = 'text-xs font-medium text-slate-500';
  return (
    <div className="flex w-full flex-col gap-2">
      <div className="flex flex-wrap items-center gap-1.5">
        <Select
          label={t('segments.behaviour.did')}
          value={c.op}
          options={(['did', 'did_not'] as const).map((o) => ({ value: o, label: t(`segments.behaviour.${o}`) }))}
          onChange={(op) => onChange({ ...c, op })}
        />
        <Select
          label={t('segments.behaviour.event')}
          value={c.event}
          options={EVENT_TYPES.map((e) => ({ value: e, label: t(`segments.behaviour.events.${e}`) }))}
          onChange={(event) =>
            onChange({
              ...c,
              event,
              filter: CAMPAIGN_EVENTS.has(event) ? c.filter : c.filter && { ...c.filter, campaignId: undefined },
            })
          }
        />
        {c.event === 'purchase' && (
          <span className="text-xs text-slate-500">{t('segments.behaviour.purchaseNote')}</span>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
        <label className="inline-flex items-center gap-1.5">
          <span className={small}>{t('segments.behaviour.category')}</span>
          <Select
            label={t('segments.behaviour.category')}
            value={filter.categoryId === undefined ? '' : String(filter.categoryId)}
            className="max-w-56"
            invalid={bad('filter.categoryId')}
            options={[
              { value: '', label: t('segments.behaviour.anyCategory') },
              ...vocab.categories.map((k) => ({
                value: String(k.id),
                label: `${'\u00a0\u00a0\u00a0'.repeat(k.depth)}${name(k)}`,
              })),
            ]}
            onChange={(v) => setFilter({ categoryId: v ? Number(v) : undefined })}
          />
        </label>
        <label className="inline-flex items-center gap-1.5">
          <span className={small}>{t('segments.behaviour.brand')}</span>
          <TextInput
            label={t('segments.behaviour.brand')}
            value={filter.brand ?? ''}
            placeholder={t('segments.behaviour.anyBrand')}
            list={vocab.brands}
            width="w-36"
            onChange={(v) => setFilter({ brand: v || undefined })}
            invalid={bad('filter.brand')}
          />
        </label>
        <span className="inline-flex items-center gap-1.5">
          <span className={small}>{t('segments.behaviour.product')}</span>
          <ProductPicker
            value={filter.productId}
            onChange={(productId) => setFilter({ productId })}
            invalid={bad('filter.productId')}
          />
        </span>
        {CAMPAIGN_EVENTS.has(c.event) && vocab.campaigns.length > 0 && (
          <label className="inline-flex items-center gap-1.5">
            <span className={small}>{t('segments.behaviour.campaign')}</span>
            <Select
              label={t('segments.behaviour.campaign')}
              value={filter.campaignId === undefined ? '' : String(filter.campaignId)}
              className="max-w-48"
              options={[
                { value: '', label: t('segments.behaviour.anyCampaign') },
                ...vocab.campaigns.map((m) => ({ value: String(m.id), label: m.name })),
              ]}
              onChange={(v) => setFilter({ campaignId: v ? Number(v) : undefined })}
            />
          </label>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
        <FrequencyEditor
          value={c.frequency}
          onChange={(frequency) => onChange({ ...c, frequency })}
          invalid={bad('frequency') || bad('frequency.value')}
        />
        <WindowEditor
          value={c.window}
          onChange={(window) => onChange({ ...c, window })}
          invalid={bad('window') || bad('window.days') || bad('window.to') || bad('window.from')}
        />
      </div>
    </div>
  );
}
