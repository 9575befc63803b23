'use client';
import { useState, useTransition } from 'react';
import { useI18n } from '@/components/i18n-provider';
import type { ActionResult } from '@/lib/action-result';
import type { CopySuggestions as Suggestions } from '@/lib/services/assistant/campaign-copy';

/**
 * "Suggest copy" beside a campaign's variants: subject lines and messages written for the chosen segment and channel
 * (offline templates, labelled). Each suggestion can become an A/B arm; the marketer edits it there. Text only.
 */
export function CopySuggestions({
  segmentId,
  channel,
  suggest,
  onUse,
}: {
  segmentId: number;
  channel: string;
  suggest: (input: unknown) => Promise<ActionResult<Suggestions>>;
  onUse: (copy: { subject: string; content: string }) => void;
}) {
  const { t, locale } = useI18n();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: true; data: Suggestions } | { ok: false; message: string } | null>(null);
  const lang = locale === 'zh-CN' ? 'zh' : 'en';
  return (
    <div className="space-y-2 rounded-lg border border-dashed border-slate-300 p-3" data-testid="copy-suggestions">
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          className="btn-secondary"
          disabled={pending || !segmentId}
          onClick={() => start(async () => setResult(await suggest({ segmentId, channel })))}
        >
          {pending ? t('assistant.copy.working') : t('assistant.copy.suggest')}
        </button>
        {!segmentId && <span className="text-xs text-slate-500">{t('assistant.copy.pickSegment')}</span>}
        {result?.ok && (
          <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600">
            {t('assistant.describe.offline')}
          </span>
        )}
      </div>
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
