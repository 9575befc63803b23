'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { FormMessage } from '@/components/ui/form-message';
import { ROLES, type Role } from '@/lib/security/roles';
import { createUserAction, signOutUserAction, updateUserAction } from './actions';

type UserRow = {
  id: string;
  email: string;
  name: string;
  role: string;
  disabledAt: Date | null;
  lastLoginAt: Date | null;
};

export function UsersPanel({ users, selfId }: { users: UserRow[]; selfId: string }) {
  const { t, f } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message?: string } | null>(null);

  const run = (fn: () => Promise<{ ok: boolean; message?: string }>, okMessage: string, after?: () => void) =>
    start(async () => {
      const r = await fn();
      setResult(r.ok ? { ok: true, message: okMessage } : r);
      if (r.ok) {
        after?.();
        router.refresh();
      }
    });

  function onCreate(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = Object.fromEntries(new FormData(form));
    run(
      () => createUserAction(data),
      t('settings.users.created'),
      () => form.reset(),
    );
  }

  return (
    <div className="space-y-6">
      <div className="card overflow-x-auto">
        <table className="data-table">
          <thead>
            <tr>
              <th>{t('settings.users.name')}</th>
              <th>{t('settings.users.email')}</th>
              <th>{t('settings.users.role')}</th>
              <th>{t('settings.users.status')}</th>
              <th>{t('settings.users.lastLogin')}</th>
              <th>{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>
                  <select
                    aria-label={`${t('settings.users.role')} ${u.email}`}
                    className="rounded-md border border-slate-300 px-2 py-1 text-sm"
                    defaultValue={u.role}
                    disabled={pending || u.id === selfId}
                    onChange={(e) =>
                      run(
                        () => updateUserAction({ userId: u.id, role: e.target.value as Role }),
                        t('settings.users.saved'),
                      )
                    }
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`nav.roles.${r}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {u.disabledAt ? (
                    <span className="badge bg-slate-100 text-slate-500">{t('settings.users.disabled')}</span>
                  ) : (
                    <span className="badge bg-emerald-50 text-emerald-700">{t('settings.users.enabled')}</span>
                  )}
                </td>
                <td>{u.lastLoginAt ? f.dateTime(u.lastLoginAt) : t('settings.users.never')}</td>
                <td className="flex gap-2">
                  {u.id !== selfId && (
                    <button
                      type="button"
                      className="btn-secondary py-1"
                      disabled={pending}
                      onClick={() =>
                        run(
                          () => updateUserAction({ userId: u.id, disabled: !u.disabledAt }),
                          t('settings.users.saved'),
                        )
                      }
                    >
                      {u.disabledAt ? t('settings.users.enable') : t('settings.users.disable')}
                    </button>
                  )}
                  <button
                    type="button"
                    className="btn-secondary py-1"
                    disabled={pending}
                    onClick={() => {
                      const password = window.prompt(`${t('settings.users.newPassword')} (${u.email})`);
                      if (password) run(() => updateUserAction({ userId: u.id, password }), t('settings.users.saved'));
                    }}
                  >
                    {t('settings.users.resetPassword')}
                  </button>
                  <button
                    type="button"
                    className="btn-secondary py-1"
                    disabled={pending}
                    onClick={() => run(() => signOutUserAction(u.id), t('settings.users.signedOut'))}
                  >
                    {t('settings.users.signOutEverywhere')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FormMessage result={result} />
      <form onSubmit={onCreate} className="card grid gap-3 p-4 md:grid-cols-5 md:items-end">
        <h3 className="font-semibold md:col-span-5">{t('settings.users.add')}</h3>
        <div>
          <label className="label" htmlFor="new-name">
            {t('settings.users.name')}
          </label>
          <input className="input" id="new-name" name="name" required />
        </div>
        <div>
          <label className="label" htmlFor="new-email">
            {t('settings.users.email')}
          </label>
          <input className="input" id="new-email" name="email" type="email" required />
        </div>
        <div>
          <label className="label" htmlFor="new-role">
            {t('settings.users.role')}
          </label>
          <select className="input" id="new-role" name="role" defaultValue="marketer">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`nav.roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label className="label" htmlFor="new-password">
            {t('settings.users.password')}
          </label>
          <input className="input" id="new-password" name="password" type="password" minLength={10} required />
        </div>
        <button className="btn-primary" disabled={pending} type="submit">
          {t('common.create')}
        </button>
        <p className="text-xs text-slate-500 md:col-span-5">{t('settings.users.roleHelp')}</p>
      </form>
    </div>
  );
}
