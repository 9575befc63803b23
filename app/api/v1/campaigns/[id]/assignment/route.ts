import { NextResponse, type NextRequest } from 'next/server';
import { apiError } from '@/app/_server/http';
import { authenticateApiKey } from '@/lib/services/api-keys';
import { assignmentForStorefront } from '@/lib/services/campaigns';

// GET /api/v1/campaigns/{id}/assignment?customer=<external id> - the variant to show (API key, scope campaigns:read)
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await authenticateApiKey(request.headers.get('authorization'));
    const { id } = await params;
    const answer = await assignmentForStorefront(actor, {
      campaignId: id,
      customer: request.nextUrl.searchParams.get('customer') ?? '',
    });
    return NextResponse.json(answer, { headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    return apiError(e);
  }
}
