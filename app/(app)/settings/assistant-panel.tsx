'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { FormMessage } from '@/components/ui/form-message';
import type { ProviderSettingsView } from '@/lib/services/assistant/provider-settings';
import { saveAssistantAction } from './actions';

type Call = {
  id: number;
  createdAt: Date;
  kind: string;
  model: string;
  prompt: string;
  outcome: string;
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
  userEmail: string | null;
};

/** Settings → AI assistant: the optional OpenAI-compatible provider (admins) and the AI activity log. */
export function AssistantPanel({ settings, calls }: { settings: ProviderSettingsView | null; calls: Call[] }) {
  const { t, f } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message?: string } | null>(null);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const data = { ...Object.fromEntries(form), enabled: form.get('enabled') === 'on' };
    start(async () => {
      const r = await saveAssistantAction(data);
      setResult(r.ok ? { ok: true, message: t('assistant.settings.saved') } : r);
      if (r.ok) router.refresh();
    });
  };
  const field = (name: string, label: string, props: React.InputHTMLAttributes<HTMLInputElement>) => (
    <div>
      <label className="label" htmlFor={`assistant-${name}`}>
        {label}
      </label>
      <input className="input" id={`assistant-${name}`} name={name} {...props} />
    </div>
  );
  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} className="card space-y-3 p-4" aria-labelledby="assistant-title">
        <h2 id="assistant-title" className="font-semibold">
          {t('assistant.settings.title')}
        </h2>
        <p className="text-sm text-slate-500">{t('assistant.settings.subtitle')}</p>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="enabled" defaultChecked={settings?.enabled ?? false} />
          {t('assistant.settings.enabled')}
        </label>
        <div className="grid gap-3 md:grid-cols-2">
          {field('baseUrl', t('assistant.settings.baseUrl'), {
            defaultValue: settings?.baseUrl ?? '',
            placeholder: 'https://api.openai.com/v1',
            required: true,
          })}
          {field('model', t('assistant.settings.model'), {
            defaultValue: settings?.model ?? '',
            placeholder: 'gpt-4o-mini',
            required: true,
          })}
          {field('apiKey', t('assistant.settings.apiKey'), {
            type: 'password',
            autoComplete: 'off',
            placeholder: settings?.hasKey ? t('assistant.settings.apiKeyKept') : '',
          })}
          {field('timeoutSeconds', t('assistant.settings.timeout'), {
            type: 'number',
            min: 1,
            max: 120,
            defaultValue: settings?.timeoutSeconds ?? 20,
          })}
          {field('monthlyTokenCap', t('assistant.settings.cap'), {
            type: 'number',
            min: 0,
            defaultValue: settings?.monthlyTokenCap ?? 200_000,
          })}
        </div>
        {settings && (
          <p className="text-sm text-slate-600">
            {t('assistant.settings.used', { tokens: f.number(settings.tokensThisMonth) })}
          </p>
        )}
        <div className="flex items-center gap-3">
          <button type="submit" className="btn-primary" disabled={pending}>
            {t('assistant.settings.save')}
          </button>
          <FormMessage result={result} />
        </div>
      </form>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a wide table scrolls and keyboard users must reach it */}
      <section className="card overflow-x-auto" tabIndex={0} aria-label={t('assistant.settings.log')}>
        <h2 className="p-4 pb-0 font-semibold">{t('assistant.settings.log')}</h2>
        {calls.length === 0 ? (
          <p className="p-4 text-sm text-slate-500">{t('assistant.settings.logEmpty')}</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th>{t('assistant.settings.when')}</th>
                <th>{t('assistant.settings.user')}</th>
                <th>{t('assistant.settings.kind')}</th>
                <th>{t('assistant.settings.model')}</th>
                <th>{t('assistant.settings.outcome')}</th>
                <th>{t('assistant.settings.tokens')}</th>
                <th>{t('assistant.settings.latency')}</th>
                <th>{t('assistant.settings.prompt')}</th>
              </tr>
            </thead>
            <tbody>
              {calls.map((c) => (
                <tr key={c.id}>
                  <td className="whitespace-nowrap">{f.dateTime(c.createdAt)}</td>
                  <td>{c.userEmail ?? '—'}</td>
                  <td>{c.kind}</td>
                  <td>{c.model}</td>
                  <td className="font-mono text-xs">{c.outcome}</td>
                  <td className="tabular-nums">{f.number(c.promptTokens + c.completionTokens)}</td>
                  <td className="tabular-nums">{f.number(c.latencyMs)} ms</td>
                  <td>
                    <details>
                      <summary className="cursor-pointer text-xs text-brand-700">
                        {t('assistant.settings.prompt')}
                      </summary>
                      <pre className="max-h-64 max-w-xl overflow-auto whitespace-pre-wrap break-words text-xs">
                        {c.prompt}
                      </pre>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
