// npm run bench -- email [--count 10000]: personalised e-mails with the recommended-products block sent to a local
// SMTP server (smtp-server), through the real send path (merge fields, serving model, React Email, nodemailer).
// Reports e-mails/s and the share of time spent recommending, rendering and in SMTP. Works on a copy of the demo
// database or a generated shop (bench/email-data.ts), with customers added until there are --count recipients.
// Progress goes to stderr, phase by phase and every 5 s while sending.
import { emailCampaignInput } from '@/lib/testing/email-campaign';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { prepareEmailBenchDatabase } from './email-data';

const { values } = parseArgs({ options: { count: { type: 'string', default: '10000' } } });
const COUNT = Number(values.count);
const load = () => os.loadavg().map((x) => Math.round(x * 10) / 10);
const t0 = performance.now();
// progress on stderr (the result JSON alone on stdout): each phase, and the sending every few seconds
const log = (what: string) =>
  process.stderr.write(
    `[bench email ${((performance.now() - t0) / 1000).toFixed(1)} s, load ${load().join(' ')}] ${what}\n`,
  );
const loadAtStart = load();
const root = path.resolve(import.meta.dirname, '..');
const { dir, source } = await prepareEmailBenchDatabase(log);

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
log(`preparing ${COUNT} recipients`);
// every customer reachable by e-mail in this copy; clones of existing customers until there are COUNT of them
await db.customer.updateMany({ data: { consentEmail: true } });
const have = await db.customer.count();
const base = await db.customer.findMany({ select: { name: true, city: true }, orderBy: { id: 'asc' } });
const missing = Math.max(0, COUNT - have);
// clones cycle through the existing customers when fewer exist than are missing
for (let i = 0; i < missing; i += 1000)
  await db.customer.createMany({
    data: Array.from({ length: Math.min(1000, missing - i) }, (_, k) => {
      const c = base[(i + k) % base.length]!;
      return {
        externalId: `bench-${i + k}`,
        name: c.name,
        city: c.city,
        email: `bench-${i + k}@example.com`,
        consentEmail: true,
      };
    }),
  });
await db.customer.updateMany({ where: { email: null }, data: { email: 'fallback@example.com' } });
const ids = (await db.customer.findMany({ select: { id: true }, orderBy: { id: 'asc' }, take: COUNT })).map(
  (c) => c.id,
);
// exactly COUNT recipients: the launch assigns only customers with e-mail consent
// (ids are the first COUNT by id; one range instead of a list that would exceed the query parameter limit)
await db.customer.updateMany({ where: { id: { gt: ids.at(-1)! } }, data: { consentEmail: false } });
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
log('launching: assigning the audience');
await scheduleCampaign(actor, { id });
await runWave(id, 0);
const assigned = await db.campaignAssignment.count({ where: { campaignId: id } });
log(`sending ${assigned} e-mails`);
const sendStart = performance.now();
let lastReport = 0;
const stats = await sendWaveEmails(id, 0, {
  retryDelayMs: 10,
  progress: (fraction) => {
    const now = performance.now();
    if (now - lastReport < 5_000 && fraction < 1) return;
    lastReport = now;
    const done = Math.round(fraction * assigned);
    log(
      `${done}/${assigned} handled, ${smtp.received()} received, ${((done / (now - sendStart)) * 1000).toFixed(1)} e-mails/s`,
    );
  },
});
log(`done: ${stats.sent} sent, ${stats.failed} failed`);
const busy = stats.ms.render + stats.ms.recommend + stats.ms.smtp;
const perEmail = (ms: number) => Math.round((ms / Math.max(1, stats.sent)) * 10) / 10;
const result = {
  benchmark: 'email',
  at: new Date().toISOString(),
  // load averages (1, 5, 15 min) when the benchmark started and when sending ended: other work shares these cores
  machine: { cpus: os.cpus().length, loadAverageAtStart: loadAtStart, loadAverageAtEnd: load() },
  data: source,
  recipients: assigned,
  targetIds: ids.length,
  sent: stats.sent,
  received: smtp.received(),
  seconds: Math.round(stats.ms.total) / 1000,
  emailsPerSecond: Math.round((stats.sent / stats.ms.total) * 1000 * 10) / 10,
  // each part's share of the time spent in the three parts together (rendering of the next e-mail overlaps the
  // SMTP transaction of the current one, so the parts add up to more than the wall time)
  share: {
    recommend: Math.round((stats.ms.recommend / busy) * 1000) / 1000,
    render: Math.round((stats.ms.render / busy) * 1000) / 1000,
    smtp: Math.round((stats.ms.smtp / busy) * 1000) / 1000,
  },
  msPerEmail: {
    wall: perEmail(stats.ms.total),
    recommend: perEmail(stats.ms.recommend),
    render: perEmail(stats.ms.render),
    smtp: perEmail(stats.ms.smtp),
  },
  note: 'render = React Email render() + toPlainText in a worker thread once per shape (variant, language, products block), then the strings of each customer filled in; wall includes database reads/writes and pacing; clones of customers without history get the cold-start (popular) recommendations',
};
console.log(JSON.stringify(result, null, 2));
fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench', 'results', 'email.json'), `${JSON.stringify(result, null, 2)}\n`);
await smtp.close();
await db.$disconnect();
fs.rmSync(dir, { recursive: true, force: true });
process.exit(0);
