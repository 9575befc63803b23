'use client';
import { useEffect, useState, useTransition, type FormEvent } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { FormMessage } from '@/components/ui/form-message';
import type { ActionResult } from '@/lib/action-result';
import { ChannelMessageShown, type ShownMessage } from './channel-message-shown';

type Match = { id: number; externalId: string; name: string | null };
type Rendered = { subject: string; preheader: string; html: string; text: string };
export type PreviewActions = {
  find: (q: unknown) => Promise<ActionResult<Match[]>>;
  /** the e-mail's parts, or for SMS and push the message as the webhook carries it */
  preview: (input: unknown) => Promise<ActionResult<Rendered | ShownMessage>>;
  test: (input: unknown) => Promise<ActionResult<{ response: string }>>;
};

/**
 * The e-mail as a chosen real customer would get it, in the selected language: subject, preheader, the HTML in a
 * sandboxed frame (no scripts, no same-origin access) and the plain-text part; and a test send of it. For SMS and push
 * the rendered message text and its products instead (no test send: those go out through the webhook).
 */
export function EmailPreview({
  campaignId,
  variantKey,
  locale,
  email,
  canTest,
  actions,
}: {
  email: boolean;
  campaignId: number;
  variantKey: string;
  locale: 'en' | 'zh-CN';
  canTest: boolean;
  actions: PreviewActions;
}) {
  const { t } = useI18n();
  const [pending, start] = useTransition();
  const [matches, setMatches] = useState<Match[] | null>(null);
  const [chosen, setChosen] = useState<Match | null>(null);
  const [shown, setShown] = useState<Rendered | ShownMessage | null>(null);
  const [result, setResult] = useState<{ ok: boolean; message?: string } | null>(null);
  const report = (r: ActionResult<unknown>) => setResult(r.ok ? null : r);

  // the preview follows the message and language chosen above
  useEffect(() => {
    if (!chosen) return;
    start(async () => {
      const r = await actions.preview({ campaignId, variantKey, locale, customerId: chosen.id });
      setShown(r.ok ? r.data : null);
      setResult(r.ok ? null : r);
    });
  }, [chosen, campaignId, variantKey, locale, actions]);

  const search = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const q = new FormData(e.currentTarget).get('q');
    start(async () => {
      const r = await actions.find(q);
      setMatches(r.ok ? r.data : null);
      report(r);
    });
  };
  const sendTest = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!chosen) return;
    const to = new FormData(e.currentTarget).get('to');
    start(async () => {
      const r = await actions.test({ campaignId, variantKey, locale, customerId: chosen.id, to });
      setResult(r.ok ? { ok: true, message: t('email.templates.testSent', { response: r.data.response }) } : r);
    });
  };

  return (
    <section className="space-y-3" aria-labelledby="email-preview-title" data-testid="email-preview">
      <div>
        <h3 id="email-preview-title" className="font-semibold">
          {t('email.templates.preview')}
        </h3>
        <p className="text-sm text-slate-500">
          {email ? t('email.templates.previewHelp') : t('email.channelMessage.previewHelp')}
        </p>
      </div>
      <form onSubmit={search} className="flex gap-2">
        <label className="sr-only" htmlFor="email-preview-q">
          {t('email.templates.findCustomer')}
        </label>
        <input
          id="email-preview-q"
          name="q"
          className="input"
          placeholder={t('email.templates.findCustomer')}
          required
        />
        <button className="btn-secondary whitespace-nowrap" type="submit" disabled={pending}>
          {t('email.templates.search')}
        </button>
      </form>
      {matches?.length === 0 && <p className="text-sm text-slate-500">{t('email.templates.noMatch')}</p>}
      {matches && matches.length > 0 && (
        <ul
          className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm"
          data-testid="email-matches"
        >
          {matches.map((m) => (
            <li key={m.id}>
              <button
                type="button"
                aria-pressed={chosen?.id === m.id}
                className={`w-full px-2 py-1.5 text-left hover:bg-slate-50 ${chosen?.id === m.id ? 'bg-brand-50' : ''}`}
                onClick={() => setChosen(m)}
              >
                <span className="font-mono">{m.externalId}</span> <span className="text-slate-600">{m.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <FormMessage result={result} />
      {shown && chosen && !('html' in shown) && (
        <div className="space-y-3" data-testid="email-rendered" lang={locale}>
          <p className="text-xs text-slate-500">
            {t('email.templates.previewFor', { customer: chosen.name ?? chosen.externalId })}
          </p>
          <ChannelMessageShown message={shown} />
        </div>
      )}
      {shown && chosen && 'html' in shown && (
        <div className="space-y-3" data-testid="email-rendered" lang={locale}>
          <p className="text-xs text-slate-500">
            {t('email.templates.previewFor', { customer: chosen.name ?? chosen.externalId })}
          </p>
          <dl className="rounded-md border border-slate-200 p-3 text-sm">
            <dt className="text-xs text-slate-500">{t('email.templates.subject')}</dt>
            <dd className="font-medium" data-testid="preview-subject">
              {shown.subject}
            </dd>
            <dt className="mt-2 text-xs text-slate-500">{t('email.templates.preheader')}</dt>
            <dd data-testid="preview-preheader">{shown.preheader || '—'}</dd>
          </dl>
          <h4 className="text-sm font-medium">{t('email.templates.htmlPart')}</h4>
          <iframe
            title={t('email.templates.frameTitle')}
            sandbox=""
            srcDoc={shown.html}
            className="h-[32rem] w-full rounded-md border border-slate-200 bg-white"
          />
          <details>
            <summary className="cursor-pointer text-sm font-medium">{t('email.templates.textPart')}</summary>
            <pre className="mt-2 max-h-80 overflow-auto whitespace-pre-wrap rounded-md bg-slate-50 p-3 text-xs">
              {shown.text}
            </pre>
          </details>
          {canTest && (
            <form onSubmit={sendTest} className="flex flex-wrap items-end gap-2">
              <div className="min-w-0 flex-1">
                <label className="label" htmlFor="email-test-to">
                  {t('email.templates.testTo')}
                </label>
                <input className="input" id="email-test-to" name="to" type="email" required />
              </div>
              <button type="submit" className="btn" disabled={pending}>
                {t('email.templates.testSend')}
              </button>
            </form>
          )}
        </div>
      )}
    </section>
  );
}
