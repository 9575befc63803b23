import type { ChatMessage } from '@/lib/engine/assistant/segment-prompt';

/** An OpenAI-compatible endpoint (OpenAI, DeepSeek, Qwen compatible mode, Moonshot, Ollama, vLLM, llama.cpp). */
export type ProviderConfig = { baseUrl: string; model: string; apiKey: string; timeoutMs: number };

export type ProviderFailure =
  | { type: 'timeout' }
  | { type: 'unauthorized' }
  | { type: 'rate_limited'; retryAfterSeconds: number | null }
  | { type: 'malformed' }
  | { type: 'refusal'; reason: string }
  | { type: 'http'; status: number }
  | { type: 'network' };

export type ChatAnswer =
  | { ok: true; json: unknown; usage: { prompt: number; completion: number } }
  | { ok: false; failure: ProviderFailure; usage: { prompt: number; completion: number } };

type Format = { type: 'json_schema'; json_schema: object } | { type: 'json_object' };

const NO_USAGE = { prompt: 0, completion: 0 };

/** The JSON object in a model's text, tolerating a ```json fence around it; undefined when there is none. */
export function jsonIn(content: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(content);
  try {
    return JSON.parse((fenced?.[1] ?? content).trim());
  } catch {
    return undefined;
  }
}

async function post(config: ProviderConfig, messages: ChatMessage[], format: Format, signal: AbortSignal) {
  return fetch(`${config.baseUrl.replace(/\/+$/, '')}/chat/completions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}),
    },
    body: JSON.stringify({ model: config.model, messages, temperature: 0, response_format: format }),
    signal,
  });
}

/**
 * One chat-completions call asking for JSON: structured output (`response_format: json_schema`) first, and JSON mode
 * (`json_object`) when the endpoint rejects that with a 400. The whole call, fallback included, is bounded by
 * `timeoutMs`. Failures are classified for the user: timeout, 401/403, 429 (with Retry-After), other HTTP errors,
 * network errors, a refusal, or an answer that is not JSON.
 */
export async function chatJson(config: ProviderConfig, messages: ChatMessage[], schema: object): Promise<ChatAnswer> {
  const signal = AbortSignal.timeout(config.timeoutMs);
  try {
    let res = await post(config, messages, { type: 'json_schema', json_schema: schema }, signal);
    if (res.status === 400) res = await post(config, messages, { type: 'json_object' }, signal);
    if (res.status === 401 || res.status === 403)
      return { ok: false, failure: { type: 'unauthorized' }, usage: NO_USAGE };
    if (res.status === 429) {
      const after = Number(res.headers.get('retry-after'));
      return {
        ok: false,
        failure: { type: 'rate_limited', retryAfterSeconds: Number.isFinite(after) && after > 0 ? after : null },
        usage: NO_USAGE,
      };
    }
    if (!res.ok) return { ok: false, failure: { type: 'http', status: res.status }, usage: NO_USAGE };
    const body = (await res.json().catch(() => null)) as {
      choices?: { message?: { content?: string | null; refusal?: string | null } }[];
      usage?: { prompt_tokens?: number; completion_tokens?: number };
    } | null;
    const usage = { prompt: body?.usage?.prompt_tokens ?? 0, completion: body?.usage?.completion_tokens ?? 0 };
    const message = body?.choices?.[0]?.message;
    if (message?.refusal)
      return { ok: false, failure: { type: 'refusal', reason: message.refusal.slice(0, 300) }, usage };
    const json = typeof message?.content === 'string' ? jsonIn(message.content) : undefined;
    if (json === undefined || json === null || typeof json !== 'object')
      return { ok: false, failure: { type: 'malformed' }, usage };
    return { ok: true, json, usage };
  } catch (e) {
    const name = (e as Error).name;
    return {
      ok: false,
      failure: name === 'TimeoutError' || name === 'AbortError' ? { type: 'timeout' } : { type: 'network' },
      usage: NO_USAGE,
    };
  }
}
