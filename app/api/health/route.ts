import { NextResponse } from 'next/server';
import { db } from '@/lib/db/client';
import { countUsers } from '@/lib/db/users';

// GET /api/health - liveness and database reachability, for load balancers and the test runner
export async function GET() {
  try {
    await countUsers(db);
    return NextResponse.json({ ok: true });
  } catch {
    return NextResponse.json({ ok: false }, { status: 503 });
  }
}
