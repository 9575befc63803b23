// Resident memory of a process and everything it started, read from /proc (Linux), without `ps`: the memory
// benchmark (bench/memory.ts) samples the app, the worker and the storefront server with it.
import fs from 'node:fs';

export type ProcStatus = { pid: number; ppid: number; name: string; rssKb: number; hwmKb: number };

/**
 * The fields of a /proc/<pid>/status text that matter here; null when it is not one (a kernel thread has no VmRSS).
 * @example parseStatus('Name:\tnode\nPid:\t42\nPPid:\t1\nVmHWM:\t  2048 kB\nVmRSS:\t  1024 kB\n')
 *   // { pid: 42, ppid: 1, name: 'node', rssKb: 1024, hwmKb: 2048 }
 */
export function parseStatus(text: string): ProcStatus | null {
  const field = (key: string) => new RegExp(`^${key}:\\s*(.*)$`, 'm').exec(text)?.[1]?.trim();
  const kb = (key: string) => {
    const m = /^(\d+)\s*kB$/.exec(field(key) ?? '');
    return m ? Number(m[1]) : null;
  };
  const pid = Number(field('Pid'));
  const ppid = Number(field('PPid'));
  const rssKb = kb('VmRSS');
  const hwmKb = kb('VmHWM');
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(ppid) || rssKb === null || hwmKb === null) return null;
  return { pid, ppid, name: field('Name') ?? '', rssKb, hwmKb };
}

/**
 * `root` and all its descendants, parents before children, from every process's parent id.
 * @example descendants(1, [{ pid: 2, ppid: 1 }, { pid: 3, ppid: 2 }, { pid: 4, ppid: 9 }]) // [1, 2, 3]
 */
export function descendants(root: number, processes: { pid: number; ppid: number }[]): number[] {
  const children = new Map<number, number[]>();
  for (const p of processes) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const out: number[] = [];
  const queue = [root];
  const seen = new Set<number>();
  while (queue.length) {
    const pid = queue.shift()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    out.push(pid);
    queue.push(...(children.get(pid) ?? []).sort((a, b) => a - b));
  }
  return out;
}

/** Every readable process's status now (processes that end while being read are left out). */
export function readAllStatuses(procDir = '/proc'): ProcStatus[] {
  const out: ProcStatus[] = [];
  for (const entry of fs.readdirSync(procDir)) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const s = parseStatus(fs.readFileSync(`${procDir}/${entry}/status`, 'utf8'));
      if (s) out.push(s);
    } catch {
      /* ended meanwhile */
    }
  }
  return out;
}

/** The process tree under `root` now: each process's resident and peak resident size, and their sums. */
export function treeMemory(root: number, statuses: ProcStatus[] = readAllStatuses()) {
  const byPid = new Map(statuses.map((s) => [s.pid, s]));
  const processes = descendants(root, statuses)
    .map((pid) => byPid.get(pid))
    .filter((s): s is ProcStatus => s !== undefined);
  return {
    processes,
    rssKb: processes.reduce((a, p) => a + p.rssKb, 0),
    hwmKb: processes.reduce((a, p) => a + p.hwmKb, 0),
  };
}
