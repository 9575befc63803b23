import { NextResponse, type NextRequest } from 'next/server';
import { pageApiError } from '@/app/_server/http';
import { getActor } from '@/app/_server/session';
import { listImportErrors } from '@/lib/services/imports/imports';

// GET /api/imports/{id}/errors?page=N - one page of rejected rows with line numbers and reasons
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    const page = Math.max(1, Math.min(1_000_000, Number(request.nextUrl.searchParams.get('page')) || 1));
    return NextResponse.json(await listImportErrors(await getActor(), (await params).id, page));
  } catch (e) {
    return pageApiError(e);
  }
}
