import 'server-only';
import { createHash } from 'node:crypto';
import { writeAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { createRelease, ensureBudget, findRelease, isUniqueViolation, trySpend } from '@/lib/db/privacy';
import { withTransaction } from '@/lib/db/transaction';
import { AppError } from '@/lib/errors';
import type { PrivacySettings } from '@/lib/schemas/privacy';
import { budgetPeriod, splitEpsilon, toMilli } from '@/lib/stats/privacy/budget';
import { releaseVector } from '@/lib/stats/privacy/gaussian';
import { type NoisyValue, releaseCount, SUPPRESS_BELOW } from '@/lib/stats/privacy/mechanism';
import type { UserActor } from '../auth/actor';

export type ReleaseKind = 'dashboard' | 'segment-sizes' | 'segment-history' | 'campaign-results';
export type TrueValue = { key: string; value: number; sensitivity: number };
export type ReleasedValue = NoisyValue & { key: string };
export type Release = {
  id: number;
  kind: string;
  createdAt: Date;
  epsilon: number;
  isCached: boolean;
  values: ReleasedValue[];
};

export type ReleaseRequest = {
  kind: ReleaseKind;
  /** what was asked, in words a reviewer can read (logged in the audit entry) */
  query: Record<string, unknown>;
  /** fingerprint of the data state: the same query on the same data is re-served from the cache at no cost */
  dataStamp: string;
  /** the true values with each value's sensitivity; called only when the release is not cached */
  compute: () => Promise<TrueValue[]>;
  /**
   * A vector of counts released as one (a chart series, a breakdown): discrete Gaussian noise on every value, the
   * report's whole ε at the settings' δ, with this L2 sensitivity (√k when one customer is in k cells). Without it,
   * each value gets discrete Laplace noise with its own sensitivity and an even share of ε.
   */
  vector?: { l2Sensitivity: number };
};

function queryKey(req: ReleaseRequest, settings: PrivacySettings) {
  const text = JSON.stringify([
    req.kind,
    req.query,
    req.dataStamp,
    settings.epsilonPerReport,
    settings.revenueClip,
    req.vector ? settings.delta : null,
  ]);
  return createHash('sha256').update(text).digest('hex');
}

/** The noisy values of a release and what its audit entry says about the mechanism (never a true value). */
function noisyValues(truth: TrueValue[], settings: PrivacySettings, vector: ReleaseRequest['vector']) {
  if (vector) {
    const r = releaseVector({
      values: truth.map((t) => t.value),
      l2Sensitivity: vector.l2Sensitivity,
      epsilon: settings.epsilonPerReport,
      delta: settings.delta,
    });
    const values: ReleasedValue[] = truth.map((t, i) => ({
      key: t.key,
      value: r.values[i]!,
      isSuppressed: r.values[i]! < SUPPRESS_BELOW,
      sensitivity: r.l2Sensitivity,
      epsilon: r.epsilon,
      margin95: r.margin95,
      mechanism: 'discrete Gaussian',
      delta: r.delta,
    }));
    const audit = {
      mechanism: 'discrete Gaussian',
      l2Sensitivity: r.l2Sensitivity,
      sigma2: r.sigma2,
      rho: r.rho,
      epsilonCharged: r.epsilon,
      delta: r.delta,
      cells: truth.length,
    };
    return { values, audit };
  }
  const epsilon = splitEpsilon(settings.epsilonPerReport, truth.length);
  const values: ReleasedValue[] = truth.map((t) => ({ key: t.key, ...releaseCount({ ...t, epsilon }) }));
  const audit = {
    mechanism: 'discrete Laplace',
    epsilonPerValue: epsilon,
    sensitivity: Object.fromEntries(truth.map((t) => [t.key, t.sensitivity])),
  };
  return { values, audit };
}

function toRelease(row: NonNullable<Awaited<ReturnType<typeof findRelease>>>, isCached: boolean): Release {
  return {
    id: row.id,
    kind: row.kind,
    createdAt: row.createdAt,
    epsilon: row.epsilon,
    isCached,
    values: (row.values as ReleasedValue[]).map((v) => ({ ...v, isSuppressed: v.value < SUPPRESS_BELOW })),
  };
}

/** The cached release of a query in the current period, or null (looking costs nothing). */
export async function cachedRelease(req: ReleaseRequest, settings: PrivacySettings, now = new Date()) {
  const row = await findRelease(db, budgetPeriod(now), queryKey(req, settings));
  return row ? toRelease(row, true) : null;
}

/**
 * Releases a report with differential privacy: the report's ε is split evenly over its values (basic composition),
 * each value gets discrete Laplace noise of scale sensitivity/ε, and the period's budget is charged atomically —
 * a release that does not fit is refused (409) and leaves no trace but the refusal. The audit entry records ε,
 * the sensitivities and the query, never a true value. The same query on the same data in the same period is
 * served from the cache without spending.
 */
export async function releasePrivately(
  actor: UserActor,
  settings: PrivacySettings,
  req: ReleaseRequest,
  now = new Date(),
): Promise<Release> {
  const period = budgetPeriod(now);
  const key = queryKey(req, settings);
  const cached = await findRelease(db, period, key);
  if (cached) return toRelease(cached, true);
  const truth = await req.compute();
  if (truth.length === 0) throw new AppError('INSUFFICIENT_DATA', 'privacy.errors.nothingToRelease');
  const { values, audit } = noisyValues(truth, settings, req.vector);
  await ensureBudget(db, period, toMilli(settings.monthlyBudget));
  try {
    const row = await withTransaction(db, async (tx) => {
      if (!(await trySpend(tx, period, toMilli(settings.epsilonPerReport)))) {
        throw new AppError('CONFLICT', 'privacy.errors.budgetSpent', { period });
      }
      const created = await createRelease(tx, {
        period,
        queryKey: key,
        kind: req.kind,
        query: req.query,
        epsilon: settings.epsilonPerReport,
        values,
        actorId: actor.userId,
      });
      await writeAudit(tx, {
        actorType: 'user',
        actorId: actor.userId,
        action: 'privacy.release',
        targetType: 'privacy_release',
        targetId: created.id,
        details: { kind: req.kind, query: req.query, epsilon: settings.epsilonPerReport, ...audit },
      });
      return created;
    });
    return toRelease(row, false);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await findRelease(db, period, key);
    if (!winner) throw error;
    return toRelease(winner, true);
  }
}
