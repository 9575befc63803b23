import Link from 'next/link';
import { tagLabel } from '@/components/portraits/tag-chip';
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
  const select = 'input min-w-0';
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
      <div>
        <label className="label" htmlFor="segment">
          {t('customerList.filters.segment')}
        </label>
        <select
          className={select}
          id="segment"
          name="segment"
          defaultValue={params.segment ? String(params.segment) : ''}
        >
          <option value="">{t('customerList.filters.any')}</option>
          {choices.segments.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label className="label" htmlFor="tag">
          {t('customerList.filters.tag')}
        </label>
        <select className={select} id="tag" name="tag" defaultValue={params.tag ?? ''}>
          <option value="">{t('customerList.filters.any')}</option>
          {families.map((family) => (
            <optgroup key={family} label={t(`portraits.tags.families.${family}` as MessageKey)}>
              {choices.tags
                .filter((tag) => tag.family === family)
                .map((tag) => (
                  <option key={tag.key} value={tag.key}>
                    {tagLabel(tag, locale)}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div>
        <label className="label" htmlFor="rfm">
          {t('customerList.filters.rfm')}
        </label>
        <select className={select} id="rfm" name="rfm" defaultValue={params.rfm ?? ''}>
          <option value="">{t('customerList.filters.any')}</option>
          {choices.rfmGroups.map((g) => (
            <option key={g} value={g}>
              {groupLabel(g)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label className="label" htmlFor="stage">
          {t('customerList.filters.stage')}
        </label>
        <select className={select} id="stage" name="stage" defaultValue={params.stage ?? ''}>
          <option value="">{t('customerList.filters.any')}</option>
          {choices.stages.map((s) => (
            <option key={s} value={s}>
              {stageLabel(s)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label className="label" htmlFor="region">
          {t('customers.region')}
        </label>
        <select className={select} id="region" name="region" defaultValue={params.region ?? ''}>
          <option value="">{t('customerList.filters.any')}</option>
          {choices.regions.map((r) => (
            <option key={r.region} value={r.region}>
              {r.region}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label className="label" htmlFor="size">
          {t('customerList.filters.pageSize')}
        </label>
        <select className={select} id="size" name="size" defaultValue={String(params.size)}>
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
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
