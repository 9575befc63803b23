import { describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { hashPassword } from '@/lib/security/password';
import { pseudonym } from '@/lib/security/pseudonym';
import { checkCredentials } from './sign-in';

const run = Date.now();
const PASSWORD = 'the right password 1';
const at = (seconds: number) => new Date(run + seconds * 1000);

async function makeUser(name: string) {
  const email = `${name}-${run}@throttle.test`;
  await db.user.create({ data: { email, name, role: 'marketer', passwordHash: await hashPassword(PASSWORD) } });
  return email;
}

describe('sign-in back-off', () => {
  test('the fifth wrong password locks the account; the right one is refused until the lock ends', async () => {
    const email = await makeUser('locked');
    const ip = `10.1.0.${run % 250}`;
    const tries = [];
    for (let i = 0; i < 5; i++) tries.push(await checkCredentials({ email, password: 'wrong' }, { ip, now: at(i) }));
    expect(tries.slice(0, 4)).toEqual(Array(4).fill({ type: 'refused' }));
    expect(tries[4]).toEqual({ type: 'locked', retryAfterSeconds: 60 });
    expect(await checkCredentials({ email, password: PASSWORD }, { ip, now: at(30) })).toEqual({
      type: 'locked',
      retryAfterSeconds: 34,
    });
    const audit = await db.auditLog.findMany({ where: { action: 'auth.locked', ip } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({
      scope: 'account',
      email: pseudonym('email', email, process.env.PRECISA_PEPPER!),
      failures: 5,
      seconds: 60,
    });
    // After the lock the next failure doubles it; the right password then clears the account's count.
    expect(await checkCredentials({ email, password: 'wrong' }, { ip, now: at(65) })).toEqual({
      type: 'locked',
      retryAfterSeconds: 120,
    });
    expect((await checkCredentials({ email, password: PASSWORD }, { ip, now: at(186) })).type).toBe('ok');
    expect(await db.loginThrottle.findUnique({ where: { key: `email:${email}` } })).toBeNull();
  });

  test('an unknown email gets exactly the answers a real one gets', async () => {
    const known = await makeUser('known');
    const answers = async (email: string, ip: string) => {
      const out = [];
      for (let i = 0; i < 6; i++) out.push(await checkCredentials({ email, password: 'wrong' }, { ip, now: at(i) }));
      return out;
    };
    const a = await answers(known, `10.2.0.${run % 250}`);
    const b = await answers(`nobody-${run}@throttle.test`, `10.3.0.${run % 250}`);
    expect(b).toEqual(a);
  });

  test('one address trying many accounts is locked after 20 failures, whatever the account', async () => {
    const ip = `10.4.0.${run % 250}`;
    for (let i = 0; i < 19; i++) {
      const r = await checkCredentials({ email: `spray-${i}-${run}@throttle.test`, password: 'x' }, { ip, now: at(i) });
      expect(r.type).toBe('refused');
    }
    const last = await checkCredentials({ email: `spray-19-${run}@throttle.test`, password: 'x' }, { ip, now: at(20) });
    expect(last).toEqual({ type: 'locked', retryAfterSeconds: 60 });
    const fresh = await makeUser('fresh');
    expect((await checkCredentials({ email: fresh, password: PASSWORD }, { ip, now: at(21) })).type).toBe('locked');
    expect((await checkCredentials({ email: fresh, password: PASSWORD }, { ip: '10.5.0.1', now: at(21) })).type).toBe(
      'ok',
    );
  });

  test('parallel guesses cannot all slip in before the lock is written', async () => {
    const email = await makeUser('parallel');
    const ip = `10.6.0.${run % 250}`;
    const results = await Promise.all(
      Array.from({ length: 10 }, () => checkCredentials({ email, password: 'wrong' }, { ip, now: at(0) })),
    );
    expect(results.filter((r) => r.type === 'locked').length).toBeGreaterThanOrEqual(6);
    // Every guess that reached the counter is counted; on PostgreSQL a guess that starts after the lock is written is
    // refused without being counted (a lock is never extended), so the count is between the limit and 10.
    const failures = (await db.loginThrottle.findUnique({ where: { key: `email:${email}` } }))?.failures;
    expect(failures).toBeGreaterThanOrEqual(5);
    expect(failures).toBeLessThanOrEqual(10);
    expect((await checkCredentials({ email, password: PASSWORD }, { ip, now: at(1) })).type).toBe('locked');
  });

  test('unknown and known accounts take about the same time to refuse', async () => {
    const email = await makeUser('timing');
    const time = async (who: string, i: number) => {
      const start = performance.now();
      await checkCredentials({ email: who, password: 'wrong' }, { ip: `10.7.${i}.1`, now: at(i * 1000) });
      return performance.now() - start;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) {
      known.push(await time(email, i));
      unknown.push(await time(`ghost-${run}@throttle.test`, i + 10));
    }
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(unknown) / mean(known)).toBeGreaterThan(0.5);
    expect(mean(unknown) / mean(known)).toBeLessThan(2);
  });
});
