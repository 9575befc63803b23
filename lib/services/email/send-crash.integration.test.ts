import { createTwoVariantEmailCampaign } from '@/lib/testing/email-campaign-setup';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { addresses, startSmtpCatcher } from '@/lib/testing/smtp-catcher';
import type { UserActor } from '../auth/actor';
import { scheduleCampaign } from '../campaigns/index';
import { runWave } from '../campaigns/lifecycle';
import { sendWaveEmails } from './send';

// kill -9 the real worker process in the middle of a send, then resume: nobody gets an e-mail twice, and every
// recipient ends sent, or (at most the one message in flight at the kill) uncertain. Then an SMTP outage mid-send.
const ROOT = path.resolve(import.meta.dirname, '../../..');
const N = 60;
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
let marketer: UserActor;
let campaignId: number;
const children: ChildProcess[] = [];

function startWorker() {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/worker.ts'], {
    cwd: ROOT,
    env: process.env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  child.on('exit', (code) => {
    if (code) console.error(`worker exited ${code}: ${stderr}`);
  });
  children.push(child);
  return child;
}

const until = async (cond: () => boolean | Promise<boolean>, ms = 90_000) => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
};

beforeAll(async () => {
  smtp = await startSmtpCatcher({ parse: true });
  const u = await db.user.create({ data: { email: 'm@example.com', name: 'm', passwordHash: 'x', role: 'admin' } });
  marketer = { type: 'user', userId: u.id, role: 'admin', email: u.email, name: u.name, locale: 'en' };
  for (let i = 0; i < N; i++)
    await db.customer.create({
      data: {
        externalId: `K${String(i).padStart(4, '0')}`,
        name: `Kim ${i}`,
        email: `k${i}@example.com`,
        consentEmail: true,
      },
    });
  const segment = await db.segment.create({
    data: {
      name: 'All',
      definition: {
        type: 'group',
        op: 'and',
        children: [{ type: 'attribute', field: 'externalId', op: 'starts_with', value: 'K' }],
      },
      createdById: u.id,
    },
  });
  campaignId = await createTwoVariantEmailCampaign(marketer, {
    name: 'Crash test',
    segmentId: segment.id,
    smtpPort: smtp.port,
    ratePerMinute: 1200,
  });
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await smtp.close();
});

const perAddress = () => {
  const counts = new Map<string, number>();
  for (const m of smtp.messages) for (const a of addresses(m)) counts.set(a, (counts.get(a) ?? 0) + 1);
  return counts;
};

test('kill -9 of the worker mid-send, then resume: nobody is sent twice, everyone is accounted for', {
  timeout: 600_000,
}, async () => {
  await scheduleCampaign(marketer, { id: campaignId });
  await runWave(campaignId, 0);
  const worker = startWorker();
  await until(() => smtp.received() >= 10, 300_000);
  worker.kill('SIGKILL');
  await until(() => worker.signalCode === 'SIGKILL');
  const atKill = smtp.received();
  expect(atKill).toBeLessThan(N);
  // the lease of the dead worker's job expires; the next worker picks the job up and resumes
  await db.job.updateMany({ where: { type: 'campaign.email' }, data: { leaseExpiresAt: new Date(Date.now() - 1) } });
  const second = startWorker();
  await until(
    async () => (await db.job.findFirst({ where: { type: 'campaign.email' } }))?.state === 'succeeded',
    300_000,
  );
  second.kill('SIGTERM');
  const sends = await db.emailSend.groupBy({ by: ['status'], where: { campaignId }, _count: { _all: true } });
  const by = Object.fromEntries(sends.map((s) => [s.status, s._count._all]));
  expect((by.sent ?? 0) + (by.uncertain ?? 0)).toBe(N);
  expect(by.uncertain ?? 0).toBeLessThanOrEqual(1);
  expect(Math.max(...perAddress().values())).toBe(1);
  expect(smtp.received()).toBeGreaterThanOrEqual(by.sent ?? 0);
  expect(smtp.received()).toBeLessThanOrEqual(N);
});

test('an SMTP outage mid-send stops the run; after the server is back the rest goes out, nobody twice', {
  timeout: 600_000,
}, async () => {
  await db.emailSend.deleteMany({ where: { campaignId } });
  smtp.messages.length = 0;
  const port = smtp.port;
  const run = sendWaveEmails(campaignId, 0, { retryDelayMs: 20 });
  await until(() => smtp.messages.length >= 10, 300_000);
  await smtp.close();
  await expect(run).rejects.toThrow(/unreachable/);
  const delivered = smtp.messages.length;
  const kept = [...smtp.messages];
  smtp = await startSmtpCatcher({ port });
  smtp.messages.push(...kept);
  const resumed = await sendWaveEmails(campaignId, 0, { retryDelayMs: 20 });
  expect(resumed.sent + delivered).toBeLessThanOrEqual(N);
  expect(Math.max(...perAddress().values())).toBe(1);
  expect(await db.emailSend.count({ where: { campaignId, status: { in: ['sent', 'uncertain'] } } })).toBe(N);
});
