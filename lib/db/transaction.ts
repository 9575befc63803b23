import type { Db } from './create-client';

/** The handle a transaction hands its callback: the client's model API without transaction control. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** Either the client or a transaction handle: what every read and write in lib/db accepts. */
export type DbOrTx = Db | Tx;

/**
 * Runs `fn` in one interactive transaction: every lib/db call given `tx` commits together or not at all. Services
 * orchestrate multi-step writes through this without touching the Prisma models.
 */
export function withTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(fn);
}
