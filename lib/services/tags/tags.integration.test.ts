import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import type { UserActor } from '@/lib/services/auth/actor';
import { recomputePortraits } from '@/lib/services/portraits/recompute';
import { refreshCustomers } from '@/lib/services/portraits/refresh';
import { seedDemoShop, testActors } from '@/lib/testing/db/seed-shop';
import type { Role } from '@/lib/security/roles';
import { setTagRule } from './rules';
import {
  assignCustomTag,
  createCustomTag,
  deleteCustomTag,
  getTagDetail,
  listTaxonomy,
  unassignCustomTag,
  updateCustomTag,
} from './tags';
import { uploadTagMembers } from './upload';
import { closeConnections } from '@/lib/db/connections';
import { pseudonym } from '@/lib/security/pseudonym';

const DAY = 86_400_000;
let actors: Record<Role, UserActor>;
let customers: { id: number; externalId: string }[];
const today = () => new Date(Math.floor(Date.now() / DAY) * DAY);
const members = async (tagId: number) =>
  await db.customerTag.findMany({
    where: { tagId },
    orderBy: { customerId: 'asc' },
    select: { customerId: true, source: true },
  });

beforeAll(async () => {
  await seedDemoShop();
  await recomputePortraits();
  actors = await testActors();
  customers = await db.customer.findMany({ orderBy: { id: 'asc' }, select: { id: true, externalId: true } });
}, 300_000);

afterAll(async () => {
  await closeConnections();
  await db.$disconnect();
});

