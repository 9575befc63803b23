import { NextResponse, type NextRequest } from 'next/server';
import { apiError } from '@/app/_server/http';
import { AppError } from '@/lib/errors';
import { authenticateApiKey } from '@/lib/services/api-keys';
import { MAX_BODY_BYTES, receiveEvents } from '@/lib/services/events/api';

// POST /api/v1/events - a JSON batch of behaviour events from a storefront (API key, scope events:write)
export async function POST(request: NextRequest) {
  try {
    const actor = await authenticateApiKey(request.headers.get('authorization'));
    if (!actor) throw new AppError('UNAUTHORIZED', 'errors.apiKeyHeader');
    const declared = Number(request.headers.get('content-length') ?? 0);
    if (declared > MAX_BODY_BYTES)
      throw new AppError('INVALID_INPUT', 'errors.bodyTooLarge', { mb: MAX_BODY_BYTES / 1024 / 1024 });
    const bodyText = await readCapped(request, MAX_BODY_BYTES);
    const out = await receiveEvents(actor, { bodyText, idempotencyKey: request.headers.get('idempotency-key') });
    return NextResponse.json(out.body, {
      status: out.status,
      headers: out.replayed ? { 'idempotent-replayed': 'true' } : undefined,
    });
  } catch (e) {
    if (e instanceof AppError && e.code === 'UNAUTHORIZED')
      return NextResponse.json(
        { error: { code: e.code, message: e.message } },
        { status: 401, headers: { 'www-authenticate': 'Bearer' } },
      );
    return apiError(e);
  }
}

async function readCapped(request: NextRequest, max: number) {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel();
      throw new AppError('INVALID_INPUT', 'errors.bodyTooLarge', { mb: max / 1024 / 1024 });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
