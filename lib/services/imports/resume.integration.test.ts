import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { customersCsv, EVENT_HEADER, writeEventsCsv } from '@/bench/import-data';
import {
  count,
  createImportJob,
  createScratchDatabase,
  dropScratchTemplate,
  query,
  type ScratchDb,
} from '@/lib/testing/db/scratch';
import { ImportConflictError, runImport } from './run-import';

let db: ScratchDb;
let dir: string;

function write(name: string, content: string | Buffer) {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}

beforeAll(async () => {
  db = await createScratchDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-import-resume-'));
  const c = await runImport(
    await createImportJob(db.url, { kind: 'customers', filePath: write('c.csv', customersCsv(200)) }),
    { url: db.url },
  );
  expect(c.inserted).toBe(200);
});

afterAll(async () => {
  await db.drop();
  await dropScratchTemplate();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** 2,000 events without skus, plus a conflicting and an identical repeat of early rows near the end. */
function eventsFile() {
  const base = path.join(dir, 'base.csv');
  writeEventsCsv(base, { customers: 200, products: 1, events: 2000, seed: 5 });
  const lines = fs
    .readFileSync(base, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.replace(/,SKU-\d+,/, ',,'));
  const second = lines[2]!;
  const third = lines[3]!;
  const conflicting = third.replace(/,s([0-9a-z]+),/, ',changed-$1,');
  expect(conflicting).not.toBe(third);
  lines.push(second, conflicting, 'not-an-event,C0000001,teleport,2024-01-01,,,,,,,,,,,');
  return write('events.csv', `${lines.join('\n')}\n`);
}

const snapshot = async (id: string) => ({
  events: await query(
    db.url,
    'SELECT "dedupKey", "customerId", "type", "ts", "price", "value", "quantity" FROM "Event" ORDER BY "dedupKey"',
  ),
  errors: await query(
    db.url,
    'SELECT "line", "column", "reason", "raw" FROM "ImportError" WHERE "importId" = ? ORDER BY "line"',
    [id],
  ),
});

describe.each([false, true])('resume (validateInWorker %s)', (validateInWorker) => {
  test('a cancelled import resumes from its cursor and ends exactly like an uninterrupted one', async () => {
    const file = eventsFile();
    const opts = { batchSize: 150, commitRows: 150 };
    await query(db.url, 'DELETE FROM "Event"'); // the other mode's runs wrote the same events
    // uninterrupted reference run
    const refId = await createImportJob(db.url, { kind: 'events', filePath: file, options: opts });
    const ref = await runImport(refId, { url: db.url, validateInWorker });
    expect(ref).toMatchObject({ status: 'completed', rowsRead: 2003, inserted: 2000, unchanged: 1, rejected: 2 });
    const expected = await snapshot(refId);
    await query(db.url, 'DELETE FROM "Event"');

    const id = await createImportJob(db.url, { kind: 'events', filePath: file, options: opts });
    const stops = [1, 4, 9];
    let calls = 0;
    for (const stop of stops) {
      const ctl = new AbortController();
      const s = await runImport(id, {
        url: db.url,
        validateInWorker,
        signal: ctl.signal,
        onProgress: () => ++calls >= stop && ctl.abort(),
      });
      expect(s.status).toBe('cancelled');
      const [job] = await query<Record<string, number | string>>(
        db.url,
        'SELECT "cursorByte", "rowsRead", "inserted", "unchanged", "rejected", "status" FROM "ImportJob" WHERE "id" = ?',
        [id],
      );
      const n = (k: string) => Number(job![k]);
      expect(job!.status).toBe('cancelled');
      expect(n('cursorByte')).toBeGreaterThan(0);
      // what is committed matches the cursor: every row read is written, skipped as a repeat, or rejected
      expect(n('rowsRead')).toBe(n('inserted') + n('unchanged') + n('rejected'));
      expect(await count(db.url, 'Event')).toBe(n('inserted'));
      expect(await count(db.url, 'ImportError', `WHERE "importId" = '${id}'`)).toBe(n('rejected'));
      calls = 0;
    }
    const done = await runImport(id, { url: db.url, validateInWorker });
    expect(done).toMatchObject({ status: 'completed', rowsRead: 2003, inserted: 2000, unchanged: 1, rejected: 2 });
    const got = await snapshot(id);
    expect(got.events).toEqual(expected.events);
    expect(got.errors).toEqual(expected.errors);
    expect(got.errors.map((e) => e.reason)).toEqual([
      expect.stringMatching(/^duplicate event: line 4 has the same event_id/),
      expect.stringMatching(/^unknown event_type "teleport"/),
    ]);
    // completed imports are not run again
    expect(await runImport(id, { url: db.url })).toMatchObject({ status: 'completed', rowsRead: 2003 });
  });

  test('a second runner of the same import stops instead of writing twice', async () => {
    const file = eventsFile();
    const id = await createImportJob(db.url, {
      kind: 'events',
      filePath: file,
      options: { batchSize: 100, commitRows: 100 },
    });
    let moved = false;
    const run = runImport(id, {
      url: db.url,
      validateInWorker,
      onProgress: () => {
        if (moved) return;
        moved = true;
        void query(db.url, 'UPDATE "ImportJob" SET "cursorByte" = "cursorByte" + 1 WHERE "id" = ?', [id]);
      },
    });
    await expect(run).rejects.toBeInstanceOf(ImportConflictError);
  });
});

describe('file-level failures', () => {
  test.each([
    ['empty.csv', Buffer.alloc(0), 'the file is empty'],
    [
      'utf16.csv',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('customer_id,event_type\n', 'utf16le')]),
      'the file is UTF-16 encoded (Excel "Unicode text"); save it as "CSV UTF-8" and upload again',
    ],
    [
      'header-only.csv',
      Buffer.from('"unterminated,header\n'),
      'the header line cannot be read: unterminated quoted field: the quote opened on line 1 is never closed before the end of the file',
    ],
  ])('%s', async (name, content, error) => {
    const id = await createImportJob(db.url, { kind: 'events', filePath: write(name, content) });
    expect(await runImport(id, { url: db.url })).toMatchObject({ status: 'failed', error });
  });

  test('bad options and an unknown time zone', async () => {
    const file = write('ok.csv', `${EVENT_HEADER}\n`);
    expect(
      await runImport(
        await createImportJob(db.url, { kind: 'events', filePath: file, options: { timezone: 'Mars/Olympus' } }),
        { url: db.url },
      ),
    ).toMatchObject({ status: 'failed', error: expect.stringMatching(/unknown time zone "Mars\/Olympus"/) });
    expect(
      await runImport(await createImportJob(db.url, { kind: 'events', filePath: file, options: { batchSize: -1 } }), {
        url: db.url,
      }),
    ).toMatchObject({ status: 'failed', error: expect.stringMatching(/^invalid import options: batchSize/) });
    expect(
      await runImport(await createImportJob(db.url, { kind: 'widgets', filePath: file }), { url: db.url }),
    ).toMatchObject({ status: 'failed', error: expect.stringMatching(/unknown import kind "widgets"/) });
  });

  test('invalid UTF-8 far into a UTF-8 file rejects only that row', async () => {
    const filler = Array.from(
      { length: 30_000 },
      (_, i) =>
        `C${String((i % 200) + 1).padStart(7, '0')},view,2024-01-01T00:00:${String(i % 60).padStart(2, '0')}Z,q${i}`,
    ).join('\n');
    const file = write(
      'late-bad.csv',
      Buffer.concat([
        Buffer.from(`customer_id,event_type,timestamp,query\n${filler}\nC0000001,search,2024-02-01,caf`),
        Buffer.from([0xe9]),
        Buffer.from('\nC0000002,search,2024-02-01,ok\n'),
      ]),
    );
    expect(fs.statSync(file).size).toBeGreaterThan(1 << 20);
    const id = await createImportJob(db.url, { kind: 'events', filePath: file });
    const s = await runImport(id, { url: db.url });
    expect(s).toMatchObject({ status: 'completed', encoding: 'utf-8', rowsRead: 30_002, rejected: 1 });
    const [e] = await query<{ line: number; column: string; reason: string }>(
      db.url,
      'SELECT "line", "column", "reason" FROM "ImportError" WHERE "importId" = ?',
      [id],
    );
    expect(e).toEqual({
      line: 30_002,
      column: 'query',
      reason:
        "invalid byte sequence in column 4: the text is not valid UTF-8 (choose the file's encoding or re-save it as UTF-8)",
    });
  });
});
