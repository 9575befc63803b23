'use client';
import { signOut } from 'next-auth/react';
import { useTransition } from 'react';
import { useI18n } from '@/components/i18n-provider';
import type { ActionResult } from '@/lib/action-result';

export type SignOutEverywhere = () => Promise<ActionResult<null>>;

/** "Sign out" ends this session; "sign out everywhere" first ends every other session of the user too. */
export function SignOutButton({ signOutEverywhere }: { signOutEverywhere: SignOutEverywhere }) {
  const { t } = useI18n();
  const [pending, start] = useTransition();
  const className = 'block text-left text-sm text-slate-500 hover:text-slate-900 disabled:opacity-50';
  return (
    <div className="space-y-1">
      <button type="button" className={className} onClick={() => signOut({ callbackUrl: '/sign-in' })}>
        {t('nav.signOut')}
      </button>
      <button
        type="button"
        className={className}
        disabled={pending}
        onClick={() =>
          start(async () => {
            await signOutEverywhere();
            await signOut({ callbackUrl: '/sign-in' });
          })
        }
      >
        {t('nav.signOutEverywhere')}
      </button>
    </div>
  );
}
