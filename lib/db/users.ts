import type { Db } from './create-client';
import type { DbOrTx } from './transaction';

export const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  locale: true,
  sessionVersion: true,
  disabledAt: true,
  lastLoginAt: true,
  createdAt: true,
} as const;

export function findUserForSignIn(db: Db, email: string) {
  return db.user.findUnique({ where: { email }, select: { ...userSelect, passwordHash: true } });
}

export function findUser(db: Db, id: string) {
  return db.user.findUnique({ where: { id }, select: userSelect });
}

export function listUsers(db: Db) {
  return db.user.findMany({ select: userSelect, orderBy: { createdAt: 'asc' } });
}

export function countActiveAdmins(db: Db) {
  return db.user.count({ where: { role: 'admin', disabledAt: null } });
}

export async function emailTaken(db: DbOrTx, email: string) {
  return (await db.user.findUnique({ where: { email }, select: { id: true } })) !== null;
}

export function countUsers(db: DbOrTx) {
  return db.user.count();
}

export function listUserEmails(db: DbOrTx, ids: string[]) {
  return db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } });
}

export function createUser(db: DbOrTx, data: { email: string; name: string; role: string; passwordHash: string }) {
  return db.user.create({ data, select: { id: true, email: true } });
}

/** Any change here bumps sessionVersion, which signs the user out everywhere. */
export function updateUserAccess(
  db: DbOrTx,
  id: string,
  data: { role?: string; disabledAt?: Date | null; passwordHash?: string },
) {
  return db.user.update({ where: { id }, data: { ...data, sessionVersion: { increment: 1 } } });
}

export function updateUserLocale(db: DbOrTx, id: string, locale: string) {
  return db.user.update({ where: { id }, data: { locale } });
}

export function updateLastLogin(db: DbOrTx, id: string, at: Date) {
  return db.user.update({ where: { id }, data: { lastLoginAt: at } });
}

export function bumpSessionVersion(db: DbOrTx, id: string) {
  return db.user.update({ where: { id }, data: { sessionVersion: { increment: 1 } } });
}
