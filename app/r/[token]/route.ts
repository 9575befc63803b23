import { NextResponse, type NextRequest } from 'next/server';
import { apiError } from '@/app/_server/http';
import { followTrackedLink } from '@/lib/services/email/tracking';

// GET /r/<token> - a tracked e-mail link: records the click, then redirects to the URL signed into the token only
export async function GET(_request: NextRequest, { params }: { params: Promise<{ token: string }> }) {
  try {
    const url = await followTrackedLink((await params).token);
    return NextResponse.redirect(url, { status: 302, headers: { 'Cache-Control': 'no-store' } });
  } catch (e) {
    return apiError(e);
  }
}
