import 'server-only';
import { db } from '@/lib/db/client';
import { writeAudit } from '@/lib/db/audit';
import { withTransaction } from '@/lib/db/transaction';
import {
  countActiveAdmins,
  createUser as insertUser,
  emailTaken,
  findUser,
  listUsers as dbListUsers,
  updateUserAccess,
  updateUserLocale,
} from '@/lib/db/users';
import { AppError } from '@/lib/errors';
import { createUserSchema, localeSchema, updateUserSchema } from '@/lib/schemas/users';
import { hashPassword } from '@/lib/security/password';
import { authorize, type Actor } from './auth/actor';
import { parseInput } from './validate';

export async function listUsers(actor: Actor | null) {
  authorize(actor, 'users:manage');
  return dbListUsers(db);
}

export async function createUser(actor: Actor | null, input: unknown) {
  const admin = authorize(actor, 'users:manage');
  const data = parseInput(createUserSchema, input);
  if (await emailTaken(db, data.email)) {
    throw new AppError('CONFLICT', 'errors.users.emailTaken', undefined, {
      fieldErrors: { email: [{ key: 'errors.users.emailTaken' }] },
    });
  }
  const passwordHash = await hashPassword(data.password);
  return withTransaction(db, async (tx) => {
    const user = await insertUser(tx, { email: data.email, name: data.name, role: data.role, passwordHash });
    await writeAudit(tx, {
      actorType: 'user',
      actorId: admin.userId,
      action: 'user.create',
      targetType: 'user',
      targetId: user.id,
      details: { email: data.email, role: data.role },
    });
    return user;
  });
}

/** Role changes, disabling and password resets all bump sessionVersion, which signs the user out everywhere. */
export async function updateUser(actor: Actor | null, input: unknown) {
  const admin = authorize(actor, 'users:manage');
  const data = parseInput(updateUserSchema, input);
  const target = await findUser(db, data.userId);
  if (!target) throw new AppError('NOT_FOUND', 'errors.users.notFound');
  const losesAdmin =
    target.role === 'admin' && !target.disabledAt && ((data.role && data.role !== 'admin') || data.disabled === true);
  if (losesAdmin && (await countActiveAdmins(db)) <= 1) {
    throw new AppError('CONFLICT', 'errors.users.lastAdmin');
  }
  const passwordHash = data.password ? await hashPassword(data.password) : undefined;
  await withTransaction(db, async (tx) => {
    await updateUserAccess(tx, target.id, {
      role: data.role,
      disabledAt: data.disabled === undefined ? undefined : data.disabled ? new Date() : null,
      passwordHash,
    });
    const changes = {
      role: data.role,
      previousRole: data.role ? target.role : undefined,
      disabled: data.disabled,
      passwordReset: Boolean(passwordHash),
    };
    await writeAudit(tx, {
      actorType: 'user',
      actorId: admin.userId,
      action: 'user.update',
      targetType: 'user',
      targetId: target.id,
      details: changes,
    });
  });
}

export async function setOwnLocale(actor: Actor | null, locale: unknown) {
  if (actor?.type !== 'user') throw new AppError('UNAUTHORIZED', 'errors.signIn');
  const value = parseInput(localeSchema, locale);
  await updateUserLocale(db, actor.userId, value);
  return value;
}
