import { getActor } from '@/app/_server/session';
import { pageApiError } from '@/app/_server/http';
import { resultsCsv } from '@/lib/services/campaigns';
import { csvResponse } from '../../_lib/csv-response';

// GET /api/campaigns/{id}/results - the analysis as a tidy CSV (managers and up)
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    const file = await resultsCsv(await getActor(), id);
    return csvResponse(file.fileName, file.header, file.rows);
  } catch (e) {
    return pageApiError(e);
  }
}
