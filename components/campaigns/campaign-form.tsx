'use client';
import { useRouter } from 'next/navigation';
import { useMemo, useState, useTransition, type FormEvent, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { useI18n } from '@/components/i18n-provider';
import type { ActionResult } from '@/lib/action-result';
import { labelFor } from '@/lib/i18n/message-ref';
import type { FormPlan } from '@/lib/services/campaigns';
import type { CopySuggestions as Suggestions } from '@/lib/services/assistant/campaign-copy';
import { CopySuggestions } from './copy-suggestions';
import { PowerPanel, type PlanRequest } from './power-panel';

export type VariantValues = {
  name: string;
  subject: string;
  content: string;
  offer: string;
  recommendations: boolean;
  weight: number;
};
export type CampaignFormValues = {
  name: string;
  goal: string;
  channel: string;
  segmentId: number;
  variants: VariantValues[];
  holdoutShare: number;
  attributionWindowHours: number;
  frequencyCap: number | null;
  scheduledAt: Date | null;
  allocation: string;
  minimumShare: number;
  sendDays: number;
  minimumDetectableEffect: number;
  webhookUrl: string;
  satisfaction: string;
};

const LETTERS = 'ABCDE';
const blankVariant = (i: number): VariantValues => ({
  name: '',
  subject: '',
  content: '',
  offer: '',
  recommendations: false,
  weight: 1 + 0 * i,
});
export const DEFAULT_VALUES: CampaignFormValues = {
  name: '',
  goal: 'purchase',
  channel: 'email',
  segmentId: 0,
  variants: [blankVariant(0), blankVariant(1)],
  holdoutShare: 0.1,
  attributionWindowHours: 168,
  frequencyCap: null,
  scheduledAt: null,
  allocation: 'fixed',
  minimumShare: 0.1,
  sendDays: 1,
  minimumDetectableEffect: 0.1,
  webhookUrl: '',
  satisfaction: 'auto',
};

function localInput(d: Date | null) {
  if (!d) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Create or edit a campaign draft, with the power and duration panel beside it. */
export function CampaignForm({
  initial = DEFAULT_VALUES,
  segments,
  campaignId,
  save,
  plan,
  suggestCopy,
}: {
  initial?: CampaignFormValues;
  segments: { id: number; name: string }[];
  campaignId?: number;
  save: (input: unknown) => Promise<ActionResult<{ id: number }>>;
  plan: (input: unknown) => Promise<ActionResult<FormPlan>>;
  /** copy suggestions: the action, what a model call would send, and the model's name (null: templates only) */
  suggestCopy?: {
    suggest: (input: unknown) => Promise<ActionResult<Suggestions>>;
    preview: (input: unknown) => Promise<ActionResult<string | null>>;
    model: string | null;
  };
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [v, setV] = useState<CampaignFormValues>(initial);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const set = <K extends keyof CampaignFormValues>(k: K, value: CampaignFormValues[K]) =>
    setV((s) => ({ ...s, [k]: value }));
  const setVariant = (i: number, patch: Partial<VariantValues>) =>
    setV((s) => ({ ...s, variants: s.variants.map((x, j) => (j === i ? { ...x, ...patch } : x)) }));
  // Applied at once so the keyboard focus can move to the message that takes the removed one's place.
  const removeVariant = (i: number) => {
    flushSync(() => setV((s) => ({ ...s, variants: s.variants.filter((_, j) => j !== i) })));
    document.getElementById(`v${Math.min(i, v.variants.length - 2)}-name`)?.focus();
  };
  const addVariant = () => {
    flushSync(() => setV((s) => ({ ...s, variants: [...s.variants, blankVariant(s.variants.length)] })));
    document.getElementById(`v${v.variants.length}-name`)?.focus();
  };
  const err = (key: string) =>
    errors[key]?.length ? (
      <p className="mt-1 text-xs text-red-700" role="alert">
        {errors[key]![0]}
      </p>
    ) : null;

  const request: PlanRequest | null = useMemo(
    () =>
      v.segmentId
        ? {
            segmentId: v.segmentId,
            channel: v.channel,
            goal: v.goal,
            variants: v.variants.length,
            weights: v.variants.map((x) => Number(x.weight) || 1),
            holdoutShare: v.holdoutShare,
            attributionWindowHours: v.attributionWindowHours,
            minimumDetectableEffect: v.minimumDetectableEffect,
            sendDays: v.allocation === 'thompson' ? v.sendDays : 1,
          }
        : null,
    [v],
  );

  const total = v.variants.reduce((s, x) => s + (Number(x.weight) || 0), 0) || 1;
  const split = [
    ...(v.holdoutShare > 0 ? [`${t('campaigns.holdout')} ${Math.round(v.holdoutShare * 100)} %`] : []),
    ...v.variants.map(
      (x, i) => `${LETTERS[i]} ${Math.round(((1 - v.holdoutShare) * (Number(x.weight) || 0) * 100) / total)} %`,
    ),
  ].join(' · ');

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const input = {
      ...v,
      sendDays: v.allocation === 'thompson' ? v.sendDays : 1,
      scheduledAt: v.scheduledAt ? v.scheduledAt.toISOString() : null,
      segmentId: v.segmentId || '',
    };
    start(async () => {
      const r = await save(input);
      if (r.ok) {
        setErrors({});
        router.push(`/campaigns/${r.data.id}?tab=setup`);
        router.refresh();
      } else {
        setErrors(r.fieldErrors ?? {});
        setMessage(r.fieldErrors ? t('campaigns.form.fixErrors') : r.message);
      }
    });
  }

  const section = (title: string, children: ReactNode) => (
    <fieldset className="card space-y-4 p-4">
      <legend className="sr-only">{title}</legend>
      <h2 className="font-semibold">{title}</h2>
      {children}
    </fieldset>
  );

  return (
    <form onSubmit={onSubmit} className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]" noValidate>
      <div className="space-y-6">
        {section(
          t('campaigns.form.basics'),
          <>
            <div>
              <label className="label" htmlFor="c-name">
                {t('campaigns.form.name')}
              </label>
              <input
                className="input"
                id="c-name"
                value={v.name}
                onChange={(e) => set('name', e.target.value)}
                placeholder={t('campaigns.form.namePlaceholder')}
              />
              {err('name')}
            </div>
            <div role="radiogroup" aria-labelledby="c-goal-label">
              <div className="label" id="c-goal-label">
                {t('campaigns.form.goal')}
              </div>
              <div className="grid gap-2 md:grid-cols-3">
                {(['purchase', 'revenue', 'click'] as const).map((g) => (
                  <label
                    key={g}
                    className={`cursor-pointer rounded-lg border p-3 text-sm ${v.goal === g ? 'border-brand-500 bg-brand-50' : 'border-slate-200 hover:bg-slate-50'}`}
                  >
                    <input
                      type="radio"
                      className="mr-2"
                      name="goal"
                      value={g}
                      checked={v.goal === g}
                      onChange={() => set('goal', g)}
                    />
                    <span className="font-medium">{t(`campaigns.goals.${g}`)}</span>
                    <span className="mt-1 block text-xs text-slate-500">{t(`campaigns.form.goalHelp.${g}`)}</span>
                  </label>
                ))}
              </div>
              {err('goal')}
            </div>
          </>,
        )}
        {section(
          t('campaigns.form.audience'),
          <div className="grid gap-4 md:grid-cols-2">
            <div>
              <label className="label" htmlFor="c-segment">
                {t('campaigns.form.segment')}
              </label>
              <select
                className="input"
                id="c-segment"
                value={v.segmentId || ''}
                onChange={(e) => set('segmentId', Number(e.target.value))}
              >
                <option value="">{t('campaigns.form.chooseSegment')}</option>
                {segments.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
              {segments.length === 0 && <p className="mt-1 text-xs text-amber-700">{t('campaigns.form.noSegments')}</p>}
              {err('segmentId')}
            </div>
            <div>
              <label className="label" htmlFor="c-channel">
                {t('campaigns.form.channel')}
              </label>
              <select
                className="input"
                id="c-channel"
                value={v.channel}
                onChange={(e) => set('channel', e.target.value)}
              >
                {(['email', 'sms', 'push', 'onsite'] as const).map((c) => (
                  <option key={c} value={c}>
                    {t(`campaigns.channels.${c}`)}
                  </option>
                ))}
              </select>
              <p className="mt-1 text-xs text-slate-500">{labelFor(t, 'campaigns.form.consentNote', v.channel)}</p>
            </div>
          </div>,
        )}
        {section(
          t('campaigns.form.variants'),
          <>
            <p className="text-xs text-slate-500">{t('campaigns.form.variantsHelp')}</p>
            {suggestCopy && (
              <CopySuggestions
                segmentId={Number(v.segmentId) || 0}
                channel={v.channel}
                {...suggestCopy}
                onUse={(copy) =>
                  setV((s) => {
                    const free = s.variants.findIndex((x) => !x.subject && !x.content);
                    if (free >= 0)
                      return { ...s, variants: s.variants.map((x, j) => (j === free ? { ...x, ...copy } : x)) };
                    if (s.variants.length >= LETTERS.length) return s;
                    return { ...s, variants: [...s.variants, { ...blankVariant(s.variants.length), ...copy }] };
                  })
                }
              />
            )}
            {v.variants.map((x, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: variants have no id; a variant is its position (A, B, C…)
              <div key={i} className="rounded-lg border border-slate-200 p-3" data-testid={`variant-${i}`}>
                <div className="mb-2 flex items-center justify-between">
                  <h3 className="text-sm font-semibold">{t('campaigns.form.variant', { letter: LETTERS[i]! })}</h3>
                  {v.variants.length > 1 && (
                    <button
                      type="button"
                      className="text-xs text-red-700 hover:underline"
                      onClick={() => removeVariant(i)}
                    >
                      {t('campaigns.form.removeVariant')}
                    </button>
                  )}
                </div>
                <div className="grid gap-3 md:grid-cols-2">
                  <div>
                    <label className="label" htmlFor={`v${i}-name`}>
                      {t('campaigns.form.variantName')}
                    </label>
                    <input
                      className="input"
                      id={`v${i}-name`}
                      value={x.name}
                      onChange={(e) => setVariant(i, { name: e.target.value })}
                    />
                    {err(`variants.${i}.name`)}
                  </div>
                  <div>
                    <label className="label" htmlFor={`v${i}-subject`}>
                      {t('campaigns.form.subject')}
                    </label>
                    <input
                      className="input"
                      id={`v${i}-subject`}
                      value={x.subject}
                      onChange={(e) => setVariant(i, { subject: e.target.value })}
                    />
                  </div>
                  <div className="md:col-span-2">
                    <label className="label" htmlFor={`v${i}-content`}>
                      {t('campaigns.form.content')}
                    </label>
                    <textarea
                      className="input min-h-16"
                      id={`v${i}-content`}
                      value={x.content}
                      onChange={(e) => setVariant(i, { content: e.target.value })}
                    />
                  </div>
                  <div>
                    <label className="label" htmlFor={`v${i}-offer`}>
                      {t('campaigns.form.offer')}
                    </label>
                    <input
                      className="input"
                      id={`v${i}-offer`}
                      value={x.offer}
                      onChange={(e) => setVariant(i, { offer: e.target.value })}
                    />
                  </div>
                  <div>
                    <label className="label" htmlFor={`v${i}-weight`}>
                      {t('campaigns.form.weight')}
                    </label>
                    <input
                      className="input"
                      id={`v${i}-weight`}
                      type="number"
                      min={1}
                      max={100}
                      value={x.weight}
                      onChange={(e) => setVariant(i, { weight: Number(e.target.value) })}
                    />
                    {err(`variants.${i}.weight`)}
                  </div>
                  <label className="flex items-center gap-2 text-sm md:col-span-2">
                    <input
                      type="checkbox"
                      checked={x.recommendations}
                      onChange={(e) => setVariant(i, { recommendations: e.target.checked })}
                    />
                    {t('campaigns.form.recommendations')}
                  </label>
                </div>
              </div>
            ))}
            {err('variants')}
            {v.variants.length < 5 && (
              <button type="button" className="btn-secondary" onClick={addVariant}>
                {t('campaigns.form.addVariant')}
              </button>
            )}
          </>,
        )}
        {section(
          t('campaigns.form.split'),
          <div className="grid gap-4 md:grid-cols-2">
            <div>
              <label className="label" htmlFor="c-holdout">
                {t('campaigns.form.holdoutShare')}
              </label>
              <div className="flex items-center gap-3">
                <input
                  id="c-holdout"
                  type="range"
                  min={0}
                  max={50}
                  step={1}
                  className="flex-1"
                  value={Math.round(v.holdoutShare * 100)}
                  onChange={(e) => set('holdoutShare', Number(e.target.value) / 100)}
                />
                <span className="w-12 text-right tabular-nums">{Math.round(v.holdoutShare * 100)} %</span>
              </div>
              <p className="mt-1 text-xs text-slate-500">{t('campaigns.holdoutHelp')}</p>
              {err('holdoutShare')}
            </div>
            <div className="text-sm text-slate-600 md:pt-6" data-testid="split-preview">
              {t('campaigns.form.splitPreview', { parts: split })}
            </div>
            <div>
              <label className="label" htmlFor="c-allocation">
                {t('campaigns.form.allocation')}
              </label>
              <select
                className="input"
                id="c-allocation"
                value={v.allocation}
                onChange={(e) => set('allocation', e.target.value)}
              >
                <option value="fixed">{t('campaigns.allocation.fixed')}</option>
                <option value="thompson">{t('campaigns.allocation.thompson')}</option>
              </select>
              <p className="mt-1 text-xs text-slate-500">{t('campaigns.form.allocationHelp')}</p>
              {err('allocation')}
            </div>
            {v.allocation === 'thompson' && (
              <div className="grid grid-cols-2 gap-3">
                <div>
                  <label className="label" htmlFor="c-days">
                    {t('campaigns.form.sendDays')}
                  </label>
                  <input
                    className="input"
                    id="c-days"
                    type="number"
                    min={2}
                    max={30}
                    value={v.sendDays}
                    onChange={(e) => set('sendDays', Number(e.target.value))}
                  />
                  {err('sendDays')}
                </div>
                <div>
                  <label className="label" htmlFor="c-min">
                    {t('campaigns.form.minimumShare')}
                  </label>
                  <input
                    className="input"
                    id="c-min"
                    type="number"
                    min={5}
                    max={50}
                    value={Math.round(v.minimumShare * 100)}
                    onChange={(e) => set('minimumShare', Number(e.target.value) / 100)}
                  />
                  {err('minimumShare')}
                </div>
              </div>
            )}
            <div>
              <label className="label" htmlFor="c-mde">
                {t('campaigns.form.mde')}
              </label>
              <div className="flex items-center gap-2">
                <input
                  className="input"
                  id="c-mde"
                  type="number"
                  min={1}
                  max={500}
                  value={Math.round(v.minimumDetectableEffect * 100)}
                  onChange={(e) => set('minimumDetectableEffect', Number(e.target.value) / 100)}
                />
                <span>%</span>
              </div>
              {err('minimumDetectableEffect')}
            </div>
          </div>,
        )}
        {section(
          t('campaigns.form.timing'),
          <div className="grid gap-4 md:grid-cols-3">
            <div>
              <label className="label" htmlFor="c-when">
                {t('campaigns.form.scheduledAt')}
              </label>
              <input
                className="input"
                id="c-when"
                type="datetime-local"
                value={localInput(v.scheduledAt)}
                onChange={(e) => set('scheduledAt', e.target.value ? new Date(e.target.value) : null)}
              />
              {err('scheduledAt')}
            </div>
            <div>
              <label className="label" htmlFor="c-window">
                {t('campaigns.form.window')}
              </label>
              <input
                className="input"
                id="c-window"
                type="number"
                min={1}
                max={2160}
                value={v.attributionWindowHours}
                onChange={(e) => set('attributionWindowHours', Number(e.target.value))}
              />
              <p className="mt-1 text-xs text-slate-500">{t('campaigns.form.windowHelp')}</p>
              {err('attributionWindowHours')}
            </div>
            <div>
              <label className="label" htmlFor="c-cap">
                {t('campaigns.form.frequencyCap')}
              </label>
              <input
                className="input"
                id="c-cap"
                type="number"
                min={1}
                max={100}
                value={v.frequencyCap ?? ''}
                onChange={(e) => set('frequencyCap', e.target.value ? Number(e.target.value) : null)}
              />
              <p className="mt-1 text-xs text-slate-500">{t('campaigns.form.frequencyCapHelp')}</p>
              {err('frequencyCap')}
            </div>
          </div>,
        )}
        {section(
          t('campaigns.form.delivery'),
          <div className="grid gap-4 md:grid-cols-2">
            <div>
              <label className="label" htmlFor="c-webhook">
                {t('campaigns.form.webhookUrl')}
              </label>
              <input
                className="input"
                id="c-webhook"
                type="url"
                placeholder="https://"
                value={v.webhookUrl}
                onChange={(e) => set('webhookUrl', e.target.value)}
              />
              <p className="mt-1 text-xs text-slate-500">{t('campaigns.form.webhookHelp')}</p>
              {err('webhookUrl')}
            </div>
            <div>
              <label className="label" htmlFor="c-satisfaction">
                {t('campaigns.form.satisfaction')}
              </label>
              <select
                className="input"
                id="c-satisfaction"
                value={v.satisfaction}
                onChange={(e) => set('satisfaction', e.target.value)}
              >
                {(['auto', 'thumbs', 'csat', 'nps'] as const).map((s) => (
                  <option key={s} value={s}>
                    {t(`campaigns.form.satisfactionOptions.${s}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>,
        )}
        <div className="flex items-center gap-3">
          <button className="btn-primary" type="submit" disabled={pending}>
            {pending ? t('campaigns.form.saving') : t('campaigns.form.save')}
          </button>
          {campaignId && (
            <a className="btn-secondary" href={`/campaigns/${campaignId}?tab=setup`}>
              {t('common.cancel')}
            </a>
          )}
          {message && (
            <p className="text-sm text-red-700" role="alert">
              {message}
            </p>
          )}
        </div>
      </div>
      <div className="lg:sticky lg:top-6 lg:self-start">
        <PowerPanel request={request} plan={plan} />
      </div>
    </form>
  );
}
