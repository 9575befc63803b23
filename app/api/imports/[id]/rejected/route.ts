import type { NextRequest } from 'next/server';
import { pageApiError, requireSameOrigin } from '@/app/_server/http';
import { getActor } from '@/app/_server/session';
import { rejectedRowsDownload } from '@/lib/services/imports/imports';

// POST /api/imports/{id}/rejected - every rejected row as CSV (line, column, reason, raw), formula-safe; audit-logged, so never GET
export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    requireSameOrigin(request);
    const { fileName, chunks } = await rejectedRowsDownload(await getActor(), (await params).id);
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    return new Response(body, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${fileName}"`,
        'cache-control': 'no-store',
      },
    });
  } catch (e) {
    return pageApiError(e);
  }
}
