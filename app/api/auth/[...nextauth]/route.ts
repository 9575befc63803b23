import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { authOptions, LOCKED_ERROR } from '@/app/_server/auth-options';

const handler = NextAuth(authOptions);
const LOCKED = new RegExp(`error=${LOCKED_ERROR}%3A(\\d+)`);

// GET /api/auth/* - next-auth session, CSRF and provider endpoints
export { handler as GET };

// POST /api/auth/* - next-auth sign-in and sign-out; a throttled sign-in answers 429 with Retry-After
export async function POST(request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  const response: Response = await handler(request, context);
  if (response.status !== 401 || !response.headers.get('content-type')?.includes('application/json')) return response;
  const body = (await response.clone().json()) as { url?: string };
  const seconds = LOCKED.exec(body.url ?? '')?.[1];
  if (!seconds) return response;
  const headers = new Headers(response.headers);
  headers.set('Retry-After', seconds);
  return new Response(JSON.stringify({ ...body, retryAfterSeconds: Number(seconds) }), { status: 429, headers });
}
