import { NextResponse, type NextRequest } from 'next/server';
import { apiError } from '@/app/_server/http';
import { localeFromHeader } from '@/lib/i18n/translate';
import { authenticateApiKey } from '@/lib/services/api-keys';
import { authorizeScope } from '@/lib/services/auth/actor';
import { similarProducts } from '@/lib/services/recommendations';

// GET /api/v1/products/{id-or-sku}/similar?k=&lang= - similar items with the attribute breakdown (API key, recommendations:read)
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = authorizeScope(
      await authenticateApiKey(request.headers.get('authorization')),
      'recommendations:read',
    );
    const { id } = await params;
    // Only k and lang come from the query: the product is the path's, whatever else the query says.
    const search = request.nextUrl.searchParams;
    const query = {
      lang: search.get('lang') ?? localeFromHeader(request.headers.get('accept-language')),
      k: search.get('k') ?? undefined,
      product: safeDecode(id),
    };
    return NextResponse.json(await similarProducts(actor, query), { headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    return apiError(e);
  }
}

function safeDecode(s: string) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
