'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { FormMessage } from '@/components/ui/form-message';
import type { PortraitSettings } from '@/lib/services/portraits/settings';
import { saveSettingsAction } from './actions';

const WEIGHTS = ['purchase', 'cart', 'click', 'view', 'search'] as const;
const WINDOWS = ['newDays', 'atRiskDays', 'churnDays', 'reactivatedDays'] as const;

/** Tag settings; saving queues a recompute. Read-only (disabled) for everyone but admins. */
export function SettingsForm({ settings, canManage }: { settings: PortraitSettings; canManage: boolean }) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{
    ok: boolean;
    message?: string;
    fieldErrors?: Record<string, string[]>;
  } | null>(null);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const d = new FormData(e.currentTarget);
    const input = {
      halfLifeDays: d.get('halfLifeDays'),
      lookbackDays: d.get('lookbackDays'),
      churnHorizonDays: d.get('churnHorizonDays'),
      weights: Object.fromEntries(WEIGHTS.map((w) => [w, d.get(`weight-${w}`)])),
      lifecycle: Object.fromEntries(WINDOWS.map((w) => [w, d.get(`lifecycle-${w}`)])),
    };
    start(async () => {
      const r = await saveSettingsAction(input);
      setResult(r.ok ? { ok: true, message: t('portraits.settings.saved') } : r);
      if (r.ok) router.refresh();
    });
  };
  const error = (path: string) => result?.fieldErrors?.[path]?.[0];
  const num = (name: string, label: string, value: number, path: string, step = '1') => (
    <div key={name}>
      <label className="label" htmlFor={name}>
        {label}
      </label>
      <input
        className="input"
        id={name}
        name={name}
        type="number"
        min={0}
        step={step}
        defaultValue={value}
        disabled={!canManage}
        aria-invalid={Boolean(error(path))}
      />
      {error(path) && <p className="mt-1 text-xs text-red-700">{error(path)}</p>}
    </div>
  );
  return (
    <form onSubmit={onSubmit} className="space-y-4">
      {!canManage && <p className="text-sm text-slate-500">{t('portraits.settings.readOnly')}</p>}
      <div className="grid gap-3 sm:grid-cols-3">
        {num('halfLifeDays', t('portraits.settings.halfLife'), settings.halfLifeDays, 'halfLifeDays', 'any')}
        {num('lookbackDays', t('portraits.settings.lookback'), settings.lookbackDays, 'lookbackDays')}
        {num('churnHorizonDays', t('portraits.settings.churnHorizon'), settings.churnHorizonDays, 'churnHorizonDays')}
      </div>
      <p className="-mt-2 text-xs text-slate-500">{t('portraits.settings.halfLifeHelp')}</p>
      <fieldset>
        <legend className="mb-2 text-sm font-semibold">{t('portraits.settings.weights')}</legend>
        <div className="grid grid-cols-5 gap-3">
          {WEIGHTS.map((w) =>
            num(`weight-${w}`, t(`portraits.settings.weightNames.${w}`), settings.weights[w], `weights.${w}`, 'any'),
          )}
        </div>
      </fieldset>
      <fieldset>
        <legend className="mb-2 text-sm font-semibold">{t('portraits.settings.lifecycle')}</legend>
        <div className="grid grid-cols-4 gap-3">
          {WINDOWS.map((w) =>
            num(`lifecycle-${w}`, t(`portraits.settings.${w}`), settings.lifecycle[w], `lifecycle.${w}`),
          )}
        </div>
      </fieldset>
      {canManage && (
        <div className="flex items-center gap-3">
          <button className="btn-primary" type="submit" disabled={pending}>
            {t('portraits.settings.save')}
          </button>
          <FormMessage result={result} />
        </div>
      )}
    </form>
  );
}
