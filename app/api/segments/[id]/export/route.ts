import type { NextRequest } from 'next/server';
import { csvResponse } from '@/app/api/campaigns/_lib/csv-response';
import { pageApiError } from '@/app/_server/http';
import { getActor } from '@/app/_server/session';
import { exportSegmentCsv } from '@/lib/services/segments';

// GET /api/segments/{id}/export[?channel=email|sms|push] - members as CSV (customers:export; consent respected; audit-logged; streamed)
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    const file = await exportSegmentCsv(await getActor(), id, {
      channel: request.nextUrl.searchParams.get('channel') ?? undefined,
    });
    return csvResponse(file.fileName, file.header, file.rows);
  } catch (e) {
    return pageApiError(e);
  }
}
