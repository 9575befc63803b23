import type { ChatMessage } from '@/lib/engine/assistant/segment-prompt';
import {
  httpFailure,
  type ProviderConfig,
  type ProviderFailure,
  postChat,
  thrownFailure,
  type Usage,
} from './chat-client';

/** What a streamed answer yields: text as it arrives, then how it ended (the whole text or the failure). */
export type StreamEvent =
  | { type: 'delta'; text: string }
  | { type: 'end'; ok: true; text: string; usage: Usage }
  | { type: 'end'; ok: false; failure: ProviderFailure; text: string; usage: Usage };

type Chunk = {
  choices?: { delta?: { content?: string | null; refusal?: string | null } }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
};

/** The `data:` payloads of complete SSE events in `buffer`, and what is left of an event still arriving. */
export function sseEvents(buffer: string): { data: string[]; rest: string } {
  const parts = buffer.replace(/\r\n/g, '\n').split('\n\n');
  const rest = parts.pop() ?? '';
  const data = parts.flatMap((event) => {
    const lines = event.split('\n').filter((l) => l.startsWith('data:'));
    return lines.length ? [lines.map((l) => l.slice(5).replace(/^ /, '')).join('\n')] : [];
  });
  return { data, rest };
}

/**
 * A streamed chat completion (`stream: true`, server-sent events of `chat.completion.chunk` until `data: [DONE]`),
 * the whole stream bounded by `timeoutMs` (or the caller's signal, e.g. the browser going away): yields each piece of
 * text, then one `end` event — ok with the whole text, or the failure (timeout, HTTP status, refusal, a stream cut off
 * before [DONE]) with what had arrived. Token counts are asked for (`stream_options.include_usage`).
 */
export async function* chatStream(
  config: ProviderConfig,
  messages: ChatMessage[],
  callerSignal?: AbortSignal,
): AsyncGenerator<StreamEvent> {
  const timeout = AbortSignal.timeout(config.timeoutMs);
  const signal = callerSignal ? AbortSignal.any([timeout, callerSignal]) : timeout;
  let text = '';
  const usage = { prompt: 0, completion: 0 };
  const fail = (failure: ProviderFailure): StreamEvent => ({ type: 'end', ok: false, failure, text, usage });
  try {
    const res = await postChat(config, { messages, stream: true, stream_options: { include_usage: true } }, signal);
    const failed = httpFailure(res);
    if (failed) return yield fail(failed);
    if (!res.body) return yield fail({ type: 'malformed' });
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const bytes of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(bytes, { stream: true });
      const { data, rest } = sseEvents(buffer);
      buffer = rest;
      for (const payload of data) {
        if (payload.trim() === '[DONE]') return yield { type: 'end', ok: true, text, usage };
        let chunk: Chunk;
        try {
          chunk = JSON.parse(payload) as Chunk;
        } catch {
          return yield fail({ type: 'malformed' });
        }
        if (chunk.usage) {
          usage.prompt = chunk.usage.prompt_tokens ?? usage.prompt;
          usage.completion = chunk.usage.completion_tokens ?? usage.completion;
        }
        const delta = chunk.choices?.[0]?.delta;
        if (delta?.refusal) return yield fail({ type: 'refusal', reason: delta.refusal.slice(0, 300) });
        if (delta?.content) {
          text += delta.content;
          yield { type: 'delta', text: delta.content };
        }
      }
    }
    return yield fail({ type: 'malformed' });
  } catch (e) {
    return yield fail(thrownFailure(e));
  }
}
