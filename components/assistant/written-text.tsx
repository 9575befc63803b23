'use client';
import { useState, type ReactNode } from 'react';
import { ConsentBox, hasSeenPrompt } from '@/components/assistant/consent-box';
import { useViewerId } from '@/components/shell/viewer';
import { useI18n } from '@/components/i18n-provider';
import type { Bilingual } from '@/lib/i18n/bilingual';
import type { TextEvent, TextFallback } from '@/lib/services/assistant/written-text';

const ENDPOINT = '/api/assistant/text';

type Shown =
  | { state: 'template' }
  | { state: 'streaming'; text: string }
  | { state: 'model'; text: string; model: string }
  | { state: 'fallback'; text: string; fallback: TextFallback | null }
  | { state: 'error'; message: string };

/** Each line of a newline-delimited JSON body, as it arrives. */
async function* lines(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const p of parts) if (p.trim()) yield JSON.parse(p) as TextEvent;
  }
}

/**
 * A text written from computed facts (a campaign's results, a customer's portrait): the template first, labelled;
 * with a model configured, "Write with AI" streams the model's text in (after showing what is sent, the first time),
 * and the server keeps it only if its numbers check out — otherwise the template comes back with the reason.
 */
export function WrittenText({
  kind,
  id,
  title,
  template,
  templateLabel,
  consentBody,
  model,
  testId,
}: {
  kind: 'summary' | 'portrait';
  id: string;
  title: ReactNode;
  template: Bilingual;
  templateLabel: string;
  consentBody: string;
  /** the configured model's name, or null when only the template is available */
  model: string | null;
  testId: string;
}) {
  const { t, locale } = useI18n();
  const viewer = useViewerId();
  const lang = locale === 'zh-CN' ? 'zh' : 'en';
  const [shown, setShown] = useState<Shown>({ state: 'template' });
  const [consent, setConsent] = useState<string | null>(null);
  const post = (extra: object = {}) =>
    fetch(ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind, id, lang, ...extra }),
    });
  const failed = async (res: Response) =>
    setShown({
      state: 'error',
      message:
        ((await res.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ??
        t('errors.generic'),
    });

  async function write() {
    setConsent(null);
    setShown({ state: 'streaming', text: '' });
    try {
      const res = await post();
      if (!res.ok || !res.body) return await failed(res);
      let text = '';
      for await (const e of lines(res.body)) {
        if (e.type === 'delta') {
          text += e.text;
          setShown({ state: 'streaming', text });
        } else if (e.source === 'model') setShown({ state: 'model', text: e.text, model: e.model });
        else setShown({ state: 'fallback', text: e.text, fallback: e.fallback });
      }
    } catch {
      setShown({ state: 'error', message: t('errors.generic') });
    }
  }

  async function onWrite() {
    if (hasSeenPrompt(viewer, kind)) return write();
    const res = await post({ preview: true });
    if (!res.ok) return failed(res);
    const preview = (await res.json()) as { prompt: string } | null;
    if (preview) setConsent(preview.prompt);
    else await write();
  }

  const note = (f: TextFallback | null) =>
    f &&
    t(`assistant.textFallback.${f.reason}`, {
      seconds: 'seconds' in f ? (f.seconds ?? '—') : '',
      reason: 'text' in f ? f.text : '',
      status: 'status' in f ? f.status : '',
    });
  const label =
    shown.state === 'streaming'
      ? t('assistant.text.writing', { model: model ?? '' })
      : shown.state === 'model'
        ? t('assistant.describe.model', { model: shown.model })
        : templateLabel;
  const text =
    shown.state === 'streaming' || shown.state === 'model' || shown.state === 'fallback' ? shown.text : template[lang];
  return (
    <section className="card space-y-2 p-4" aria-labelledby={`${testId}-title`} data-testid={testId}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`${testId}-title`} className="font-semibold">
          {title}
        </h2>
        <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600" data-testid="assistant-text-source">
          {label}
        </span>
      </div>
      <p
        className="whitespace-pre-wrap text-sm"
        aria-live="polite"
        aria-busy={shown.state === 'streaming'}
        data-testid="assistant-text"
      >
        {text}
      </p>
      {shown.state === 'fallback' && shown.fallback && (
        <p className="text-sm text-amber-800" data-testid="assistant-text-note">
          {note(shown.fallback)}
        </p>
      )}
      {shown.state === 'error' && (
        <p role="alert" className="text-sm text-red-700">
          {shown.message}
        </p>
      )}
      {consent !== null && model && (
        <ConsentBox
          kind={kind}
          model={model}
          prompt={consent}
          body={consentBody}
          onSend={write}
          onCancel={() => setConsent(null)}
        />
      )}
      {model && consent === null && shown.state !== 'streaming' && (
        <button type="button" className="btn-secondary" onClick={onWrite}>
          {t('assistant.text.write', { model })}
        </button>
      )}
    </section>
  );
}
