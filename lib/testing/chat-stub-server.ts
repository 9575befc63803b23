/** A local server speaking the OpenAI chat-completions protocol with scripted answers, for the assistant's tests. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ChatRequest = {
  model: string;
  messages: { role: string; content: string; tool_calls?: unknown[]; tool_call_id?: string }[];
  response_format?: { type: string };
  stream?: boolean;
  tools?: { type: 'function'; function: { name: string; description?: string; parameters?: object } }[];
  authorization?: string;
};
export type ScriptedAnswer = {
  status?: number;
  headers?: Record<string, string>;
  /** the assistant message's text (wrapped in a chat-completions body) */
  content?: string;
  refusal?: string;
  /** function calls the assistant asks for (`tool_calls`, arguments as the JSON text a model writes) */
  toolCalls?: { name: string; arguments: string }[];
  /** a raw body instead (for broken responses) */
  raw?: string;
  delayMs?: number;
  /** streamed answers (when the request asks `stream: true`): the text in these pieces, one SSE event each */
  chunks?: string[];
  /** pause before each streamed piece */
  chunkDelayMs?: number;
  /** end the stream without `data: [DONE]` (a connection cut mid-answer) */
  cutOff?: boolean;
};

const USAGE = { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 };

/** The body of a successful chat completion carrying `content` (and token counts). */
export function completion(content: string | null, refusal?: string, toolCalls?: ScriptedAnswer['toolCalls']) {
  const tool_calls = toolCalls?.map((c, i) => ({
    id: `call_${i + 1}`,
    type: 'function',
    function: { name: c.name, arguments: c.arguments },
  }));
  return JSON.stringify({
    id: 'stub',
    object: 'chat.completion',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, ...(refusal ? { refusal } : {}), ...(tool_calls ? { tool_calls } : {}) },
        finish_reason: tool_calls ? 'tool_calls' : 'stop',
      },
    ],
    usage: USAGE,
  });
}

/** Server-sent events as OpenAI sends them: `data: <chunk>\n\n` per piece, a usage chunk, then `data: [DONE]`. */
function streamAnswer(res: http.ServerResponse, a: ScriptedAnswer) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const chunk = (delta: object, finish: string | null, usage: object | null = null) =>
    `data: ${JSON.stringify({ id: 'stub', object: 'chat.completion.chunk', choices: usage ? [] : [{ index: 0, delta, finish_reason: finish }], usage })}\n\n`;
  const pieces = a.chunks ?? (a.content ? [a.content] : []);
  const events = [
    chunk({ role: 'assistant', content: '' }, null),
    ...pieces.map((p) => chunk({ content: p }, null)),
    ...(a.refusal ? [chunk({ refusal: a.refusal }, null)] : []),
    ...(a.cutOff ? [] : [chunk({}, 'stop'), chunk({}, null, USAGE), 'data: [DONE]\n\n']),
  ];
  let i = 0;
  const next = () => {
    if (res.destroyed) return;
    if (i >= events.length) return void res.end();
    res.write(events[i++]);
    if (a.chunkDelayMs) setTimeout(next, a.chunkDelayMs).unref();
    else next();
  };
  next();
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
        if (parsed.stream && !a.raw && (a.status ?? 200) === 200) return streamAnswer(res, a);
        res.writeHead(a.status ?? 200, { 'content-type': 'application/json', ...a.headers });
        res.end(a.raw ?? completion(a.content ?? null, a.refusal, a.toolCalls));
      };
      if (a.delayMs) setTimeout(send, a.delayMs).unref();
      else send();
    });
  });
  // Hosted APIs keep idle connections open for a minute; Node's 5 s default races the client's connection reuse.
  server.keepAliveTimeout = 65_000;
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
