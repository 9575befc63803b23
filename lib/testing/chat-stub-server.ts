/** A local server speaking the OpenAI chat-completions protocol with scripted answers, for the assistant's tests. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ChatRequest = {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: { type: string };
  authorization?: string;
};
export type ScriptedAnswer = {
  status?: number;
  headers?: Record<string, string>;
  /** the assistant message's text (wrapped in a chat-completions body) */
  content?: string;
  refusal?: string;
  /** a raw body instead (for broken responses) */
  raw?: string;
  delayMs?: number;
};

/** The body of a successful chat completion carrying `content` (and token counts). */
export function completion(content: string | null, refusal?: string) {
  return JSON.stringify({
    id: 'stub',
    object: 'chat.completion',
    choices: [
      { index: 0, message: { role: 'assistant', content, ...(refusal ? { refusal } : {}) }, finish_reason: 'stop' },
    ],
    usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
  });
}

/** Starts the stub on a free local port; `script` decides each answer from the request. */
export async function startChatStub(script: (req: ChatRequest, n: number) => ScriptedAnswer) {
  const requests: ChatRequest[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const parsed = { ...(JSON.parse(body || '{}') as ChatRequest), authorization: req.headers.authorization };
      requests.push(parsed);
      const a = script(parsed, requests.length);
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(a.status ?? 200, { 'content-type': 'application/json', ...a.headers });
        res.end(a.raw ?? completion(a.content ?? null, a.refusal));
      };
      if (a.delayMs) setTimeout(send, a.delayMs).unref();
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
