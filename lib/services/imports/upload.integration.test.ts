import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { gzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import type { UserActor } from '@/lib/services/auth/actor';
import { cancelImport, startImport } from './imports';
import { receiveUpload, uploadsDir } from './upload';

process.env.PRECISA_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-upload-it-'));
const u = await db.user.create({
  data: { email: `upload-${Date.now()}@example.com`, name: 'Uploader', passwordHash: 'x', role: 'admin' },
});
const admin: UserActor = { type: 'user', userId: u.id, role: 'admin', email: u.email, name: u.name, locale: 'en' };
const body = (bytes: Uint8Array) =>
  Readable.toWeb(Readable.from([Buffer.from(bytes)])) as WebReadableStream<Uint8Array>;

test('gzip and other binary files named .csv are refused before any job exists, and their bytes are deleted', async () => {
  const csv = new TextEncoder().encode('sku,title,price\nA,Shoe,1\n');
  for (const [bytes, kind] of [
    [gzipSync(csv), 'gzip'],
    [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0]), 'zip'],
    [new Uint8Array([0x73, 0x00, 0x6b, 0x00, 0x75, 0x00]), 'binary'],
  ] as const) {
    await expect(
      receiveUpload(admin, { kind: 'catalogue', name: 'shop.csv', body: body(bytes) }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', key: 'errors.imports.notText', params: { kind } });
  }
  expect(fs.existsSync(uploadsDir()) ? fs.readdirSync(uploadsDir()) : []).toEqual([]);
  expect(await db.importJob.count({ where: { createdById: u.id } })).toBe(0);
  const ok = await receiveUpload(admin, { kind: 'catalogue', name: 'shop.csv', body: body(csv) });
  expect(await db.importJob.findUnique({ where: { id: ok.id } })).toMatchObject({ fileSize: csv.length });
});

test('an upload waiting for its mapping can be cancelled: the file is deleted, the row says cancelled, it cannot start', async () => {
  const csv = new TextEncoder().encode('sku,title,price\nA,Shoe,1\n');
  const up = await receiveUpload(admin, { kind: 'catalogue', name: 'wrong-file.csv', body: body(csv) });
  const row = await db.importJob.findUniqueOrThrow({ where: { id: up.id } });
  expect(fs.existsSync(row.filePath)).toBe(true);
  const marketer: UserActor = { ...admin, role: 'marketer' };
  await expect(cancelImport(marketer, up.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  await cancelImport(admin, up.id);
  expect(fs.existsSync(row.filePath)).toBe(false);
  expect(await db.importJob.findUnique({ where: { id: up.id } })).toMatchObject({ status: 'cancelled' });
  expect(await db.auditLog.count({ where: { action: 'import.discard', targetId: up.id } })).toBe(1);
  await expect(cancelImport(admin, up.id)).rejects.toMatchObject({ code: 'CONFLICT' });
  await expect(
    startImport(admin, { importId: up.id, mapping: { sku: 'sku', title: 'title', price: 'price' }, options: {} }),
  ).rejects.toMatchObject({ code: 'NOT_FOUND', key: 'errors.imports.fileGone' });
});
