import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startChatStub, type ScriptedAnswer } from '@/lib/testing/chat-stub-server';
import { chatStream, sseEvents, type StreamEvent } from './chat-stream';

const SCRIPTS: Record<string, ScriptedAnswer> = {
  pieces: { chunks: ['Variant B ', 'wins by ', '12.3 %.'] },
  cut: { chunks: ['Variant B ', 'wins'], cutOff: true },
  slow: { chunks: ['one ', 'two ', 'three ', 'four ', 'five'], chunkDelayMs: 150 },
  limited: { status: 429, headers: { 'retry-after': '9' }, raw: '{"error":{"message":"slow down"}}' },
  badKey: { status: 401, raw: '{"error":{"message":"bad key"}}' },
  refused: { chunks: [], refusal: 'I cannot help with that.' },
  notSse: { chunks: [], raw: '<html>gateway</html>' },
};

let stub: Awaited<ReturnType<typeof startChatStub>>;
beforeAll(async () => {
  stub = await startChatStub((req) => SCRIPTS[req.messages[0]!.content]!);
});
afterAll(async () => stub.close());

async function collect(script: string, timeoutMs = 2_000) {
  const events: StreamEvent[] = [];
  const config = { baseUrl: stub.url, model: 'stub-model', apiKey: 'sk-stub', timeoutMs };
  for await (const e of chatStream(config, [{ role: 'user', content: script }])) events.push(e);
  return { deltas: events.filter((e) => e.type === 'delta').map((e) => e.text), end: events.at(-1)! };
}

describe('chatStream against the stub speaking SSE', () => {
  test('pieces arrive in order and the end carries the whole text and the usage chunk', async () => {
    const r = await collect('pieces');
    expect(r.deltas).toEqual(['Variant B ', 'wins by ', '12.3 %.']);
    expect(r.end).toEqual({
      type: 'end',
      ok: true,
      text: 'Variant B wins by 12.3 %.',
      usage: { prompt: 100, completion: 20 },
    });
    const req = stub.requests.at(-1)!;
    expect(req.stream).toBe(true);
    expect(req.authorization).toBe('Bearer sk-stub');
  });

  test('a stream cut off before [DONE] is malformed, with what had arrived', async () => {
    expect((await collect('cut')).end).toMatchObject({
      ok: false,
      failure: { type: 'malformed' },
      text: 'Variant B wins',
    });
  });

  test('the timeout covers the whole stream: a slow stream ends as a timeout within the limit', async () => {
    const started = Date.now();
    const r = await collect('slow', 400);
    expect(r.end).toMatchObject({ ok: false, failure: { type: 'timeout' } });
    expect(r.deltas.length).toBeGreaterThan(0);
    expect(r.deltas.length).toBeLessThan(5);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test('429 with Retry-After, 401, a refusal and a body that is not SSE', async () => {
    expect((await collect('limited')).end).toMatchObject({
      ok: false,
      failure: { type: 'rate_limited', retryAfterSeconds: 9 },
    });
    expect((await collect('badKey')).end).toMatchObject({ ok: false, failure: { type: 'unauthorized' } });
    expect((await collect('refused')).end).toMatchObject({
      ok: false,
      failure: { type: 'refusal', reason: 'I cannot help with that.' },
    });
    expect((await collect('notSse')).end).toMatchObject({ ok: false, failure: { type: 'malformed' } });
  });
});

describe('sseEvents', () => {
  test('complete events only; a partial event is kept; CRLF and multi-line data are joined', () => {
    expect(sseEvents('data: {"a":1}\n\ndata: [DO')).toEqual({ data: ['{"a":1}'], rest: 'data: [DO' });
    expect(sseEvents(': keep-alive\r\n\r\ndata: x\r\ndata: y\r\n\r\n')).toEqual({ data: ['x\ny'], rest: '' });
  });
});
