import { expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { actorFromSession, signOutEverywhere, signOutSession, signOutUserEverywhere } from './sessions';

const run = Date.now();
const makeUser = (name: string, role = 'marketer') =>
  db.user.create({ data: { email: `${name}-${run}@sessions.test`, name, role, passwordHash: 'x' } });

test('signing out revokes that session only; signing out everywhere ends them all', async () => {
  const user = await makeUser('sam');
  const laptop = { userId: user.id, sessionVersion: 0, sid: `laptop-${run}` };
  const phone = { userId: user.id, sessionVersion: 0, sid: `phone-${run}` };
  expect(await actorFromSession(laptop)).toMatchObject({ userId: user.id });
  await signOutSession({ userId: user.id, sid: laptop.sid, expiresAt: new Date(Date.now() + 60_000) });
  expect(await actorFromSession(laptop)).toBeNull();
  const actor = await actorFromSession(phone);
  expect(actor).toMatchObject({ userId: user.id });
  await signOutEverywhere(actor);
  expect(await actorFromSession(phone)).toBeNull();
  expect(await actorFromSession({ ...phone, sid: `new-${run}` })).toBeNull();
  expect(await actorFromSession({ ...phone, sid: `new-${run}`, sessionVersion: 1 })).not.toBeNull();
  expect(await actorFromSession({ ...phone, sid: '', sessionVersion: 1 })).toBeNull();
  const audit = await db.auditLog.findMany({ where: { actorId: user.id }, orderBy: { id: 'asc' } });
  expect(audit.map((a) => a.action)).toEqual(['auth.sign_out', 'auth.sign_out_everywhere']);
});

test('only admins sign other users out everywhere', async () => {
  const admin = await actorFromSession({ userId: (await makeUser('ada', 'admin')).id, sessionVersion: 0, sid: 'a' });
  const marketer = await actorFromSession({ userId: (await makeUser('max')).id, sessionVersion: 0, sid: 'm' });
  const target = await makeUser('tia');
  await expect(signOutUserEverywhere(marketer, target.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  await expect(signOutUserEverywhere(admin, 'no-such-user')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  await expect(signOutUserEverywhere(admin, 42)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  await signOutUserEverywhere(admin, target.id);
  expect((await db.user.findUnique({ where: { id: target.id } }))?.sessionVersion).toBe(1);
  await expect(signOutEverywhere(null)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
});
