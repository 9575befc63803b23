'use client';
import { useState, useTransition } from 'react';
import { ConsentBox, hasSeenPrompt } from '@/components/assistant/consent-box';
import { useViewerId } from '@/components/shell/viewer';
import { useI18n } from '@/components/i18n-provider';
import type { ActionResult } from '@/lib/action-result';
import type { CopySuggestions as Suggestions } from '@/lib/services/assistant/campaign-copy';

/**
 * "Suggest copy" beside a campaign's variants: subject lines and messages written for the chosen segment and channel
 * (by the configured model after showing what is sent, or the templates; labelled, with why the templates answered). Each suggestion can become an A/B arm; the marketer edits it there. Text only.
 */
export function CopySuggestions({
  segmentId,
  channel,
  suggest,
  preview,
  model,
  onUse,
}: {
  segmentId: number;
  channel: string;
  suggest: (input: unknown) => Promise<ActionResult<Suggestions>>;
  preview: (input: unknown) => Promise<ActionResult<string | null>>;
  /** the configured model's name, or null when the templates answer */
  model: string | null;
  onUse: (copy: { subject: string; content: string }) => void;
}) {
  const { t, locale } = useI18n();
  const viewer = useViewerId();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: true; data: Suggestions } | { ok: false; message: string } | null>(null);
  const [consent, setConsent] = useState<string | null>(null);
  const lang = locale === 'zh-CN' ? 'zh' : 'en';
  const run = () => {
    setConsent(null);
    start(async () => setResult(await suggest({ segmentId, channel })));
  };
  const onSuggest = () => {
    if (!model || hasSeenPrompt(viewer, 'copy')) return run();
    start(async () => {
      const r = await preview({ segmentId, channel });
      if (!r.ok) return setResult(r);
      if (r.data) setConsent(r.data);
      else run();
    });
  };
  const source = result?.ok ? result.data.source : null;
  const fallback = source?.type === 'offline' ? source.fallback : null;
  return (
    <div className="space-y-2 rounded-lg border border-dashed border-slate-300 p-3" data-testid="copy-suggestions">
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className="btn-secondary" disabled={pending || !segmentId} onClick={onSuggest}>
          {pending ? t('assistant.copy.working') : t('assistant.copy.suggest')}
        </button>
        {!segmentId && <span className="text-xs text-slate-500">{t('assistant.copy.pickSegment')}</span>}
        {source && (
          <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600" data-testid="copy-source">
            {source.type === 'model'
              ? t('assistant.describe.model', { model: source.model })
              : t('assistant.copy.template')}
          </span>
        )}
      </div>
      {consent !== null && model && (
        <ConsentBox
          kind="copy"
          model={model}
          prompt={consent}
          body={t('assistant.consentBodies.copy')}
          onSend={run}
          onCancel={() => setConsent(null)}
        />
      )}
      {fallback && (
        <p className="text-sm text-amber-800" data-testid="copy-note">
          {t(`assistant.textFallback.${fallback.reason}`, {
            seconds: 'seconds' in fallback ? (fallback.seconds ?? '—') : '',
            reason: 'text' in fallback ? fallback.text : '',
            status: 'status' in fallback ? fallback.status : '',
          })}
        </p>
      )}
      {result && !result.ok && (
        <p role="alert" className="text-sm text-red-700">
          {result.message}
        </p>
      )}
      {result?.ok && (
        <ul className="space-y-2">
          {result.data.variants.map((v) => (
            <li key={v.angle} className="rounded-md bg-slate-50 p-2 text-sm">
              <p className="text-xs uppercase tracking-wide text-slate-500">{t(`assistant.copy.angles.${v.angle}`)}</p>
              <p className="font-medium">{v.subject[lang]}</p>
              <p className="whitespace-pre-wrap text-slate-700">{v.content[lang]}</p>
              <button
                type="button"
                className="mt-1 text-xs font-medium text-brand-700 hover:underline"
                onClick={() => onUse({ subject: v.subject[lang], content: v.content[lang] })}
              >
                {t('assistant.copy.use')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
