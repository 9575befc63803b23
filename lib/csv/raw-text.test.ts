import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { openRawText } from './raw-text';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raw-text-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('reads a record back by byte offsets', () => {
  const file = path.join(dir, 'a.csv');
  fs.writeFileSync(file, 'h\n名,=1+1\n');
  const raw = openRawText(file, 'utf-8');
  expect(raw.read(2, 10)).toBe('名,=1+1'); // 名 is 3 bytes
  raw.close();
});

test("closing twice leaves alone the file that got the closed one's descriptor (found by the CSV fuzz suite)", () => {
  // the events validation worker closed its raw-text reader again when a credit arrived after the last chunk
  const a = path.join(dir, 'b.csv');
  const b = path.join(dir, 'c.csv');
  fs.writeFileSync(a, 'aaa');
  fs.writeFileSync(b, 'bbb');
  const raw = openRawText(a, 'utf-8');
  raw.close();
  const other = fs.openSync(b, 'r'); // the lowest free number: usually the one just closed
  raw.close();
  const buf = Buffer.alloc(3);
  expect(fs.readSync(other, buf, 0, 3, 0)).toBe(3);
  expect(buf.toString()).toBe('bbb');
  fs.closeSync(other);
});
