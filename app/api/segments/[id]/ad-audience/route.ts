import type { NextRequest } from 'next/server';
import { adAudienceResponse } from '@/app/api/campaigns/_lib/ad-audience-route';

// POST /api/segments/{id}/ad-audience (form: platform=google|meta, countryCode) - hashed Customer Match / Meta
// audience CSV (customers:export; ads consent and suppression respected; audit-logged, so never GET)
export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  return adAudienceResponse(request, { segmentId: (await params).id });
}
