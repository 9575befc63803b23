'use client';
import { useState, useTransition, type FormEvent } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { FormMessage } from '@/components/ui/form-message';
import { BLEND_KINDS, hybridComponents } from '@/lib/engine/recommendation/models/components';
import { DEFAULT_TRAINING_MODELS, MODEL_KINDS, type ModelKind } from '@/lib/engine/recommendation/models/types';
import { labelFor } from '@/lib/i18n/message-ref';
import { cancelTrainingAction, startTrainingAction } from './actions';
import type { ProgressDto } from './types';

const MODELS = MODEL_KINDS;
const EPSILONS = ['none', '8', '4', '1'] as const;

/** Admins choose models and the evaluation protocol, and start a training in the background worker. */
export function TrainPanel({ onStarted, active }: { onStarted: () => void; active: ProgressDto[] }) {
  const { t, f } = useI18n();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message?: string } | null>(null);
  const [models, setModels] = useState<ModelKind[]>([...DEFAULT_TRAINING_MODELS]);
  // null until the admin changes a component tick: then the blend's default (what the job trains) is not sent
  const [components, setComponents] = useState<string[] | null>(null);
  const shownComponents: string[] = components ?? hybridComponents(models);
  const hybrid = models.includes('hybrid');
  const toggle = <T,>(list: readonly T[], value: T, on: boolean) =>
    on ? [...list.filter((x) => x !== value), value] : list.filter((x) => x !== value);

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const input = {
      models: data.getAll('models'),
      ...(hybrid && components ? { components: data.getAll('components') } : {}),
      split: data.get('split'),
      relevance: data.get('relevance'),
      k: data.get('k'),
      serve: data.get('serve') === 'on',
      federatedEpsilon: data.get('federatedEpsilon') ?? 'none',
    };
    start(async () => {
      const r = await startTrainingAction(input);
      setResult(r.ok ? { ok: true, message: t('recommendations.train.started') } : r);
      if (r.ok) onStarted();
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" data-testid="train-form">
      <fieldset>
        <legend className="label">{t('recommendations.train.models')}</legend>
        <div className="grid gap-x-4 gap-y-1 sm:grid-cols-2">
          {MODELS.map((m) => (
            <label
              key={m}
              className="flex items-start gap-2 text-sm"
              title={m === 'hybrid' ? t('recommendations.modelHelp.hybrid') : t(`recommendations.modelHelp.${m}`)}
            >
              <input
                type="checkbox"
                name="models"
                value={m}
                checked={models.includes(m)}
                onChange={(e) => setModels(toggle(models, m, e.currentTarget.checked))}
                className="mt-0.5"
              />
              <span>{t(`recommendations.models.${m}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {hybrid && (
        <fieldset>
          <legend className="label">{t('recommendations.train.components')}</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {BLEND_KINDS.map((m) => (
              <label key={m} className="flex items-center gap-1.5 text-sm">
                <input
                  type="checkbox"
                  name="components"
                  value={m}
                  checked={shownComponents.includes(m)}
                  onChange={(e) => setComponents(toggle(shownComponents, m, e.currentTarget.checked))}
                />{' '}
                {t(`recommendations.models.${m}`)}
              </label>
            ))}
          </div>
          <p className="mt-1 text-xs text-slate-500">{t('recommendations.train.componentsHelp')}</p>
        </fieldset>
      )}
      {models.includes('federated-als') && (
        <div>
          <label className="label" htmlFor="train-epsilon">
            {t('federated.epsilonLabel')}
          </label>
          <select id="train-epsilon" name="federatedEpsilon" className="input" defaultValue="none">
            {EPSILONS.map((e) => (
              <option key={e} value={e}>
                {t(`federated.epsilonOption.${e}`)}
              </option>
            ))}
          </select>
          <p className="mt-1 text-xs text-slate-500">{t('federated.epsilonHelp')}</p>
        </div>
      )}
      <div className="grid grid-cols-2 gap-3">
        <div className="col-span-2">
          <label className="label" htmlFor="train-split">
            {t('recommendations.train.split')}
          </label>
          <select id="train-split" name="split" className="input" defaultValue="temporal">
            {(['temporal', 'random', 'leave-last-out'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`recommendations.train.splits.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label className="label" htmlFor="train-relevance">
            {t('recommendations.train.relevance')}
          </label>
          <select id="train-relevance" name="relevance" className="input" defaultValue="any">
            {(['any', 'cart', 'purchase'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`recommendations.train.relevances.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label className="label" htmlFor="train-k">
            {t('recommendations.train.k')}
          </label>
          <input id="train-k" name="k" className="input" type="number" min={1} max={100} defaultValue={10} />
        </div>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="serve" defaultChecked /> {t('recommendations.train.serve')}
      </label>
      <div className="flex items-center gap-3">
        <button className="btn-primary" type="submit" disabled={pending}>
          {t('recommendations.train.start')}
        </button>
        <FormMessage result={result} />
      </div>
      {active.length > 0 && (
        <ul className="space-y-2 border-t border-slate-100 pt-3" data-testid="training-progress" aria-live="polite">
          {active.map((p) => (
            <li key={p.runId} className="text-sm">
              <div className="flex items-center justify-between gap-2">
                <span>
                  {labelFor(t, 'recommendations.models', p.model)} · {labelFor(t, 'recommendations.status', p.status)}{' '}
                  {p.status === 'running' ? f.percent(p.fraction) : ''}
                </span>
                <button
                  type="button"
                  className="btn-danger px-2 py-0.5 text-xs"
                  disabled={pending}
                  onClick={() =>
                    start(async () =>
                      setResult(
                        (await cancelTrainingAction(p.runId)).ok
                          ? { ok: true, message: t('recommendations.runs.cancelled') }
                          : null,
                      ),
                    )
                  }
                >
                  {t('recommendations.runs.cancel')}
                </button>
              </div>
              <div className="mt-1 h-1.5 overflow-hidden rounded-full bg-slate-100">
                <div
                  className="h-full bg-brand-500 transition-all"
                  style={{ width: `${Math.round(p.fraction * 100)}%` }}
                />
              </div>
              {p.note && <div className="mt-0.5 truncate text-xs text-slate-500">{p.note}</div>}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
