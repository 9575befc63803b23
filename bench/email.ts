// npm run bench -- email [--count 10000]: personalised e-mails with the recommended-products block sent to a local
// SMTP server (smtp-server), through the real send path (merge fields, serving model, React Email, nodemailer).
// Reports e-mails/s and the share of time spent recommending, rendering and in SMTP. Works on a copy of the demo
// database (/work/demo-data or PRECISA_DEMO_DATA), with customers added until there are --count recipients.
import { emailCampaignInput } from '@/lib/testing/email-campaign';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { count: { type: 'string', default: '10000' } } });
const COUNT = Number(values.count);
const root = path.resolve(import.meta.dirname, '..');
const source = process.env.PRECISA_DEMO_DATA ?? '/work/demo-data';
if (!fs.existsSync(path.join(source, 'precisa.db'))) {
  console.log(`skipped: no demo database at ${source}`);
  process.exit(0);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-bench-email-'));
fs.cpSync(source, dir, { recursive: true });
process.env.DATABASE_URL = `file:${path.join(dir, 'precisa.db')}`;
process.env.PRECISA_DATA_DIR = dir;
process.env.NEXTAUTH_SECRET ??= 'bench-secret-0123456789abcdef0123456789';
process.env.PRECISA_PEPPER ??= 'bench-pepper-0123456789abcdef0123456789';
execFileSync(
  process.execPath,
  ['--experimental-wasm-modules', '--no-warnings', '--import', 'tsx', 'scripts/db/migrate.ts'],
  {
    cwd: root,
    env: process.env,
    stdio: 'pipe',
  },
);

const { db } = await import('../lib/db/client');
const { startSmtpCatcher } = await import('../lib/testing/smtp-catcher');
const { createCampaign, scheduleCampaign } = await import('../lib/services/campaigns/index');
const { runWave } = await import('../lib/services/campaigns/lifecycle');
const { saveSmtpSettings } = await import('../lib/services/email/smtp');
const { saveEmailTemplate } = await import('../lib/services/email/templates');
const { sendWaveEmails } = await import('../lib/services/email/send');

const smtp = await startSmtpCatcher({ parse: false });
const admin = await db.user.findFirstOrThrow({ where: { role: 'admin' } });
const actor = {
  type: 'user',
  userId: admin.id,
  role: 'admin',
  email: admin.email,
  name: admin.name,
  locale: 'en',
} as const;
// every customer reachable by e-mail in this copy; clones of existing customers until there are COUNT of them
await db.customer.updateMany({ data: { consentEmail: true } });
const have = await db.customer.count();
const base = await db.customer.findMany({ take: Math.max(0, COUNT - have), select: { name: true, city: true } });
for (let i = 0; i < base.length; i += 1000)
  await db.customer.createMany({
    data: base.slice(i, i + 1000).map((c, k) => ({
      externalId: `bench-${i + k}`,
      name: c.name,
      city: c.city,
      email: `bench-${i + k}@example.com`,
      consentEmail: true,
    })),
  });
await db.customer.updateMany({ where: { email: null }, data: { email: 'fallback@example.com' } });
const ids = (await db.customer.findMany({ select: { id: true }, orderBy: { id: 'asc' }, take: COUNT })).map(
  (c) => c.id,
);
// exactly COUNT recipients: the launch assigns only customers with e-mail consent
await db.customer.updateMany({ where: { id: { notIn: ids } }, data: { consentEmail: false } });
const segment = await db.segment.create({
  data: {
    name: 'Bench audience',
    definition: {
      type: 'group',
      op: 'and',
      children: [{ type: 'attribute', field: 'externalId', op: 'is_not_empty' }],
    },
    createdById: admin.id,
  },
});
await saveSmtpSettings(actor, {
  host: '127.0.0.1',
  port: smtp.port,
  security: 'none',
  from: 'Demo Shop <news@shop.example>',
  ratePerMinute: 100_000,
  publicUrl: 'https://precisa.example',
  shopUrl: 'https://shop.example',
  shopName: 'Demo Shop',
});
const { id } = await createCampaign(
  actor,
  emailCampaignInput('E-mail benchmark', segment.id, { names: ['A', 'B'], recommendations: true, holdoutShare: 0 }),
);
for (const variantKey of ['a', 'b'])
  for (const locale of ['en', 'zh-CN'] as const)
    await saveEmailTemplate(actor, {
      campaignId: id,
      variantKey,
      locale,
      subject: locale === 'en' ? '{{first_name|Hi}}, picked for you' : '{{first_name}}，为您精选',
      preheader: '{{shop_name}}',
      body: 'Hello {{first_name}},\n\nNew this week: https://shop.example/new',
      productCount: 4,
    });
await scheduleCampaign(actor, { id });
await runWave(id, 0);
const assigned = await db.campaignAssignment.count({ where: { campaignId: id } });
const stats = await sendWaveEmails(id, 0, { retryDelayMs: 10 });
const parts = stats.ms.render + stats.ms.recommend + stats.ms.smtp;
const result = {
  benchmark: 'email',
  at: new Date().toISOString(),
  machine: { cpus: os.cpus().length, loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10) },
  recipients: assigned,
  targetIds: ids.length,
  sent: stats.sent,
  received: smtp.received(),
  seconds: Math.round(stats.ms.total) / 1000,
  emailsPerSecond: Math.round((stats.sent / stats.ms.total) * 1000 * 10) / 10,
  share: {
    recommend: Math.round((stats.ms.recommend / stats.ms.total) * 1000) / 1000,
    render: Math.round((stats.ms.render / stats.ms.total) * 1000) / 1000,
    smtp: Math.round((stats.ms.smtp / stats.ms.total) * 1000) / 1000,
    other: Math.round(((stats.ms.total - parts) / stats.ms.total) * 1000) / 1000,
  },
  note: 'render runs React Email render() + toPlainText in a worker thread; other = database reads/writes and pacing',
};
console.log(JSON.stringify(result, null, 2));
fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench', 'results', 'email.json'), `${JSON.stringify(result, null, 2)}\n`);
await smtp.close();
await db.$disconnect();
fs.rmSync(dir, { recursive: true, force: true });
process.exit(0);
