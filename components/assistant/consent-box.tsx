'use client';
import { useI18n } from '@/components/i18n-provider';
import { useViewerId } from '@/components/shell/viewer';

/**
 * Remembered per user, browser and kind of call: this user has seen what such a call sends (a second user of the same
 * browser is shown it too).
 */
const seenKey = (viewer: string, kind: string) => `precisa.assistant.seen.${viewer}.${kind}`;
export const hasSeenPrompt = (viewer: string, kind: string) =>
  window.localStorage.getItem(seenKey(viewer, kind)) !== null;

/**
 * What a model call of one kind will send, shown before the first such call: the exact prompt (as text), what it
 * contains, and Send / Cancel. Sending remembers that this user has seen this kind in this browser.
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
  const viewer = useViewerId();
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
            window.localStorage.setItem(seenKey(viewer, kind), '1');
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
