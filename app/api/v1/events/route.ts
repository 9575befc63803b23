import { NextResponse, type NextRequest } from 'next/server';
import { apiError, readCappedText } from '@/app/_server/http';
import { AppError } from '@/lib/errors';
import { authenticateApiKey } from '@/lib/services/api-keys';
import { MAX_BODY_BYTES, receiveEvents } from '@/lib/services/events/api';

// POST /api/v1/events - a JSON batch of behaviour events from a storefront (API key, scope events:write)
export async function POST(request: NextRequest) {
  try {
    const actor = await authenticateApiKey(request.headers.get('authorization'));
    if (!actor) throw new AppError('UNAUTHORIZED', 'errors.apiKeyHeader');
    const bodyText = await readCappedText(request, MAX_BODY_BYTES);
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
