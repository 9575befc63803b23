import 'server-only';
import { writeAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { setBudgetLimit } from '@/lib/db/privacy';
import { getSettingValue, putSettingValue } from '@/lib/db/settings';
import { withTransaction } from '@/lib/db/transaction';
import { DEFAULT_PRIVACY, type PrivacySettings, privacySettingsSchema } from '@/lib/schemas/privacy';
import { budgetPeriod, toMilli } from '@/lib/stats/privacy/budget';
import type { Role } from '@/lib/security/roles';
import { authorize, type Actor } from '../auth/actor';
import { parseInput } from '../validate';

/** Who sees released (noisy) aggregates instead of exact ones when the shop has differential privacy on. */
export function seesNoisyAggregates(role: Role, settings: PrivacySettings) {
  return settings.enabled && role === 'manager';
}

/** True when this actor must not receive exact aggregates or customer rows of aggregate pages (a manager under DP). */
export async function isPrivateViewer(role: Role) {
  return seesNoisyAggregates(role, await getPrivacySettings());
}

export async function getPrivacySettings(): Promise<PrivacySettings> {
  const parsed = privacySettingsSchema.safeParse(await getSettingValue(db, 'privacy'));
  return parsed.success ? parsed.data : DEFAULT_PRIVACY;
}

/** Admins switch differential privacy on or off and set ε per report, the monthly budget and the revenue clip. */
export async function savePrivacySettings(actor: Actor | null, input: unknown, now = new Date()) {
  const admin = authorize(actor, 'settings:manage');
  const value = parseInput(privacySettingsSchema, input);
  await withTransaction(db, async (tx) => {
    await putSettingValue(tx, 'privacy', value);
    await setBudgetLimit(tx, budgetPeriod(now), toMilli(value.monthlyBudget));
    await writeAudit(tx, { actorType: 'user', actorId: admin.userId, action: 'privacy.settings', details: value });
  });
  return value;
}
