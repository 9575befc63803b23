import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { rfmGroupOf } from '@/lib/engine/portrait/rfm-segments';
import { JOB_HANDLERS } from '@/lib/services/jobs/handlers';
import type { UserActor } from '@/lib/services/auth/actor';
import type { Role } from '@/lib/security/roles';
import { getPortraitModels, requestPortraitRecompute, savePortraitSettings } from './models';
import { MODEL_KEY, parseModelState } from './model-state';
import { getCustomerPortrait, getCustomerTimeline } from './portrait';
import { recomputePortraits } from './recompute';
import { refreshCustomers } from './refresh';
import { seedDemoShop, testActors } from '@/lib/testing/db/seed-shop';
import { closeConnections } from '@/lib/db/connections';
import { asMessageRef, messageIn } from '@/lib/i18n/message-ref';

const DAY = 86_400_000;
let actors: Record<Role, UserActor>;

/** Profile and system tags of every customer, comparable across runs (no timestamps). */
async function snapshot() {
  const profiles = await db.customerProfile.findMany({ orderBy: { customerId: 'asc' }, omit: { updatedAt: true } });
  const tags = await db.customerTag.findMany({
    where: { source: 'system' },
    orderBy: [{ customerId: 'asc' }, { tagId: 'asc' }],
    select: { customerId: true, score: true, reason: true, tag: { select: { key: true } } },
  });
  return {
    profiles,
    tags: tags.map((t) => ({ customerId: t.customerId, key: t.tag.key, score: t.score, reason: t.reason })),
  };
}

beforeAll(async () => {
  await seedDemoShop();
  actors = await testActors();
}, 300_000);

afterAll(async () => {
  await closeConnections();
  await db.$disconnect();
});

