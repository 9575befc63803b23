'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { FormMessage } from '@/components/ui/form-message';
import type { MessageKey } from '@/lib/i18n/translate';
import { DEFAULT_SMTP_CONNECTIONS } from '@/lib/schemas/email';
import type { getSmtpSettings } from '@/lib/services/email/smtp';
import { saveSmtpAction, sendSmtpTestAction } from './actions';

type Settings = Awaited<ReturnType<typeof getSmtpSettings>>;

const TEXT: { name: string; label: MessageKey; type?: string; placeholder?: string }[] = [
  { name: 'host', label: 'email.settings.host', placeholder: 'smtp.example.com' },
  { name: 'port', label: 'email.settings.port', type: 'number' },
  { name: 'user', label: 'email.settings.user' },
  { name: 'password', label: 'email.settings.password', type: 'password' },
  { name: 'from', label: 'email.settings.from', placeholder: 'Shop <news@shop.example>' },
  { name: 'replyTo', label: 'email.settings.replyTo' },
  { name: 'ratePerMinute', label: 'email.settings.rate', type: 'number' },
  { name: 'connections', label: 'email.settings.connections', type: 'number' },
  { name: 'shopName', label: 'email.settings.shopName' },
  { name: 'shopUrl', label: 'email.settings.shopUrl', placeholder: 'https://shop.example' },
  { name: 'publicUrl', label: 'email.settings.publicUrl', placeholder: 'https://precisa.example' },
];

/** Settings → e-mail: the SMTP server, sender and link addresses, and a test send. */
export function EmailPanel({ settings }: { settings: Settings }) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message?: string } | null>(null);
  const values: Record<string, string | number | boolean> = {
    connections: DEFAULT_SMTP_CONNECTIONS,
    ...(settings ?? { port: 587, security: 'starttls', ratePerMinute: 600 }),
  };
  const onSave = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = { ...Object.fromEntries(new FormData(e.currentTarget)) } as Record<string, unknown>;
    data.trackOpens = data.trackOpens === 'on';
    start(async () => {
      const r = await saveSmtpAction(data);
      setResult(r.ok ? { ok: true, message: t('email.settings.saved') } : r);
      if (r.ok) router.refresh();
    });
  };
  const onTest = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(e.currentTarget));
    start(async () => {
      const r = await sendSmtpTestAction(data);
      setResult(r.ok ? { ok: true, message: t('email.settings.testSent', { response: r.data.response }) } : r);
    });
  };
  return (
    <div className="space-y-6">
      <form onSubmit={onSave} className="card space-y-4 p-4" data-testid="smtp-form">
        <div>
          <h2 className="font-semibold">{t('email.settings.title')}</h2>
          <p className="text-sm text-slate-500">{t('email.settings.help')}</p>
        </div>
        <div className="grid gap-3 md:grid-cols-2">
          {TEXT.map((f) => (
            <div key={f.name}>
              <label className="label" htmlFor={`smtp-${f.name}`}>
                {t(f.label)}
              </label>
              <input
                className="input"
                id={`smtp-${f.name}`}
                name={f.name}
                type={f.type ?? 'text'}
                placeholder={
                  f.name === 'password' && settings?.hasPassword ? t('email.settings.passwordKept') : f.placeholder
                }
                defaultValue={f.name === 'password' ? '' : String(values[f.name] ?? '')}
                autoComplete={f.name === 'password' ? 'new-password' : 'off'}
              />
              {f.name === 'publicUrl' && (
                <p className="mt-1 text-xs text-slate-500">{t('email.settings.publicUrlHelp')}</p>
              )}
              {f.name === 'connections' && (
                <p className="mt-1 text-xs text-slate-500">{t('email.settings.connectionsHelp')}</p>
              )}
            </div>
          ))}
          <div>
            <label className="label" htmlFor="smtp-security">
              {t('email.settings.security')}
            </label>
            <select className="input" id="smtp-security" name="security" defaultValue={String(values.security)}>
              {(['tls', 'starttls', 'none'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`email.settings.securityOptions.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <label className="flex items-start gap-2 text-sm md:col-span-2">
            <input type="checkbox" name="trackOpens" defaultChecked={Boolean(values.trackOpens)} className="mt-1" />
            <span>
              {t('email.settings.trackOpens')}
              <span className="block text-xs text-slate-500">{t('email.settings.trackOpensHelp')}</span>
            </span>
          </label>
        </div>
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {t('email.settings.save')}
        </button>
      </form>
      {settings && (
        <form onSubmit={onTest} className="card flex flex-wrap items-end gap-3 p-4">
          <div className="min-w-0 flex-1">
            <label className="label" htmlFor="smtp-test-to">
              {t('email.settings.testTo')}
            </label>
            <input className="input" id="smtp-test-to" name="to" type="email" required />
          </div>
          <button type="submit" className="btn" disabled={pending}>
            {t('email.settings.sendTest')}
          </button>
        </form>
      )}
      <FormMessage result={result} />
    </div>
  );
}
