import type { Metadata } from 'next';
import Link from 'next/link';
import { getI18n } from '@/app/_server/i18n';
import { pageData } from '@/app/_server/page';
import { requirePage } from '@/app/_server/session';
import { PageHeader } from '@/components/ui/page-header';
import { ProductThumb } from '@/components/ui/product-thumb';
import { StatCard } from '@/components/ui/stat-card';
import type { MessageKey } from '@/lib/i18n/translate';
import { productDetail } from '@/lib/services/catalogue';
import { SimilarProductsBlock } from './similar-products-block';

export const metadata: Metadata = { title: 'Product' };

export default async function ProductPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePage('catalogue:view');
  const { t, f, locale } = await getI18n();
  const { id } = await params;
  const { product: p, stats, categoryPathZh } = await pageData(() => productDetail(actor, id));
  const zh = locale === 'zh-CN';
  const title = (zh && p.titleZh) || p.title;
  const other = zh ? p.title : p.titleZh;
  const extra =
    p.attributes && typeof p.attributes === 'object' ? Object.entries(p.attributes as Record<string, unknown>) : [];
  const row = (label: MessageKey, value: React.ReactNode) => (
    <div className="flex justify-between gap-4 py-1.5 text-sm">
      <dt className="text-slate-500">{t(label)}</dt>
      <dd className="text-right">{value ?? '—'}</dd>
    </div>
  );
  return (
    <>
      <Link href="/catalogue" className="text-sm text-brand-700 hover:underline">
        ← {t('catalogue.title')}
      </Link>
      <div className="mt-2 flex items-start gap-4">
        <ProductThumb src={p.imageUrl} title={title} size={72} />
        <div className="flex-1">
          <PageHeader
            title={title}
            subtitle={
              <>
                {other && <span className="mr-2">{other}</span>}
                <span className="font-mono">{p.sku}</span>
              </>
            }
          />
        </div>
      </div>
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <StatCard
          label={`${t('catalogue.detail.views')} · ${t('catalogue.detail.performance')}`}
          value={f.number(stats.views)}
        />
        <StatCard label={t('catalogue.detail.carts')} value={f.number(stats.carts)} />
        <StatCard label={t('catalogue.detail.purchases')} value={f.number(stats.units)} />
        <StatCard label={t('catalogue.detail.revenue')} value={f.money(stats.revenue)} />
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <section className="card p-4">
          <h2 className="mb-2 font-semibold">{t('catalogue.detail.attributes')}</h2>
          <dl className="divide-y divide-slate-100">
            {row('catalogue.category', (zh && categoryPathZh) || p.category?.path)}
            {row('catalogue.brand', p.brand)}
            {row('catalogue.price', f.money(p.price))}
            {row('catalogue.stock', p.stock === null ? null : f.number(p.stock))}
            {row('catalogue.status', p.active ? t('common.active') : t('common.inactive'))}
            {row('catalogue.detail.color', p.color)}
            {row('catalogue.detail.size', p.size)}
            {row('catalogue.detail.material', p.material)}
            {extra.map(([k, v]) => (
              <div key={k} className="flex justify-between gap-4 py-1.5 text-sm">
                <dt className="text-slate-500">{k}</dt>
                <dd className="text-right">{String(v)}</dd>
              </div>
            ))}
            {row('catalogue.detail.updated', f.dateTime(p.updatedAt))}
          </dl>
        </section>
        <section className="card p-4">
          <h2 className="mb-2 font-semibold">{t('catalogue.detail.description')}</h2>
          <p className="text-sm whitespace-pre-line text-slate-700">{p.description ?? '—'}</p>
        </section>
      </div>
      <div className="mt-6">
        <SimilarProductsBlock productId={p.id} />
      </div>
    </>
  );
}
