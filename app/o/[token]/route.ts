import type { NextRequest } from 'next/server';
import { recordOpen } from '@/lib/services/email/tracking';

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

// GET /o/<token> - the optional open pixel: records an open (a weak signal, see README) and returns a 1×1 GIF
export async function GET(_request: NextRequest, { params }: { params: Promise<{ token: string }> }) {
  await recordOpen((await params).token);
  return new Response(GIF, { headers: { 'Content-Type': 'image/gif', 'Cache-Control': 'no-store, private' } });
}
