'use client';
import { useI18n } from '@/components/i18n-provider';
import type { MessageKey } from '@/lib/i18n/translate';
import type { FlowStep } from '@/lib/schemas/flows';
import { SURVEY_KINDS, type SurveyKind } from '@/lib/schemas/survey';

export const STAGES = ['new', 'active', 'at-risk', 'churned', 'reactivated'] as const;
const LOCALES = [
  ['en', 'flows.english'],
  ['zh-CN', 'flows.chinese'],
] as const;
const input = 'input w-full';

/** The fields of one step, by kind. */
export function StepFields({
  step,
  index,
  count,
  segments,
  onChange,
}: {
  step: FlowStep;
  index: number;
  count: number;
  segments: { id: number; name: string }[];
  onChange: (s: FlowStep) => void;
}) {
  const { t } = useI18n();
  const id = (name: string) => `step-${index}-${name}`;
  switch (step.kind) {
    case 'wait':
      return (
        <label className="block text-sm" htmlFor={id('hours')}>
          {t('flows.hours')}
          <input
            id={id('hours')}
            className={input}
            type="number"
            min={1}
            value={step.hours}
            onChange={(e) => onChange({ ...step, hours: Number(e.target.value) })}
          />
        </label>
      );
    case 'condition': {
      const test = step.test;
      return (
        <div className="space-y-2 text-sm">
          <select
            aria-label={t('flows.kind.condition')}
            className={input}
            value={test.type}
            onChange={(e) => {
              const type = e.target.value;
              onChange({
                ...step,
                test:
                  type === 'lifecycle'
                    ? { type, stages: ['at-risk'] }
                    : type === 'segment'
                      ? { type, segmentId: segments[0]?.id ?? 1 }
                      : { type: 'no_purchase' },
              });
            }}
          >
            {(['lifecycle', 'segment', 'no_purchase'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`flows.condition.${k}`)}
              </option>
            ))}
          </select>
          {test.type === 'lifecycle' && (
            <StagePicker stages={test.stages} onChange={(stages) => onChange({ ...step, test: { ...test, stages } })} />
          )}
          {test.type === 'segment' && (
            <SegmentPicker
              id={id('segment')}
              segments={segments}
              value={test.segmentId}
              onChange={(segmentId) => onChange({ ...step, test: { ...test, segmentId } })}
            />
          )}
          <p className="text-slate-500">{t('flows.conditionHelp')}</p>
        </div>
      );
    }
    case 'survey':
      return (
        <div className="space-y-3 text-sm">
          <label className="block" htmlFor={id('survey')}>
            {t('flows.surveyScale')}
            <select
              id={id('survey')}
              className={input}
              value={step.survey}
              onChange={(e) => onChange({ ...step, survey: e.target.value as SurveyKind })}
            >
              {SURVEY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`surveys.panel.kinds.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <p className="text-slate-500">{t('flows.surveyHelp')}</p>
          {/* the invitation is an e-mail: the e-mail step's fields */}
          <StepFields
            step={{ kind: 'email', content: step.content }}
            index={index}
            count={count}
            segments={segments}
            onChange={(s) => s.kind === 'email' && onChange({ ...step, content: s.content })}
          />
        </div>
      );
    case 'email':
    case 'webhook':
      return (
        <div className="grid gap-3 md:grid-cols-2">
          {LOCALES.map(([locale, label]) => {
            const c = step.content[locale];
            if (step.kind === 'webhook') {
              const wc = step.content[locale];
              const setMessage = (patch: Partial<NonNullable<typeof wc>>) =>
                onChange({
                  ...step,
                  content: { ...step.content, [locale]: { message: '', productCount: 0, ...wc, ...patch } },
                });
              return (
                <fieldset key={locale} className="space-y-2 text-sm">
                  <label className="block" htmlFor={id(`msg-${locale}`)}>
                    {t('flows.message')} · {t(label)}
                    <textarea
                      id={id(`msg-${locale}`)}
                      className={input}
                      rows={3}
                      value={wc?.message ?? ''}
                      onChange={(e) => setMessage({ message: e.target.value })}
                    />
                  </label>
                  <label className="block" htmlFor={id(`msg-products-${locale}`)}>
                    {t('flows.products')}
                    <input
                      id={id(`msg-products-${locale}`)}
                      className={input}
                      type="number"
                      min={0}
                      max={12}
                      value={wc?.productCount ?? 0}
                      onChange={(e) => setMessage({ productCount: Number(e.target.value) })}
                    />
                  </label>
                </fieldset>
              );
            }
            const ec = c as { subject: string; preheader: string; body: string; productCount: number } | undefined;
            const set = (patch: Partial<NonNullable<typeof ec>>) =>
              onChange({
                ...step,
                content: {
                  ...step.content,
                  [locale]: { subject: '', preheader: '', body: '', productCount: 0, ...ec, ...patch },
                },
              });
            return (
              <fieldset key={locale} className="space-y-2 text-sm">
                <legend className="font-medium">{t(label)}</legend>
                <label className="block" htmlFor={id(`subject-${locale}`)}>
                  {t('flows.subject')}
                  <input
                    id={id(`subject-${locale}`)}
                    className={input}
                    value={ec?.subject ?? ''}
                    onChange={(e) => set({ subject: e.target.value })}
                  />
                </label>
                <label className="block" htmlFor={id(`body-${locale}`)}>
                  {t('flows.body')}
                  <textarea
                    id={id(`body-${locale}`)}
                    className={input}
                    rows={4}
                    value={ec?.body ?? ''}
                    onChange={(e) => set({ body: e.target.value })}
                  />
                </label>
                <label className="block" htmlFor={id(`products-${locale}`)}>
                  {t('flows.products')}
                  <input
                    id={id(`products-${locale}`)}
                    className={input}
                    type="number"
                    min={0}
                    max={12}
                    value={ec?.productCount ?? 0}
                    onChange={(e) => set({ productCount: Number(e.target.value) })}
                  />
                </label>
              </fieldset>
            );
          })}
        </div>
      );
    case 'split':
      return (
        <div className="grid gap-3 text-sm md:grid-cols-2">
          <label className="block" htmlFor={id('percent')}>
            {t('flows.percentB')}
            <input
              id={id('percent')}
              className={input}
              type="number"
              min={5}
              max={95}
              value={step.percentB}
              onChange={(e) => onChange({ ...step, percentB: Number(e.target.value) })}
            />
          </label>
          <label className="block" htmlFor={id('bstart')}>
            {t('flows.bStart')}
            <select
              id={id('bstart')}
              className={input}
              value={step.bStart}
              onChange={(e) => onChange({ ...step, bStart: Number(e.target.value) })}
            >
              {Array.from({ length: count }, (_, i) => i)
                .filter((i) => i > index + 1)
                .map((i) => (
                  <option key={i} value={i}>
                    {t('flows.stepNo', { n: i + 1 })}
                  </option>
                ))}
            </select>
          </label>
          <p className="text-slate-500 md:col-span-2">{t('flows.splitHelp')}</p>
        </div>
      );
    case 'exit':
      return null;
  }
}

export function StagePicker({
  stages,
  onChange,
}: {
  stages: string[];
  onChange: (s: (typeof STAGES)[number][]) => void;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="flex flex-wrap gap-3 text-sm">
      <legend className="sr-only">{t('flows.stages')}</legend>
      {STAGES.map((s) => (
        <label key={s} className="flex items-center gap-1">
          <input
            type="checkbox"
            checked={stages.includes(s)}
            onChange={(e) => onChange(STAGES.filter((x) => (x === s ? e.target.checked : stages.includes(x))))}
          />
          {t(`portraits.lifecycle.stages.${s}` as MessageKey)}
        </label>
      ))}
    </fieldset>
  );
}

export function SegmentPicker({
  id,
  segments,
  value,
  onChange,
}: {
  id: string;
  segments: { id: number; name: string }[];
  value: number;
  onChange: (id: number) => void;
}) {
  const { t } = useI18n();
  return (
    <label className="block text-sm" htmlFor={id}>
      {t('flows.segment')}
      <select id={id} className={input} value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {segments.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  );
}
