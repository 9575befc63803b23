import { NextResponse, type NextRequest } from 'next/server';
import { pageApiError, readCappedText, requireSameOrigin } from '@/app/_server/http';
import { getActor } from '@/app/_server/session';
import { AppError } from '@/lib/errors';
import { previewWrittenText, writeText } from '@/lib/services/assistant/written-text';

const MAX_BODY = 4 * 1024;

// POST /api/assistant/text - a results summary or portrait paragraph: { kind, id, lang, preview? }. With preview: what
// would be sent (JSON). Otherwise newline-delimited JSON events: pieces of the model's text as they stream, then the
// text kept (the model's, or the template with the reason). Errors before the first event are JSON 4xx.
export async function POST(request: NextRequest) {
  try {
    requireSameOrigin(request);
    const raw = await readCappedText(request, MAX_BODY, () => new AppError('TOO_LARGE', 'assistant.errors.tooLarge'));
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      throw new AppError('INVALID_INPUT', 'errors.bodyNotJson');
    }
    const actor = await getActor();
    if (body && typeof body === 'object' && (body as { preview?: unknown }).preview === true)
      return NextResponse.json(await previewWrittenText(actor, body), { headers: { 'cache-control': 'no-store' } });
    const events = writeText(actor, body, request.signal);
    const first = await events.next();
    const encoder = new TextEncoder();
    const line = (e: unknown) => encoder.encode(`${JSON.stringify(e)}\n`);
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        try {
          if (!first.done) controller.enqueue(line(first.value));
          for await (const e of events) controller.enqueue(line(e));
        } catch (e) {
          console.error('[assistant] text stream failed', e);
        } finally {
          controller.close();
        }
      },
      async cancel() {
        await events.return(undefined);
      },
    });
    return new Response(stream, {
      headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' },
    });
  } catch (e) {
    return pageApiError(e);
  }
}
