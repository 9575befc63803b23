import { NextResponse } from 'next/server';
import { pageApiError } from '@/app/_server/http';
import { getActor } from '@/app/_server/session';
import { getImportStatus } from '@/lib/services/imports/imports';

// GET /api/imports/{id} - progress and counts of one import, polled by the import page
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    return NextResponse.json(await getImportStatus(await getActor(), (await params).id));
  } catch (e) {
    return pageApiError(e);
  }
}
