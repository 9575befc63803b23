import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { descendants, parseStatus, readAllStatuses, treeMemory } from './proc-memory';

// A Node process's /proc/<pid>/status as Linux 6.x writes it (abridged at the end).
const NODE_STATUS = `Name:\tnext-server (v1
Umask:\t0022
State:\tS (sleeping)
Tgid:\t48213
Ngid:\t0
Pid:\t48213
PPid:\t48190
TracerPid:\t0
Uid:\t0\t0\t0\t0
VmPeak:\t 33554432 kB
VmSize:\t 33280000 kB
VmLck:\t       0 kB
VmHWM:\t  412876 kB
VmRSS:\t  268544 kB
RssAnon:\t  190012 kB
RssFile:\t   78532 kB
Threads:\t11
`;
const KERNEL_THREAD = 'Name:\tkworker/0:1\nState:\tI (idle)\nTgid:\t17\nPid:\t17\nPPid:\t2\nThreads:\t1\n';

describe('parseStatus', () => {
  test('reads pid, parent, name, resident and peak resident size in kB', () => {
    expect(parseStatus(NODE_STATUS)).toEqual({
      pid: 48213,
      ppid: 48190,
      name: 'next-server (v1',
      rssKb: 268544,
      hwmKb: 412876,
    });
  });
  test('the example in its comment', () => {
    expect(parseStatus('Name:\tnode\nPid:\t42\nPPid:\t1\nVmHWM:\t  2048 kB\nVmRSS:\t  1024 kB\n')).toEqual({
      pid: 42,
      ppid: 1,
      name: 'node',
      rssKb: 1024,
      hwmKb: 2048,
    });
  });
  test('a kernel thread (no VmRSS) or garbage is not a process with memory', () => {
    expect(parseStatus(KERNEL_THREAD)).toBeNull();
    expect(parseStatus('')).toBeNull();
    expect(parseStatus(NODE_STATUS.replace('268544 kB', 'lots'))).toBeNull();
  });
});

describe('descendants', () => {
  test('the example in its comment', () => {
    expect(
      descendants(1, [
        { pid: 2, ppid: 1 },
        { pid: 3, ppid: 2 },
        { pid: 4, ppid: 9 },
      ]),
    ).toEqual([1, 2, 3]);
  });
  test('a cluster primary with two workers, one of which forked a helper; unrelated processes left out', () => {
    const ps = [
      { pid: 100, ppid: 1 },
      { pid: 120, ppid: 100 },
      { pid: 110, ppid: 100 },
      { pid: 130, ppid: 120 },
      { pid: 200, ppid: 1 },
      { pid: 210, ppid: 200 },
    ];
    expect(descendants(100, ps)).toEqual([100, 110, 120, 130]);
    expect(descendants(200, ps)).toEqual([200, 210]);
    expect(descendants(999, ps)).toEqual([999]);
  });
});

describe('treeMemory', () => {
  test('sums the resident and peak sizes of the tree, and skips processes that have gone', () => {
    const statuses = [
      { pid: 10, ppid: 1, name: 'node', rssKb: 1000, hwmKb: 1500 },
      { pid: 11, ppid: 10, name: 'node', rssKb: 300, hwmKb: 400 },
      { pid: 12, ppid: 10, name: 'node', rssKb: 200, hwmKb: 250 },
      { pid: 50, ppid: 1, name: 'other', rssKb: 9999, hwmKb: 9999 },
    ];
    const t = treeMemory(10, statuses);
    expect(t.processes.map((p) => p.pid)).toEqual([10, 11, 12]);
    expect([t.rssKb, t.hwmKb]).toEqual([1500, 2150]);
    expect(treeMemory(77, statuses)).toEqual({ processes: [], rssKb: 0, hwmKb: 0 });
  });

  test('reads a /proc-like folder (numeric entries only, unreadable ones skipped)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proc-memory-'));
    try {
      for (const [pid, text] of [
        ['48213', NODE_STATUS],
        ['17', KERNEL_THREAD],
      ] as const) {
        fs.mkdirSync(path.join(dir, pid));
        fs.writeFileSync(path.join(dir, pid, 'status'), text);
      }
      fs.mkdirSync(path.join(dir, '999')); // ended: no status file
      fs.mkdirSync(path.join(dir, 'self'));
      expect(readAllStatuses(dir).map((s) => s.pid)).toEqual([48213]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('this test process, read from the real /proc, has a resident size no larger than its peak', () => {
    const t = treeMemory(process.pid);
    expect(t.processes[0]?.pid).toBe(process.pid);
    expect(t.rssKb).toBeGreaterThan(10_000);
    expect(t.hwmKb).toBeGreaterThanOrEqual(t.processes[0]!.rssKb);
  });
});
