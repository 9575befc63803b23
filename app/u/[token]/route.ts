import { NextResponse, type NextRequest } from 'next/server';
import { apiError } from '@/app/_server/http';
import { unsubscribeEmail } from '@/lib/services/email/preferences';

// POST /u/<token> - RFC 8058 one-click unsubscribe (the mail client posts List-Unsubscribe=One-Click; no cookies)
export async function POST(_request: NextRequest, { params }: { params: Promise<{ token: string }> }) {
  try {
    await unsubscribeEmail((await params).token, 'one-click');
    return new Response(null, { status: 200 });
  } catch (e) {
    return apiError(e);
  }
}

// GET /u/<token> - a person opening the header's link in a browser: the preference page, unsubscribe pre-selected
export async function GET(request: NextRequest, { params }: { params: Promise<{ token: string }> }) {
  return NextResponse.redirect(new URL(`/preferences/${(await params).token}?unsubscribe=1`, request.url), 303);
}
