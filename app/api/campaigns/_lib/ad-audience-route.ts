import 'server-only';
import type { NextRequest } from 'next/server';
import { pageApiError, requireSameOrigin } from '@/app/_server/http';
import { getActor } from '@/app/_server/session';
import { adAudienceCsv } from '@/lib/services/ads/audience-export';
import { csvResponse } from './csv-response';

/** The form fields of an ad-audience download (a browser form POST), or {} for an empty or unreadable body. */
async function fields(request: NextRequest): Promise<Record<string, unknown>> {
  const form = await request.formData().catch(() => null);
  return form ? Object.fromEntries([...form].filter(([, v]) => typeof v === 'string')) : {};
}

/** POST handler body shared by the segment and campaign ad-audience routes. */
export async function adAudienceResponse(request: NextRequest, source: { segmentId: string } | { campaignId: string }) {
  try {
    requireSameOrigin(request);
    const file = await adAudienceCsv(await getActor(), source, await fields(request));
    return csvResponse(file.fileName, file.header, file.rows);
  } catch (e) {
    return pageApiError(e);
  }
}
