'use client';
import { useId, useState, useTransition, type FormEvent } from 'react';
import { ConsentBox, hasSeenPrompt } from '@/components/assistant/consent-box';
import { useViewerId } from '@/components/shell/viewer';
import { useI18n } from '@/components/i18n-provider';
import type { ActionResult } from '@/lib/action-result';
import type { AskResult } from '@/lib/services/assistant/ask-functions';
import type { AskAnswer } from '@/lib/services/assistant/ask-data';

const EXAMPLES = ['example1', 'example2', 'example3', 'example4'] as const;

/**
 * "Ask the data" on the dashboard: a question answered by read-only functions (by the model through tool calling, or
 * by the offline rules), showing each function called with its arguments and what it returned. Text only.
 */
export function AskData({
  ask,
  preview,
  model,
}: {
  ask: (input: unknown) => Promise<ActionResult<AskAnswer>>;
  preview: (input: unknown) => Promise<ActionResult<string | null>>;
  /** the configured model's name, or null when the offline rules answer */
  model: string | null;
}) {
  const { t, f, locale } = useI18n();
  const viewer = useViewerId();
  const id = useId();
  const lang = locale === 'zh-CN' ? 'zh' : 'en';
  const [question, setQuestion] = useState('');
  const [answer, setAnswer] = useState<ActionResult<AskAnswer> | null>(null);
  const [consent, setConsent] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const send = (q = question) => {
    setConsent(null);
    start(async () => setAnswer(await ask({ question: q, lang })));
  };
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!model || hasSeenPrompt(viewer, 'ask')) return send();
    start(async () => {
      const r = await preview({ question, lang });
      if (!r.ok) return setAnswer(r);
      if (r.data) setConsent(r.data);
      else send();
    });
  }

  const value = (r: Extract<AskResult, { type: 'kpi' }>) =>
    r.metric === 'revenue' || r.metric === 'aov'
      ? f.money(r.value)
      : r.metric === 'conversion'
        ? f.percent(r.value)
        : f.number(r.value);
  const resultText = (r: AskResult) => {
    switch (r.type) {
      case 'kpi':
        return t(r.released ? 'assistant.ask.results.kpiReleased' : 'assistant.ask.results.kpi', {
          metric: t(`assistant.ask.metrics.${r.metric as 'revenue'}`),
          days: r.days,
          value: value(r),
        });
      case 'categories':
        return t('assistant.ask.results.categories', {
          days: r.days,
          list: r.items.length
            ? r.items.map((c) => `${lang === 'zh' ? (c.nameZh ?? c.name) : c.name} (${f.money(c.revenue)})`).join(', ')
            : t('assistant.ask.results.none'),
        });
      case 'segment':
        return t(r.released ? 'assistant.ask.results.segmentReleased' : 'assistant.ask.results.segment', {
          name: r.name,
          count: r.suppressed ? '< 10' : f.number(r.count),
        });
      case 'segments':
        return t('assistant.ask.results.segments', { list: r.names.join(', ') || t('assistant.ask.results.none') });
      case 'error':
        return t(`assistant.ask.results.${r.code}`);
    }
  };
  const a = answer?.ok ? answer.data : null;
  const fallback = a && a.source !== 'model' ? a.fallback : null;
  return (
    <form
      onSubmit={onSubmit}
      className="card mb-6 space-y-2 p-4"
      aria-labelledby={`${id}-label`}
      data-testid="ask-data"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <label id={`${id}-label`} htmlFor={`${id}-q`} className="font-semibold">
          {t('assistant.ask.label')}
        </label>
        {a && a.source !== 'none' && (
          <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600" data-testid="ask-source">
            {a.source === 'model' ? t('assistant.describe.model', { model: a.model }) : t('assistant.ask.offline')}
          </span>
        )}
      </div>
      <p className="text-xs text-slate-500">{t('assistant.ask.help')}</p>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id={`${id}-q`}
          className="input flex-1"
          maxLength={300}
          value={question}
          placeholder={t('assistant.ask.placeholder')}
          onChange={(e) => setQuestion(e.target.value)}
        />
        <button type="submit" className="btn-secondary" disabled={pending || !question.trim()}>
          {pending ? t('assistant.ask.working') : t('assistant.ask.submit')}
        </button>
      </div>
      {consent !== null && model && (
        <ConsentBox
          kind="ask"
          model={model}
          prompt={consent}
          body={t('assistant.consentBodies.ask')}
          onSend={() => send()}
          onCancel={() => setConsent(null)}
        />
      )}
      <div aria-live="polite" className="space-y-2 text-sm">
        {answer && !answer.ok && (
          <p role="alert" className="text-red-700">
            {answer.message}
          </p>
        )}
        {a?.source === 'model' && <p data-testid="ask-answer">{a.text}</p>}
        {a && a.source === 'offline' && (
          <p data-testid="ask-answer">{a.calls.map((c) => resultText(c.result)).join(' ')}</p>
        )}
        {fallback && (
          <p className="text-amber-800" data-testid="ask-note">
            {t(`assistant.textFallback.${fallback.reason}`, {
              seconds: 'seconds' in fallback ? (fallback.seconds ?? '—') : '',
              reason: 'text' in fallback ? fallback.text : '',
              status: 'status' in fallback ? fallback.status : '',
            })}
          </p>
        )}
        {a?.source === 'none' && (
          <div data-testid="ask-nothing">
            <p>{t('assistant.ask.nothing')}</p>
            <ul className="mt-1 flex flex-wrap gap-2">
              {EXAMPLES.map((k) => (
                <li key={k}>
                  <button
                    type="button"
                    className="rounded-full bg-slate-100 px-3 py-1 text-xs text-slate-700 hover:bg-slate-200"
                    onClick={() => {
                      setQuestion(t(`assistant.ask.${k}`));
                      send(t(`assistant.ask.${k}`));
                    }}
                  >
                    {t(`assistant.ask.${k}`)}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
        {a && a.source !== 'none' && a.calls.length > 0 && (
          <details className="text-xs text-slate-600" data-testid="ask-calls" open>
            <summary>{t('assistant.ask.calls')}</summary>
            <ul className="mt-1 space-y-1">
              {a.calls.map((c) => (
                <li key={`${c.name}:${JSON.stringify(c.args)}`}>
                  <code className="rounded bg-slate-100 px-1">
                    {c.name}({JSON.stringify(c.args)})
                  </code>{' '}
                  → {resultText(c.result)}
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
    </form>
  );
}