describe('custom tags', () => {
  test('roles: marketers and admins manage custom tags, managers and anonymous callers cannot, system tags are never edited', async () => {
    await expect(createCustomTag(actors.manager, { label: 'Nope' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createCustomTag(null, { label: 'Nope' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const tag = await createCustomTag(actors.marketer, { label: 'Role check' });
    await expect(
      assignCustomTag(actors.manager, { tagId: tag.id, customerId: customers[0]!.id }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      uploadTagMembers(actors.manager, { tagId: tag.id }, Buffer.from('customer_id\nx\n')),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(setTagRule(actors.manager, { tagId: tag.id, rule: null })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(deleteCustomTag(actors.manager, tag.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const system = await db.tag.findFirstOrThrow({ where: { kind: 'system' } });
    await expect(updateCustomTag(actors.admin, { tagId: system.id, label: 'Hijack' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      assignCustomTag(actors.admin, { tagId: system.id, customerId: customers[0]!.id }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const taxonomy = await listTaxonomy(actors.manager);
    expect(taxonomy.canEdit).toBe(false);
    expect((await listTaxonomy(actors.marketer)).canEdit).toBe(true);
    await deleteCustomTag(actors.admin, tag.id);
    expect(await db.tag.findUnique({ where: { id: tag.id } })).toBeNull();
  });

  test('assigned and removed by hand, with coverage and audit', async () => {
    const tag = await createCustomTag(actors.marketer, {
      label: 'VIP customers',
      labelZh: 'VIP客户',
      description: 'Invited to the spring preview',
    });
    expect(tag.key).toBe('custom:vip-customers');
    expect((await createCustomTag(actors.marketer, { label: 'VIP customers' })).key).toBe('custom:vip-customers-2');
    const [a, b] = customers;
    expect(await assignCustomTag(actors.marketer, { tagId: tag.id, customerId: a!.id })).toEqual({ added: true });
    expect(await assignCustomTag(actors.marketer, { tagId: tag.id, customerId: a!.id })).toEqual({ added: false });
    await assignCustomTag(actors.marketer, { tagId: tag.id, customerId: b!.id });
    expect(await members(tag.id)).toEqual([
      { customerId: a!.id, source: 'manual' },
      { customerId: b!.id, source: 'manual' },
    ]);
    expect(
      (await db.tagCoverage.findUniqueOrThrow({ where: { tagId_day: { tagId: tag.id, day: today() } } })).count,
    ).toBe(2);
    expect(await unassignCustomTag(actors.marketer, { tagId: tag.id, customerId: a!.id })).toEqual({ removed: true });
    expect(
      (await db.tagCoverage.findUniqueOrThrow({ where: { tagId_day: { tagId: tag.id, day: today() } } })).count,
    ).toBe(1);
    await expect(assignCustomTag(actors.marketer, { tagId: tag.id, customerId: 99_999_999 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      await db.auditLog.count({
        where: {
          action: { in: ['tag.assign', 'tag.unassign'] },
          // customer targets are pseudonymised in the audit log (keyed HMAC)
          targetId: { in: [a!.id, b!.id].map((id) => pseudonym('customer', id, process.env.PRECISA_PEPPER!)) },
        },
      }),
    ).toBe(4);
    // a full recompute leaves hand-made tags alone
    await recomputePortraits();
    expect(await members(tag.id)).toEqual([{ customerId: b!.id, source: 'manual' }]);
    const detail = await getTagDetail(actors.manager, tag.id);
    expect(detail.memberCount).toBe(1);
    expect(detail.canEdit).toBe(false);
    expect((await getTagDetail(actors.marketer, tag.id)).canEdit).toBe(true);
  });

  test('uploaded as a CSV of customer ids: unknown ids and unreadable rows come back with their line numbers, formula-safe', async () => {
    const tag = await createCustomTag(actors.marketer, { label: 'Spring list' });
    const [a, b, c] = customers;
    const csv = [
      'name,customer_id', // line 1: header, the id column is found by name
      `Ann,${a!.externalId}`, // 2
      'Bob,NOPE-1', // 3: unknown
      '', // 4: blank, ignored
      `Cat,${b!.externalId}`, // 5
      `Dup,${a!.externalId}`, // 6: duplicate
      'Evil,"=HYPERLINK(""http://evil.example"",""x"")"', // 7: unknown, formula-like
      `Long,${'x'.repeat(201)}`, // 8: too long
      `Cee,${c!.externalId}`, // 9
      'Broken,"unterminated', // 10: broken quoting
    ].join('\r\n');
    const report = await uploadTagMembers(actors.marketer, { tagId: tag.id }, Buffer.from(`\uFEFF${csv}`, 'utf8'));
    expect(report).toMatchObject({
      rows: 8,
      matched: 3,
      added: 3,
      duplicates: 1,
      unknown: 2,
      rejected: 2,
      encoding: 'utf-8',
    });
    expect(report.problems.map((p) => [p.line, p.reason])).toEqual([
      [3, 'unknown'],
      [7, 'unknown'],
      [8, 'too-long'],
      [10, 'unreadable'],
    ]);
    expect(report.problems[1]!.value).toBe('=HYPERLINK("http://evil.example","x")');
    expect(report.problemsCsv).toContain(`'=HYPERLINK`);
    expect(report.problemsCsv).not.toMatch(/(^|,)=HYPERLINK/m);
    expect((await members(tag.id)).map((m) => m.customerId)).toEqual([a!.id, b!.id, c!.id].sort((x, y) => x - y));
    expect((await members(tag.id)).every((m) => m.source === 'upload')).toBe(true);

    // GB18030 (GBK) with a Chinese header, replacing the members
    const gbk = Buffer.concat([
      Buffer.from([0xbf, 0xcd, 0xbb, 0xa7, 0x49, 0x44]),
      Buffer.from(`\r\n${c!.externalId}\r\n`),
    ]); // 客户ID
    const replaced = await uploadTagMembers(actors.marketer, { tagId: tag.id, mode: 'replace' }, gbk);
    expect(replaced).toMatchObject({ rows: 1, matched: 1, encoding: 'gb18030' });
    expect((await members(tag.id)).map((m) => m.customerId)).toEqual([c!.id]);
    await expect(uploadTagMembers(actors.marketer, { tagId: tag.id }, new Uint8Array(0))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(
      uploadTagMembers(actors.marketer, { tagId: tag.id }, Buffer.from([0xff, 0xfe, 0x41, 0x00])),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('rule tags (segment language)', () => {
  test('members follow the rule through saving, recomputes and incremental refreshes', async () => {
    const tag = await createCustomTag(actors.marketer, { label: 'Best customers' });
    const rule = {
      type: 'group',
      op: 'and',
      children: [{ type: 'profile', field: 'rfmGroup', op: 'in', value: ['champions', 'loyal'] }],
    };
    const expected = async () =>
      (
        await db.customerProfile.findMany({
          where: { rfmGroup: { in: ['champions', 'loyal'] } },
          orderBy: { customerId: 'asc' },
          select: { customerId: true },
        })
      ).map((p) => p.customerId);
    const saved = await setTagRule(actors.marketer, { tagId: tag.id, rule: JSON.stringify(rule) });
    const want = await expected();
    expect(want.length).toBeGreaterThan(10);
    expect(saved.members).toBe(want.length);
    expect((await members(tag.id)).map((m) => m.customerId)).toEqual(want);
    expect((await members(tag.id)).every((m) => m.source === 'rule')).toBe(true);
    await expect(
      assignCustomTag(actors.marketer, { tagId: tag.id, customerId: customers[0]!.id }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      setTagRule(actors.marketer, {
        tagId: tag.id,
        rule: {
          type: 'group',
          op: 'and',
          children: [{ type: 'profile', field: 'rfmGroup', op: 'eq', value: 'royalty' }],
        },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      setTagRule(actors.marketer, {
        tagId: tag.id,
        rule: { type: 'group', op: 'and', children: [{ type: 'tag', key: tag.key, op: 'has' }] },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(setTagRule(actors.marketer, { tagId: tag.id, rule: '{not json' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });

    // a new order makes a quiet customer a member within the incremental refresh
    const quiet = await db.customerProfile.findFirstOrThrow({
      where: { orderCount: 0 },
      orderBy: { customerId: 'desc' },
    });
    const model = await db.setting.findUniqueOrThrow({ where: { key: 'portraits.model' } });
    const asOf = (model.value as { asOf: number }).asOf;
    for (let i = 0; i < 12; i++) {
      await db.order.create({
        data: {
          externalId: `rule-test-${i}`,
          customerId: quiet.customerId,
          placedAt: new Date(asOf - i * 7 * DAY),
          status: 'completed',
          currency: 'CNY',
          total: 5000,
          itemCount: 1,
        },
      });
    }
    await refreshCustomers([quiet.customerId]);
    const group = (await db.customerProfile.findUniqueOrThrow({ where: { customerId: quiet.customerId } })).rfmGroup;
    expect(group).toBe('champions');
    expect((await members(tag.id)).map((m) => m.customerId)).toContain(quiet.customerId);

    // a full recompute re-evaluates it for everyone
    await recomputePortraits();
    expect((await members(tag.id)).map((m) => m.customerId)).toEqual(await expected());

    // removing the rule keeps the members, as hand-made assignments
    const cleared = await setTagRule(actors.marketer, { tagId: tag.id, rule: null });
    expect(cleared.members).toBe((await expected()).length);
    expect((await members(tag.id)).every((m) => m.source === 'manual')).toBe(true);
    expect((await db.tag.findUniqueOrThrow({ where: { id: tag.id } })).rule).toBeNull();
  });
});

describe('taxonomy', () => {
  test('families with live coverage, today’s trend point, and members by score', async () => {
    const taxonomy = await listTaxonomy(actors.manager);
    expect(taxonomy.families.map((f) => f.family)).toEqual(['rfm', 'lifecycle', 'clv', 'churn', 'interest', 'custom']);
    expect(taxonomy.totalCustomers).toBe(await db.customer.count());
    const rfm = taxonomy.families[0]!.tags;
    expect(rfm.map((t) => t.key)).toEqual(
      [
        'champions',
        'loyal',
        'potential-loyalists',
        'new',
        'promising',
        'needs-attention',
        'about-to-sleep',
        'at-risk',
        'cant-lose',
        'hibernating',
        'lost',
      ].map((g) => `rfm:${g}`),
    );
    for (const t of rfm) {
      expect(t.customers).toBe(await db.customerTag.count({ where: { tagId: t.id } }));
      expect(t.trend.at(-1)).toEqual({ day: today().getTime(), count: t.customers });
    }
    expect(taxonomy.lastComputedAt).not.toBeNull();
    const champions = rfm[0]!;
    const detail = await getTagDetail(actors.manager, champions.id);
    expect(detail.members.length).toBeGreaterThan(0);
    const scores = detail.members.map((m) => m.score);
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
    await expect(getTagDetail(actors.manager, 99_999_999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
