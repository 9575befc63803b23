import type { NextRequest } from 'next/server';
import { getActor } from '@/app/_server/session';
import { pageApiError, requireSameOrigin } from '@/app/_server/http';
import { sharedResultsCsv } from '@/lib/services/privacy';
import { csvResponse } from '../../../_lib/csv-response';

// POST /api/campaigns/{id}/results/shared - the results table for sharing, released with differential privacy
// (spends privacy budget and is audit-logged, so never GET)
export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    requireSameOrigin(request);
    const { id } = await params;
    const file = await sharedResultsCsv(await getActor(), id);
    return csvResponse(file.fileName, file.header, file.rows);
  } catch (e) {
    return pageApiError(e);
  }
}
