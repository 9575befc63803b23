import 'server-only';
import { writeAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { isSessionRevoked, revokeSession } from '@/lib/db/revoked-sessions';
import { withTransaction } from '@/lib/db/transaction';
import { bumpSessionVersion, findUser } from '@/lib/db/users';
import { AppError } from '@/lib/errors';
import { isRole } from '@/lib/security/roles';
import { z } from 'zod';
import { parseInput } from '../validate';
import { authorize, type Actor, type UserActor } from './actor';

/** What a session token carries: the user, their session version at sign-in, and the session's own id. */
export type SessionClaims = { userId: string; sessionVersion: number; sid: string };

/**
 * Resolves a session token to the current user, or null when the user was disabled, signed out everywhere (the
 * version moved on) or signed this session out (its id is on the revocation list).
 */
export async function actorFromSession(claims: SessionClaims): Promise<UserActor | null> {
  if (!claims.sid) return null;
  const [user, revoked] = await Promise.all([findUser(db, claims.userId), isSessionRevoked(db, claims.sid)]);
  if (!user || revoked || user.disabledAt || user.sessionVersion !== claims.sessionVersion || !isRole(user.role)) {
    return null;
  }
  return { type: 'user', userId: user.id, role: user.role, email: user.email, name: user.name, locale: user.locale };
}

/** "Sign out": this session's token is refused from now on, even though its signature and expiry are still valid. */
export async function signOutSession(claims: { userId?: string; sid?: string; expiresAt: Date }) {
  if (!claims.sid) return;
  const sid = claims.sid;
  await withTransaction(db, async (tx) => {
    await revokeSession(tx, sid, claims.expiresAt, new Date());
    if (claims.userId) await writeAudit(tx, { actorType: 'user', actorId: claims.userId, action: 'auth.sign_out' });
  });
}

/** Ends every session of the signed-in user (this one included). */
export async function signOutEverywhere(actor: Actor | null) {
  if (actor?.type !== 'user') throw new AppError('UNAUTHORIZED', 'errors.signIn');
  await endAllSessions(actor.userId, actor.userId);
}

/** Admins: ends every session of another user (a lost laptop, someone leaving). */
export async function signOutUserEverywhere(actor: Actor | null, userId: unknown) {
  const admin = authorize(actor, 'users:manage');
  const target = parseInput(z.string().min(1).max(100), userId);
  if (!(await findUser(db, target))) throw new AppError('NOT_FOUND', 'errors.users.notFound');
  await endAllSessions(admin.userId, target);
}

async function endAllSessions(actorId: string, userId: string) {
  await withTransaction(db, async (tx) => {
    await bumpSessionVersion(tx, userId);
    await writeAudit(tx, {
      actorType: 'user',
      actorId,
      action: 'auth.sign_out_everywhere',
      targetType: 'user',
      targetId: userId,
    });
  });
}
