import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { countSegment, listSegmentMembers, segmentIndexStore } from '@/lib/db/segments';
import { csvChunks } from '@/lib/csv/write';
import { localiseError, type AppError } from '@/lib/errors';
import type { SegmentDefinition } from '@/lib/schemas/segment';
import type { Role } from '@/lib/security/roles';
import type { UserActor } from '@/lib/services/auth/actor';
import { recomputePortraits } from '@/lib/services/portraits/recompute';
import { seedDemoShop, testActors } from '@/lib/testing/db/seed-shop';
import {
  archiveSegment,
  createSegment,
  duplicateSegment,
  explainMember,
  exportSegmentCsv,
  findCustomerForWhy,
  getSegment,
  getSegmentForEdit,
  listMembers,
  listSegments,
  previewLookalikes,
  previewSegment,
  restoreSegment,
  saveLookalikeSegment,
  SEGMENT_JOB_HANDLERS,
  snapshotAllSegments,
  updateSegment,
  withSegmentSnapshots,
} from './index';
import { rawDb, closeConnections } from '@/lib/db/connections';

let actors: Record<Role, UserActor>;
const raw = () => rawDb();
const group = (op: 'and' | 'or', ...children: SegmentDefinition['children']): SegmentDefinition => ({
  type: 'group',
  op,
  children,
});
const EMAIL: SegmentDefinition['children'][number] = { type: 'consent', channel: 'email', op: 'granted' };
let interestKey: string;

/** A nested definition: e-mail consent AND (bought in the last year OR an interest tag) AND NOT (lost). */
const nested = (): SegmentDefinition =>
  group(
    'and',
    EMAIL,
    group(
      'or',
      {
        type: 'behaviour',
        op: 'did',
        event: 'view',
        frequency: { op: 'at_least', value: 3 },
        window: { type: 'all_time' },
      },
      { type: 'tag', key: interestKey, op: 'has' },
    ),
    {
      type: 'group',
      op: 'or',
      negate: true,
      children: [{ type: 'profile', field: 'rfmGroup', op: 'in', value: ['lost'] }],
    },
  );

async function csvText(file: Awaited<ReturnType<typeof exportSegmentCsv>>) {
  let out = '';
  for await (const chunk of csvChunks(file.header, file.rows)) out += chunk;
  return out.replace(/^\uFEFF/, '');
}

beforeAll(async () => {
  await seedDemoShop();
  await recomputePortraits();
  actors = await testActors();
  const tag = await db.tag.findFirstOrThrow({
    where: { family: 'interest', customers: { some: {} } },
    orderBy: { id: 'asc' },
    select: { key: true },
  });
  interestKey = tag.key;
}, 300_000);

afterAll(async () => {
  const store = segmentIndexStore(rawDb());
  await store.idle();
  if (store.status.state === 'loading') await store.load().catch(() => undefined);
  await closeConnections();
  await db.$disconnect();
});

