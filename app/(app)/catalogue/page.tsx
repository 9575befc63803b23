import type { Metadata } from 'next';
import Link from 'next/link';
import { getI18n } from '@/app/_server/i18n';
import { firstValues, pageData } from '@/app/_server/page';
import { requirePage } from '@/app/_server/session';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { ProductThumb } from '@/components/ui/product-thumb';
import { browseCatalogue } from '@/lib/services/catalogue';

export const metadata: Metadata = { title: 'Catalogue' };

export default async function CataloguePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePage('catalogue:view');
  const { t, f, locale } = await getI18n();
  const params = firstValues(await searchParams);
  const data = await pageData(() => browseCatalogue(actor, params));
  const { query } = data;
  const zh = locale === 'zh-CN';
  const categoryLabel = (c: { path: string; nameZh: string | null; name: string; depth: number }) =>
    `${'\u00a0\u00a0'.repeat(c.depth)}${(zh && c.nameZh) || c.name}`;
  // In Chinese, each level of a path by its Chinese name where the catalogue gave one.
  const zhNames = new Map(data.categories.map((c) => [c.path, c.nameZh]));
  const pathLabel = (path: string) =>
    zh
      ? path
          .split(' > ')
          .map((seg, i, all) => zhNames.get(all.slice(0, i + 1).join(' > ')) || seg)
          .join(' > ')
      : path;
  const filtersOn = Boolean(
    query.q ||
      query.category ||
      query.brand ||
      query.priceMin !== undefined ||
      query.priceMax !== undefined ||
      query.active ||
      query.stock,
  );
  return (
    <>
      <PageHeader title={t('catalogue.title')} subtitle={t('catalogue.subtitle', { count: data.total })} />
      {/* biome-ignore lint/a11y/useSemanticElements: it must stay a <form> (GET filters); role=search marks it as the search landmark */}
      <form className="card mb-4 grid grid-cols-2 items-end gap-3 p-4 md:grid-cols-4 xl:grid-cols-8" role="search">
        <div className="col-span-2">
          <label className="label" htmlFor="q">
            {t('common.search')}
          </label>
          <input
            className="input"
            id="q"
            name="q"
            defaultValue={query.q ?? ''}
            placeholder={t('catalogue.searchPlaceholder')}
          />
        </div>
        <div className="col-span-2">
          <label className="label" htmlFor="category">
            {t('catalogue.category')}
          </label>
          <select className="input" id="category" name="category" defaultValue={query.category ?? ''}>
            <option value="">{t('common.all')}</option>
            {data.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {categoryLabel(c)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label className="label" htmlFor="brand">
            {t('catalogue.brand')}
          </label>
          <select className="input" id="brand" name="brand" defaultValue={query.brand ?? ''}>
            <option value="">{t('common.all')}</option>
            {data.brands.map((b) => (
              <option key={b.brand} value={b.brand}>
                {b.brand}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label className="label" htmlFor="priceMin">
            {t('catalogue.price')}
          </label>
          <div className="flex gap-1">
            <input
              className="input"
              id="priceMin"
              name="priceMin"
              inputMode="decimal"
              placeholder={t('common.min')}
              defaultValue={query.priceMin ?? ''}
              aria-label={`${t('catalogue.price')} ${t('common.min')}`}
            />
            <input
              className="input"
              name="priceMax"
              inputMode="decimal"
              placeholder={t('common.max')}
              defaultValue={query.priceMax ?? ''}
              aria-label={`${t('catalogue.price')} ${t('common.max')}`}
            />
          </div>
        </div>
        <div>
          <label className="label" htmlFor="stock">
            {t('catalogue.stock')}
          </label>
          <select className="input" id="stock" name="stock" defaultValue={query.stock ?? ''}>
            <option value="">{t('common.any')}</option>
            <option value="in">{t('catalogue.inStock')}</option>
            <option value="out">{t('catalogue.outOfStock')}</option>
          </select>
        </div>
        <div>
          <label className="label" htmlFor="sort">
            {t('catalogue.sort')}
          </label>
          <select className="input" id="sort" name="sort" defaultValue={query.sort}>
            {(['title', 'priceAsc', 'priceDesc', 'newest'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`catalogue.sorts.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="active" value="1" defaultChecked={query.active === '1'} />{' '}
          {t('catalogue.onlyActive')}
        </label>
        <div className="flex gap-2">
          <button className="btn-primary" type="submit">
            {t('common.filter')}
          </button>
          {filtersOn && (
            <Link className="btn-secondary" href="/catalogue">
              {t('common.clear')}
            </Link>
          )}
        </div>
      </form>
      <div className="card overflow-x-auto">
        <table className="data-table">
          <thead>
            <tr>
              <th className="w-14" />
              <th>{t('catalogue.product')}</th>
              <th>{t('catalogue.category')}</th>
              <th>{t('catalogue.brand')}</th>
              <th className="text-right">{t('catalogue.price')}</th>
              <th className="text-right">{t('catalogue.stock')}</th>
              <th>{t('catalogue.status')}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((p) => {
              const title = (zh && p.titleZh) || p.title;
              return (
                <tr key={p.id} className="hover:bg-slate-50">
                  <td>
                    <ProductThumb src={p.imageUrl} title={title} size={40} />
                  </td>
                  <td>
                    <Link className="font-medium text-brand-700 hover:underline" href={`/catalogue/${p.id}`}>
                      {title}
                    </Link>
                    <div className="font-mono text-xs text-slate-500">
                      {p.sku}
                      {!zh && p.titleZh ? ` · ${p.titleZh}` : zh && p.titleZh ? ` · ${p.title}` : ''}
                    </div>
                  </td>
                  <td className="text-slate-600">{p.category ? pathLabel(p.category.path) : '—'}</td>
                  <td>{p.brand ?? '—'}</td>
                  <td className="text-right tabular-nums">{f.money(p.price)}</td>
                  <td className={`text-right tabular-nums ${p.stock !== null && p.stock <= 0 ? 'text-red-700' : ''}`}>
                    {p.stock === null ? '—' : f.number(p.stock)}
                  </td>
                  <td>
                    <span
                      className={`badge ${p.active ? 'bg-emerald-50 text-emerald-700' : 'bg-slate-100 text-slate-500'}`}
                    >
                      {p.active ? t('common.active') : t('common.inactive')}
                    </span>
                  </td>
                </tr>
              );
            })}
            {data.rows.length === 0 && (
              <tr>
                <td colSpan={7} className="py-8 text-center text-slate-500">
                  {t('common.noResults')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
        <Pagination
          t={t}
          page={query.page}
          pageSize={query.pageSize}
          total={data.total}
          basePath="/catalogue"
          params={{
            q: query.q,
            category: query.category?.toString(),
            brand: query.brand,
            priceMin: query.priceMin?.toString(),
            priceMax: query.priceMax?.toString(),
            active: query.active,
            stock: query.stock,
            sort: query.sort,
          }}
        />
      </div>
    </>
  );
}
