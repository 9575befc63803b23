import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { closeConnections } from '@/lib/db/connections';
import type { Role } from '@/lib/security/roles';
import type { UserActor } from './auth/actor';
import { browseCustomerList, listQueryString } from './customers-list';
import { deleteCustomerView, listCustomerViews, saveCustomerView } from './customers-views';
import { recomputePortraits } from './portraits/recompute';
import { seedDemoShop, testActors } from '@/lib/testing/db/seed-shop';
import { createSegment } from './segments';

type Expected = {
  id: number;
  name: string | null;
  signupAt: number | null;
  orders: number;
  revenue: number;
  last: number | null;
  clv: number | null;
  churn: number | null;
  consentEmail: boolean;
  erased: boolean;
  region: string | null;
  rfm: string | null;
  stage: string | null;
};

let actors: Record<Role, UserActor>;
let all: Expected[];

/** The whole population computed in plain code from Prisma reads: the reference the SQL list is checked against. */
async function reference(): Promise<Expected[]> {
  const [customers, orders] = await Promise.all([
    db.customer.findMany({
      select: {
        id: true,
        name: true,
        signupAt: true,
        consentEmail: true,
        erasedAt: true,
        region: true,
        profile: { select: { clv365: true, churnProbability: true, rfmGroup: true, lifecycle: true } },
      },
    }),
    db.order.findMany({ where: { status: 'completed' }, select: { customerId: true, total: true, placedAt: true } }),
  ]);
  const stats = new Map<number, { n: number; sum: number; last: number }>();
  for (const o of orders) {
    const s = stats.get(o.customerId) ?? { n: 0, sum: 0, last: 0 };
    s.n += 1;
    s.sum += o.total;
    s.last = Math.max(s.last, o.placedAt.getTime());
    stats.set(o.customerId, s);
  }
  return customers.map((c) => {
    const s = stats.get(c.id);
    return {
      id: c.id,
      name: c.name,
      signupAt: c.signupAt?.getTime() ?? null,
      orders: s?.n ?? 0,
      revenue: s?.sum ?? 0,
      last: s?.last ?? null,
      clv: c.profile?.clv365 ?? null,
      churn: c.profile?.churnProbability ?? null,
      consentEmail: c.consentEmail,
      erased: c.erasedAt !== null,
      region: c.region,
      rfm: c.profile?.rfmGroup ?? null,
      stage: c.profile?.lifecycle ?? null,
    };
  });
}

const KEYS: Record<string, (e: Expected) => number | string | null> = {
  name: (e) => (e.name === null ? null : e.name.replace(/[A-Z]/g, (ch) => ch.toLowerCase())),
  signup: (e) => e.signupAt,
  orders: (e) => e.orders,
  revenue: (e) => e.revenue,
  lastOrder: (e) => e.last,
  clv: (e) => e.clv,
  churn: (e) => e.churn,
};

/** Expected order: empty values last, then the key in the direction asked, then the id ascending. */
function sorted(rows: Expected[], sort: string, dir: 'asc' | 'desc') {
  const key = KEYS[sort]!;
  return [...rows].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    if (x === null || y === null) return x === y ? a.id - b.id : x === null ? 1 : -1;
    if (typeof x === 'number' && typeof y === 'number' && Math.abs(x - y) > 1e-6) return dir === 'asc' ? x - y : y - x;
    if (typeof x === 'string' && x !== y) return (x < (y as string) ? -1 : 1) * (dir === 'asc' ? 1 : -1);
    if (sort === 'name' && a.name !== b.name)
      return ((a.name ?? '') < (b.name ?? '') ? -1 : 1) * (dir === 'asc' ? 1 : -1);
    return a.id - b.id;
  });
}

async function allPages(actor: UserActor, params: Record<string, string>) {
  const ids: number[] = [];
  for (let page = 1; ; page++) {
    const list = await browseCustomerList(actor, { ...params, size: '100', page: String(page) });
    expect(list.ignored).toEqual([]);
    ids.push(...list.rows.map((r) => r.id));
    if (page * 100 >= list.total) return { ids, total: list.total };
  }
}

beforeAll(async () => {
  await seedDemoShop({ customers: 400, products: 80, events: 12_000, seed: 21 });
  await recomputePortraits();
  actors = await testActors();
  all = await reference();
}, 300_000);

afterAll(async () => {
  await closeConnections();
  await db.$disconnect();
});

describe('customer list: sort', () => {
  test('by default the biggest spenders come first, not new sign-ups without orders', async () => {
    const list = await browseCustomerList(actors.manager, {});
    expect(list.params).toMatchObject({ sort: 'revenue', dir: 'desc', page: 1, size: 25 });
    expect(list.rows.map((r) => r.id)).toEqual(
      sorted(all, 'revenue', 'desc')
        .slice(0, 25)
        .map((e) => e.id),
    );
    expect(list.rows.every((r) => r.orders > 0)).toBe(true);
    const first = all.find((e) => e.id === list.rows[0]!.id)!;
    expect(list.rows[0]).toMatchObject({ orders: first.orders, lastOrderAt: first.last });
    expect(list.rows[0]!.revenue).toBeCloseTo(first.revenue, 6);
  });

  test.each(
    Object.keys(KEYS).flatMap(
      (sort) =>
        [
          [sort, 'asc'],
          [sort, 'desc'],
        ] as const,
    ),
  )('by %s %s, every page in order, none repeated or skipped', async (sort, dir) => {
    const { ids, total } = await allPages(actors.marketer, { sort, dir });
    expect(total).toBe(all.length);
    expect(ids).toEqual(sorted(all, sort, dir).map((e) => e.id));
  });
});

