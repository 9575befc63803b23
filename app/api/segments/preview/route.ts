import { NextResponse, type NextRequest } from 'next/server';
import { pageApiError, readCappedText, requireSameOrigin } from '@/app/_server/http';
import { getActor } from '@/app/_server/session';
import { AppError } from '@/lib/errors';
import { previewSegment } from '@/lib/services/segments';

const MAX_BODY = 256 * 1024;

// POST /api/segments/preview - the builder's live count: { definition, segmentId? } → total, reachable per channel, sample, or issues per condition
export async function POST(request: NextRequest) {
  try {
    requireSameOrigin(request);
    const text = await readCappedText(request, MAX_BODY, () => new AppError('TOO_LARGE', 'segments.errors.tooLarge'));
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new AppError('INVALID_INPUT', 'errors.bodyNotJson');
    }
    return NextResponse.json(await previewSegment(await getActor(), body), {
      headers: { 'cache-control': 'no-store' },
    });
  } catch (e) {
    return pageApiError(e);
  }
}