describe('segments: roles', () => {
  test('managers read but cannot build, change, export or expand; anonymous callers are refused', async () => {
    const { id } = await createSegment(actors.marketer, { name: 'Role check', definition: group('and', EMAIL) });
    const m = actors.manager;
    expect((await listSegments(m)).canEdit).toBe(false);
    expect((await getSegment(m, id)).canExport).toBe(false);
    await expect(listMembers(m, id)).resolves.toMatchObject({ page: 1 });
    for (const call of [
      () => createSegment(m, { name: 'x', definition: group('and') }),
      () => updateSegment(m, id, { name: 'x', definition: group('and') }),
      () => duplicateSegment(m, id),
      () => archiveSegment(m, id),
      () => getSegmentForEdit(m, id),
      () => previewSegment(m, { definition: group('and') }),
      () => exportSegmentCsv(m, id),
      () => previewLookalikes(m, { segmentId: id, size: 10 }),
      () => saveLookalikeSegment(m, { segmentId: id, size: 10, name: 'x' }),
    ])
      await expect(call()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listSegments(null)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(exportSegmentCsv(null, id)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await db.auditLog.count({ where: { action: 'segment.export', targetId: String(id) } })).toBe(0);
  });
});

describe('segments: building and saving', () => {
  test('validation: a bad name and each bad condition come back with their path and message; nothing is saved', async () => {
    const before = await db.segment.count();
    const bad = group(
      'and',
      { type: 'tag', key: '', op: 'has' },
      group(
        'or',
        { type: 'attribute', field: 'birthYear', op: 'between', value: [2000, 1990] },
        { type: 'orders', metric: 'count', op: 'gte', value: Number.NaN },
      ),
    );
    const err = await createSegment(actors.marketer, { name: 'Bad', definition: bad }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'INVALID_INPUT', key: 'segments.errors.definition' });
    const fieldErrors = localiseError(err as AppError, 'en').fieldErrors!;
    expect(Object.keys(fieldErrors).sort()).toEqual([
      'definition.children[0].key',
      'definition.children[1].children[0].value',
      'definition.children[1].children[1].value',
    ]);
    expect(fieldErrors['definition.children[0].key']).toEqual(['Enter a value.']);
    expect(fieldErrors['definition.children[1].children[0].value']).toEqual([
      'The first value must not be larger than the second.',
    ]);
    expect(localiseError(err as AppError, 'zh-CN')).toMatchObject({
      message: '请先修正标出的条件，再保存。',
      fieldErrors: { 'definition.children[0].key': ['请输入值。'] },
    });
    await expect(createSegment(actors.marketer, { name: '  ', definition: group('and') })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { fieldErrors: { name: [{ key: 'errors.input.name' }] } },
    });
    // the live preview reports the same problems without throwing, for the builder to show next to each condition
    const preview = await previewSegment(actors.marketer, { definition: bad });
    expect(preview.ok).toBe(false);
    if (!preview.ok)
      expect(preview.issues.map((i) => i.pathText)).toEqual([
        'children[0].key',
        'children[1].children[0].value',
        'children[1].children[1].value',
      ]);
    expect(await db.segment.count()).toBe(before);
  });

  test('live count: total and reachable per channel equal the compiled SQL (index and SQL paths), with a sample of members', async () => {
    const definition = nested();
    const sql = await countSegment(raw(), definition);
    const first = await previewSegment(actors.marketer, { definition }); // the index starts loading; SQL answers meanwhile
    if (!first.ok) throw new Error('preview failed');
    expect({ total: first.total, reachable: first.reachable }).toEqual(sql);
    await segmentIndexStore(raw()).load(); // from here on, live counts come from the in-memory index
    const preview = await previewSegment(actors.marketer, { definition });
    if (!preview.ok) throw new Error('preview failed');
    expect(preview.source).toBe('index');
    expect({ total: preview.total, reachable: preview.reachable }).toEqual(sql);
    expect(preview.total).toBeGreaterThan(0);
    expect(preview.population).toBe(await db.customer.count({ where: { erasedAt: null } }));
    const members = new Set((await listSegmentMembers(raw(), definition, { pageSize: 1000 })).rows.map((r) => r.id));
    expect(preview.sample.length).toBe(Math.min(8, preview.total));
    for (const s of preview.sample) expect(members.has(s.id)).toBe(true);
  });

  test('create, read in words, list, update, duplicate — audited, with a size snapshot each time', async () => {
    const { id } = await createSegment(actors.marketer, {
      name: 'Engaged e-mail',
      description: 'For the spring newsletter',
      definition: nested(),
    });
    const d = await getSegment(actors.marketer, id);
    expect(d.segment).toMatchObject({
      name: 'Engaged e-mail',
      description: 'For the spring newsletter',
      createdBy: 'marketer',
    });
    expect(d.count?.total).toBe((await countSegment(raw(), nested())).total);
    expect(d.described?.text).toEqual({ en: 'All of these are true', zh: '以下条件全部满足' });
    expect(d.described?.children?.[0]?.text).toEqual({ en: 'Has agreed to e-mail', zh: '已授权邮件' });
    expect(d.described?.children?.[1]?.children?.[0]?.text).toEqual({
      en: 'Viewed a product at least 3 times',
      zh: '浏览过商品至少 3 次',
    });
    expect(d.described?.children?.[2]?.text.en).toBe('None of these is true');
    expect(d.described?.children?.[2]?.children?.[0]?.text).toEqual({
      en: 'RFM group is one of Lost',
      zh: 'RFM 分组属于 已流失',
    });
    expect(d.history).toHaveLength(1);
    expect(d.history[0]!.size).toBe(d.count!.total);

    const list = await listSegments(actors.manager);
    expect(list.rows.find((r) => r.id === id)).toMatchObject({ name: 'Engaged e-mail', conditions: 4, isValid: true });

    await updateSegment(actors.marketer, id, {
      name: 'Engaged e-mail (SMS too)',
      description: '',
      definition: group('and', EMAIL, { type: 'consent', channel: 'sms', op: 'granted' }),
    });
    const after = await getSegment(actors.marketer, id);
    expect(after.segment).toMatchObject({ name: 'Engaged e-mail (SMS too)', description: null });
    expect(after.history).toHaveLength(2);
    expect(after.count!.reachable.sms).toBeLessThanOrEqual(after.count!.total);

    const copy = await duplicateSegment(actors.admin, id);
    expect((await getSegment(actors.admin, copy.id)).segment).toMatchObject({
      name: 'Engaged e-mail (SMS too) (copy)',
      createdBy: 'admin',
    });
    const actions = (
      await db.auditLog.findMany({
        where: { targetType: 'segment', targetId: { in: [String(id), String(copy.id)] } },
        orderBy: { id: 'asc' },
      })
    ).map((a) => a.action);
    expect(actions).toEqual(['segment.create', 'segment.update', 'segment.duplicate']);
  });

  test('references: membership of another segment works; a cycle is refused on the condition that makes it', async () => {
    const a = await createSegment(actors.marketer, { name: 'A', definition: group('and', EMAIL) });
    const b = await createSegment(actors.marketer, {
      name: 'B',
      definition: group(
        'and',
        { type: 'segment', segmentId: a.id, op: 'member' },
        { type: 'consent', channel: 'push', op: 'granted' },
      ),
    });
    const both = await countSegment(raw(), group('and', EMAIL, { type: 'consent', channel: 'push', op: 'granted' }));
    expect((await getSegment(actors.marketer, b.id)).count?.total).toBe(both.total);
    expect((await getSegment(actors.marketer, b.id)).described?.children?.[0]?.text).toEqual({
      en: 'Is in segment “A”',
      zh: '属于分群「A」',
    });
    const cyclic = group('and', EMAIL, { type: 'segment', segmentId: b.id, op: 'not_member' });
    const preview = await previewSegment(actors.marketer, { definition: cyclic, segmentId: a.id });
    expect(preview).toMatchObject({
      ok: false,
      issues: [
        { pathText: 'children[1]', key: 'segments.issues.cycle', params: { chain: `#${a.id} → #${b.id} → #${a.id}` } },
      ],
    });
    await expect(updateSegment(actors.marketer, a.id, { name: 'A', definition: cyclic })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: {
        fieldErrors: { 'definition.children[1]': [expect.objectContaining({ key: 'segments.issues.cycle' })] },
      },
    });
    await expect(
      createSegment(actors.marketer, {
        name: 'C',
        definition: group('and', { type: 'segment', segmentId: 99_999_999, op: 'member' }),
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  test('archive and restore; archiving is refused while a campaign still needs the segment', async () => {
    const { id } = await createSegment(actors.marketer, { name: 'Audience', definition: group('and', EMAIL) });
    const campaign = await db.campaign.create({
      data: {
        name: 'Spring draft',
        channel: 'email',
        goal: 'click',
        salt: 's',
        createdById: actors.marketer.userId,
        segmentId: id,
      },
    });
    await expect(archiveSegment(actors.marketer, id)).rejects.toMatchObject({
      code: 'CONFLICT',
      key: 'segments.errors.usedByCampaigns',
      message: expect.stringContaining('Spring draft'),
    });
    await db.campaign.update({ where: { id: campaign.id }, data: { status: 'completed' } });
    await archiveSegment(actors.marketer, id);
    expect((await listSegments(actors.marketer)).rows.some((r) => r.id === id)).toBe(false);
    expect((await listSegments(actors.marketer, { archived: '1' })).rows.some((r) => r.id === id)).toBe(true);
    await expect(updateSegment(actors.marketer, id, { name: 'x', definition: group('and') })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await restoreSegment(actors.marketer, id);
    expect((await listSegments(actors.marketer)).rows.some((r) => r.id === id)).toBe(true);
  });
});

describe('segments: members, why, export', () => {
  test('members page and "why is this customer in?" agree with the compiled query', async () => {
    const { id } = await createSegment(actors.marketer, { name: 'Why', definition: nested() });
    const page = await listMembers(actors.manager, id, 1);
    expect(page.total).toBe((await countSegment(raw(), nested())).total);
    const member = page.rows[0]!;
    const why = await explainMember(actors.manager, id, member.id);
    expect(why).toMatchObject({ member: true, consistent: true, erased: false, customer: { id: member.id } });
    expect(why.tree.kind).toBe('group');
    expect(why.tree.children[0]).toMatchObject({
      satisfied: true,
      text: { en: 'Has agreed to e-mail' },
      found: { en: 'granted (needs granted)' },
    });
    const outsider = await db.customer.findFirstOrThrow({
      where: { consentEmail: false, erasedAt: null },
      select: { id: true, externalId: true },
    });
    const no = await explainMember(actors.manager, id, outsider.id);
    expect(no).toMatchObject({ member: false, consistent: true });
    expect(no.tree.children[0]).toMatchObject({ satisfied: false });
    expect(await findCustomerForWhy(actors.manager, outsider.externalId)).toEqual({ id: outsider.id });
    expect(await findCustomerForWhy(actors.manager, 'NO-SUCH-CUSTOMER')).toBeNull();
    await expect(explainMember(actors.manager, id, 99_999_999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  test('CSV export: consent respected, formula cells neutralised, audit-logged', async () => {
    const hostile = await db.customer.findFirstOrThrow({
      where: { consentEmail: true, consentSms: false, erasedAt: null, email: { not: null }, phone: { not: null } },
      select: { id: true, externalId: true, name: true, region: true, email: true, phone: true },
    });
    await db.customer.update({
      where: { id: hostile.id },
      data: { name: '=HYPERLINK("http://evil.example","click")', region: '+cmd|calc', phone: '+8613811112222' },
    });
    try {
      const { id } = await createSegment(actors.marketer, {
        name: 'Export =1+1',
        definition: group('and', { type: 'attribute', field: 'externalId', op: 'in', value: [hostile.externalId] }),
      });
      const all = await exportSegmentCsv(actors.marketer, id);
      const text = await csvText(all);
      const [header, line, ...rest] = text.split('\r\n');
      expect(header).toBe(
        'customer_id,name,email,phone,region,city,signup_date,consent_email,consent_sms,consent_push,rfm_group,lifecycle,clv_365',
      );
      expect(rest).toEqual(['']);
      expect(line).toContain(`${hostile.externalId},"'=HYPERLINK(""http://evil.example"",""click"")"`);
      expect(line).toContain(",'+cmd|calc,");
      expect(line).toContain(`,${hostile.email},,`); // e-mail shown (consent given), phone left empty (no SMS consent)
      expect(line).not.toContain('13811112222');
      expect(all.fileName).toMatch(/^segment-\d+-Export-1-1\.csv$/);
      const sms = await csvText(await exportSegmentCsv(actors.admin, id, { channel: 'sms' }));
      expect(sms.split('\r\n').filter(Boolean)).toHaveLength(1); // header only: not reachable by SMS
      const audit = await db.auditLog.findMany({
        where: { action: 'segment.export', targetId: String(id) },
        orderBy: { id: 'asc' },
      });
      expect(
        audit.map((a) => [
          a.actorId,
          (a.details as { channel: string; members: number }).channel,
          (a.details as { members: number }).members,
        ]),
      ).toEqual([
        [actors.marketer.userId, 'all', 1],
        [actors.admin.userId, 'sms', 0],
      ]);
      await expect(exportSegmentCsv(actors.marketer, id, { channel: 'fax' })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
    } finally {
      await db.customer.update({
        where: { id: hostile.id },
        data: { name: hostile.name, region: hostile.region, phone: hostile.phone },
      });
    }
  });
});

describe('segments: lookalikes and snapshots', () => {
  test('lookalikes exclude members, come most similar first, and save as seed OR a similarity-scored tag', async () => {
    const { id } = await createSegment(actors.marketer, {
      name: 'Seed',
      definition: group('and', { type: 'tag', key: interestKey, op: 'has' }),
    });
    const seed = new Set(
      (
        await listSegmentMembers(raw(), group('and', { type: 'tag', key: interestKey, op: 'has' }), { pageSize: 1000 })
      ).rows.map((r) => r.id),
    );
    const look = await previewLookalikes(actors.marketer, { segmentId: id, size: 40 });
    expect(look.members).toBe(seed.size);
    expect(look.count).toBe(40);
    expect(look.shown).toHaveLength(40);
    for (const m of look.shown) expect(seed.has(m.id)).toBe(false);
    const sims = look.shown.map((m) => m.similarity);
    expect([...sims].sort((a, b) => b - a)).toEqual(sims);
    expect(look.maxSimilarity).toBe(sims[0]);
    expect(sims.every((s) => s <= 1 + 1e-6 && s > -1)).toBe(true);

    const saved = await saveLookalikeSegment(actors.marketer, {
      segmentId: id,
      size: 40,
      name: 'Seed + lookalikes',
      includeSeed: true,
    });
    const tag = await db.tag.findUniqueOrThrow({ where: { id: saved.tagId }, include: { customers: true } });
    expect(tag).toMatchObject({ key: `custom:lookalike-${id}`, kind: 'custom', family: 'custom' });
    expect(tag.labelZh).toContain('相似客户');
    expect(new Set(tag.customers.map((c) => c.customerId))).toEqual(new Set(look.shown.map((m) => m.id)));
    expect(tag.customers.find((c) => c.customerId === look.shown[0]!.id)?.score).toBeCloseTo(
      look.shown[0]!.similarity,
      3,
    );
    const d = await getSegment(actors.marketer, saved.id);
    expect(d.count?.total).toBe(seed.size + 40);
    expect(d.described?.text.en).toBe('At least one of these is true');
    expect(await db.auditLog.count({ where: { action: 'segment.lookalike', targetId: String(saved.id) } })).toBe(1);
    // a second expansion of the same seed gets its own tag
    const again = await saveLookalikeSegment(actors.marketer, {
      segmentId: id,
      size: 5,
      name: 'Only lookalikes',
      includeSeed: false,
    });
    expect((await db.tag.findUniqueOrThrow({ where: { id: again.tagId } })).key).toBe(`custom:lookalike-${id}-2`);
    expect((await getSegment(actors.marketer, again.id)).count?.total).toBe(5);
  });

  test('snapshots of every active segment, once per run time (a re-run adds nothing)', async () => {
    const at = new Date(Date.UTC(2030, 0, 1));
    const first = await snapshotAllSegments(at);
    const active = await db.segment.count({ where: { archivedAt: null } });
    expect(first.segments).toBe(active);
    expect(first.recorded + first.skipped.length).toBe(active);
    const again = await snapshotAllSegments(at);
    expect(again.recorded).toBe(0);
    expect(await db.segmentSnapshot.count({ where: { at } })).toBe(first.recorded);
  });

  test('a successful portraits run queues the snapshot job once; the job records a snapshot per active segment', async () => {
    const ctx = (jobId: string, payload: unknown = {}) => ({
      jobId,
      payload,
      signal: new AbortController().signal,
      progress: () => undefined,
    });
    const wrapped = withSegmentSnapshots({ portraits: async () => ({ done: true }) });
    expect(await wrapped.portraits!(ctx('job-1'))).toEqual({ done: true });
    await wrapped.portraits!(ctx('job-1')); // a re-run of the same job queues nothing more
    const jobs = await db.job.findMany({
      where: { type: 'segment-snapshots', idempotencyKey: 'segments:snapshots:portraits:job-1' },
    });
    expect(jobs).toHaveLength(1);
    const before = await db.segmentSnapshot.count();
    const result = (await SEGMENT_JOB_HANDLERS['segment-snapshots']!(ctx(jobs[0]!.id, jobs[0]!.payload))) as {
      recorded: number;
      skipped: unknown[];
    };
    expect(result.recorded).toBeGreaterThan(0);
    expect(result.recorded + result.skipped.length).toBe(await db.segment.count({ where: { archivedAt: null } }));
    expect(await db.segmentSnapshot.count()).toBe(before + result.recorded);
    const failing = withSegmentSnapshots({ portraits: async () => Promise.reject(new Error('boom')) });
    await expect(failing.portraits!(ctx('job-2'))).rejects.toThrow('boom');
    expect(await db.job.count({ where: { idempotencyKey: 'segments:snapshots:portraits:job-2' } })).toBe(0);
  });
});
