import Link from 'next/link';
import type { Translate } from '@/lib/i18n/translate';

/** Tabs shared by the Tags page and the portrait models page. */
export function TagsSubnav({ t, current }: { t: Translate; current: 'tags' | 'models' }) {
  const tabs = [
    { key: 'tags', href: '/tags', label: t('portraits.nav.tags') },
    { key: 'models', href: '/portraits', label: t('portraits.nav.models') },
  ] as const;
  return (
    <nav className="mb-6 flex gap-1 border-b border-slate-200" aria-label={t('portraits.nav.tags')}>
      {tabs.map((x) => (
        <Link
          key={x.key}
          href={x.href}
          aria-current={x.key === current ? 'page' : undefined}
          className={`-mb-px border-b-2 px-4 py-2 text-sm font-medium ${x.key === current ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-500 hover:text-slate-800'}`}
        >
          {x.label}
        </Link>
      ))}
    </nav>
  );
}
