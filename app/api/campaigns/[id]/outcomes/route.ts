import { NextResponse, type NextRequest } from 'next/server';
import { getActor } from '@/app/_server/session';
import { pageApiError, requireSameOrigin } from '@/app/_server/http';
import { AppError } from '@/lib/errors';
import { MAX_OUTCOME_BYTES, uploadOutcomes } from '@/lib/services/campaigns';

/** Reads the request body, refusing more than the cap without buffering it. */
async function readCapped(request: NextRequest, cap: number): Promise<Buffer> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > cap) throw new AppError('INVALID_INPUT', 'campaigns.errors.fileTooLarge');
  const reader = request.body?.getReader();
  if (!reader) throw new AppError('INVALID_INPUT', 'campaigns.errors.emptyFile');
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel();
      throw new AppError('INVALID_INPUT', 'campaigns.errors.fileTooLarge');
    }
    parts.push(value);
  }
  return Buffer.concat(parts);
}

// POST /api/campaigns/{id}/outcomes - an outcome CSV for a launched campaign (marketers; same-origin only)
export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    requireSameOrigin(request);
    const actor = await getActor();
    const { id } = await params;
    return NextResponse.json(await uploadOutcomes(actor, id, () => readCapped(request, MAX_OUTCOME_BYTES)), {
      status: 201,
    });
  } catch (e) {
    return pageApiError(e);
  }
}
