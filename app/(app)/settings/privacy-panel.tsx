'use client';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState, useTransition } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { FormMessage } from '@/components/ui/form-message';
import type { FairnessSettings } from '@/lib/schemas/fairness';
import type { PrivacySettings } from '@/lib/schemas/privacy';
import { saveFairnessAction, savePrivacyAction } from './actions';

/** Settings → Privacy and fairness: the differential-privacy switch and budget, and the sensitive attributes. */
export function PrivacyPanel({
  privacy,
  fairness,
  attributeKeys,
}: {
  privacy: PrivacySettings;
  fairness: FairnessSettings;
  attributeKeys: string[];
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message?: string } | null>(null);
  const submit = (fn: () => Promise<{ ok: boolean; message?: string }>, saved: string) =>
    start(async () => {
      const r = await fn();
      setResult(r.ok ? { ok: true, message: saved } : r);
      if (r.ok) router.refresh();
    });
  const onPrivacy = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const input = { ...Object.fromEntries(data), enabled: data.get('enabled') === 'on' };
    submit(() => savePrivacyAction(input), t('privacy.settings.saved'));
  };
  const onFairness = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const keys = new FormData(e.currentTarget).getAll('sensitive').map(String);
    submit(() => saveFairnessAction({ sensitiveAttributes: keys }), t('fairness.settings.saved'));
  };
  return (
    <div className="space-y-6">
      <form onSubmit={onPrivacy} className="card space-y-3 p-4" data-testid="privacy-settings">
        <h3 className="font-semibold">{t('privacy.settings.title')}</h3>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="enabled" defaultChecked={privacy.enabled} />
          {t('privacy.settings.enabled')}
        </label>
        <div className="grid gap-3 md:grid-cols-4">
          <div>
            <label className="label" htmlFor="epsilonPerReport">
              {t('privacy.settings.perReport')}
            </label>
            <input
              className="input"
              id="epsilonPerReport"
              name="epsilonPerReport"
              type="number"
              step="0.01"
              defaultValue={privacy.epsilonPerReport}
            />
          </div>
          <div>
            <label className="label" htmlFor="monthlyBudget">
              {t('privacy.settings.monthly')}
            </label>
            <input
              className="input"
              id="monthlyBudget"
              name="monthlyBudget"
              type="number"
              step="0.01"
              defaultValue={privacy.monthlyBudget}
            />
          </div>
          <div>
            <label className="label" htmlFor="revenueClip">
              {t('privacy.settings.clip')}
            </label>
            <input
              className="input"
              id="revenueClip"
              name="revenueClip"
              type="number"
              step="1"
              defaultValue={privacy.revenueClip}
            />
          </div>
          <div>
            <label className="label" htmlFor="delta">
              {t('privacy.settings.delta')}
            </label>
            <input className="input" id="delta" name="delta" type="number" step="any" defaultValue={privacy.delta} />
          </div>
        </div>
        <p className="text-xs text-slate-500">{t('privacy.settings.help')}</p>
        <button className="btn-primary" disabled={pending} type="submit">
          {t('common.save')}
        </button>
      </form>
      <form onSubmit={onFairness} className="card space-y-3 p-4">
        <h3 className="font-semibold">{t('fairness.settings.title')}</h3>
        <fieldset>
          <legend className="label">{t('fairness.settings.sensitive')}</legend>
          {attributeKeys.length === 0 ? (
            <p className="text-sm text-slate-500">{t('fairness.settings.none')}</p>
          ) : (
            <div className="flex flex-wrap gap-x-4 gap-y-2">
              {attributeKeys.map((k) => (
                <label key={k} className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    name="sensitive"
                    value={k}
                    defaultChecked={fairness.sensitiveAttributes.includes(k)}
                  />
                  {k}
                </label>
              ))}
            </div>
          )}
        </fieldset>
        <p className="text-xs text-slate-500">{t('fairness.settings.help')}</p>
        <button className="btn-primary" disabled={pending || attributeKeys.length === 0} type="submit">
          {t('common.save')}
        </button>
      </form>
      <FormMessage result={result} />
    </div>
  );
}
