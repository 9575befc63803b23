'use client';
import type { ComponentProps, ReactNode } from 'react';
import { useI18n } from '@/components/i18n-provider';
import type { Role } from '@/lib/security/roles';
import { BrandMark } from './brand-mark';
import { LocaleSwitch } from './locale-switch';
import type { NavItem } from './nav-items';
import { Sidebar } from './sidebar';
import { SignOutButton, type SignOutEverywhere } from './sign-out-button';

export type ShellUser = { name: string; email: string; role: Role };

/** What the side column holds — name, menu, the signed-in user, language, sign out — on a desktop and in the drawer. */
export type SetLocale = ComponentProps<typeof LocaleSwitch>['setLocale'];

export function ShellPanel({
  items,
  user,
  action,
  setLocale,
  signOutEverywhere,
}: {
  items: NavItem[];
  user: ShellUser;
  action?: ReactNode;
  setLocale: SetLocale;
  signOutEverywhere: SignOutEverywhere;
}) {
  const { t } = useI18n();
  return (
    <>
      <div className="mb-6 flex items-start gap-2.5 px-3">
        <BrandMark size={28} />
        <div className="min-w-0">
          <div className="text-xl leading-tight font-bold tracking-tight text-brand-700">{t('app.name')}</div>
          <div className="text-xs text-slate-500">{t('app.tagline')}</div>
        </div>
        {action}
      </div>
      <Sidebar items={items} />
      <div className="mt-auto space-y-3 border-t border-slate-100 px-3 pt-4">
        <div>
          <div className="truncate text-sm font-medium" title={user.email}>
            {user.name}
          </div>
          <div className="text-xs text-slate-500">{t(`nav.roles.${user.role}`)}</div>
        </div>
        <LocaleSwitch setLocale={setLocale} />
        <SignOutButton signOutEverywhere={signOutEverywhere} />
      </div>
    </>
  );
}
