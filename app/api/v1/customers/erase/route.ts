import { NextResponse, type NextRequest } from 'next/server';
import { apiError } from '@/app/_server/http';
import { AppError } from '@/lib/errors';
import { authenticateApiKey } from '@/lib/services/api-keys';
import { startBulkErasure } from '@/lib/services/erasure/bulk';
import { eraseCustomer } from '@/lib/services/erasure/erase';

const MAX_BODY_BYTES = 8 * 1024 * 1024;

// POST /api/v1/customers/erase - erase a customer ({ by, value }: receipts) or many ({ by, values }: a job) (scope customers:erase)
export async function POST(request: NextRequest) {
  try {
    const actor = await authenticateApiKey(request.headers.get('authorization'));
    if (!actor) throw new AppError('UNAUTHORIZED', 'errors.apiKeyHeader');
    if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES)
      throw new AppError('INVALID_INPUT', 'errors.bodyTooLarge', { mb: MAX_BODY_BYTES / 1024 / 1024 });
    const body: unknown = await request.json().catch(() => {
      throw new AppError('INVALID_INPUT', 'erasure.errors.json');
    });
    if (body && typeof body === 'object' && 'values' in body)
      return NextResponse.json(await startBulkErasure(actor, body), { status: 202 });
    return NextResponse.json({ receipts: await eraseCustomer(actor, body) });
  } catch (e) {
    return apiError(e);
  }
}
