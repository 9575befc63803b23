/**
 * Sign-in back-off. Each key (an account's email or a client's address) may fail `free` times; the failure that
 * reaches the limit locks the key for one minute, and every further failure doubles the lock (1, 2, 4 … minutes),
 * capped at an hour. Failures older than a day are forgotten. Attempts refused while locked are not counted, so an
 * attacker cannot push a real user's lock further out by hammering it. An attempt is counted before its password is
 * checked (and uncounted when it succeeds), so parallel guesses cannot all slip through before the lock is written.
 */
export const THROTTLE = {
  account: { free: 5 },
  ip: { free: 20 },
  baseSeconds: 60,
  maxSeconds: 60 * 60,
  forgetAfterMs: 24 * 60 * 60 * 1000,
} as const;

export type ThrottleState = { failures: number; lockedUntil: Date | null; lastFailureAt: Date };

/** Seconds the key stays locked after its `failures`-th failure (0 while under the limit). */
export function lockSeconds(failures: number, free: number) {
  if (!Number.isInteger(failures) || failures < 0) throw new RangeError('lockSeconds: failures must be ≥ 0');
  if (failures < free) return 0;
  return Math.min(THROTTLE.maxSeconds, THROTTLE.baseSeconds * 2 ** (failures - free));
}

/** Seconds until the key may try again, or 0 when it is not locked at `now`. */
export function retryAfterSeconds(state: ThrottleState | null, now: Date) {
  if (!state?.lockedUntil) return 0;
  return Math.max(0, Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000));
}

/** Whether a key's failures are old enough to be forgotten at `now`. */
export function isStale(state: ThrottleState | null, now: Date) {
  return !state || now.getTime() - state.lastFailureAt.getTime() > THROTTLE.forgetAfterMs;
}

/** The address a sign-in came from: the last hop of X-Forwarded-For (the one our own proxy or server added). */
export function clientAddress(forwardedFor: string | null | undefined) {
  const hops = (forwardedFor ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  return hops.at(-1) ?? 'unknown';
}
