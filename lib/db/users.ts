import type { Db } from './create-client';

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
