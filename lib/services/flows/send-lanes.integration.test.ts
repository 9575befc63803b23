import type { Transporter } from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { FLOW_TEMPLATES } from '@/lib/engine/flows';
import { startSmtpCatcher } from '@/lib/testing/smtp-catcher';
import type { UserActor } from '../auth/actor';
import { loadSmtp, saveSmtpSettings, transportFor } from '../email/smtp';
import { createFlowFromTemplate, saveFlow, setFlowEnabled } from './flows';
import { runFlows } from './run';

// A flow run keeps several e-mails in flight over the SMTP pool. It still keeps to the configured per-minute rate,
// and one customer's passes (in two flows) advance one after the other, so the frequency cap across flows holds.
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
let admin: UserActor;
let seq = 0;
const cart = FLOW_TEMPLATES.abandoned_cart.definition;

async function settings(ratePerMinute: number) {
  await saveSmtpSettings(admin, {
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    from: 'Shop <news@shop.example>',
    ratePerMinute,
    publicUrl: 'https://precisa.example',
    shopName: 'Scarf Shop',
    shopUrl: 'https://shop.example',
  });
}

/** cart → e-mail at once, no holdout; `cap` e-mails per week across campaigns and flows */
async function immediateFlow(name: string, cap: { max: number; days: number } | null) {
  const flow = await createFlowFromTemplate(admin, { template: 'abandoned_cart' });
  await saveFlow(admin, {
    id: flow.id,
    name,
    definition: { ...cart, holdoutShare: 0, quietHours: null, frequencyCap: cap, steps: [cart.steps[1]] },
  });
  await setFlowEnabled(admin, { id: flow.id, enabled: true });
  return flow.id;
}

async function carts(prefix: string, n: number) {
  for (let i = 0; i < n; i++) {
    const key = `${prefix}${i}`;
    const c = await db.customer.create({ data: { externalId: key, email: `${key}@example.com`, consentEmail: true } });
    await db.event.create({
      data: { dedupKey: `t${seq++}`, customerId: c.id, type: 'cart', ts: new Date(), source: 'api' },
    });
  }
}

/** The caller's transport, noting when each sendMail started and the most messages in flight at once. */
function watched(real: Transporter) {
  const starts: number[] = [];
  let inFlight = 0;
  let most = 0;
  const transport = {
    sendMail: async (m: unknown) => {
      starts.push(performance.now());
      most = Math.max(most, ++inFlight);
      try {
        return await real.sendMail(m as never);
      } finally {
        inFlight -= 1;
      }
    },
  } as unknown as Transporter;
  return { transport, starts, most: () => most };
}

beforeAll(async () => {
  smtp = await startSmtpCatcher({ parse: true });
  const u = await db.user.create({ data: { email: 'lanes@example.com', name: 'A', passwordHash: 'x', role: 'admin' } });
  admin = { type: 'user', userId: u.id, role: 'admin', email: u.email, name: u.name, locale: 'en' };
});
afterAll(() => smtp.close());
beforeEach(async () => {
  await db.flow.updateMany({ data: { enabled: false } });
  smtp.messages.length = 0;
});

describe('sends in flight during a flow run', () => {
  test('with a high rate, several e-mails are in flight at once; each customer gets one', async () => {
    await settings(60_000);
    await immediateFlow('Fast', null);
    await carts('fast', 24);
    const real = transportFor((await loadSmtp())!);
    const w = watched(real);
    try {
      expect(await runFlows({ transport: w.transport })).toMatchObject({ entered: 24, sent: 24 });
    } finally {
      real.close();
    }
    expect(w.most()).toBeGreaterThan(1);
    expect(smtp.messages).toHaveLength(24);
  }, 60_000);

  test('the configured rate holds with several in flight: 600 a minute is 100 ms apart', async () => {
    await settings(600);
    await immediateFlow('Paced', null);
    await carts('paced', 6);
    const real = transportFor((await loadSmtp())!);
    const w = watched(real);
    try {
      expect(await runFlows({ transport: w.transport })).toMatchObject({ sent: 6 });
    } finally {
      real.close();
    }
    // six sends take five intervals, 500 ms; each waits for its slot and then for the commit of its `sending` mark,
    // which takes longer for some than for others, so allow one interval of slack (unpaced, the six start in ~20 ms)
    expect(w.starts.at(-1)! - w.starts[0]!).toBeGreaterThanOrEqual(400);
  }, 60_000);

  test('one customer in two capped flows gets one e-mail: their passes do not advance side by side', async () => {
    await settings(60_000);
    await immediateFlow('Capped A', { max: 1, days: 7 });
    await immediateFlow('Capped B', { max: 1, days: 7 });
    await carts('cap', 8);
    const stats = await runFlows();
    expect(stats).toMatchObject({ entered: 16, sent: 8, skipped: 8 });
    const counts = new Map<string, number>();
    for (const m of smtp.messages) for (const a of [m.to].flat()) counts.set(a!.text, (counts.get(a!.text) ?? 0) + 1);
    expect(counts.size).toBe(8);
    expect(Math.max(...counts.values())).toBe(1);
  }, 60_000);

  test('an e-mail a dead run left in `sending` is never sent again: the next run records it uncertain', async () => {
    await settings(60_000);
    const flowId = await immediateFlow('Crashed', null);
    await carts('dead', 1);
    expect(await runFlows()).toMatchObject({ sent: 1 });
    // as if the worker died during the SMTP transaction: the row in `sending`, the step and the pass not yet moved on
    const pass = await db.flowEnrollment.findFirstOrThrow({ where: { flowId } });
    const run = await db.flowStepRun.findFirstOrThrow({ where: { enrollmentId: pass.id } });
    await db.emailSend.updateMany({ where: { step: run.id }, data: { status: 'sending' } });
    await db.flowStepRun.update({ where: { id: run.id }, data: { outcome: 'pending' } });
    await db.flowEnrollment.update({ where: { id: pass.id }, data: { state: 'active', stepIndex: 0 } });
    expect(await runFlows()).toMatchObject({ sent: 0, skipped: 1 });
    expect(smtp.messages).toHaveLength(1);
    expect(await db.emailSend.findFirst({ where: { step: run.id }, select: { status: true } })).toEqual({
      status: 'uncertain',
    });
    expect(await db.flowStepRun.findUnique({ where: { id: run.id }, select: { outcome: true } })).toEqual({
      outcome: 'uncertain',
    });
  }, 60_000);
});
