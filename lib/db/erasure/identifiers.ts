import type { DbOrTx } from '../transaction';

/**
 * Keyed pseudonyms of erased customers' e-mails and phones (never the values). The customer import reads them to
 * withhold consent from a re-imported address until consent is given again; see lib/services/imports.
 */
export async function recordErasedIdentifiers(
  db: DbOrTx,
  identifiers: readonly { pseudonym: string; kind: 'email' | 'phone' }[],
  at: Date,
) {
  for (const { pseudonym, kind } of identifiers) {
    await db.erasedIdentifier.upsert({
      where: { pseudonym },
      create: { pseudonym, kind, erasedAt: at },
      update: { erasedAt: at },
    });
  }
}

/** Forgets these pseudonyms: consent was given again after the erasure. */
export function liftErasedIdentifiers(db: DbOrTx, pseudonyms: readonly string[]) {
  return db.erasedIdentifier.deleteMany({ where: { pseudonym: { in: [...pseudonyms] } } });
}

export function countErasedIdentifiers(db: DbOrTx, pseudonyms: readonly string[]) {
  return db.erasedIdentifier.count({ where: { pseudonym: { in: [...pseudonyms] } } });
}
