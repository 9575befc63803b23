import { NextResponse } from 'next/server';
import { pageApiError } from '@/app/_server/http';
import { getActor } from '@/app/_server/session';
import { deviceBundle } from '@/lib/services/recommendations';

// GET /api/recommendations/bundle - the on-device bundle as a download for the Recommendations page (recommendations:view)
export async function GET() {
  try {
    const file = await deviceBundle(await getActor());
    return new NextResponse(Buffer.from(file.bytes), {
      headers: {
        'content-type': 'application/octet-stream',
        'content-length': String(file.bytes.length),
        'content-disposition': `attachment; filename="precisa-bundle-${file.model.kind}-v${file.model.version}.bin"`,
        'cache-control': 'private, no-store',
        etag: file.etag,
      },
    });
  } catch (e) {
    return pageApiError(e);
  }
}
