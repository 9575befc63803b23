import { getActor } from '@/app/_server/session';
import { pageApiError } from '@/app/_server/http';
import { sharedResultsCsv } from '@/lib/services/privacy';
import { csvResponse } from '../../../_lib/csv-response';

// GET /api/campaigns/{id}/results/shared - the results table for sharing, released with differential privacy
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    const file = await sharedResultsCsv(await getActor(), id);
    return csvResponse(file.fileName, file.header, file.rows);
  } catch (e) {
    return pageApiError(e);
  }
}
