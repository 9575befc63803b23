import type { DbOrTx } from './transaction';

/** Records a signed-out session id until `expiresAt`, and drops entries whose tokens have expired anyway. */
export async function revokeSession(db: DbOrTx, sid: string, expiresAt: Date, now: Date) {
  await db.revokedSession.deleteMany({ where: { expiresAt: { lt: now } } });
  await db.revokedSession.upsert({ where: { sid }, create: { sid, expiresAt }, update: {} });
}

export async function isSessionRevoked(db: DbOrTx, sid: string) {
  return (await db.revokedSession.findUnique({ where: { sid }, select: { sid: true } })) !== null;
}
