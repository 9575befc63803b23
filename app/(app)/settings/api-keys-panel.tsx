'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { FormMessage } from '@/components/ui/form-message';
import { API_SCOPES } from '@/lib/security/api-keys';
import { issueApiKeyAction, revokeApiKeyAction } from './actions';

type KeyRow = {
  id: string;
  name: string;
  prefix: string;
  scopes: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
};

export function ApiKeysPanel({ keys }: { keys: KeyRow[] }) {
  const { t, f } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [issued, setIssued] = useState<string | null>(null);
  const [result, setResult] = useState<{ ok: boolean; message?: string } | null>(null);

  function onIssue(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    start(async () => {
      const r = await issueApiKeyAction({
        name: data.get('name'),
        scopes: data.getAll('scopes'),
        expiresInDays: data.get('expiresInDays'),
      });
      if (r.ok) {
        setIssued(r.data.key);
        setResult(null);
        form.reset();
        router.refresh();
      } else setResult(r);
    });
  }

  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-600">{t('settings.apiKeys.intro')}</p>
      {issued && (
        <div className="card border-amber-300 bg-amber-50 p-4" role="status">
          <p className="mb-2 text-sm font-medium text-amber-900">{t('settings.apiKeys.shownOnce')}</p>
          <code data-testid="issued-key" className="block rounded bg-white p-2 font-mono text-sm break-all select-all">
            {issued}
          </code>
        </div>
      )}
      <div className="card overflow-x-auto">
        <table className="data-table">
          <thead>
            <tr>
              <th>{t('settings.apiKeys.name')}</th>
              <th>{t('settings.apiKeys.prefix')}</th>
              <th>{t('settings.apiKeys.scopes')}</th>
              <th>{t('settings.apiKeys.created')}</th>
              <th>{t('settings.apiKeys.lastUsed')}</th>
              <th>{t('settings.apiKeys.expires')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id} className={k.revokedAt ? 'text-slate-400' : ''}>
                <td>{k.name}</td>
                <td className="font-mono">{k.prefix}_…</td>
                <td>
                  {k.scopes.split(' ').map((s) => (
                    <span key={s} className="badge mr-1 bg-slate-100 text-slate-700">
                      {s}
                    </span>
                  ))}
                </td>
                <td>{f.date(k.createdAt)}</td>
                <td suppressHydrationWarning>{k.lastUsedAt ? f.ago(k.lastUsedAt) : t('settings.apiKeys.never')}</td>
                <td>{k.expiresAt ? f.date(k.expiresAt) : t('settings.apiKeys.never')}</td>
                <td>
                  {k.revokedAt ? (
                    t('settings.apiKeys.revoked')
                  ) : (
                    <button
                      type="button"
                      className="btn-danger py-1"
                      disabled={pending}
                      onClick={() =>
                        start(async () => {
                          setResult(await revokeApiKeyAction(k.id));
                          router.refresh();
                        })
                      }
                    >
                      {t('settings.apiKeys.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FormMessage result={result && !result.ok ? result : null} />
      <form onSubmit={onIssue} className="card grid gap-3 p-4 md:grid-cols-4 md:items-end">
        <h3 className="font-semibold md:col-span-4">{t('settings.apiKeys.issue')}</h3>
        <div>
          <label className="label" htmlFor="key-name">
            {t('settings.apiKeys.name')}
          </label>
          <input className="input" id="key-name" name="name" placeholder="Storefront" required />
        </div>
        <fieldset>
          <legend className="label">{t('settings.apiKeys.scopes')}</legend>
          {API_SCOPES.map((s) => (
            <label key={s} className="flex items-center gap-2 py-1 text-sm">
              <input type="checkbox" name="scopes" value={s} defaultChecked={s === 'events:write'} />{' '}
              {t(`settings.apiKeys.scopeNames.${s}`)}
            </label>
          ))}
        </fieldset>
        <div>
          <label className="label" htmlFor="key-expiry">
            {t('settings.apiKeys.expiresInDays')}
          </label>
          <input className="input" id="key-expiry" name="expiresInDays" inputMode="numeric" />
        </div>
        <button className="btn-primary" disabled={pending} type="submit">
          {t('settings.apiKeys.issue')}
        </button>
      </form>
    </div>
  );
}
