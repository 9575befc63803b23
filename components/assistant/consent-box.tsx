'use client';
import { useI18n } from '@/components/i18n-provider';

/** Remembered per browser and kind of call: the user has seen what such a call sends. */
const seenKey = (kind: string) => `precisa.assistant.seen.${kind}`;
export const hasSeenPrompt = (kind: string) => window.localStorage.getItem(seenKey(kind)) !== null;

/**
 * What a model call of one kind will send, shown before the first such call: the exact prompt (as text), what it
 * contains, and Send / Cancel. Sending remembers that this kind was seen in this browser.
 */
export function ConsentBox({
  kind,
  model,
  prompt,
  body,
  onSend,
  onCancel,
}: {
  kind: string;
  model: string;
  prompt: string;
  /** what the prompt contains, in words */
  body: string;
  onSend: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  return (
    <div
      className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm"
      data-testid="assistant-consent"
    >
      <p className="font-semibold">{t('assistant.consent.title', { model })}</p>
      <p>{body}</p>
      <pre className="max-h-48 overflow-auto whitespace-pre-wrap break-words rounded bg-white p-2 text-xs">
        {prompt}
      </pre>
      <div className="flex gap-2">
        <button
          type="button"
          className="btn-primary"
          onClick={() => {
            window.localStorage.setItem(seenKey(kind), '1');
            onSend();
          }}
        >
          {t('assistant.consent.send')}
        </button>
        <button type="button" className="btn-secondary" onClick={onCancel}>
          {t('assistant.consent.cancel')}
        </button>
      </div>
    </div>
  );
}
