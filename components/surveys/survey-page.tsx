'use client';
import { useState, useTransition } from 'react';
import { useI18n } from '@/components/i18n-provider';
import type { ActionResult } from '@/lib/action-result';
import type { SurveyForm } from '@/lib/services/surveys';

type Answer = { score: number | null; comment: string };
type Saved = { score: number; editableUntil: Date | string };

/** The question of a hosted survey: a row of scores (CSAT 1–5 or NPS 0–10), an optional comment, the answer state. */
export function SurveyPage({
  form,
  answer,
}: {
  form: SurveyForm;
  answer: (a: Answer) => Promise<ActionResult<Saved>>;
}) {
  const { t, f } = useI18n();
  const [score, setScore] = useState<number | null>(form.answer?.score ?? null);
  const [comment, setComment] = useState(form.answer?.comment ?? '');
  const [saved, setSaved] = useState<Saved | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const prev = form.answer;
  if (prev?.readOnly)
    return (
      <p className="text-sm text-slate-700" data-testid="survey-readonly">
        {t('surveys.page.readOnly', { score: prev.score })}
      </p>
    );
  const scores = Array.from({ length: form.range.max - form.range.min + 1 }, (_, i) => form.range.min + i);
  const q = form.kind === 'csat' ? 'csat' : 'nps';
  const question = form.shopName
    ? t(`surveys.page.${q}Question`, { shop: form.shopName })
    : t(`surveys.page.${q}QuestionNoShop`);
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (score === null) return setError(t('surveys.page.pickScore'));
        start(async () => {
          const r = await answer({ score, comment });
          setError(r.ok ? null : r.message);
          if (r.ok) setSaved(r.data);
        });
      }}
    >
      {form.firstName && (
        <p className="text-sm text-slate-600">{t('surveys.page.greeting', { name: form.firstName })}</p>
      )}
      {prev && !saved && (
        <p className="text-sm text-slate-600" data-testid="survey-editable">
          {t('surveys.page.editable', { score: prev.score, until: f.dateTime(prev.editableUntil) })}
        </p>
      )}
      <fieldset>
        <legend className="mb-3 font-medium text-slate-900">{question}</legend>
        <div className={`grid gap-2 ${scores.length > 5 ? 'grid-cols-6 sm:grid-cols-11' : 'grid-cols-5'}`}>
          {scores.map((s) => (
            <label
              key={s}
              className={`flex min-h-11 cursor-pointer items-center justify-center rounded-md border text-base font-medium has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600 ${score === s ? 'border-brand-700 bg-brand-700 text-white' : 'border-slate-300 bg-white text-slate-800 hover:border-brand-600'}`}
            >
              <input
                type="radio"
                name="score"
                value={s}
                className="sr-only"
                checked={score === s}
                onChange={() => setScore(s)}
                data-testid={`survey-score-${s}`}
              />
              {s}
            </label>
          ))}
        </div>
        <div className="mt-1 flex justify-between text-xs text-slate-600">
          <span>{t(`surveys.page.${q}Low`)}</span>
          <span>{t(`surveys.page.${q}High`)}</span>
        </div>
      </fieldset>
      {form.allowComment && (
        <label className="block text-sm">
          <span className="mb-1 block text-slate-700">{t('surveys.page.comment')}</span>
          <textarea
            className="input min-h-24 w-full"
            maxLength={1000}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            data-testid="survey-comment"
          />
        </label>
      )}
      <button type="submit" className="btn btn-primary w-full" disabled={pending} data-testid="survey-submit">
        {prev || saved ? t('surveys.page.change') : t('surveys.page.submit')}
      </button>
      {(saved || error) && (
        <p
          role="status"
          className={`text-sm ${error ? 'text-red-700' : 'text-emerald-800'}`}
          data-testid="survey-status"
        >
          {error ?? t('surveys.page.thanks', { until: f.dateTime(saved!.editableUntil) })}
        </p>
      )}
    </form>
  );
}
