import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { startCheckpointer } from './checkpointer';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A WAL database whose writer never checkpoints by itself, with `rows` rows committed to its log. */
function writer(rows: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-checkpointer-'));
  dirs.push(dir);
  const file = path.join(dir, 'shop.db');
  const conn = new Database(file);
  conn.pragma('journal_mode = WAL');
  conn.pragma('wal_autocheckpoint = 0');
  conn.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  const insert = conn.prepare('INSERT INTO t (v) VALUES (?)');
  conn.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(`row ${i}`);
  })();
  return { file, dir, conn, insert };
}

/** Rows of `t` in the database file alone (a copy without its write-ahead log): what a checkpoint has copied there. */
function rowsInMainFile(file: string, dir: string) {
  const copy = path.join(dir, `copy-${Math.random().toString(36).slice(2)}.db`);
  fs.copyFileSync(file, copy);
  const conn = new Database(copy, { readonly: true });
  try {
    const table = conn.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 't'").get() as { n: number };
    return table.n ? (conn.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n : 0;
  } finally {
    conn.close();
  }
}

describe('checkpointing beside an import', () => {
  test("the thread copies the writer's committed log into the database file while the writer stays open", async () => {
    const { file, dir, conn, insert } = writer(500);
    expect(rowsInMainFile(file, dir)).toBe(0); // only in the log so far
    const cp = startCheckpointer(file)!;
    expect(cp.alive).toBe(true);
    cp.request();
    await cp.settled();
    expect(rowsInMainFile(file, dir)).toBe(500);
    // more commits, more requests (one may arrive while another runs): all of it lands
    for (let i = 0; i < 3; i++) {
      insert.run(`late ${i}`);
      cp.request();
    }
    await cp.settled();
    expect(rowsInMainFile(file, dir)).toBe(503);
    await cp.close();
    conn.close();
  });

  test('close checkpoints what is left and ends the thread; requests after it are ignored', async () => {
    const { file, dir, conn, insert } = writer(10);
    const cp = startCheckpointer(file)!;
    insert.run('unrequested');
    await cp.close();
    expect(rowsInMainFile(file, dir)).toBe(11);
    cp.request();
    await cp.settled();
    await cp.close();
    conn.close();
  });

  test('a database file it cannot open ends the thread quietly: settled and close still resolve', async () => {
    const cp = startCheckpointer(path.join(os.tmpdir(), 'precisa-no-such-dir', 'x', 'shop.db'))!;
    cp.request();
    await cp.settled();
    await cp.close();
    expect(cp.alive).toBe(false);
  });
});
