'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useI18n } from '@/components/i18n-provider';
import type { ActionResult } from '@/lib/action-result';
import type { FlowDefinition, FlowStep } from '@/lib/schemas/flows';
import { SegmentPicker, StagePicker, StepFields } from './step-fields';

const KINDS = ['wait', 'condition', 'email', 'survey', 'webhook', 'split', 'exit'] as const;
const TRIGGERS = ['cart', 'category_view', 'purchase', 'new_customer', 'lifecycle', 'segment'] as const;
const input = 'input w-full';

function newStep(kind: FlowStep['kind'], index: number, count: number): FlowStep {
  switch (kind) {
    case 'wait':
      return { kind, hours: 24 };
    case 'condition':
      return { kind, test: { type: 'no_purchase' } };
    case 'email':
      return { kind, content: { en: { subject: '', preheader: '', body: '', productCount: 0 } } };
    case 'survey':
      return {
        kind,
        survey: 'csat',
        content: { en: { subject: '', preheader: '', body: '{{survey_url}}', productCount: 0 } },
      };
    case 'webhook':
      return { kind, content: { en: { message: '', productCount: 0 } } };
    case 'split':
      return { kind, percentB: 50, bStart: Math.min(index + 2, Math.max(count, index + 2)) };
    case 'exit':
      return { kind };
  }
}

