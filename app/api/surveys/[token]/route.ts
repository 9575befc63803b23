import type { NextRequest } from 'next/server';
import { NextResponse } from 'next/server';
import { apiError, readCappedText } from '@/app/_server/http';
import { AppError } from '@/lib/errors';
import { answerSurvey } from '@/lib/services/surveys';

/** an answer is a score and a comment of at most 1,000 characters (6 bytes each at most as JSON escapes): room to spare */
const MAX_BODY = 16 * 1024;

// POST /api/surveys/<token> - a survey answer as JSON { score, comment? } (no login: the signed token names the
// customer). 404 bad link, 409 expired link or answer older than 24 h, 422 score out of range or malformed body.
export async function POST(request: NextRequest, { params }: { params: Promise<{ token: string }> }) {
  try {
    const text = await readCappedText(request, MAX_BODY, () => new AppError('TOO_LARGE', 'surveys.errors.comment'));
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new AppError('INVALID_INPUT', 'errors.input.invalid');
    }
    return NextResponse.json(await answerSurvey((await params).token, body));
  } catch (e) {
    return apiError(e);
  }
}
