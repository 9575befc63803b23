import { NextResponse, type NextRequest } from 'next/server';
import { apiError } from '@/app/_server/http';
import { localeFromHeader } from '@/lib/i18n/translate';
import { authenticateApiKey } from '@/lib/services/api-keys';
import { authorizeScope } from '@/lib/services/auth/actor';
import { recommendForCustomer } from '@/lib/services/recommendations';

// GET /api/v1/recommendations?customer=&k=&category=&exclude=&lang= - a customer's top-k with reasons (API key, recommendations:read)
export async function GET(request: NextRequest) {
  try {
    const actor = authorizeScope(
      await authenticateApiKey(request.headers.get('authorization')),
      'recommendations:read',
    );
    const query = {
      lang: localeFromHeader(request.headers.get('accept-language')),
      ...Object.fromEntries(request.nextUrl.searchParams),
    };
    return NextResponse.json(await recommendForCustomer(actor, query), { headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    return apiError(e);
  }
}