/** The flow's settings and a vertical list of steps; saved as a whole (the server validates it). */
export function FlowEditor({
  id,
  name: initialName,
  definition,
  locked,
  segments,
  webhookUrl: initialWebhook,
  save,
}: {
  id: number;
  name: string;
  definition: FlowDefinition;
  locked: boolean;
  segments: { id: number; name: string }[];
  webhookUrl: string | null;
  save: (input: unknown) => Promise<ActionResult<number>>;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [name, setName] = useState(initialName);
  const [def, setDef] = useState(definition);
  const [webhookUrl, setWebhookUrl] = useState(initialWebhook ?? '');
  const [pending, start] = useTransition();
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const set = (patch: Partial<FlowDefinition>) => setDef({ ...def, ...patch });
  const setStep = (i: number, s: FlowStep) => set({ steps: def.steps.map((x, j) => (j === i ? s : x)) });
  const move = (i: number, by: number) => {
    const steps = [...def.steps];
    const [s] = steps.splice(i, 1);
    steps.splice(i + by, 0, s!);
    set({ steps });
  };
  const submit = () =>
    start(async () => {
      const r = await save({ id, name, definition: def, webhookUrl });
      setNote(r.ok ? { ok: true, text: t('flows.saved') } : { ok: false, text: r.message });
      if (r.ok) router.refresh();
    });
  const trigger = def.trigger;
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <fieldset disabled={locked || pending} className="space-y-4">
        <div className="card grid gap-4 p-4 md:grid-cols-2">
          <label className="block text-sm" htmlFor="flow-name">
            {t('flows.name')}
            <input id="flow-name" className={input} value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label className="block text-sm" htmlFor="flow-trigger">
            {t('flows.triggerLabel')}
            <select
              id="flow-trigger"
              className={input}
              value={trigger.type}
              onChange={(e) => {
                const type = e.target.value as (typeof TRIGGERS)[number];
                set({
                  trigger:
                    type === 'lifecycle'
                      ? { type, stages: ['at-risk'] }
                      : type === 'segment'
                        ? { type, segmentId: segments[0]?.id ?? 1 }
                        : { type },
                });
              }}
            >
              {TRIGGERS.map((k) => (
                <option key={k} value={k}>
                  {t(`flows.trigger.${k}`)}
                </option>
              ))}
            </select>
          </label>
          {trigger.type === 'lifecycle' && (
            <StagePicker stages={trigger.stages} onChange={(stages) => set({ trigger: { ...trigger, stages } })} />
          )}
          {trigger.type === 'segment' && (
            <SegmentPicker
              id="flow-trigger-segment"
              segments={segments}
              value={trigger.segmentId}
              onChange={(segmentId) => set({ trigger: { ...trigger, segmentId } })}
            />
          )}
          <label className="block text-sm" htmlFor="flow-reentry">
            {t('flows.reentryDays')}
            <input
              id="flow-reentry"
              className={input}
              type="number"
              min={1}
              value={def.reentryDays}
              onChange={(e) => set({ reentryDays: Number(e.target.value) })}
            />
          </label>
          <label className="block text-sm" htmlFor="flow-holdout">
            {t('flows.holdout')}
            <input
              id="flow-holdout"
              className={input}
              type="number"
              min={0}
              max={50}
              value={Math.round(def.holdoutShare * 100)}
              onChange={(e) => set({ holdoutShare: Number(e.target.value) / 100 })}
            />
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={def.exitOnPurchase}
              onChange={(e) => set({ exitOnPurchase: e.target.checked })}
            />
            {t('flows.exitOnPurchase')}
          </label>
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={def.quietHours !== null}
                onChange={(e) => set({ quietHours: e.target.checked ? { start: 21, end: 8 } : null })}
              />
              {t('flows.quiet')}
            </label>
            {def.quietHours &&
              (['start', 'end'] as const).map((k) => (
                <label key={k} className="flex items-center gap-1">
                  {t(k === 'start' ? 'flows.quietFrom' : 'flows.quietTo')}
                  <input
                    className="input w-16"
                    type="number"
                    min={0}
                    max={23}
                    value={def.quietHours![k]}
                    onChange={(e) => set({ quietHours: { ...def.quietHours!, [k]: Number(e.target.value) } })}
                  />
                </label>
              ))}
          </div>
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={def.frequencyCap !== null}
                onChange={(e) => set({ frequencyCap: e.target.checked ? { max: 3, days: 7 } : null })}
              />
              {t('flows.cap')}
            </label>
            {def.frequencyCap &&
              (['max', 'days'] as const).map((k) => (
                <label key={k} className="flex items-center gap-1">
                  {t(k === 'max' ? 'flows.capMax' : 'flows.capDays')}
                  <input
                    className="input w-16"
                    type="number"
                    min={1}
                    value={def.frequencyCap![k]}
                    onChange={(e) => set({ frequencyCap: { ...def.frequencyCap!, [k]: Number(e.target.value) } })}
                  />
                </label>
              ))}
          </div>
        </div>
        {def.steps.some((s) => s.kind === 'webhook') && (
          <label className="block text-sm" htmlFor="flow-webhook">
            {t('flows.webhookUrl')}
            <input
              id="flow-webhook"
              className={input}
              type="url"
              value={webhookUrl}
              onChange={(e) => setWebhookUrl(e.target.value)}
            />
          </label>
        )}
        <h2 className="text-lg font-semibold">{t('flows.stepsTitle')}</h2>
        <ol className="space-y-3">
          {def.steps.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps have no identity besides their place
            <li key={i} className="card space-y-3 border-l-4 border-brand-500 p-4">
              <div className="flex flex-wrap items-center gap-2">
                <span className="text-sm font-semibold text-slate-700">{t('flows.stepNo', { n: i + 1 })}</span>
                <select
                  aria-label={t('flows.stepNo', { n: i + 1 })}
                  className="input w-auto"
                  value={s.kind}
                  onChange={(e) => setStep(i, newStep(e.target.value as FlowStep['kind'], i, def.steps.length))}
                >
                  {KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`flows.kind.${k}`)}
                    </option>
                  ))}
                </select>
                <span className="ml-auto flex gap-1">
                  <button type="button" className="btn-secondary" disabled={i === 0} onClick={() => move(i, -1)}>
                    {t('flows.up')}
                  </button>
                  <button
                    type="button"
                    className="btn-secondary"
                    disabled={i === def.steps.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    {t('flows.down')}
                  </button>
                  <button
                    type="button"
                    className="btn-secondary"
                    onClick={() => set({ steps: def.steps.filter((_, j) => j !== i) })}
                  >
                    {t('flows.remove')}
                  </button>
                </span>
              </div>
              <StepFields
                step={s}
                index={i}
                count={def.steps.length}
                segments={segments}
                onChange={(x) => setStep(i, x)}
              />
            </li>
          ))}
        </ol>
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className="btn-secondary"
            onClick={() => set({ steps: [...def.steps, newStep('wait', def.steps.length, def.steps.length + 1)] })}
          >
            {t('flows.addStep')}
          </button>
          <button type="submit" className="btn-primary">
            {t('flows.save')}
          </button>
        </div>
      </fieldset>
      {locked && <p className="text-sm text-slate-500">{t('flows.editLocked')}</p>}
      {note && (
        <p
          role={note.ok ? 'status' : 'alert'}
          className={note.ok ? 'text-sm text-emerald-700' : 'text-sm text-red-700'}
        >
          {note.text}
        </p>
      )}
    </form>
  );
}
