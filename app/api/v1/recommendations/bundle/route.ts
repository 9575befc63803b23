import { NextResponse, type NextRequest } from 'next/server';
import { apiError } from '@/app/_server/http';
import { authenticateApiKey } from '@/lib/services/api-keys';
import { authorizeScope } from '@/lib/services/auth/actor';
import { deviceBundle, etagMatches } from '@/lib/services/recommendations/device';

// GET /api/v1/recommendations/bundle - the serving model's on-device bundle (API key, recommendations:read; ETag, gzip)
export async function GET(request: NextRequest) {
  try {
    const actor = authorizeScope(
      await authenticateApiKey(request.headers.get('authorization')),
      'recommendations:read',
    );
    const file = await deviceBundle(actor);
    const headers: Record<string, string> = {
      etag: file.etag,
      'cache-control': 'private, no-cache',
      vary: 'accept-encoding, authorization',
      'x-precisa-model': `${file.model.kind}; source=${file.model.source}; version=${file.model.version}`,
    };
    if (etagMatches(request.headers.get('if-none-match'), file.etag))
      return new NextResponse(null, { status: 304, headers });
    const gzip = /\bgzip\b/i.test(request.headers.get('accept-encoding') ?? '');
    const body = gzip ? file.gzip : file.bytes;
    return new NextResponse(Buffer.from(body), {
      headers: {
        ...headers,
        'content-type': 'application/octet-stream',
        'content-length': String(body.length),
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      },
    });
  } catch (e) {
    return apiError(e);
  }
}
