import type { NextRequest } from 'next/server';
import { getActor } from '@/app/_server/session';
import { pageApiError, requireSameOrigin } from '@/app/_server/http';
import { audienceCsv } from '@/lib/services/campaigns';
import { csvResponse } from '../../_lib/csv-response';

// POST /api/campaigns/{id}/audience[?holdout=1] - the per-variant audience as CSV (marketers; consent re-checked; audit-logged, so never GET)
export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    requireSameOrigin(request);
    const { id } = await params;
    const file = await audienceCsv(await getActor(), id, {
      includeHoldout: request.nextUrl.searchParams.get('holdout') === '1',
    });
    return csvResponse(file.fileName, file.header, file.rows);
  } catch (e) {
    return pageApiError(e);
  }
}
