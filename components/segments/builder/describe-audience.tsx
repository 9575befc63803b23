'use client';
import { useId, useState, useTransition, type FormEvent } from 'react';
import { ConsentBox, hasSeenPrompt } from '@/components/assistant/consent-box';
import { useViewerId } from '@/components/shell/viewer';
import { useI18n } from '@/components/i18n-provider';
import type { ActionResult } from '@/lib/action-result';
import type { SegmentGroup } from '@/lib/schemas/segment';
import type { AudienceDraft, Fallback } from '@/lib/services/assistant/describe-audience';

type Shown =
  | { type: 'filled'; reading: string; skipped: string[]; source: string; note: string | null }
  | { type: 'error'; message: string; note: string | null }
  | { type: 'consent'; prompt: string }
  | null;

/**
 * "Describe the audience": a sentence in English or Chinese fills the builder's tree below (the live count follows),
 * with how it was read and by what (the offline parser or a named model). Nothing is saved here; every word the
 * assistant returns is rendered as text.
 */
export function DescribeAudience({
  describe,
  previewPrompt,
  model,
  onFill,
}: {
  describe: (input: unknown) => Promise<ActionResult<AudienceDraft>>;
  previewPrompt: (input: unknown) => Promise<ActionResult<string | null>>;
  /** the configured model's name, or null when the offline parser answers */
  model: string | null;
  onFill: (definition: SegmentGroup) => void;
}) {
  const { t, locale } = useI18n();
  const viewer = useViewerId();
  const id = useId();
  const [text, setText] = useState('');
  const [shown, setShown] = useState<Shown>(null);
  const [pending, start] = useTransition();

  const note = (f: Fallback | undefined) =>
    f
      ? t(`assistant.fallback.${f.reason}`, {
          seconds: 'seconds' in f ? (f.seconds ?? '—') : '',
          reason: 'text' in f ? f.text : '',
          status: 'status' in f ? f.status : '',
        })
      : null;

  function send() {
    start(async () => {
      const r = await describe({ text });
      if (!r.ok) return setShown({ type: 'error', message: r.message, note: null });
      const d = r.data;
      if (!d.ok)
        return setShown({
          type: 'error',
          message:
            d.reason === 'nothing'
              ? t('assistant.describe.nothing')
              : t('assistant.describe.invalid', { problems: d.problems.join('; ') }),
          note: note(d.fallback),
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
        note: d.source.type === 'offline' ? note(d.source.fallback) : null,
      });
    });
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    e.stopPropagation();
    if (!model || hasSeenPrompt(viewer, 'segment')) return send();
    start(async () => {
      const r = await previewPrompt({ text });
      if (r.ok && r.data) setShown({ type: 'consent', prompt: r.data });
      else send();
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
      {shown?.type === 'consent' && model && (
        <ConsentBox
          kind="segment"
          model={model}
          prompt={shown.prompt}
          body={t('assistant.consent.body')}
          onSend={send}
          onCancel={() => setShown(null)}
        />
      )}
      <div aria-live="polite" className="space-y-1 text-sm">
        {shown?.type === 'filled' && (
          <>
            <p data-testid="assistant-reading">{t('assistant.describe.reading', { text: shown.reading })}</p>
            {shown.skipped.length > 0 && (
              <p className="text-amber-800">{t('assistant.describe.skipped', { words: shown.skipped.join(' · ') })}</p>
            )}
            {shown.note && <p className="text-amber-800">{shown.note}</p>}
            <p className="text-slate-500">{t('assistant.describe.unsaved')}</p>
          </>
        )}
        {shown?.type === 'error' && (
          <>
            <p role="alert" className="text-red-700">
              {shown.message}
            </p>
            {shown.note && <p className="text-amber-800">{shown.note}</p>}
          </>
        )}
      </div>
    </form>
  );
}
