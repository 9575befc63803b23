'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { FormMessage } from '@/components/ui/form-message';
import type { ActionResult } from '@/lib/action-result';
import { MIN_SATISFACTION_ANSWERS, type SatisfactionArm } from '@/lib/engine/campaign/satisfaction';
import type { CampaignSurvey } from '@/lib/services/surveys';

type Group = { label: string; arm: SatisfactionArm };

/** A campaign's surveys: results overall, by message and by recommendation model; editors add one or get a link. */
export function SurveysPanel({
  campaignId,
  surveys,
  variants,
  canEdit,
  create,
  getLink,
}: {
  campaignId: number;
  surveys: CampaignSurvey[];
  variants: { key: string; name: string }[];
  canEdit: boolean;
  create: (input: Record<string, unknown>) => Promise<ActionResult<{ id: number }>>;
  getLink: (input: Record<string, unknown>) => Promise<ActionResult<{ url: string }>>;
}) {
  const { t } = useI18n();
  return (
    <section className="card space-y-4 p-4" data-testid="surveys-panel">
      <div>
        <h3 className="font-semibold">{t('surveys.panel.title')}</h3>
        <p className="mt-0.5 text-xs text-slate-500">{t('surveys.panel.help')}</p>
      </div>
      {surveys.length === 0 && <p className="text-sm text-slate-500">{t('surveys.panel.none')}</p>}
      {surveys.map((s) => (
        <SurveyResults key={s.id} survey={s} />
      ))}
      {canEdit && <CreateSurvey campaignId={campaignId} variants={variants} create={create} />}
      {canEdit && surveys.length > 0 && <LinkForCustomer surveys={surveys} getLink={getLink} />}
    </section>
  );
}

