import { describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { ensureFirstAdmin } from './bootstrap';
import { actorFromSession, checkCredentials, createUser, updateUser } from './users';
import type { UserActor } from './auth/actor';

describe('accounts', () => {
  let admin: UserActor;

  test('first run creates exactly one admin, with a generated password', async () => {
    const created = await ensureFirstAdmin(db, {} as NodeJS.ProcessEnv);
    expect(created?.generated).toBe(true);
    expect(await ensureFirstAdmin(db, {} as NodeJS.ProcessEnv)).toBeNull();
    const user = await checkCredentials({ email: created!.email, password: created!.password });
    expect(user).not.toBeNull();
    admin = (await actorFromSession(user!.id, user!.sessionVersion))!;
    expect(admin.role).toBe('admin');
  });

  test('wrong passwords and unknown emails are refused alike', async () => {
    expect(await checkCredentials({ email: 'admin@precisa.local', password: 'wrong password' })).toBeNull();
    expect(await checkCredentials({ email: 'nobody@example.com', password: 'whatever123' })).toBeNull();
    expect(await checkCredentials({ email: 'not-an-email', password: '' })).toBeNull();
  });

  test('disabling a user or changing their role ends their sessions', async () => {
    await createUser(admin, { email: 'Mia@Example.com ', name: 'Mia', role: 'marketer', password: 'marketing-rocks-1' });
    const login = await checkCredentials({ email: 'mia@example.com', password: 'marketing-rocks-1' });
    expect(login).not.toBeNull();
    expect(await actorFromSession(login!.id, login!.sessionVersion)).toMatchObject({ role: 'marketer' });
    await updateUser(admin, { userId: login!.id, role: 'manager' });
    expect(await actorFromSession(login!.id, login!.sessionVersion)).toBeNull();
    const again = await checkCredentials({ email: 'mia@example.com', password: 'marketing-rocks-1' });
    expect(await actorFromSession(again!.id, again!.sessionVersion)).toMatchObject({ role: 'manager' });
    await updateUser(admin, { userId: login!.id, disabled: true });
    expect(await checkCredentials({ email: 'mia@example.com', password: 'marketing-rocks-1' })).toBeNull();
  });

  test('duplicate emails and weak passwords are rejected with field messages', async () => {
    await expect(createUser(admin, { email: 'mia@example.com', name: 'X', role: 'marketer', password: 'long enough 1' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(createUser(admin, { email: 'new@example.com', name: 'X', role: 'marketer', password: 'short' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(createUser(admin, { email: 'new@example.com', name: 'X', role: 'owner', password: 'long enough 1' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  test('the last active admin cannot be demoted or disabled', async () => {
    await expect(updateUser(admin, { userId: admin.userId, role: 'marketer' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(updateUser(admin, { userId: admin.userId, disabled: true })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
