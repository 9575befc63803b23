import { NextResponse } from 'next/server';
import { db } from '@/lib/db/client';

// GET /api/health - liveness and database reachability, for load balancers and the test runner
export async function GET() {
  try {
    await db.user.count();
    return NextResponse.json({ ok: true });
  } catch {
    return NextResponse.json({ ok: false }, { status: 503 });
  }
}
