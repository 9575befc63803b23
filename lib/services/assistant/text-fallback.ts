import type { ChatMessage } from '@/lib/engine/assistant/segment-prompt';
import type { ProviderFailure } from './chat-client';

/**
 * Why a text (copy, summary, portrait paragraph, an answer) is the template or the offline rules: the provider's
 * failure, its unreadable key or cap, an answer of the wrong form, or numbers not in the facts.
 */
export type TextFallback =
  | { reason: 'timeout' | 'unauthorized' | 'malformed' | 'network' | 'key' | 'cap' | 'numbers' | 'invalid' }
  | { reason: 'rate_limited'; seconds: number | null }
  | { reason: 'refusal'; text: string }
  | { reason: 'http'; status: number };

export const fallbackOf = (f: ProviderFailure): TextFallback =>
  f.type === 'rate_limited'
    ? { reason: 'rate_limited', seconds: f.retryAfterSeconds }
    : f.type === 'refusal'
      ? { reason: 'refusal', text: f.reason }
      : f.type === 'http'
        ? { reason: 'http', status: f.status }
        : { reason: f.type };

/** A prompt as shown to the user and kept in the activity log. */
export const promptText = (messages: ChatMessage[]) => messages.map((m) => `${m.role}: ${m.content}`).join('\n\n');
