import type { NextRequest } from 'next/server';
import { getActor } from '@/app/_server/session';
import { pageApiError, requireSameOrigin } from '@/app/_server/http';
import { resultsCsv } from '@/lib/services/campaigns';
import { csvResponse } from '../../_lib/csv-response';

// POST /api/campaigns/{id}/results - the analysis as a tidy CSV (managers and up; audit-logged, so never GET)
export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    requireSameOrigin(request);
    const { id } = await params;
    const file = await resultsCsv(await getActor(), id);
    return csvResponse(file.fileName, file.header, file.rows);
  } catch (e) {
    return pageApiError(e);
  }
}
