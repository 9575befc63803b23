import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { getChainHead, writeAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { closeConnections } from '@/lib/db/connections';
import { verifyAuditChain, verifyChain } from './audit';
import { testActors } from '@/lib/testing/db/seed-shop';

const entry = (i: number) => ({
  actorType: 'system' as const,
  action: 'test.write',
  targetType: 'test',
  targetId: i,
  details: { i, email: `person${i}@example.com`, nested: { b: 2, a: [1, { z: 'x', y: null }] } },
});

describe('hash-chained audit log', () => {
  afterAll(() => closeConnections());

  test('entries link to the previous one; personal identifiers are stored as keyed pseudonyms', async () => {
    for (let i = 0; i < 5; i++) await writeAudit(db, entry(i));
    const rows = await db.auditLog.findMany({ orderBy: { seq: 'asc' } });
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]!.prevHash).toBe('0'.repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    expect(JSON.stringify(rows.map((r) => r.details))).not.toContain('@example.com');
    expect((rows[0]!.details as { email: string }).email).toMatch(/^psn_[0-9a-f]{24}$/);
    expect(await verifyChain()).toEqual({ ok: true, checked: 5, unchained: 0, problem: null });
  });

  test('concurrent writers (this process and two others, interleaved) never fork the chain', async () => {
    const child = (tag: string) =>
      new Promise<void>((resolve, reject) => {
        execFile(
          process.execPath,
          ['--import', 'tsx', path.resolve(import.meta.dirname, '../testing/db/audit-writer.ts'), '20', tag],
          { env: process.env },
          (e) => (e ? reject(e) : resolve()),
        );
      });
    await Promise.all([
      child('a'),
      child('b'),
      ...Array.from({ length: 20 }, (_, i) => writeAudit(db, entry(100 + i))),
    ]);
    const seqs = (await db.auditLog.findMany({ orderBy: { seq: 'asc' }, select: { seq: true } })).map((r) => r.seq);
    expect(seqs).toEqual(Array.from({ length: 65 }, (_, i) => i + 1));
    expect(await db.auditLog.count({ where: { action: { in: ['test.a', 'test.b'] } } })).toBe(40);
    expect((await getChainHead(db))?.seq).toBe(65);
    expect(await verifyChain()).toMatchObject({ ok: true, checked: 65 });
  });

  test('an altered row is named', async () => {
    const row = await db.auditLog.findFirstOrThrow({ where: { seq: 7 } });
    await db.auditLog.update({ where: { id: row.id }, data: { action: 'test.forged' } });
    expect(await verifyChain()).toMatchObject({ ok: false, problem: { kind: 'altered', seq: 7, id: row.id } });
    await db.auditLog.update({ where: { id: row.id }, data: { action: row.action } });
    expect(await verifyChain()).toMatchObject({ ok: true });
  });

  test('an altered row whose hash was recomputed is still caught by the next link', async () => {
    const row = await db.auditLog.findFirstOrThrow({ where: { seq: 9 } });
    await db.auditLog.update({ where: { id: row.id }, data: { hash: 'f'.repeat(64) } });
    expect(await verifyChain()).toMatchObject({ ok: false, problem: { kind: 'altered', seq: 9, id: row.id } });
    await db.auditLog.update({ where: { id: row.id }, data: { hash: row.hash } });
  });

  test('a deleted row is named, in the middle and at the end', async () => {
    await db.auditLog.deleteMany({ where: { seq: 12 } });
    expect(await verifyChain()).toMatchObject({ ok: false, problem: { kind: 'deleted', seq: 12 } });
    const admin = (await testActors()).admin;
    await expect(verifyAuditChain(admin)).resolves.toMatchObject({ ok: false });
    const { marketer } = await testActors();
    await expect(verifyAuditChain(marketer)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  test('deleting the newest entry is caught against the chain head', async () => {
    await db.auditLog.deleteMany({ where: { seq: { lt: 20 } } });
    await db.auditChainHead.deleteMany();
    await db.auditLog.updateMany({ data: { seq: null, prevHash: null, hash: null } });
    expect(await verifyChain()).toMatchObject({ ok: true, checked: 0, unchained: 46 });
    const last = await writeAudit(db, entry(1));
    expect(await verifyChain()).toMatchObject({ ok: true, checked: 47, unchained: 0 }); // legacy entries taken in
    await db.auditLog.delete({ where: { id: last.id } });
    expect(await verifyChain()).toMatchObject({ ok: false, problem: { kind: 'deleted', seq: 47 } });
  });

  test('entries written before the chain are taken in with their identifiers pseudonymised', async () => {
    await db.auditLog.deleteMany();
    await db.auditChainHead.deleteMany();
    await db.auditLog.create({
      data: { actorType: 'system', action: 'user.create_first_admin', details: { email: 'legacy@example.com' } },
    });
    await writeAudit(db, entry(2));
    const rows = await db.auditLog.findMany({ orderBy: { seq: 'asc' } });
    expect(rows.map((r) => r.seq)).toEqual([1, 2]);
    expect(JSON.stringify(rows[0]!.details)).not.toContain('legacy@example.com');
    expect(await verifyChain()).toMatchObject({ ok: true, checked: 2, unchained: 0 });
  });
});
