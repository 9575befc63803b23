import { NextResponse, type NextRequest } from 'next/server';
import { pageApiError } from '@/app/_server/http';
import { getActor } from '@/app/_server/session';
import { searchProducts } from '@/lib/services/segments';

// GET /api/segments/products?q=… - products for the builder's product picker (by SKU or title)
export async function GET(request: NextRequest) {
  try {
    return NextResponse.json(await searchProducts(await getActor(), request.nextUrl.searchParams.get('q') ?? ''));
  } catch (e) {
    return pageApiError(e);
  }
}
