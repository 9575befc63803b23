import { NextResponse, type NextRequest } from 'next/server';
import { pageApiError } from '@/app/_server/http';
import { getActor } from '@/app/_server/session';
import { listImportErrors } from '@/lib/services/imports/imports';

// GET /api/imports/{id}/errors?page=N&key=K - rejections grouped by reason, and one page of rows (of one group)
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    const query = Object.fromEntries(request.nextUrl.searchParams.entries());
    return NextResponse.json(await listImportErrors(await getActor(), (await params).id, query));
  } catch (e) {
    return pageApiError(e);
  }
}
