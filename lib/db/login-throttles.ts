import type { DbOrTx } from './transaction';

const select = { key: true, failures: true, lockedUntil: true, lastFailureAt: true } as const;

export function findLoginThrottles(db: DbOrTx, keys: string[]) {
  return db.loginThrottle.findMany({ where: { key: { in: keys } }, select });
}

/** Counts one attempt against `key` atomically (one upsert) and returns the new count. */
export function countLoginAttempt(db: DbOrTx, key: string, now: Date) {
  return db.loginThrottle.upsert({
    where: { key },
    create: { key, failures: 1, lastFailureAt: now },
    update: { failures: { increment: 1 }, lastFailureAt: now },
    select,
  });
}

export function uncountLoginAttempt(db: DbOrTx, key: string) {
  return db.loginThrottle.updateMany({ where: { key, failures: { gt: 0 } }, data: { failures: { decrement: 1 } } });
}

export function lockLoginKey(db: DbOrTx, key: string, until: Date) {
  return db.loginThrottle.update({ where: { key }, data: { lockedUntil: until }, select });
}

export function clearLoginThrottle(db: DbOrTx, key: string) {
  return db.loginThrottle.deleteMany({ where: { key } });
}
