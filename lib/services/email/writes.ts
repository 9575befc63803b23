import 'server-only';
import { db } from '@/lib/db/client';
import { withTransaction, type DbOrTx } from '@/lib/db/transaction';

/** How a sender writes: `fn` gets the client or a transaction, and the promise settles once the write committed. */
export type Write = <T>(fn: (tx: DbOrTx) => Promise<T>) => Promise<T>;

/** Each write its own commit (a campaign wave: one send at a time). */
export const writeNow: Write = (fn) => fn(db);

type Queued = { fn: (tx: DbOrTx) => Promise<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void };

/**
 * Group commit for sends side by side (a flow run's lanes): a group gathers the writes queued within `gatherMs` of
 * its first one (or until `flushAt` are queued) and while the previous group commits, and goes in one transaction —
 * one commit, on SQLite one fsync, and one transaction's worth of client work instead of one per write. Without the
 * gathering, lanes whose SMTP answers arrive one at a time made groups of 1.4 writes on average (1,000 flow sends:
 * 5,600 transactions); a lane waiting for its group costs no CPU, and the CPU is what limits a run. A caller's
 * promise settles when its group committed, so a `sending` mark is durable before its SMTP transaction. If a group
 * fails, its writes are tried again one by one, so one bad write fails only its own caller. Every write of the lanes
 * must come through here: on SQLite they share the client's one connection, and a write beside an open group would
 * join it.
 */
export function groupCommit({ gatherMs = 0, flushAt = Number.POSITIVE_INFINITY } = {}): Write {
  let queue: Queued[] = [];
  let flushing = false;
  let gathered: (() => void) | null = null;
  const gather = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => gathered?.(), gatherMs);
      gathered = () => {
        clearTimeout(timer);
        gathered = null;
        resolve();
      };
    });
  const commit = (group: Queued[]) =>
    withTransaction(db, async (tx) => {
      const results: unknown[] = [];
      for (const w of group) results.push(await w.fn(tx));
      return results;
    });
  const flush = async () => {
    flushing = true;
    if (gatherMs > 0) await gather();
    while (queue.length) {
      const group = queue;
      queue = [];
      try {
        const results = await commit(group);
        for (const [i, w] of group.entries()) w.resolve(results[i]);
      } catch {
        for (const w of group) await commit([w]).then(([r]) => w.resolve(r), w.reject);
      }
    }
    flushing = false;
  };
  return <T>(fn: (tx: DbOrTx) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (queue.length >= flushAt) gathered?.();
      if (!flushing) void flush();
    });
}
