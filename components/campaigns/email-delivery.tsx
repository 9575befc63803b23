'use client';
import { useI18n } from '@/components/i18n-provider';

type Counts = Partial<Record<'pending' | 'sending' | 'sent' | 'failed' | 'suppressed' | 'uncertain', number>>;
const SHOWN = ['sent', 'failed', 'suppressed', 'uncertain', 'pending'] as const;

/** How the e-mails of a launched campaign are going: recipients handled out of the message arms' audience. */
export function EmailDelivery({ counts, audience, launched }: { counts: Counts; audience: number; launched: boolean }) {
  const { t, f } = useI18n();
  const done = (counts.sent ?? 0) + (counts.failed ?? 0) + (counts.suppressed ?? 0) + (counts.uncertain ?? 0);
  const share = audience > 0 ? Math.min(1, done / audience) : 0;
  return (
    <section className="card space-y-3 p-4" aria-labelledby="email-delivery-title" data-testid="email-delivery">
      <h3 id="email-delivery-title" className="font-semibold">
        {t('email.templates.delivery')}
      </h3>
      {!launched ? (
        <p className="text-sm text-slate-500">{t('email.templates.notLaunched')}</p>
      ) : (
        <>
          <div
            className="h-2 overflow-hidden rounded-full bg-slate-100"
            role="progressbar"
            aria-label={t('email.templates.delivery')}
            aria-valuemin={0}
            aria-valuemax={audience}
            aria-valuenow={done}
          >
            <div className="h-full bg-brand-600" style={{ width: `${Math.round(share * 100)}%` }} />
          </div>
          <p className="text-sm text-slate-600">
            {t('email.templates.progress', { done: f.number(done), total: f.number(audience) })}
          </p>
          <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-5">
            {SHOWN.map((k) => (
              <div key={k} className="rounded-md bg-slate-50 p-2" data-testid={`email-count-${k}`}>
                <dt className="text-xs text-slate-600">{t(`email.templates.${k}`)}</dt>
                <dd className="text-lg font-semibold tabular-nums">
                  {f.number((counts[k] ?? 0) + (k === 'pending' ? (counts.sending ?? 0) : 0))}
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
