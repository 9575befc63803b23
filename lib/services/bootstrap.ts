import { randomBytes } from 'node:crypto';
import { writeAudit } from '@/lib/db/audit';
import type { Db } from '@/lib/db/create-client';
import { isUniqueViolation } from '@/lib/db/privacy';
import { scheduleNightlyQualityJob } from '@/lib/db/quality/runs';
import { countUsers, createUser } from '@/lib/db/users';
import { nextNightlyRun } from '@/lib/engine/quality/window';
import { hashPassword, passwordProblem } from '@/lib/security/password';

/**
 * First run: when no user exists, create an admin from PRECISA_ADMIN_EMAIL / PRECISA_ADMIN_PASSWORD, or with a
 * generated password that is returned (and printed by the caller) exactly once.
 */
export async function ensureFirstAdmin(db: Db, env: NodeJS.ProcessEnv = process.env) {
  if ((await countUsers(db)) > 0) return null;
  const email = (env.PRECISA_ADMIN_EMAIL ?? 'admin@precisa.local').trim().toLowerCase();
  const fromEnv = env.PRECISA_ADMIN_PASSWORD;
  if (fromEnv && passwordProblem(fromEnv)) throw new Error(`PRECISA_ADMIN_PASSWORD: ${passwordProblem(fromEnv)}`);
  const password = fromEnv ?? randomBytes(12).toString('base64url');
  try {
    await createUser(db, { email, name: 'Admin', role: 'admin', passwordHash: await hashPassword(password) });
  } catch (e) {
    // several instances started at once on an empty database: one creates the admin, the others carry on
    if (isUniqueViolation(e)) return null;
    throw e;
  }
  await writeAudit(db, { actorType: 'system', action: 'user.create_first_admin', details: { email } });
  return { email, password, generated: !fromEnv };
}

/** Every start makes sure the nightly data-quality report is scheduled (each run schedules the next one). */
export function ensureNightlyQuality(db: Db, now = Date.now()) {
  return scheduleNightlyQualityJob(db, nextNightlyRun(now));
}
