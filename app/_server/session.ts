import 'server-only';
import { cache } from 'react';
import { getServerSession } from 'next-auth';
import { forbidden, redirect } from 'next/navigation';
import { authOptions } from './auth-options';
import { actorFromSession } from '@/lib/services/auth/sessions';
import type { UserActor } from '@/lib/services/auth/actor';
import { can, type Permission } from '@/lib/security/roles';

/** The signed-in user for this request (checked against the database once per request), or null. */
export const getActor = cache(async (): Promise<UserActor | null> => {
  if (!process.env.NEXTAUTH_SECRET) throw new Error('NEXTAUTH_SECRET is not set; refusing to trust any session.');
  const session = (await getServerSession(authOptions)) as { userId?: string; sv?: number; sid?: string } | null;
  if (!session?.userId) return null;
  return actorFromSession({ userId: session.userId, sessionVersion: Number(session.sv ?? -1), sid: session.sid ?? '' });
});

/** For pages: redirect anonymous visitors to sign in, answer 403 to signed-in users without the permission. */
export async function requirePage(permission: Permission): Promise<UserActor> {
  const actor = await getActor();
  if (!actor) redirect('/sign-in');
  if (!can(actor.role, permission)) forbidden();
  return actor;
}
