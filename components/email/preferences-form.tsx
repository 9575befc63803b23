'use client';
import { useState, useTransition } from 'react';
import { useI18n } from '@/components/i18n-provider';
import type { ActionResult } from '@/lib/action-result';

type Consent = { email: boolean; sms: boolean; push: boolean; ads: boolean };

/** Per-channel consent switches of the hosted preference page; saved at once on submit. */
export function PreferencesForm({
  initial,
  intro,
  unsubscribeFirst,
  save,
}: {
  initial: Consent;
  intro: string;
  unsubscribeFirst: boolean;
  save: (c: Consent) => Promise<ActionResult<unknown>>;
}) {
  const { t } = useI18n();
  const [consent, setConsent] = useState<Consent>(unsubscribeFirst ? { ...initial, email: false } : initial);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const channels = ['email', 'sms', 'push', 'ads'] as const;
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await save(consent);
          setMessage(r.ok ? t('email.preferences.saved') : r.message);
        });
      }}
    >
      <p className="text-sm text-slate-600">{intro}</p>
      {unsubscribeFirst && <p className="text-sm text-amber-800">{t('email.preferences.unsubscribed')}</p>}
      <fieldset className="space-y-3">
        {channels.map((c) => (
          <label key={c} className="flex min-h-11 items-center justify-between gap-3 rounded border px-3 py-2">
            <span>{t(`email.preferences.${c}`)}</span>
            <input
              type="checkbox"
              className="h-5 w-5"
              checked={consent[c]}
              data-testid={`consent-${c}`}
              onChange={(e) => setConsent({ ...consent, [c]: e.target.checked })}
            />
          </label>
        ))}
      </fieldset>
      <button type="submit" className="btn btn-primary w-full" disabled={pending} data-testid="save-preferences">
        {t('email.preferences.save')}
      </button>
      {message && (
        <p role="status" className="text-sm text-slate-700">
          {message}
        </p>
      )}
    </form>
  );
}
