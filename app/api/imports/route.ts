import type { NextRequest } from 'next/server';
import { NextResponse } from 'next/server';
import { getActor } from '@/app/_server/session';
import { pageApiError, requireSameOrigin } from '@/app/_server/http';
import { receiveUpload } from '@/lib/services/imports/upload';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

// POST /api/imports?kind=catalogue&name=file.csv - streams a CSV upload to disk and creates an import awaiting mapping
export async function POST(request: NextRequest) {
  try {
    requireSameOrigin(request);
    const { searchParams } = request.nextUrl;
    const job = await receiveUpload(await getActor(), {
      kind: searchParams.get('kind'),
      name: searchParams.get('name'),
      body: request.body as WebReadableStream<Uint8Array> | null,
    });
    return NextResponse.json(job, { status: 201 });
  } catch (e) {
    return pageApiError(e);
  }
}