describe('customer list: filters', () => {
  test('RFM group, lifecycle stage and region, alone and together', async () => {
    const rfm = all.find((e) => e.rfm)!.rfm!;
    const stage = all.find((e) => e.stage)!.stage!;
    const region = all.find((e) => e.region)!.region!;
    const expectIds = (f: (e: Expected) => boolean) => sorted(all.filter(f), 'orders', 'desc').map((e) => e.id);
    expect((await allPages(actors.manager, { rfm, sort: 'orders' })).ids).toEqual(expectIds((e) => e.rfm === rfm));
    expect((await allPages(actors.manager, { stage, sort: 'orders' })).ids).toEqual(
      expectIds((e) => e.stage === stage),
    );
    expect((await allPages(actors.manager, { rfm, stage, region, sort: 'orders' })).ids).toEqual(
      expectIds((e) => e.rfm === rfm && e.stage === stage && e.region === region),
    );
  });

  test('a tag: its members as stored in CustomerTag', async () => {
    const tag = await db.tag.findFirstOrThrow({
      where: { family: 'interest', customers: { some: {} } },
      select: { id: true, key: true },
    });
    const members = new Set(
      (await db.customerTag.findMany({ where: { tagId: tag.id }, select: { customerId: true } })).map(
        (r) => r.customerId,
      ),
    );
    const { ids } = await allPages(actors.manager, { tag: tag.key, sort: 'name', dir: 'asc' });
    expect(ids).toEqual(
      sorted(
        all.filter((e) => members.has(e.id)),
        'name',
        'asc',
      ).map((e) => e.id),
    );
  });

  test('segment membership, combined with a search', async () => {
    const { id } = await createSegment(actors.marketer, {
      name: 'E-mail consent',
      definition: { type: 'group', op: 'and', children: [{ type: 'consent', channel: 'email', op: 'granted' }] },
    });
    const { ids } = await allPages(actors.manager, { segment: String(id) });
    expect(ids).toEqual(
      sorted(
        all.filter((e) => e.consentEmail && !e.erased),
        'revenue',
        'desc',
      ).map((e) => e.id),
    );
    const someone = all.find((e) => e.consentEmail && e.name)!;
    const word = someone.name!.split(' ')[0]!.toUpperCase();
    const found = await allPages(actors.manager, { segment: String(id), q: word });
    const expected = all.filter(
      (e) => e.consentEmail && !e.erased && (e.name ?? '').toLowerCase().includes(word.toLowerCase()),
    );
    expect(found.ids).toEqual(expect.arrayContaining(expected.map((e) => e.id)));
    expect(found.ids).toContain(someone.id);
  });

  test('bad parameters are ignored one by one and reported; the rest still apply', async () => {
    const rfm = all.find((e) => e.rfm)!.rfm!;
    const list = await browseCustomerList(actors.manager, {
      rfm,
      sort: 'drop table',
      dir: 'up',
      page: '-1',
      size: '7',
      segment: '999999',
      tag: 'no:such-tag',
      stage: 'zombie',
    });
    expect(list.ignored).toEqual([
      { param: 'stage', value: 'zombie', reason: 'invalid' },
      { param: 'sort', value: 'drop table', reason: 'invalid' },
      { param: 'dir', value: 'up', reason: 'invalid' },
      { param: 'page', value: '-1', reason: 'invalid' },
      { param: 'size', value: '7', reason: 'invalid' },
      { param: 'tag', value: 'no:such-tag', reason: 'unknown' },
      { param: 'segment', value: '999999', reason: 'unknown' },
    ]);
    expect(list.params).toMatchObject({
      rfm,
      sort: 'revenue',
      dir: 'desc',
      page: 1,
      size: 25,
      tag: undefined,
      segment: undefined,
    });
    expect(list.total).toBe(all.filter((e) => e.rfm === rfm).length);
    const hostile = await browseCustomerList(actors.manager, { q: `%_\\'"; --` });
    expect(hostile.total).toBe(0);
  });

  test('anonymous callers are refused', async () => {
    await expect(browseCustomerList(null, {})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('customer list: saved views', () => {
  test('saved per user under a name, reopened as a canonical query, replaced by name, deleted', async () => {
    const { marketer, manager } = actors;
    const saved = await saveCustomerView(marketer, {
      name: 'Champions by CLV',
      query: '?rfm=champions&sort=clv&dir=desc&page=3&evil=1',
    });
    expect(saved.query).toBe('rfm=champions&sort=clv&dir=desc');
    await saveCustomerView(marketer, { name: 'Default', query: 'sort=revenue&dir=desc&size=25' });
    expect((await listCustomerViews(marketer)).map((v) => [v.name, v.query])).toEqual([
      ['Champions by CLV', 'rfm=champions&sort=clv&dir=desc'],
      ['Default', ''],
    ]);
    expect(await listCustomerViews(manager)).toEqual([]);

    const reopened = await browseCustomerList(marketer, Object.fromEntries(new URLSearchParams(saved.query)));
    expect(reopened.params).toMatchObject({ rfm: 'champions', sort: 'clv', dir: 'desc' });
    expect(listQueryString(reopened.params)).toBe(saved.query);

    const replaced = await saveCustomerView(marketer, { name: 'champions by clv', query: 'stage=active' });
    expect(replaced.query).toBe('stage=active');
    const views = await listCustomerViews(marketer);
    expect(views).toHaveLength(2);
    expect(views.find((v) => v.id === saved.id)).toMatchObject({ name: 'champions by clv', query: 'stage=active' });

    await expect(deleteCustomerView(manager, saved.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await deleteCustomerView(marketer, saved.id);
    expect((await listCustomerViews(marketer)).map((v) => v.name)).toEqual(['Default']);
    await expect(saveCustomerView(marketer, { name: '   ', query: '' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(saveCustomerView(marketer, { name: 'x'.repeat(61), query: '' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
