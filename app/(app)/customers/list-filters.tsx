import Link from 'next/link';
import type { ReactNode } from 'react';
import { tagLabel } from '@/components/portraits/tag-chip';
import { labelFor } from '@/lib/i18n/message-ref';
import type { MessageKey, Translate } from '@/lib/i18n/translate';
import type { CustomerList } from '@/lib/services/customers-list';
import { listQueryString, PAGE_SIZES } from '@/lib/services/customers-list';

type Props = {
  t: Translate;
  locale: string;
  list: CustomerList;
  groupLabel: (g: string) => string;
  stageLabel: (s: string) => string;
};

/** A plain GET form: the filters land in the URL (shareable), the sort is kept, the page starts again at 1. */
export function ListFilters({ t, locale, list, groupLabel, stageLabel }: Props) {
  const { params, choices } = list;
  const families = [...new Set(choices.tags.map((tag) => tag.family))];
  const isFiltered = Boolean(params.q || params.region || params.tag || params.segment || params.rfm || params.stage);
  return (
    // Keyed by the query: a client-side navigation (a saved view, a sort link) remounts it with the new defaults.
    // biome-ignore lint/a11y/useSemanticElements: it must stay a <form> (GET filters); role=search marks it as the search landmark
    <form
      key={listQueryString(params)}
      className="card mb-4 grid grid-cols-2 items-end gap-3 p-4 md:grid-cols-4 xl:grid-cols-8"
      role="search"
      action="/customers"
    >
      <div className="col-span-2">
        <label className="label" htmlFor="q">
          {t('customerList.filters.search')}
        </label>
        <input
          className="input"
          id="q"
          name="q"
          defaultValue={params.q ?? ''}
          placeholder={t('customers.searchPlaceholder')}
        />
      </div>
      <FilterSelect t={t} name="segment" label="customerList.filters.segment" value={params.segment}>
        {choices.segments.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect t={t} name="tag" label="customerList.filters.tag" value={params.tag}>
        {families.map((family) => (
          <optgroup key={family} label={labelFor(t, 'portraits.tags.families', family)}>
            {choices.tags
              .filter((tag) => tag.family === family)
              .map((tag) => (
                <option key={tag.key} value={tag.key}>
                  {tagLabel(tag, locale)}
                </option>
              ))}
          </optgroup>
        ))}
      </FilterSelect>
      <FilterSelect t={t} name="rfm" label="customerList.filters.rfm" value={params.rfm}>
        {choices.rfmGroups.map((g) => (
          <option key={g} value={g}>
            {groupLabel(g)}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect t={t} name="stage" label="customerList.filters.stage" value={params.stage}>
        {choices.stages.map((s) => (
          <option key={s} value={s}>
            {stageLabel(s)}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect t={t} name="region" label="customers.region" value={params.region}>
        {choices.regions.map((r) => (
          <option key={r.region} value={r.region}>
            {r.region}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect t={t} name="size" label="customerList.filters.pageSize" value={params.size} isRequired>
        {PAGE_SIZES.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </FilterSelect>
      <input type="hidden" name="sort" value={params.sort} />
      <input type="hidden" name="dir" value={params.dir} />
      <div className="col-span-2 flex gap-2 md:col-span-4 xl:col-span-8">
        <button className="btn-primary" type="submit">
          {t('customerList.filters.apply')}
        </button>
        {isFiltered && (
          <Link className="btn-secondary" href="/customers">
            {t('customerList.filters.clear')}
          </Link>
        )}
      </div>
    </form>
  );
}

type FilterSelectProps = {
  t: Translate;
  name: string;
  label: MessageKey;
  value: string | number | undefined;
  /** A select without the "any" choice (the page size always has a value). */
  isRequired?: boolean;
  children: ReactNode;
};

/** One labelled filter select: its name is the URL parameter, "any" (empty) first unless a value is required. */
function FilterSelect({ t, name, label, value, isRequired = false, children }: FilterSelectProps) {
  return (
    <div>
      <label className="label" htmlFor={name}>
        {t(label)}
      </label>
      <select className="input min-w-0" id={name} name={name} defaultValue={value === undefined ? '' : String(value)}>
        {!isRequired && <option value="">{t('customerList.filters.any')}</option>}
        {children}
      </select>
    </div>
  );
}
