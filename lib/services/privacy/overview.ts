import 'server-only';
import { db } from '@/lib/db/client';
import { listReleases } from '@/lib/db/privacy';
import { budgetPeriod } from '@/lib/stats/privacy/budget';
import { SUPPRESS_BELOW } from '@/lib/stats/privacy/mechanism';
import { authorize, type Actor } from '../auth/actor';
import type { ReleasedValue } from './release';
import { getBudgetMeter } from './reports';
import { getPrivacySettings } from './settings';

/** The Trust page's privacy part: the setting, the budget meter and this period's releases (noisy values only). */
export async function getPrivacyOverview(actor: Actor | null, now = new Date()) {
  authorize(actor, 'trust:read-all');
  const settings = await getPrivacySettings();
  const [meter, releases] = await Promise.all([
    getBudgetMeter(settings, now),
    listReleases(db, { period: budgetPeriod(now), take: 50 }),
  ]);
  return {
    settings,
    meter,
    releases: releases.map((r) => {
      const values = r.values as ReleasedValue[];
      return {
        id: r.id,
        kind: r.kind,
        createdAt: r.createdAt,
        epsilon: r.epsilon,
        query: r.query as Record<string, unknown>,
        values: values.map((v) => ({ ...v, isSuppressed: v.value < SUPPRESS_BELOW })),
      };
    }),
  };
}
export type PrivacyOverview = Awaited<ReturnType<typeof getPrivacyOverview>>;
