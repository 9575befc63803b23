import { NextResponse, type NextRequest } from 'next/server';
import { apiError } from '@/app/_server/http';
import { authenticateApiKey } from '@/lib/services/api-keys';
import { authorizeScope } from '@/lib/services/auth/actor';
import { bundleVariant, deviceBundle, etagMatches } from '@/lib/services/recommendations/device';

// GET /api/v1/recommendations/bundle - the serving model's on-device bundle (API key, recommendations:read; ETag).
// With `Accept: application/gzip` the body is the gzipped bundle (Content-Type application/gzip): Next drops a route
// handler's Content-Encoding header, so compression is an explicit representation the client inflates
// (the scorer's `loadBundle` does).
export async function GET(request: NextRequest) {
  try {
    const actor = authorizeScope(
      await authenticateApiKey(request.headers.get('authorization')),
      'recommendations:read',
    );
    const file = await deviceBundle(actor);
    const variant = bundleVariant(file, request.headers.get('accept'));
    const headers: Record<string, string> = {
      etag: variant.etag,
      'cache-control': 'private, no-cache',
      vary: 'accept, authorization',
      'x-precisa-model': `${file.model.kind}; source=${file.model.source}; version=${file.model.version}`,
    };
    if (etagMatches(request.headers.get('if-none-match'), variant.etag))
      return new NextResponse(null, { status: 304, headers });
    return new NextResponse(Buffer.from(variant.body), {
      headers: { ...headers, 'content-type': variant.contentType },
    });
  } catch (e) {
    return apiError(e);
  }
}
