import { afterAll, beforeAll, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { closeConnections } from '@/lib/db/connections';
import { saveCheck, startRun } from '@/lib/db/quality/runs';
import type { Role } from '@/lib/security/roles';
import { testActors } from '@/lib/testing/db/seed-shop';
import type { UserActor } from '../auth/actor';
import { ensureNightlyQuality } from '../bootstrap';
import { eraseCustomer } from '../erasure/erase';
import { getQualityReport, requestQualityRun, runQualityReport } from './index';

// A small shop with known defects; every count below is worked out by hand from the rows seeded here.
const DAY = 86_400_000;
const NOW = new Date(Date.UTC(2026, 0, 15, 12));
const T0 = NOW.getTime() - 100 * DAY; // the shop's first order
const at = (ms: number) => new Date(ms);
let actors: Record<Role, UserActor>;
const ids: Record<string, number> = {};

beforeAll(async () => {
  actors = await testActors();
  const cat = await db.category.create({ data: { name: 'Shoes', path: 'shoes' } });
  const product = (sku: string, data: { categoryId?: number; price: number; imageUrl?: string }) =>
    db.product.create({ data: { sku, title: sku, ...data } });
  const p1 = await product('A', { categoryId: cat.id, price: 10, imageUrl: 'https://img/a.png' });
  const p2 = await product('B', { price: 20, imageUrl: ' ' });
  await product('C', { categoryId: cat.id, price: 0 });
  const customer = (externalId: string, data: object) =>
    db.customer.create({ data: { externalId, signupAt: at(T0), ...data } });
  ids.c1 = (await customer('c1', { email: 'ann@example.com', phone: '1' })).id;
  ids.c2 = (await customer('c2', { email: '  ANN@example.com ' })).id; // repeats c1's address
  ids.c3 = (await customer('c3', { phone: '3', signupAt: null })).id;
  ids.c4 = (await customer('c4', { email: '', phone: '' })).id;
  ids.c5 = (await customer('c5', { email: 'bob@example.com', phone: '5' })).id;
  ids.c6 = (await customer('c6', { email: 'Bob@Example.com', phone: '6' })).id; // repeats c5's address
  const erased = await customer('c7', { email: 'ann@example.com', erasedAt: at(T0) }); // not looked at
  const order = (externalId: string, customerId: number, placedAt: number, line: [string, number, number]) =>
    db.order.create({
      data: {
        externalId,
        customerId,
        placedAt: at(placedAt),
        currency: 'CNY',
        total: line[1] * line[2],
        itemCount: 1,
        lines: {
          create: { lineNo: 1, sku: line[0], quantity: line[1], unitPrice: line[2], total: line[1] * line[2] },
        },
      },
    });
  await order('o1', ids.c1, T0, ['A', 1, 10]);
  ids.o2 = (await order('o2', ids.c1, T0, ['A', 1, 10])).id; // the same order again
  await order('o3', ids.c5, NOW.getTime() + 2 * DAY, ['ZZZ', 1, 5]); // in the future, SKU not in the catalogue
  await order('o4', ids.c6, T0 + 10 * DAY, ['B', -1, 3]); // negative quantity
  await order('o5', ids.c2, T0 + 20 * DAY, ['C', 2, -4]); // negative price
  await order('o6', erased.id, NOW.getTime() + 9 * DAY, ['ZZZ', -1, -1]); // erased customer's: not looked at
  let n = 0;
  const event = (customerId: number, type: string, ts: number, data: object = {}) =>
    db.event.create({ data: { dedupKey: `e${++n}`, customerId, type, ts: at(ts), source: 'import', ...data } });
  const buy = (price: number, quantity: number, orderRef: string) => ({ productId: p1.id, price, quantity, orderRef });
  await event(ids.c1, 'view', NOW.getTime() - DAY, { productId: p1.id, source: 'api' });
  await event(ids.c1, 'purchase', T0, buy(10, 1, 'R1'));
  await event(ids.c1, 'purchase', T0, buy(10, 1, 'R1')); // a second line of R1: fine
  await event(ids.c2, 'purchase', T0, buy(10, 1, 'R1')); // R1 under another customer: repeated
  await event(ids.c5, 'purchase', T0 + DAY, { ...buy(20, 0, 'R2'), productId: p2.id }); // quantity 0
  await event(ids.c5, 'purchase', T0 + 2 * DAY, buy(-20, 1, 'R3')); // negative price
  await event(ids.c6, 'purchase', T0 + 3 * DAY, buy(20, 1, 'R4'));
  await event(ids.c6, 'purchase', T0 + 4 * DAY, buy(20, 1, 'R4')); // R4 at another time: repeated
  ids.future = (await event(ids.c3, 'view', Date.UTC(2099, 0, 1), { productId: p1.id, source: 'api' })).id;
  await event(ids.c3, 'view', T0 - 5 * DAY, { productId: p1.id }); // before the first order
  await event(ids.c4, 'cart', NOW.getTime() - 2 * DAY, { source: 'api' }); // a cart without product
  await event(ids.c4, 'view', NOW.getTime() - 2 * DAY, { categoryId: cat.id, source: 'api' }); // category view: fine
  const imp = (kind: string, finishedAt: number) =>
    db.importJob.create({
      data: {
        kind,
        fileName: `${kind}.csv`,
        filePath: `uploads/${kind}.csv`,
        fileSize: 1,
        fileSha256: kind,
        status: 'completed',
        createdById: actors.admin.userId,
        finishedAt: at(finishedAt),
      },
    });
  ids.staleImport = (await imp('orders', NOW.getTime() - 30 * DAY)).id as unknown as number;
  await imp('customers', NOW.getTime() - 3_600_000);
}, 120_000);
afterAll(() => closeConnections());

const EXPECTED = {
  customerEmail: [2, 6],
  customerPhone: [2, 6],
  customerSignup: [1, 6],
  productCategory: [1, 3],
  productPrice: [1, 3],
  productImage: [2, 3],
  purchaseNegative: [2, 7],
  orderLineNegative: [2, 5],
  eventDate: [2, 12],
  orderDate: [1, 5],
  eventUnknownProduct: [1, 12],
  orderLineUnknownSku: [1, 5],
  duplicateEmail: [2, 4],
  duplicateOrder: [1, 5],
  duplicateOrderRef: [2, 4],
  staleSource: [2, 4],
};

test('a run counts every known defect exactly, with example rows that link to them', async () => {
  const { runId } = await runQualityReport({ jobKey: 'test-1', reason: 'manual' }, { now: NOW });
  const report = await getQualityReport(actors.manager, NOW);
  expect(report.latest!.id).toBe(runId);
  const counts = Object.fromEntries(report.latest!.checks.map((c) => [c.code, [c.count, c.total]]));
  expect(counts).toEqual(EXPECTED);
  const check = (code: string) => report.latest!.checks.find((c) => c.code === code)!;
  expect(check('eventDate').examples.map((e) => e.href)).toEqual([`/customers/${ids.c3}`, `/customers/${ids.c3}`]);
  expect(check('eventDate').examples[0]).toMatchObject({ rowId: ids.future, value: String(Date.UTC(2099, 0, 1)) });
  expect(check('orderDate').examples[0]!.value).toBe(String(NOW.getTime() + 2 * DAY));
  expect(check('duplicateEmail').examples.map((e) => e.href)).toEqual([`/customers/${ids.c2}`, `/customers/${ids.c6}`]);
  expect(check('duplicateOrder').examples).toEqual([{ rowId: ids.o2, value: null, href: `/customers/${ids.c1}` }]);
  expect(check('orderLineUnknownSku').examples[0]!.value).toBe('ZZZ');
  expect(check('productPrice').examples[0]!.href).toMatch(/^\/catalogue\/\d+$/);
  expect(check('staleSource').examples.map((e) => [e.value, e.href])).toEqual([
    ['event:import', null],
    ['import:orders', `/imports/${ids.staleImport}`],
  ]);
  expect(check('eventDate')).toMatchObject({ rate: 2 / 12, level: 'bad', category: 'validity' });
  const api = report.latest!.sources.find((s) => s.source === 'api')!;
  expect(api).toMatchObject({ lastAt: at(NOW.getTime() - DAY), events: 4, isStale: false }); // 2099 left out
  expect(report.latest!.imports.map((i) => [i.source, i.isStale])).toEqual([
    ['customers', false],
    ['orders', true],
  ]);
  const nightly = await db.job.findFirst({ where: { type: 'data-quality', idempotencyKey: { contains: 'nightly' } } });
  expect(nightly?.runAt).toEqual(new Date(Date.UTC(2026, 0, 16, 3, 30)));
});

test('a retry resumes the stored run: finished checks are kept, the rest computed, no second run', async () => {
  const run = await startRun(db, 'test-crash', 'import:x');
  await saveCheck(db, run.id, { code: 'customerEmail', count: 99, total: 99 }, [{ customerId: ids.c1 }]);
  const before = await db.dataQualityRun.count();
  const first = await runQualityReport({ jobKey: 'test-crash', reason: 'import:x' }, { now: NOW });
  expect(first).toMatchObject({ runId: run.id, resumed: true });
  const again = await runQualityReport({ jobKey: 'test-crash', reason: 'import:x' }, { now: NOW });
  expect(again).toMatchObject({ runId: run.id, resumed: false });
  expect(await db.dataQualityRun.count()).toBe(before);
  const report = await getQualityReport(actors.admin, NOW);
  const counts = Object.fromEntries(report.latest!.checks.map((c) => [c.code, [c.count, c.total]]));
  expect(counts).toEqual({ ...EXPECTED, customerEmail: [99, 99] });
  expect(report.scoreTrend).toHaveLength(2);
  expect(report.latest!.checks.find((c) => c.code === 'eventDate')!.trend.map((p) => p.count)).toEqual([2, 2]);
});

test('managers read, marketers may not; only admins queue a run, and a waiting run is reused', async () => {
  await expect(getQualityReport(actors.marketer)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  await expect(getQualityReport(null)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  await expect(requestQualityRun(actors.manager)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  const a = await requestQualityRun(actors.admin);
  const b = await requestQualityRun(actors.admin);
  expect(b.jobId).toBe(a.jobId);
  expect((await getQualityReport(actors.admin)).job).toMatchObject({ state: 'queued' });
});

test('erasing a customer removes their example rows; the counts stay', async () => {
  const examplesOf = () => db.dataQualityExample.count({ where: { customerId: ids.c3 } });
  expect(await examplesOf()).toBeGreaterThan(0);
  await eraseCustomer(actors.admin, { by: 'id', value: String(ids.c3) });
  expect(await examplesOf()).toBe(0);
  const report = await getQualityReport(actors.admin, NOW);
  expect(report.latest!.checks.find((c) => c.code === 'eventDate')!.count).toBe(2);
});

test('each start schedules the nightly report once', async () => {
  const later = NOW.getTime() + 3 * DAY;
  await ensureNightlyQuality(db, later);
  await ensureNightlyQuality(db, later + 3_600_000);
  const jobs = await db.job.findMany({ where: { idempotencyKey: 'data-quality:nightly:2026-01-19' } });
  expect(jobs.map((j) => [j.type, j.runAt, j.payload])).toEqual([
    ['data-quality', new Date(Date.UTC(2026, 0, 19, 3, 30)), { reason: 'nightly' }],
  ]);
});
