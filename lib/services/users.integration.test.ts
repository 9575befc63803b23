import { describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { ensureFirstAdmin } from './bootstrap';
import { actorFromSession } from './auth/sessions';
import { checkCredentials, type SignInResult } from './auth/sign-in';
import { createUser, updateUser } from './users';
import type { UserActor } from './auth/actor';

// Each login gets its own session id; the session checks below are about versions, so any id will do.
const claims = (r: SignInResult) => {
  if (r.type !== 'ok') throw new Error(`sign-in ${r.type}`);
  return { userId: r.id, sessionVersion: r.sessionVersion, sid: `sid-${r.id}-${r.sessionVersion}` };
};

describe('accounts', () => {
  let admin: UserActor;

  test('an admin created at first run can sign in; a second run creates nobody', async () => {
    // Other test files share this database, so the first-run rule is exercised on an empty stand-in table,
    // and the signed-in admin is created the same way on the real one.
    const users: { email: string; passwordHash: string; role: string }[] = [];
    const fake = {
      user: {
        count: async () => users.length,
        create: async ({ data }: { data: (typeof users)[number] }) => users.push(data),
      },
      // the audit entry goes to the real (hash-chained) log, which takes a transaction of its own
      $transaction: db.$transaction.bind(db),
    } as unknown as typeof db;
    const created = await ensureFirstAdmin(fake, {} as NodeJS.ProcessEnv);
    expect(created?.generated).toBe(true);
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ email: 'admin@precisa.local', role: 'admin' });
    expect(await ensureFirstAdmin(fake, {} as NodeJS.ProcessEnv)).toBeNull();
    await expect(
      ensureFirstAdmin(
        { ...fake, user: { ...fake.user, count: async () => 0 } } as typeof db,
        { PRECISA_ADMIN_PASSWORD: 'short' } as unknown as NodeJS.ProcessEnv,
      ),
    ).rejects.toThrow(/10 characters/);

    const email = `first-admin-${Date.now()}@example.com`;
    await db.user.create({ data: { email, name: 'First', role: 'admin', passwordHash: users[0]!.passwordHash } });
    const user = await checkCredentials({ email, password: created!.password });
    admin = (await actorFromSession(claims(user)))!;
    expect(admin.role).toBe('admin');
  });

  test('wrong passwords and unknown emails are refused alike', async () => {
    const refused = { type: 'refused' };
    expect(await checkCredentials({ email: admin.email, password: 'wrong password' })).toEqual(refused);
    expect(await checkCredentials({ email: 'nobody@example.com', password: 'whatever123' })).toEqual(refused);
    expect(await checkCredentials({ email: 'not-an-email', password: '' })).toEqual(refused);
  });

  test('disabling a user or changing their role ends their sessions', async () => {
    await db.user.deleteMany({ where: { email: 'mia@example.com' } });
    await createUser(admin, {
      email: 'Mia@Example.com ',
      name: 'Mia',
      role: 'marketer',
      password: 'marketing-rocks-1',
    });
    const login = await checkCredentials({ email: 'mia@example.com', password: 'marketing-rocks-1' });
    expect(await actorFromSession(claims(login))).toMatchObject({ role: 'marketer' });
    await updateUser(admin, { userId: claims(login).userId, role: 'manager' });
    expect(await actorFromSession(claims(login))).toBeNull();
    const again = await checkCredentials({ email: 'mia@example.com', password: 'marketing-rocks-1' });
    expect(await actorFromSession(claims(again))).toMatchObject({ role: 'manager' });
    await updateUser(admin, { userId: claims(login).userId, disabled: true });
    expect(await checkCredentials({ email: 'mia@example.com', password: 'marketing-rocks-1' })).toEqual({
      type: 'refused',
    });
    // the role change (from and to) and the disabling are in the audit log, by the admin who made them
    const trail = await db.auditLog.findMany({
      where: { targetType: 'user', targetId: claims(login).userId, action: 'user.update' },
      orderBy: { id: 'asc' },
      select: { actorId: true, details: true },
    });
    expect(trail).toEqual([
      { actorId: admin.userId, details: { role: 'manager', previousRole: 'marketer', passwordReset: false } },
      { actorId: admin.userId, details: { disabled: true, passwordReset: false } },
    ]);
  });

  test('duplicate emails and weak passwords are rejected with field messages', async () => {
    await expect(
      createUser(admin, { email: 'mia@example.com', name: 'X', role: 'marketer', password: 'long enough 1' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      createUser(admin, { email: 'new@example.com', name: 'X', role: 'marketer', password: 'short' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      createUser(admin, { email: 'new@example.com', name: 'X', role: 'owner', password: 'long enough 1' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  test('the last active admin cannot be demoted or disabled', async () => {
    const others = await db.user.findMany({
      where: { role: 'admin', disabledAt: null, NOT: { id: admin.userId } },
      select: { id: true },
    });
    await db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { disabledAt: new Date() } });
    try {
      await expect(updateUser(admin, { userId: admin.userId, role: 'marketer' })).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      await expect(updateUser(admin, { userId: admin.userId, disabled: true })).rejects.toMatchObject({
        code: 'CONFLICT',
      });
    } finally {
      await db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { disabledAt: null } });
    }
  });
});