describe('full recompute (the portraits job)', () => {
  test('an import that completes queues a recompute (and a data-quality run); the job reports its stages and writes consistent profiles and tags', async () => {
    await db.job.deleteMany({ where: { type: { in: ['portraits', 'data-quality'] } } });
    const customers = await db.customer.findMany({ select: { id: true } });
    const extra = await db.importJob.findFirstOrThrow({ where: { kind: 'customers' } });
    await db.importJob.update({ where: { id: extra.id }, data: { status: 'uploaded', cursorByte: 0, cursorLine: 0 } });
    await JOB_HANDLERS.import!({
      jobId: 'test',
      payload: { importId: extra.id },
      signal: new AbortController().signal,
      progress: () => undefined,
    });
    const queued = await db.job.findMany({ where: { type: 'portraits', state: 'queued' } });
    expect(queued).toHaveLength(1);
    // and the data-quality report is recomputed after the import
    const quality = await db.job.findMany({ where: { type: 'data-quality', state: 'queued' } });
    expect(quality.map((j) => j.payload)).toEqual([{ reason: `import:${extra.id}` }]);

    const stages: string[] = [];
    let last = 0;
    const result = (await JOB_HANDLERS.portraits!({
      jobId: queued[0]!.id,
      payload: queued[0]!.payload,
      signal: new AbortController().signal,
      progress: (fraction, stage) => {
        expect(fraction).toBeGreaterThanOrEqual(last);
        last = fraction;
        if (stage && stages.at(-1) !== stage) stages.push(stage);
      },
    })) as { customers: number; tagAssignments: number };
    expect(last).toBe(1);
    expect(stages).toEqual(
      expect.arrayContaining(['load', 'rfm+lifecycle', 'value-fit', 'churn', 'affinity', 'write', 'done']),
    );
    expect(result.customers).toBe(customers.length);

    const profiles = await db.customerProfile.findMany();
    expect(profiles).toHaveLength(customers.length);
    const orderCounts = await db.order.groupBy({
      by: ['customerId'],
      where: { status: 'completed' },
      _count: { _all: true },
      _sum: { total: true },
    });
    const byCustomer = new Map(orderCounts.map((o) => [o.customerId, o]));
    const tagRows = await db.customerTag.findMany({
      where: { source: 'system' },
      select: {
        customerId: true,
        score: true,
        reason: true,
        tag: { select: { key: true, family: true, label: true, labelZh: true } },
      },
    });
    expect(tagRows.length).toBe(result.tagAssignments);
    const tagsOf = new Map<number, typeof tagRows>();
    for (const t of tagRows) tagsOf.set(t.customerId, [...(tagsOf.get(t.customerId) ?? []), t]);
    let scored = 0;
    for (const p of profiles) {
      const o = byCustomer.get(p.customerId);
      expect(p.orderCount).toBe(o?._count._all ?? 0);
      expect(p.revenue).toBeCloseTo(o?._sum.total ?? 0, 1);
      const mine = tagsOf.get(p.customerId) ?? [];
      for (const family of ['rfm', 'lifecycle', 'clv', 'churn'])
        expect(mine.filter((t) => t.tag.family === family).length).toBeLessThanOrEqual(1);
      if (p.orderCount > 0) {
        scored++;
        expect(p.rfmGroup).toBe(rfmGroupOf(p.rfmR!, p.rfmF!, p.rfmM!));
        expect(mine.find((t) => t.tag.family === 'rfm')?.tag.key).toBe(`rfm:${p.rfmGroup}`);
        expect(p.recencyDays).toBeGreaterThanOrEqual(0);
      } else {
        expect(p.rfmGroup).toBeNull();
        expect(mine.some((t) => t.tag.family === 'rfm')).toBe(false);
      }
      if (p.lifecycle) expect(mine.find((t) => t.tag.family === 'lifecycle')?.tag.key).toBe(`lifecycle:${p.lifecycle}`);
      if (p.churnProbability !== null) {
        expect(p.churnProbability).toBeGreaterThan(0);
        expect(p.churnProbability).toBeLessThan(1);
      }
      if (p.pAlive !== null) expect(p.pAlive).toBeLessThanOrEqual(1);
      for (const t of mine) {
        // RFM, lifecycle, CLV and churn reasons are catalogue messages; interest reasons carry both languages
        const reason = t.reason as { message?: unknown; text?: { en?: string; zh?: string } };
        const ref = asMessageRef(reason.message);
        const en = ref ? messageIn('en', ref) : reason.text?.en;
        const zh = ref ? messageIn('zh-CN', ref) : reason.text?.zh;
        expect(ref !== null, `${t.tag.key} reason is a message`).toBe(t.tag.family !== 'interest');
        expect(en, `${t.tag.key} reason`).toMatch(/^[^{}]{10,}$/);
        expect(zh, `${t.tag.key} reason`).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    expect(scored).toBeGreaterThan(100);
    const interest = tagRows.filter((t) => t.tag.family === 'interest');
    expect(interest.length).toBeGreaterThan(100);
    expect(
      interest.some(
        (t) => /^(likes|follows|loves) /.test(t.tag.label) && /^(喜欢|关注|钟爱)/.test(t.tag.labelZh ?? ''),
      ),
    ).toBe(true);
    expect(interest.some((t) => / in the last 180 days$/.test((t.reason as { text: { en: string } }).text.en))).toBe(
      true,
    );

    const model = parseModelState((await db.setting.findUnique({ where: { key: MODEL_KEY } }))?.value);
    expect(model?.value.bgnbd.type).toBe('ok');
    expect(model?.value.calibration.type).toBe('ok');
    expect(model?.rfm.grid.cells).toHaveLength(25);
    expect(model?.rfm.grid.scoredCustomers).toBe(scored);
    if (model?.churn.type === 'ok') {
      expect(model.churn.auc).toBeGreaterThan(0.5);
      expect(model.churn.validationCut - model.churn.trainCut).toBe(model.churn.horizonDays * DAY);
    } else throw new Error(`churn model: ${model?.churn.reason}`);

    const today = Math.floor(Date.now() / DAY) * DAY;
    const coverage = await db.tagCoverage.findMany({ where: { day: new Date(today) } });
    const live = await db.customerTag.groupBy({ by: ['tagId'], _count: { _all: true } });
    const liveBy = new Map(live.map((l) => [l.tagId, l._count._all]));
    expect(coverage.length).toBe(await db.tag.count());
    for (const c of coverage) expect(c.count).toBe(liveBy.get(c.tagId) ?? 0);
    expect(
      await db.tag.count({
        where: { kind: 'system', computedAt: null, family: { in: ['rfm', 'lifecycle', 'clv', 'churn'] } },
      }),
    ).toBe(0);
  });

  test('a second run over the same data writes the same profiles and tags (idempotent)', async () => {
    const model = parseModelState((await db.setting.findUnique({ where: { key: MODEL_KEY } }))?.value)!;
    const before = await snapshot();
    await recomputePortraits({ asOf: model.asOf, batchSize: 333 });
    const after = await snapshot();
    expect(after.profiles).toEqual(before.profiles);
    expect(after.tags).toEqual(before.tags);
  });
});

describe('incremental refresh', () => {
  test('with no new data, refreshing reproduces the full recompute from the stored models', async () => {
    const before = await snapshot();
    const sample = before.profiles
      .filter((p, i) => p.orderCount > 0 || i % 7 === 0)
      .slice(0, 400)
      .map((p) => p.customerId);
    const res = await refreshCustomers(sample);
    expect(res.type).toBe('refreshed');
    const after = await snapshot();
    const pick = <T extends { customerId: number }>(rows: T[]) => rows.filter((r) => sample.includes(r.customerId));
    const near = (a: number | null, b: number | null) =>
      a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
    const a = pick(after.profiles);
    const b = pick(before.profiles);
    expect(a.length).toBe(sample.length);
    for (let i = 0; i < a.length; i++) {
      const { pAlive, expPurchases30, expPurchases90, expPurchases365, clv365, churnProbability, vector, ...exact } =
        a[i]!;
      const {
        pAlive: p0,
        expPurchases30: e30,
        expPurchases90: e90,
        expPurchases365: e365,
        clv365: c0,
        churnProbability: ch0,
        vector: v0,
        ...expected
      } = b[i]!;
      expect(exact).toEqual(expected);
      for (const [x, y] of [
        [pAlive, p0],
        [expPurchases30, e30],
        [expPurchases90, e90],
        [expPurchases365, e365],
        [clv365, c0],
        [churnProbability, ch0],
      ] as const) {
        expect(near(x, y), `customer ${exact.customerId}: ${x} vs ${y}`).toBe(true);
      }
      expect(vector === null).toBe(v0 === null);
    }
    const keys = (rows: { customerId: number; key: string }[]) => rows.map((r) => `${r.customerId}:${r.key}`);
    expect(keys(pick(after.tags))).toEqual(keys(pick(before.tags)));
  });

  test('a new event and order are reflected in the customer’s portrait within a second', async () => {
    const quiet = await db.customerProfile.findFirstOrThrow({
      where: { orderCount: 0, lastSeenAt: { not: null } },
      orderBy: { customerId: 'asc' },
    });
    const product = await db.product.findFirstOrThrow({
      where: { categoryId: { not: null } },
      include: { category: true },
    });
    const model = parseModelState((await db.setting.findUnique({ where: { key: MODEL_KEY } }))?.value)!;
    const at = new Date(model.asOf + 60_000);
    await db.$transaction([
      ...Array.from({ length: 3 }, (_, i) =>
        db.event.create({
          data: {
            dedupKey: `portrait-test-${i}`,
            customerId: quiet.customerId,
            type: 'purchase',
            ts: at,
            productId: product.id,
            categoryId: product.categoryId,
            price: product.price,
            quantity: 1,
            source: 'api',
          },
        }),
      ),
      db.order.create({
        data: {
          externalId: 'portrait-test-order',
          customerId: quiet.customerId,
          placedAt: at,
          status: 'completed',
          currency: 'CNY',
          total: product.price * 3,
          itemCount: 3,
        },
      }),
    ]);
    const res = await refreshCustomers([quiet.customerId]);
    expect(res.type).toBe('refreshed');
    const p = await db.customerProfile.findUniqueOrThrow({ where: { customerId: quiet.customerId } });
    expect(p.orderCount).toBe(1);
    expect(p.recencyDays).toBe(0);
    expect(p.rfmR).toBe(5);
    expect(p.rfmGroup).toBe(rfmGroupOf(p.rfmR!, p.rfmF!, p.rfmM!));
    expect(p.lifecycle).toBe('new');
    expect(p.updatedAt.getTime()).toBeGreaterThan(quiet.updatedAt.getTime());
    const tags = await db.customerTag.findMany({ where: { customerId: quiet.customerId }, include: { tag: true } });
    expect(tags.map((t) => t.tag.key)).toContain(`rfm:${p.rfmGroup}`);
    expect(tags.map((t) => t.tag.key)).toContain('lifecycle:new');
    const interest = tags.find((t) => t.tag.family === 'interest' && t.tag.key.includes(':likes:'));
    expect(interest, 'a purchase-driven interest tag').toBeTruthy();
    expect((interest!.reason as { text: { en: string } }).text.en).toMatch(/3 purchases/);
  });
});

describe('pages and roles', () => {
  test('every role reads a portrait and its timeline; the timeline filters by type and date', async () => {
    const p = await db.customerProfile.findFirstOrThrow({ where: { orderCount: { gte: 2 } } });
    for (const role of ['admin', 'marketer', 'manager'] as const) {
      const portrait = await getCustomerPortrait(actors[role], p.customerId);
      expect(portrait.profile?.rfmGroup).toBe(p.rfmGroup);
      expect(portrait.tags.rfm?.tag.key).toBe(`rfm:${p.rfmGroup}`);
      expect(portrait.canTag).toBe(role !== 'manager');
    }
    await expect(getCustomerPortrait(null, p.customerId)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(getCustomerPortrait(actors.manager, 99_999_999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const all = await getCustomerTimeline(actors.manager, p.customerId, {});
    expect(all.total).toBe(await db.event.count({ where: { customerId: p.customerId } }));
    const views = await getCustomerTimeline(actors.manager, p.customerId, { type: 'view' });
    expect(views.rows.every((r) => r.type === 'view')).toBe(true);
    const first = all.rows.at(-1)!.ts;
    const day = first.toISOString().slice(0, 10);
    const oneDay = await getCustomerTimeline(actors.manager, p.customerId, { from: day, to: day });
    expect(oneDay.rows.every((r) => r.ts.toISOString().slice(0, 10) === day)).toBe(true);
    await expect(getCustomerTimeline(actors.manager, p.customerId, { from: '2026-02-30' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  test('only admins change tag settings or start a recompute; everyone reads the models page', async () => {
    for (const role of ['marketer', 'manager'] as const) {
      await expect(savePortraitSettings(actors[role], {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(requestPortraitRecompute(actors[role])).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const page = await getPortraitModels(actors[role]);
      expect(page.canManage).toBe(false);
      expect(page.model?.rfm.grid.cells).toHaveLength(25);
    }
    await expect(
      savePortraitSettings(actors.admin, {
        halfLifeDays: 14,
        lookbackDays: 120,
        weights: { purchase: 8, cart: 4, click: 2, view: 1, search: 0.5 },
        lifecycle: { newDays: 30, atRiskDays: 200, churnDays: 180, reactivatedDays: 60 },
        churnHorizonDays: 90,
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await db.job.deleteMany({ where: { type: 'portraits', state: 'queued' } });
    const saved = await savePortraitSettings(actors.admin, {
      halfLifeDays: '14',
      lookbackDays: '120',
      weights: { purchase: 10, cart: 4, click: 2, view: 1, search: 0.5 },
      lifecycle: { newDays: 30, atRiskDays: 90, churnDays: 180, reactivatedDays: 60 },
      churnHorizonDays: 90,
    });
    expect(saved.settings.halfLifeDays).toBe(14);
    const again = await requestPortraitRecompute(actors.admin);
    expect(again.jobId).toBe(saved.jobId);
    expect(await db.auditLog.count({ where: { action: { in: ['portraits.settings', 'portraits.recompute'] } } })).toBe(
      2,
    );
    const page = await getPortraitModels(actors.admin);
    expect(page.canManage).toBe(true);
    expect(page.settings.halfLifeDays).toBe(14);
    expect(page.job?.state).toBe('queued');
  });
});
