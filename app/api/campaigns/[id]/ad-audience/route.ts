import type { NextRequest } from 'next/server';
import { adAudienceResponse } from '@/app/api/campaigns/_lib/ad-audience-route';

// POST /api/campaigns/{id}/ad-audience (form: platform=google|meta, countryCode) - the launched campaign's message
// audience (never the holdout) as a hashed Customer Match / Meta CSV (customers:export; audit-logged, never GET)
export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  return adAudienceResponse(request, { campaignId: (await params).id });
}
