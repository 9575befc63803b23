'use client';
import { useState, useTransition, type FormEvent } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { FormMessage } from '@/components/ui/form-message';
import type { RecommendSettings } from '@/lib/services/recommendations';
import { saveSettingsAction } from './actions';

const KINDS = ['view', 'click', 'cart', 'purchase'] as const;
const ATTRIBUTES = ['category', 'brand', 'price', 'colour', 'size', 'material', 'tags', 'text'] as const;

type CategoryOption = { id: number; path: string; depth: number; nameZh: string | null };

/** A category path in the UI language: in Chinese each level by its Chinese name where the catalogue has one. */
function categoryPathText(categories: CategoryOption[], locale: string) {
  const byPath = new Map(categories.map((c) => [c.path, c]));
  return (c: CategoryOption) => {
    if (locale !== 'zh-CN') return c.path;
    const parts = c.path.split(' > ');
    return parts.map((part, k) => byPath.get(parts.slice(0, k + 1).join(' > '))?.nameZh || part).join(' > ');
  };
}

/** Admins: event weights, decay, repurchasable categories, diversity and content attribute weights. */
export function SettingsForm({
  settings,
  categories,
  canManage,
}: {
  settings: RecommendSettings;
  categories: CategoryOption[];
  canManage: boolean;
}) {
  const { t, locale } = useI18n();
  const pathText = categoryPathText(categories, locale);
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message?: string } | null>(null);
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const d = new FormData(e.currentTarget);
    const input = {
      eventWeights: Object.fromEntries(KINDS.map((k) => [k, d.get(`w-${k}`)])),
      halfLifeDays: d.get('halfLifeDays'),
      trendingHalfLifeDays: d.get('trendingHalfLifeDays'),
      windowDays: d.get('windowDays'),
      mmrLambda: d.get('mmrLambda'),
      repurchasableCategoryIds: d.getAll('repurchasable'),
      contentWeights: Object.fromEntries(ATTRIBUTES.map((a) => [a, d.get(`c-${a}`)])),
    };
    start(async () => {
      const r = await saveSettingsAction(input);
      setResult(r.ok ? { ok: true, message: t('recommendations.settings.saved') } : r);
    });
  }
  const num = (name: string, label: string, value: number, step = 'any') => (
    <div>
      <label className="label" htmlFor={`rs-${name}`}>
        {label}
      </label>
      <input
        id={`rs-${name}`}
        name={name}
        className="input"
        type="number"
        step={step}
        min={0}
        defaultValue={value}
        disabled={!canManage}
      />
    </div>
  );
  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <fieldset>
        <legend className="label">{t('recommendations.settings.eventWeights')}</legend>
        <div className="grid grid-cols-4 gap-2">
          {KINDS.map((k) => (
            <div key={k}>
              <label className="text-xs text-slate-500" htmlFor={`rs-w-${k}`}>
                {t(`recommendations.kinds.${k}`)}
              </label>
              <input
                id={`rs-w-${k}`}
                name={`w-${k}`}
                className="input"
                type="number"
                step="any"
                min={0}
                defaultValue={settings.eventWeights[k]}
                disabled={!canManage}
              />
            </div>
          ))}
        </div>
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2">
        {num('halfLifeDays', t('recommendations.settings.halfLife'), settings.halfLifeDays)}
        {num('trendingHalfLifeDays', t('recommendations.settings.trendingHalfLife'), settings.trendingHalfLifeDays)}
        {num('windowDays', t('recommendations.settings.windowDays'), settings.windowDays, '1')}
        {num('mmrLambda', t('recommendations.settings.mmr'), settings.mmrLambda, '0.05')}
      </div>
      <fieldset>
        <legend className="label">{t('recommendations.settings.contentWeights')}</legend>
        <div className="grid grid-cols-4 gap-2">
          {ATTRIBUTES.map((a) => (
            <div key={a}>
              <label className="text-xs text-slate-500" htmlFor={`rs-c-${a}`}>
                {t(`recommendations.attributes.${a}`)}
              </label>
              <input
                id={`rs-c-${a}`}
                name={`c-${a}`}
                className="input"
                type="number"
                step="any"
                min={0}
                defaultValue={settings.contentWeights[a]}
                disabled={!canManage}
              />
            </div>
          ))}
        </div>
      </fieldset>
      <div>
        <label className="label" htmlFor="rs-repurchasable">
          {t('recommendations.settings.repurchasable')}
        </label>
        <select
          id="rs-repurchasable"
          name="repurchasable"
          multiple
          className="input h-40"
          defaultValue={settings.repurchasableCategoryIds.map(String)}
          disabled={!canManage}
        >
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {pathText(c)}
            </option>
          ))}
        </select>
        <p className="mt-1 text-xs text-slate-500">{t('recommendations.settings.repurchasableHelp')}</p>
      </div>
      {canManage && (
        <div className="flex items-center gap-3">
          <button className="btn-primary" type="submit" disabled={pending}>
            {t('recommendations.settings.save')}
          </button>
          <FormMessage result={result} />
        </div>
      )}
    </form>
  );
}
