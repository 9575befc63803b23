import net from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { FLOW_TEMPLATES } from '@/lib/engine/flows';
import { startSmtpCatcher } from '@/lib/testing/smtp-catcher';
import type { UserActor } from '../auth/actor';
import { loadSmtp, saveSmtpSettings, transportFor } from '../email/smtp';
import { createFlowFromTemplate, saveFlow, setFlowEnabled } from './flows';
import { runFlows } from './run';

// A transport passed to runFlows belongs to the caller: runs must not close it (a closed nodemailer pool never
// answers a later sendMail; the flows benchmark hung on its third run). The transport connects with Nagle off.
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
let marketer: UserActor;
let seq = 0;

beforeAll(async () => {
  smtp = await startSmtpCatcher({ parse: false });
  const u = await db.user.create({ data: { email: 'admin@example.com', name: 'A', passwordHash: 'x', role: 'admin' } });
  marketer = { type: 'user', userId: u.id, role: 'admin', email: u.email, name: u.name, locale: 'en' };
  await saveSmtpSettings(marketer, {
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    from: 'Shop <news@shop.example>',
    ratePerMinute: 60_000,
    publicUrl: 'https://precisa.example',
    shopName: 'Scarf Shop',
    shopUrl: 'https://shop.example',
  });
  const flow = await createFlowFromTemplate(marketer, { template: 'abandoned_cart' });
  const cart = FLOW_TEMPLATES.abandoned_cart.definition;
  await saveFlow(marketer, {
    id: flow.id,
    name: 'Cart (immediate, no holdout)',
    definition: { ...cart, holdoutShare: 0, quietHours: null, frequencyCap: null, steps: [cart.steps[1]] },
  });
  await setFlowEnabled(marketer, { id: flow.id, enabled: true });
});
afterAll(() => smtp.close());

async function cartOf(key: string) {
  const c = await db.customer.create({ data: { externalId: key, email: `${key}@example.com`, consentEmail: true } });
  await db.event.create({
    data: { dedupKey: `t${seq++}`, customerId: c.id, type: 'cart', ts: new Date(), source: 'api' },
  });
}

describe('the SMTP transport of flow runs', () => {
  test('three runs share the caller’s transport, each sends, and it stays open', async () => {
    const transport = transportFor((await loadSmtp())!);
    try {
      for (const key of ['k1', 'k2', 'k3']) {
        await cartOf(key);
        expect(await runFlows({ transport })).toMatchObject({ entered: 1, sent: 1 });
      }
      expect(smtp.received()).toBe(3);
      // still open: the caller's own message goes through (a closed pool would never answer)
      const answered = await Promise.race([
        transport.sendMail({ from: 'a@shop.example', to: 'b@example.com', subject: 's', text: 't' }).then(() => true),
        new Promise((r) => setTimeout(() => r(false), 5_000)),
      ]);
      expect(answered).toBe(true);
      expect(smtp.received()).toBe(4);
    } finally {
      transport.close();
    }
  }, 30_000);

  test('a server that refuses the connection is an error of sendMail, not a hang', async () => {
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const transport = transportFor({ ...(await loadSmtp())!, port });
    try {
      await expect(
        transport.sendMail({ from: 'a@shop.example', to: 'b@example.com', subject: 's', text: 't' }),
      ).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      transport.close();
    }
  }, 30_000);
});
