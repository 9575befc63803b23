import type { NextRequest } from 'next/server';
import { csvResponse } from '@/app/api/campaigns/_lib/csv-response';
import { pageApiError, requireSameOrigin } from '@/app/_server/http';
import { getActor } from '@/app/_server/session';
import { exportSegmentCsv } from '@/lib/services/segments';

// POST /api/segments/{id}/export[?channel=email|sms|push] - members as CSV (customers:export; consent respected; audit-logged, so never GET; streamed)
export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    requireSameOrigin(request);
    const { id } = await params;
    const file = await exportSegmentCsv(await getActor(), id, {
      channel: request.nextUrl.searchParams.get('channel') ?? undefined,
    });
    return csvResponse(file.fileName, file.header, file.rows);
  } catch (e) {
    return pageApiError(e);
  }
}
