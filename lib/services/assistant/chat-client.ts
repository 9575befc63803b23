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

export type Usage = { prompt: number; completion: number };

export type ChatAnswer =
  | { ok: true; json: unknown; usage: Usage }
  | { ok: false; failure: ProviderFailure; usage: Usage };

type Format = { type: 'json_schema'; json_schema: object } | { type: 'json_object' };

export const NO_USAGE: Usage = { prompt: 0, completion: 0 };

/** The JSON object in a model's text, tolerating a ```json fence around it; undefined when there is none. */
export function jsonIn(content: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(content);
  try {
    return JSON.parse((fenced?.[1] ?? content).trim());
  } catch {
    return undefined;
  }
}

/** POST /chat/completions with the model and temperature 0; `body` adds the rest (messages, format, tools, stream). */
export function postChat(config: ProviderConfig, body: Record<string, unknown>, signal: AbortSignal) {
  return fetch(`${config.baseUrl.replace(/\/+$/, '')}/chat/completions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}),
    },
    body: JSON.stringify({ model: config.model, temperature: 0, ...body }),
    signal,
  });
}

/** The failure an HTTP status means (401/403, 429 with Retry-After, others), or null for a 2xx. */
export function httpFailure(res: Response): ProviderFailure | null {
  if (res.status === 401 || res.status === 403) return { type: 'unauthorized' };
  if (res.status === 429) {
    const after = Number(res.headers.get('retry-after'));
    return { type: 'rate_limited', retryAfterSeconds: Number.isFinite(after) && after > 0 ? after : null };
  }
  return res.ok ? null : { type: 'http', status: res.status };
}

/** A thrown fetch or body read: the time limit (abort) or the network. */
export const thrownFailure = (e: unknown): ProviderFailure => {
  const name = (e as Error).name;
  return name === 'TimeoutError' || name === 'AbortError' ? { type: 'timeout' } : { type: 'network' };
};

type ChoiceBody = {
  choices?: { message?: { content?: string | null; refusal?: string | null; tool_calls?: unknown } }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number };
} | null;

export const usageOf = (body: { usage?: { prompt_tokens?: number; completion_tokens?: number } | null } | null) => ({
  prompt: body?.usage?.prompt_tokens ?? 0,
  completion: body?.usage?.completion_tokens ?? 0,
});

/** One non-streamed call: the first choice's message and the token counts, or the failure. */
export async function chatMessage(
  config: ProviderConfig,
  body: Record<string, unknown>,
  signal: AbortSignal,
  retryWithout?: Record<string, unknown>,
): Promise<
  | { ok: true; message: NonNullable<NonNullable<ChoiceBody>['choices']>[number]['message']; usage: Usage }
  | { ok: false; failure: ProviderFailure; usage: Usage }
> {
  try {
    let res = await postChat(config, body, signal);
    if (res.status === 400 && retryWithout) res = await postChat(config, retryWithout, signal);
    const failed = httpFailure(res);
    if (failed) return { ok: false, failure: failed, usage: NO_USAGE };
    const parsed = (await res.json().catch(() => null)) as ChoiceBody;
    const usage = usageOf(parsed);
    const message = parsed?.choices?.[0]?.message;
    if (!message) return { ok: false, failure: { type: 'malformed' }, usage };
    if (message.refusal)
      return { ok: false, failure: { type: 'refusal', reason: message.refusal.slice(0, 300) }, usage };
    return { ok: true, message, usage };
  } catch (e) {
    return { ok: false, failure: thrownFailure(e), usage: NO_USAGE };
  }
}

/**
 * One chat-completions call asking for JSON: structured output (`response_format: json_schema`) first, and JSON mode
 * (`json_object`) when the endpoint rejects that with a 400. The whole call, fallback included, is bounded by
 * `timeoutMs`. Failures are classified for the user: timeout, 401/403, 429 (with Retry-After), other HTTP errors,
 * network errors, a refusal, or an answer that is not JSON.
 */
export async function chatJson(config: ProviderConfig, messages: ChatMessage[], schema: object): Promise<ChatAnswer> {
  const format = (f: Format) => ({ messages, response_format: f });
  const r = await chatMessage(
    config,
    format({ type: 'json_schema', json_schema: schema }),
    AbortSignal.timeout(config.timeoutMs),
    format({ type: 'json_object' }),
  );
  if (!r.ok) return r;
  const json = typeof r.message?.content === 'string' ? jsonIn(r.message.content) : undefined;
  if (json === undefined || json === null || typeof json !== 'object')
    return { ok: false, failure: { type: 'malformed' }, usage: r.usage };
  return { ok: true, json, usage: r.usage };
}
