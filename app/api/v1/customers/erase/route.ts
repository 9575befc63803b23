import { NextResponse, type NextRequest } from 'next/server';
import { apiError, readCappedText } from '@/app/_server/http';
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
    const text = await readCappedText(request, MAX_BODY_BYTES);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new AppError('INVALID_INPUT', 'erasure.errors.json');
    }
    if (body && typeof body === 'object' && 'values' in body)
      return NextResponse.json(await startBulkErasure(actor, body), { status: 202 });
    return NextResponse.json({ receipts: await eraseCustomer(actor, body) });
  } catch (e) {
    return apiError(e);
  }
}
