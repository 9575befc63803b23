import 'server-only';
import { writeAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import {
  clearLoginThrottle,
  countLoginAttempt,
  findLoginThrottles,
  lockLoginKey,
  uncountLoginAttempt,
} from '@/lib/db/login-throttles';
import { withTransaction } from '@/lib/db/transaction';
import { findUserForSignIn, updateLastLogin } from '@/lib/db/users';
import { signInSchema } from '@/lib/schemas/users';
import { isStale, lockSeconds, retryAfterSeconds, THROTTLE } from '@/lib/security/login-throttle';
import { verifyPassword } from '@/lib/security/password';

export type SignInResult =
  | { type: 'ok'; id: string; sessionVersion: number }
  | { type: 'refused' }
  | { type: 'locked'; retryAfterSeconds: number };

// Verifying against a fixed hash for unknown emails keeps sign-in time the same whether or not the account exists.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/**
 * Checks credentials for next-auth, with per-account and per-address back-off kept in the database (so every app
 * instance shares it; policy in lib/security/login-throttle.ts). Unknown emails, wrong passwords and disabled
 * accounts get the same answer and are throttled the same way; while a key is locked even the right password is
 * refused. A password is always hashed, locked or not, so the answer's timing tells nothing either.
 */
export async function checkCredentials(
  input: unknown,
  client: { ip: string; now?: Date } = { ip: 'unknown' },
): Promise<SignInResult> {
  const now = client.now ?? new Date();
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { type: 'refused' };
  const { email, password } = parsed.data;
  const keys = [
    { key: `email:${email.toLowerCase()}`, free: THROTTLE.account.free, scope: 'account' },
    { key: `ip:${client.ip}`, free: THROTTLE.ip.free, scope: 'ip' },
  ] as const;
  const states = await findLoginThrottles(
    db,
    keys.map((k) => k.key),
  );
  const user = await findUserForSignIn(db, email);
  const wait = Math.max(0, ...states.map((s) => retryAfterSeconds(s, now)));
  if (wait) {
    await verifyPassword(password, DUMMY_HASH);
    return { type: 'locked', retryAfterSeconds: wait };
  }
  const seen = new Map<string, number>();
  for (const s of states) {
    if (isStale(s, now)) await clearLoginThrottle(db, s.key);
    else seen.set(s.key, s.failures);
  }
  const counts: number[] = [];
  for (const k of keys) counts.push((await countLoginAttempt(db, k.key, now)).failures);
  // An attempt may go ahead when it is within the free budget, or the first one after a lock ran out. Parallel
  // attempts that were counted beyond that are refused without looking at the password.
  const overBudget = keys.some((k, i) => counts[i]! > Math.max(k.free, (seen.get(k.key) ?? 0) + 1));
  const matches = await verifyPassword(password, user && !overBudget ? user.passwordHash : DUMMY_HASH);
  if (user && matches && !overBudget && !user.disabledAt) {
    await withTransaction(db, async (tx) => {
      await clearLoginThrottle(tx, keys[0].key);
      await uncountLoginAttempt(tx, keys[1].key);
      await updateLastLogin(tx, user.id, now);
      await writeAudit(tx, { actorType: 'user', actorId: user.id, action: 'auth.sign_in', ip: client.ip });
    });
    return { type: 'ok', id: user.id, sessionVersion: user.sessionVersion };
  }
  let lockedFor = 0;
  await withTransaction(db, async (tx) => {
    for (const [i, k] of keys.entries()) {
      const seconds = lockSeconds(counts[i]!, k.free);
      if (!seconds) continue;
      lockedFor = Math.max(lockedFor, seconds);
      await lockLoginKey(tx, k.key, new Date(now.getTime() + seconds * 1000));
      await writeAudit(tx, {
        actorType: 'system',
        action: 'auth.locked',
        targetType: user ? 'user' : undefined,
        targetId: user?.id,
        details: { scope: k.scope, email, failures: counts[i], seconds },
        ip: client.ip,
      });
    }
  });
  return lockedFor ? { type: 'locked', retryAfterSeconds: lockedFor } : { type: 'refused' };
}
