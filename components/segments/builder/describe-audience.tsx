'use client';
import { useId, useState, useTransition, type FormEvent } from 'react';
import { useI18n } from '@/components/i18n-provider';
import type { ActionResult } from '@/lib/action-result';
import type { SegmentGroup } from '@/lib/schemas/segment';
import type { AudienceDraft } from '@/lib/services/assistant/describe-audience';

type Shown =
  | { type: 'filled'; reading: string; skipped: string[]; source: string }
  | { type: 'error'; message: string }
  | null;

/**
 * "Describe the audience": a sentence in English or Chinese fills the builder's tree below (the live count follows),
 * with how it was read and by what (the offline parser or a named model). Nothing is saved here; every word the
 * assistant returns is rendered as text.
 */
export function DescribeAudience({
  describe,
  onFill,
}: {
  describe: (input: unknown) => Promise<ActionResult<AudienceDraft>>;
  onFill: (definition: SegmentGroup) => void;
}) {
  const { t, locale } = useI18n();
  const id = useId();
  const [text, setText] = useState('');
  const [shown, setShown] = useState<Shown>(null);
  const [pending, start] = useTransition();

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    e.stopPropagation();
    start(async () => {
      const r = await describe({ text });
      if (!r.ok) return setShown({ type: 'error', message: r.message });
      const d = r.data;
      if (!d.ok)
        return setShown({
          type: 'error',
          message:
            d.reason === 'nothing'
              ? t('assistant.describe.nothing')
              : t('assistant.describe.invalid', { problems: d.problems.join('; ') }),
        });
      onFill(d.definition);
      setShown({
        type: 'filled',
        reading: locale === 'zh-CN' ? d.reading.zh : d.reading.en,
        skipped: d.unrecognised,
        source:
          d.source.type === 'offline'
            ? t('assistant.describe.offline')
            : t('assistant.describe.model', { model: d.source.model }),
      });
    });
  }

  return (
    <form onSubmit={onSubmit} className="card space-y-2 p-4" aria-labelledby={`${id}-label`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <label id={`${id}-label`} htmlFor={`${id}-text`} className="font-semibold">
          {t('assistant.describe.label')}
        </label>
        {shown?.type === 'filled' && (
          <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600" data-testid="assistant-source">
            {shown.source}
          </span>
        )}
      </div>
      <div className="flex flex-col gap-2 sm:flex-row">
        <textarea
          id={`${id}-text`}
          className="input min-h-[2.5rem] flex-1"
          rows={2}
          maxLength={500}
          value={text}
          placeholder={t('assistant.describe.placeholder')}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }
          }}
        />
        <button type="submit" className="btn-secondary self-start" disabled={pending || !text.trim()}>
          {pending ? t('assistant.describe.working') : t('assistant.describe.submit')}
        </button>
      </div>
      <div aria-live="polite" className="space-y-1 text-sm">
        {shown?.type === 'filled' && (
          <>
            <p data-testid="assistant-reading">{t('assistant.describe.reading', { text: shown.reading })}</p>
            {shown.skipped.length > 0 && (
              <p className="text-amber-800">{t('assistant.describe.skipped', { words: shown.skipped.join(' · ') })}</p>
            )}
            <p className="text-slate-500">{t('assistant.describe.unsaved')}</p>
          </>
        )}
        {shown?.type === 'error' && (
          <p role="alert" className="text-red-700">
            {shown.message}
          </p>
        )}
      </div>
    </form>
  );
}