/** One survey's results (also on a flow's page, for its survey steps). */
export function SurveyResults({ survey: s }: { survey: CampaignSurvey }) {
  const { t, f } = useI18n();
  const score = (v: number | null) => (v === null ? '—' : f.number(Math.round(v * 100) / 100));
  const row = (g: Group, label: string) => (
    <tr key={`${label}-${g.label}`}>
      <td>{label}</td>
      <td className="text-right tabular-nums">{f.number(g.arm.responses)}</td>
      <td className="text-right tabular-nums">
        {g.arm.responses === 0 ? '—' : score(g.arm.score)}
        {g.arm.lower !== null ? (
          <span className="ml-1 text-xs text-slate-500">
            [{score(g.arm.lower)}, {score(g.arm.upper)}]
          </span>
        ) : (
          g.arm.responses > 0 && (
            <span className="ml-1 text-xs text-slate-500" data-testid="survey-too-few">
              {t('surveys.panel.tooFew', { min: MIN_SATISFACTION_ANSWERS })}
            </span>
          )
        )}
      </td>
    </tr>
  );
  return (
    <div className="overflow-x-auto" data-testid={`survey-${s.id}`}>
      <h4 className="text-sm font-medium">
        {t('surveys.panel.survey', { id: s.id })} · {t(`surveys.panel.kinds.${s.kind}`)} ·{' '}
        {s.variant ?? t('surveys.panel.allVariants')}
      </h4>
      <table className="data-table mt-1">
        <thead>
          <tr>
            <th>{t('surveys.panel.group')}</th>
            <th className="text-right">{t('surveys.panel.answers')}</th>
            <th className="text-right">{t('surveys.panel.score')}</th>
          </tr>
        </thead>
        <tbody>
          {s.overall && row({ label: '', arm: s.overall }, t('surveys.panel.overall'))}
          {s.byVariant.map((g) => row(g, `${t('surveys.panel.byVariant')}: ${g.label}`))}
          {s.byModel.map((g) => row(g, `${t('surveys.panel.byModel')}: ${g.label || t('surveys.panel.noModel')}`))}
        </tbody>
      </table>
      {s.comments.length > 0 && (
        <div className="mt-2">
          <p className="text-xs font-medium text-slate-600">{t('surveys.panel.comments')}</p>
          <ul className="mt-1 space-y-1 text-sm text-slate-700">
            {s.comments.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: comments have no id and never reorder while shown
              <li key={i}>
                <span className="tabular-nums text-slate-500">{c.score}</span> · {c.comment}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function CreateSurvey({
  campaignId,
  variants,
  create,
}: {
  campaignId: number;
  variants: { key: string; name: string }[];
  create: (input: Record<string, unknown>) => Promise<ActionResult<{ id: number }>>;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [result, setResult] = useState<{ ok: boolean; message?: string } | null>(null);
  const [pending, start] = useTransition();
  return (
    <form
      className="flex flex-wrap items-end gap-3 border-t border-slate-100 pt-3"
      onSubmit={(e) => {
        e.preventDefault();
        const data = Object.fromEntries(new FormData(e.currentTarget));
        start(async () => {
          const r = await create({ ...data, campaignId });
          setResult(r.ok ? { ok: true, message: t('surveys.panel.created') } : r);
          if (r.ok) router.refresh();
        });
      }}
    >
      <label className="text-sm">
        <span className="mb-1 block text-slate-600">{t('surveys.panel.kind')}</span>
        <select name="kind" className="input" data-testid="survey-kind">
          <option value="csat">{t('surveys.panel.kinds.csat')}</option>
          <option value="nps">{t('surveys.panel.kinds.nps')}</option>
        </select>
      </label>
      <label className="text-sm">
        <span className="mb-1 block text-slate-600">{t('surveys.panel.variant')}</span>
        <select name="variantKey" className="input">
          <option value="">{t('surveys.panel.allVariants')}</option>
          {variants.map((v) => (
            <option key={v.key} value={v.key}>
              {v.name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex min-h-10 items-center gap-2 text-sm">
        <input type="checkbox" name="allowComment" defaultChecked className="h-4 w-4" />
        {t('surveys.panel.allowComment')}
      </label>
      <button type="submit" className="btn btn-secondary" disabled={pending} data-testid="survey-create">
        {t('surveys.panel.create')}
      </button>
      <FormMessage result={result} />
    </form>
  );
}

function LinkForCustomer({
  surveys,
  getLink,
}: {
  surveys: CampaignSurvey[];
  getLink: (input: Record<string, unknown>) => Promise<ActionResult<{ url: string }>>;
}) {
  const { t } = useI18n();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<{ ok: false; message?: string } | null>(null);
  const [pending, start] = useTransition();
  return (
    <form
      className="space-y-2 border-t border-slate-100 pt-3"
      onSubmit={(e) => {
        e.preventDefault();
        const data = Object.fromEntries(new FormData(e.currentTarget));
        start(async () => {
          const r = await getLink(data);
          setUrl(r.ok ? r.data.url : null);
          setError(r.ok ? null : r);
        });
      }}
    >
      <h4 className="text-sm font-medium">{t('surveys.panel.linkTitle')}</h4>
      <div className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="sr-only">{t('surveys.panel.title')}</span>
          <select name="surveyId" className="input">
            {surveys.map((s) => (
              <option key={s.id} value={s.id}>
                {t('surveys.panel.survey', { id: s.id })} · {t(`surveys.panel.kinds.${s.kind}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="sr-only">{t('surveys.panel.customer')}</span>
          <input
            name="customer"
            className="input"
            placeholder={t('surveys.panel.customer')}
            required
            data-testid="survey-link-customer"
          />
        </label>
        <button type="submit" className="btn btn-secondary" disabled={pending} data-testid="survey-link-get">
          {t('surveys.panel.getLink')}
        </button>
      </div>
      {url && (
        <label className="block text-sm">
          <span className="mb-1 block text-slate-600">{t('surveys.panel.link')}</span>
          <input readOnly value={url} className="input w-full font-mono text-xs" data-testid="survey-link" />
        </label>
      )}
      <FormMessage result={error} />
    </form>
  );
}
