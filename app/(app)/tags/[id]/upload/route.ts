import { NextResponse, type NextRequest } from 'next/server';
import { pageApiError, requireSameOrigin } from '@/app/_server/http';
import { getActor } from '@/app/_server/session';
import { AppError } from '@/lib/errors';
import { authorize } from '@/lib/services/auth/actor';
import { MAX_TAG_UPLOAD_BYTES, uploadTagMembers } from '@/lib/services/tags/upload';

// POST /tags/:id/upload?mode=add|replace - a CSV of customer ids (request body) becomes members of a custom tag
export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    requireSameOrigin(request);
    const actor = await getActor();
    authorize(actor, 'segments:edit'); // before reading the body; the service checks again
    const { id } = await params;
    const declared = Number(request.headers.get('content-length') ?? 0);
    if (declared > MAX_TAG_UPLOAD_BYTES)
      throw new AppError('INVALID_INPUT', 'errors.fileTooLarge', { mb: MAX_TAG_UPLOAD_BYTES >> 20 });
    const body = await readCapped(request, MAX_TAG_UPLOAD_BYTES);
    const report = await uploadTagMembers(
      actor,
      { tagId: id, mode: request.nextUrl.searchParams.get('mode') ?? 'add' },
      body,
    );
    return NextResponse.json(report);
  } catch (e) {
    return pageApiError(e);
  }
}

async function readCapped(request: NextRequest, max: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new AppError('INVALID_INPUT', 'errors.fileTooLarge', { mb: max >> 20 });
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
