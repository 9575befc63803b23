import type { ReactNode } from 'react';
import { redirect } from 'next/navigation';
import { getActor } from '@/app/_server/session';
import { getI18n } from '@/app/_server/i18n';
import { setLocaleAction } from '@/app/_server/locale-action';
import { LocaleSwitch } from '@/components/shell/locale-switch';
import { NAV_ITEMS } from '@/components/shell/nav-items';
import { Sidebar } from '@/components/shell/sidebar';
import { SignOutButton } from '@/components/shell/sign-out-button';
import { can } from '@/lib/security/roles';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await getActor();
  if (!actor) redirect('/sign-in');
  const { t } = await getI18n();
  const items = NAV_ITEMS.filter((item) => can(actor.role, item.permission));
  return (
    <div className="flex min-h-screen">
      <aside className="sticky top-0 flex h-screen w-56 shrink-0 flex-col border-r border-slate-200 bg-white px-3 py-4">
        <div className="mb-6 px-3">
          <div className="text-xl font-bold tracking-tight text-brand-700">{t('app.name')}</div>
          <div className="text-xs text-slate-500">{t('app.tagline')}</div>
        </div>
        <Sidebar items={items} />
        <div className="mt-auto space-y-3 border-t border-slate-100 px-3 pt-4">
          <div>
            <div className="truncate text-sm font-medium" title={actor.email}>{actor.name}</div>
            <div className="text-xs text-slate-500">{t(`nav.roles.${actor.role}`)}</div>
          </div>
          <LocaleSwitch setLocale={setLocaleAction} />
          <SignOutButton />
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-8 py-6">{children}</main>
    </div>
  );
}
